"""The desk under 20 moderators at once, over 1,000,000 items: this code and the old.

Usage: python bench/web.py [--items 1000000] [--db sqlite|postgres|both]
                           [--moderators 20] [--seconds 60] [--think 0.5]
                           [--old REF | --no-old] [--data var/bench-web] [--rebuild]

Data is built once and kept (``--rebuild`` builds it again):

- SQLite: ``<data>/old-<items>.sqlite3``, migrated by the old code (``--old``, default
  ``main``, checked out into a ``git worktree`` of its own) and loaded; then copied to
  ``<data>/new-<items>.sqlite3`` and migrated by this code (its search index included).
- PostgreSQL (127.0.0.1:5432, user postgres, trust): databases ``bench_issue20_old`` and
  ``bench_issue20``, the second made from the first as a template. No other database is
  touched.

The items: one organisation, five channels, 20 moderators; a version and a screening for
every item (about 8 % held with a fødselsnummer finding, about 10 % awaiting an answer
with a response promise, some of them overdue), over the last 400 days. Rows go in with
``executemany`` (the bench's loader only; the desk reads through the ORM).

For each database and each code (the old where it still runs, then this), a child
process counts the SQL queries of each page and the CPU time it takes alone, one request
at a time in-process (median of 9; SQLite's work included, PostgreSQL's not: the figure
the machine's other load moves least), and
logs the 20 moderators in. The server starts as ``tilstede run`` starts it (its
``gunicorn_command`` with the settings' ``TILSTEDE_WEB_WORKERS`` and
``TILSTEDE_WEB_THREADS``: by default one process per CPU, one request at a time each;
set them in the environment to measure another configuration); then 20
threads, one per moderator, work in a closed loop for ``--seconds``: open the inbox,
filter it (held items of one channel), search it (one word), open an item of the
filtered page, decide on it (approve, as htmx sends it), each step after a pause of
``--think`` seconds on average (2 by default: a moderator reads before the next step).
It prints p50/p95/p99 per step, the server's CPU per request, the queries per page, the
load average before and after, and checks the targets of issue 20: inbox and item page
p95 < 150 ms, search p95 < 300 ms, decision p95 < 250 ms, the same number of queries on
page 1 and page 400. Timings are wall-clock on a machine that may be shared.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NEW, PG_OLD = "bench_issue20", "bench_issue20_old"
BATCH = 10_000
MODERATORS = 20
TARGETS = {"inbox": 150.0, "filter": 150.0, "item": 150.0, "search": 300.0, "decide": 250.0}
STEPS = ("inbox", "filter", "search", "item", "decide")
WORDS = (
    "hei når kommer brøytebilen til veien vår takk for svar skolen barnehage søknad "
    "om plass hvorfor er det så lang kø på legevakten vaksine fjordvik kommune"
).split()
# Words a moderator looks for: each in about 0.5 % of the texts, as a matter's words are.
# A word in half of the texts is the worst case, timed on its own (see child_prepare).
RARE = ("strømbrudd", "flomvarsel", "snøskred", "gatelys", "fartsdump", "kloakk")
SEARCHED = RARE  # the common words are timed alone (``search, a common word``)

SETTINGS = """\
from tilstede.config.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "ERROR"}}
"""


# --- Children: run inside the code under test (PYTHONPATH) ---------------------------------


def child_migrate() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print("RESULT " + json.dumps({"migrate_s": round(time.perf_counter() - started, 1)}))


def child_load(n: int) -> None:
    import django

    django.setup()
    from django.db import connection

    started = time.perf_counter()
    _load(n)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print("RESULT " + json.dumps({"load_s": round(time.perf_counter() - started, 1)}))


def _insert(model, values: list[dict]) -> None:
    """An INSERT for every concrete column of the model as this code has it."""
    from django.db import connection, transaction

    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - model names
    defaults = {
        f.attname: (f.get_default() if f.has_default() or not f.null else None) for f in fields
    }
    # Only the types the driver cannot take as they are go through Django's conversion.
    slow = {"DateTimeField", "JSONField", "DurationField"}
    plan = [
        (f.attname, defaults[f.attname], f if f.get_internal_type() in slow else None)
        for f in fields
    ]
    rows = [
        tuple(
            field.get_db_prep_save(row.get(name, default), connection)
            if field is not None
            else row.get(name, default)
            for name, default, field in plan
        )
        for row in values
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _load(n: int) -> None:
    import datetime as dt
    import hashlib

    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from tilstede.core import roles
    from tilstede.core.models import (
        Channel,
        ChannelKind,
        HouseRule,
        Item,
        ItemVersion,
        Organisation,
        Platform,
        Purpose,
        Topic,
    )
    from tilstede.desk.models import ResponsePromise
    from tilstede.ingest.models import Finding, VersionScreening

    rng = random.Random(20)
    org = Organisation.objects.create(name="Benchvik kommune", slug="benchvik")
    group = Group.objects.get(name=roles.MODERATOR)
    for m in range(MODERATORS):
        user = User.objects.create_user(f"moderator{m}", password=secrets.token_hex(8))
        user.groups.add(group)
        org.members.add(user)
    topic = Topic.objects.create(organisation=org, name="Vei", keywords="vei")
    channels = []
    for i, platform in enumerate(
        [Platform.FACEBOOK, Platform.MASTODON, Platform.BLUESKY, Platform.WEBCOMMENTS, Platform.RSS]
    ):
        channel = Channel.objects.create(
            organisation=org,
            name=f"Kanal {i}",
            slug=f"kanal-{i}",
            platform=platform,
            kind=ChannelKind.SOCIAL_NETWORK,
            purpose=Purpose.COMMUNICATION,
        )
        HouseRule.objects.create(channel=channel, code="personal-data", title="Personopplysninger")
        HouseRule.objects.create(channel=channel, code="spam", title="Reklame og spam")
        channels.append(channel)
    redacted_field = any(f.name == "text_redacted" for f in Item._meta.concrete_fields)
    now = timezone.now()
    span = 400 * 86400
    fnr = "01010112345"  # not a valid number: the finding is stored, not screened here
    for start in range(0, n, BATCH):
        stop = min(n, start + BATCH)
        items, versions, screenings, findings, promises = [], [], [], [], []
        for pk in range(start + 1, stop + 1):
            channel = channels[pk % 5]
            created = now - dt.timedelta(seconds=span * (n - pk) / n + rng.random())
            held = rng.random() < 0.08
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 30)))
            if rng.random() < 0.03:
                text += " " + rng.choice(RARE)
            if held:
                text = f"Mitt fødselsnummer er {fnr}. " + text
            redacted = text.replace(fnr, "[fødselsnummer]")
            state = rng.random()
            item = {
                "id": pk,
                "channel_id": channel.pk,
                "platform": channel.platform,
                "external_id": f"bench-{pk}",
                "kind": "comment",
                "direction": "in",
                "author_handle": f"innbygger{pk % 5000}",
                "text": text,
                "language": "nb" if state < 0.9 else "en",
                "created_at": created,
                "received_at": created,
                "visibility": "held" if held else "visible",
                "response_state": "awaiting" if state < 0.1 else "not_needed",
                "topic_id": topic.pk if state < 0.2 else None,
                "raw": {},
            }
            if redacted_field:
                item["text_redacted"] = redacted
            items.append(item)
            versions.append(
                {
                    "id": pk,
                    "item_id": pk,
                    "number": 1,
                    "text": text,
                    "seen_at": created,
                    "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                }
            )
            screenings.append(
                {"id": pk, "version_id": pk, "screened_at": created, "redacted": redacted}
            )
            if held:
                findings.append(
                    {
                        "id": pk,
                        "screening_id": pk,
                        "category": "national_id",
                        "start": 22,
                        "end": 33,
                        "confidence": 0.99,
                        "detector": "bench",
                        "explanation": "gyldige kontrollsiffer for fødselsnummer",
                    }
                )
            if state < 0.1:
                promises.append(
                    {
                        "id": pk,
                        "item_id": pk,
                        "channel_id": channel.pk,
                        "reason": "question",
                        "started_at": created,
                        "promised": dt.timedelta(hours=8),
                        "due_at": created + dt.timedelta(hours=8),
                        "first_response_at": None if rng.random() < 0.3 else created,
                    }
                )
        _insert(Item, items)
        _insert(ItemVersion, versions)
        _insert(VersionScreening, screenings)
        _insert(Finding, findings)
        _insert(ResponsePromise, promises)
        if start % 100_000 == 0:
            print(f"   {stop:,} items", file=sys.stderr, flush=True)
    from django.core.management.color import no_style
    from django.db import connection

    models = [Item, ItemVersion, VersionScreening, Finding, ResponsePromise]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def child_prepare() -> None:
    """Queries per page (in-process) and a session for each moderator."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tilstede.core.models import Item

    try:
        from tilstede.core.readmodel import Cursor

        def cursor(at, pk):
            return Cursor("newest", at, pk).encode()

        new = True
    except ImportError:  # the old code
        from tilstede.web.selectors import cursor_encode_at as cursor

        new = False
    received = Item.objects.filter(direction="in").order_by("-created_at", "-id")
    deep = received.values_list("created_at", "pk")[400 * 25 - 1]
    held = received.filter(visibility="held")
    held_deep = held.values_list("created_at", "pk")[min(400 * 25, held.count() // 2) - 1]
    item = received.filter(visibility="held").values_list("pk", flat=True)[3]
    pages = {
        "inbox, page 1": "/inbox/",
        "held, one channel": "/inbox/?state=held&channel=kanal-1",
        "inbox, page 400": f"/inbox/?after={cursor(*deep)}",
        "held, page 1": "/inbox/?state=held",
        "held, page 400": f"/inbox/?state=held&after={cursor(*held_deep)}",
        "item page": f"/items/{item}/",
    }
    if new:
        pages["search, a rare word"] = f"/inbox/?text={RARE[0]}"
        pages["search, a common word"] = "/inbox/?text=brøytebilen"
    queries = {}
    sessions = []
    for m in range(MODERATORS):
        client = Client()
        client.force_login(User.objects.get(username=f"moderator{m}"))
        client.get("/inbox/")  # sets the CSRF cookie, as a browser's first page does
        if m == 0:
            for name, url in pages.items():
                with CaptureQueriesContext(connection) as ctx:
                    response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                queries[name] = len(ctx.captured_queries)
        sessions.append(
            {
                "session": client.cookies["sessionid"].value,
                "csrf": client.cookies["csrftoken"].value,
            }
        )
    # Each page's own cost, one request at a time in this process (median of 9): the
    # figure that does not move with the machine's other load as latency does.
    alone = {}
    client = Client()
    client.force_login(User.objects.get(username="moderator0"))
    for name, url in pages.items():
        times = []
        for _ in range(9):
            started = time.process_time()  # CPU time: the machine's other load does not count
            client.get(url)
            times.append((time.process_time() - started) * 1000)
        alone[name] = round(statistics.median(times), 1)
    from django.conf import settings

    from tilstede.core.management.commands.run import gunicorn_command

    # The server as this code's ``tilstede run`` starts it; the parent adds the address.
    server = gunicorn_command(
        "gunicorn", "ADDR", settings.TILSTEDE_WEB_WORKERS, settings.TILSTEDE_WEB_THREADS
    )[1:]
    print(
        "RESULT "
        + json.dumps(
            {
                "queries": queries,
                "alone": alone,
                "sessions": sessions,
                "search": new,
                "server": server,
            }
        )
    )


# --- Parent: data, servers, moderators ------------------------------------------------


def _child(args: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run(  # noqa: S603 - this script again, as a child
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode or not lines:
        raise RuntimeError(f"child {args} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(lines[-1][len("RESULT ") :])


def _env(tmp: Path, src: Path, database_url: str) -> dict[str, str]:
    (tmp / "benchsettings.py").write_text(SETTINGS)
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "TILSTEDE_VAR_DIR": str(tmp / "var"),
            "DJANGO_SETTINGS_MODULE": "benchsettings",
            "PYTHONPATH": os.pathsep.join([str(tmp), str(src)]),
            "DEBUG": "false",
            "SECRET_KEY": "bench-" + "k" * 50,  # the same in every child: sessions carry over
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "TILSTEDE_TASKS": "database",
            "TILSTEDE_AUDIT_KEY": "bench-audit-" + "k" * 40,
        }
    )
    return env


def _pg(sql: str, db: str = "postgres") -> bool:
    import psycopg

    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + db
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(sql)
        return True
    except psycopg.Error as exc:
        print(f"   PostgreSQL: {exc}")
        return False


def _pg_exists(name: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        return found is not None
    except psycopg.Error:
        return False


def _old_tree(ref: str, tmp: Path) -> Path:
    """The old code, checked out into a worktree of its own (removed at the end)."""
    tree = tmp / "old"
    git = shutil.which("git") or "git"
    subprocess.run(  # noqa: S603 - git, with this script's arguments
        [git, "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), ref], check=True
    )
    return tree / "src"


def _build(db: str, args, tmp: Path, old_src: Path) -> tuple[str, str | None]:
    """The database URLs (new, old); built unless kept from an earlier run."""
    data = Path(args.data).resolve()
    data.mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        old_file, new_file = data / f"old-{args.items}.sqlite3", data / f"new-{args.items}.sqlite3"
        old_url, new_url = f"sqlite:///{old_file}", f"sqlite:///{new_file}"
        old_done, new_done = old_file.with_suffix(".built"), new_file.with_suffix(".built")
        if args.rebuild or not old_done.exists():
            for f in data.glob(f"*-{args.items}.*"):
                f.unlink()
            _fill(old_url, args, tmp, old_src)
            old_done.touch()
        if not new_done.exists():
            shutil.copyfile(old_file, new_file)
            _migrate_new(new_url, tmp)
            new_done.touch()
        return new_url, old_url
    base = "postgresql://postgres@127.0.0.1:5432/"
    old_done, new_done = data / f"pg-old-{args.items}.built", data / f"pg-new-{args.items}.built"
    if args.rebuild or not old_done.exists() or not _pg_exists(PG_OLD):
        new_done.unlink(missing_ok=True)
        _pg(f"DROP DATABASE IF EXISTS {PG_OLD} WITH (FORCE)")
        _pg(f"CREATE DATABASE {PG_OLD}")
        _fill(base + PG_OLD, args, tmp, old_src)
        old_done.touch()
    if not new_done.exists() or not _pg_exists(PG_NEW):
        _pg(f"DROP DATABASE IF EXISTS {PG_NEW} WITH (FORCE)")
        _pg(f"CREATE DATABASE {PG_NEW} TEMPLATE {PG_OLD}")
        _migrate_new(base + PG_NEW, tmp)
        new_done.touch()
    return base + PG_NEW, base + PG_OLD


def _fill(url: str, args, tmp: Path, old_src: Path) -> None:
    print(f"   building {args.items:,} items at {url} with the old code's schema ...", flush=True)
    env = _env(tmp, old_src, url)
    print(f"   migrated in {_child(['--child', 'migrate'], env)['migrate_s']} s", flush=True)
    loaded = _child(["--child", "load", "--items", str(args.items)], env)
    print(f"   loaded in {loaded['load_s']} s", flush=True)


def _migrate_new(url: str, tmp: Path) -> None:
    took = _child(["--child", "migrate"], _env(tmp, ROOT / "src", url))["migrate_s"]
    print(f"   migrated to this code (search index included) in {took} s", flush=True)


def _server(env: dict[str, str], port: int, log: Path, server: list[str]) -> subprocess.Popen:
    """The code's web server, started as its ``tilstede run`` starts it (``server``: the
    arguments its ``gunicorn_command`` gives)."""
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    addr = f"127.0.0.1:{port}"
    cmd = [gunicorn, *(addr if a == "ADDR" else a for a in server), "--log-level", "error"]
    out = log.open("wb")
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start: " + log.read_text(errors="replace")[-2000:])


class Moderator(threading.Thread):
    """One moderator in a closed loop: inbox, filter, search, item, decide."""

    def __init__(self, n: int, port: int, login: dict, args, search: bool, stop: float) -> None:
        super().__init__(daemon=True)
        self.port, self.args, self.search, self.stop = port, args, search, stop
        self.cookie = f"sessionid={login['session']}; csrftoken={login['csrf']}"
        self.csrf = login["csrf"]
        self.rng = random.Random(n)
        self.times: dict[str, list[float]] = {step: [] for step in STEPS}
        self.errors: list[str] = []

    def _call(self, step: str, method: str, url: str, body: str = "") -> str:
        time.sleep(self.rng.uniform(0, 2 * self.args.think))
        headers = {"Cookie": self.cookie}
        if method == "POST":
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-CSRFToken": self.csrf,
                    "HX-Request": "true",
                    "Referer": f"http://127.0.0.1:{self.port}/inbox/",
                }
            )
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, url, body=body or None, headers=headers)
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        conn.close()
        took = (time.perf_counter() - started) * 1000
        if response.status != 200:
            self.errors.append(f"{step} {url}: HTTP {response.status}")
        self.times[step].append(took)
        return text

    def run(self) -> None:
        while time.perf_counter() < self.stop:
            self._call("inbox", "GET", "/inbox/")
            channel = f"kanal-{self.rng.randrange(5)}"
            page = self._call("filter", "GET", f"/inbox/?state=held&channel={channel}")
            if self.search:
                word = self.rng.choice(SEARCHED)
                self._call("search", "GET", "/inbox/?" + urlencode({"text": word}))
            ids = re.findall(r'<li id="item-(\d+)"', page)
            if not ids:
                continue
            pk = self.rng.choice(ids)
            self._call("item", "GET", f"/items/{pk}/")
            body = urlencode({"verb": "approve", "next": "/inbox/?state=held"})
            self._call("decide", "POST", f"/items/{pk}/decide/", body)


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def measure(label: str, src: Path, url: str, args, tmp: Path) -> dict | None:
    env = _env(tmp, src, url)
    try:
        info = _child(["--child", "prepare"], env)
    except RuntimeError as exc:
        print(f"   {label}: does not run against this data: {str(exc)[-600:]}")
        return None
    port = 8800 + (os.getpid() % 100)
    log = tmp / f"server-{label}.log"
    proc = _server(env, port, log, info["server"])
    try:
        warm = time.perf_counter() + 5
        for m in [
            Moderator(n, port, info["sessions"][n], args, info["search"], warm) for n in range(4)
        ]:
            m.run()
        before = _load_average()
        cpu_before = _server_cpu(proc.pid)
        stop = time.perf_counter() + args.seconds
        moderators = [
            Moderator(n, port, info["sessions"][n], args, info["search"], stop)
            for n in range(args.moderators)
        ]
        for m in moderators:
            m.start()
        for m in moderators:
            m.join()
        after = _load_average()
        cpu_after = _server_cpu(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    times = {step: [t for m in moderators for t in m.times[step]] for step in STEPS}
    errors = [e for m in moderators for e in m.errors]
    count = sum(len(v) for v in times.values())
    cpu = None
    if cpu_before is not None and cpu_after is not None and count:
        cpu = (cpu_after - cpu_before) / count * 1000
    return {
        "times": times,
        "queries": info["queries"],
        "alone": info["alone"],
        "server": info["server"],
        "load": (before, after),
        "errors": errors,
        "cpu": cpu,
    }


def _server_cpu(pid: int) -> float | None:
    """CPU seconds the server and its workers have used (Linux /proc), else None."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0
        for p in [str(pid), *children]:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def report(db: str, label: str, result: dict) -> bool:
    before, after = result["load"]
    print(f"\n   {db}, {label} code (load average before {before}, after {after})")
    server = " ".join(result["server"]).replace("ADDR", "127.0.0.1:PORT")
    print(f"   served as its tilstede run serves: gunicorn {server}")
    print(f"   {'step':<8} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'target p95':>11}")
    ok = True
    for step in STEPS:
        values = result["times"][step]
        if not values:
            print(f"   {step:<8} {'-':>6}   (not in this code)")
            continue
        p95 = _pct(values, 0.95)
        met = p95 < TARGETS[step]
        ok = ok and met
        print(
            f"   {step:<8} {len(values):>6} {statistics.median(values):>8.1f} {p95:>8.1f} "
            f"{_pct(values, 0.99):>8.1f} {'< ' + str(int(TARGETS[step])):>8} "
            f"{'met' if met else 'MISSED'}"
        )
    if result["cpu"] is not None:
        print(f"   server CPU per request (all steps): {result['cpu']:.1f} ms")
    q = result["queries"]
    print(f"   {'page':<24} {'queries':>8} {'CPU ms alone':>13}")
    for name, n in q.items():
        print(f"   {name:<24} {n:>8} {result['alone'][name]:>13.1f}")
    flat = q["inbox, page 1"] == q["inbox, page 400"] and q["held, page 1"] == q["held, page 400"]
    print(f"   the same queries on page 400 as on page 1: {'yes' if flat else 'NO'}")
    if result["errors"]:
        print(f"   {len(result['errors'])} answers not 200, e.g. {result['errors'][:3]}")
    return ok and flat


def _before_issue_20() -> str:
    """The code the read model replaced: the first parent of issue 20's merge on main,
    else (on a branch not yet merged) where HEAD left main."""
    git = shutil.which("git") or "git"

    def run(*argv: str) -> str:
        done = subprocess.run(  # noqa: S603 - git, with fixed arguments
            [git, "-C", str(ROOT), *argv], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    merge = run("log", "--merges", "--format=%H", "-1", "--grep=^Merge issue 20:", "HEAD")
    return (run("rev-parse", f"{merge}^1") if merge else run("merge-base", "HEAD", "main"))[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--moderators", type=int, default=MODERATORS)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=2.0, help="mean pause before a step (s)")
    parser.add_argument(
        "--old", default="", help="git ref of the old code (default: main before issue 20's merge)"
    )
    parser.add_argument("--no-old", action="store_true", help="measure this code only")
    parser.add_argument("--data", default=str(ROOT / "var" / "bench-web"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--build-only", action="store_true", help="build the data, measure nothing")
    parser.add_argument("--child", choices=["migrate", "load", "prepare"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "migrate":
        return child_migrate()
    if args.child == "load":
        return child_load(args.items)
    if args.child == "prepare":
        return child_prepare()
    args.moderators = min(args.moderators, MODERATORS)
    if not args.old:
        args.old = _before_issue_20()
    print(
        f"Tilstede web bench: {args.items:,} items, {args.moderators} moderators, "
        f"{args.seconds:.0f} s each, pauses of {args.think} s on average, {os.cpu_count()} CPUs, "
        f"load average {_load_average()}"
    )
    tmp = Path(tempfile.mkdtemp(prefix="tilstede-webbench-"))
    (tmp / "var").mkdir()
    ok = True
    old_src = _old_tree(args.old, tmp)
    try:
        for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
            print(f"\n== {db}", flush=True)
            new_url, old_url = _build(db, args, tmp, old_src)
            if args.build_only:
                continue
            if not args.no_old and old_url:
                old = measure("old", old_src, old_url, args, tmp)
                if old:
                    report(db, f"old ({args.old})", old)
            new = measure("new", ROOT / "src", new_url, args, tmp)
            ok = report(db, "this", new) and ok if new else False
    finally:
        git = shutil.which("git") or "git"
        subprocess.run(  # noqa: S603 - git, with this script's arguments
            [git, "-C", str(ROOT), "worktree", "remove", "--force", str(tmp / "old")], check=False
        )
        shutil.rmtree(tmp, ignore_errors=True)
    if not args.build_only:
        print(f"\ntargets {'met' if ok else 'NOT met'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
