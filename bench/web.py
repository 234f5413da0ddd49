"""Web desk latency under load: the inbox and the item page over 1,000,000 items.

Usage: python bench/web.py [--items 1000000 | --quick] [--db sqlite|postgres|both]
                           [--clients 8] [--requests 400] [--recommended-index]

For each database, in a temporary directory of its own:

1. A child process migrates a fresh database and loads the items fast with raw
   ``executemany`` (one organisation, five channels, one version per item, a screening
   with a fødselsnummer finding on every held item), then counts the SQL queries of each
   measured page in-process (``CaptureQueriesContext``) and makes a session for the
   moderator, who sees every item.
2. The server starts as ``tilstede run`` starts it: gunicorn (a dependency since issue 6)
   with ``TILSTEDE_WEB_WORKERS`` processes (one per CPU by default) of
   ``TILSTEDE_WEB_THREADS`` threads (one by default: gunicorn's sync worker; set it to 4
   and the workers to 2 for the configuration measured before), if gunicorn is installed
   in the virtualenv, else ``tilstede runserver --noreload`` (threaded). DEBUG is off.
3. A thread pool of ``--clients`` concurrent clients on loopback sends ``--requests``
   GETs to each page, a new connection per request, after a short warm-up, the pages
   taking turns in ``--rounds`` rounds (so that other load on the machine falls on every
   page alike rather than on whichever ran during it): Django's empty
   view (``/bench/empty``, routed only under this bench's settings), the inbox unfiltered
   and filtered (held items; one channel), each on the first page and a deep page (the
   keyset cursor half way down the list), and the item page. Each request carries the
   cookies a logged-in browser has: the session and the CSRF cookie.

It prints p50/p95 latency, requests/s, queries per page and the server's CPU time per
request (its processes' CPU seconds from /proc over the requests: unlike the others this
figure does not move with the machine's other load; the load average is printed before
and after) side by side, and checks the targets of issue 6: inbox p95 < 150 ms, inbox
requests/s >= 30 % of the empty view's, and the same number of queries on a deep page as
on the first. PostgreSQL at postgres://postgres@127.0.0.1:5432/ gets a database
``tilstede_webbench`` that is dropped afterwards; if it is unreachable the bench says so
and skips it. ``--recommended-index`` adds an index on (created_at DESC, id DESC) to
core_item before measuring; migration core 0005 (item_recent) has made it redundant.
Timings are wall-clock on a possibly shared machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "tilstede_webbench"
P95_TARGET_MS = 150.0
SHARE_TARGET = 0.30
BATCH = 10_000

SETTINGS = """\
from tilstede.config.settings import *  # noqa: F403

# The bench's baseline view, never routed in production (tilstede.web.urls).
TILSTEDE_BENCH_EMPTY_VIEW = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "ERROR"}}
"""


# --- Child: load the data and count queries ----------------------------------------------


def child_load(items: int, recommended_index: bool) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    info = _load(items)
    if recommended_index:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS bench_item_recent ON core_item "
                "(created_at DESC, id DESC)"
            )
    _analyze()
    info.update(_queries_and_session(info))
    print("RESULT " + json.dumps(info), flush=True)


def _rows(model, values: list[dict], connection) -> tuple[str, list[tuple]]:
    """An INSERT for every concrete column; columns not given take the field's default."""
    fields = [f for f in model._meta.concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    # Names from the model's own metadata, values as parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    defaults = {}
    for f in fields:
        if f.has_default() or not f.null:
            defaults[f.attname] = f.get_default()
        else:
            defaults[f.attname] = None
    out = []
    for row in values:
        out.append(
            tuple(
                f.get_db_prep_save(row.get(f.attname, defaults[f.attname]), connection)
                for f in fields
            )
        )
    return sql, out


def _insert(model, values: list[dict]) -> None:
    from django.db import connection, transaction

    sql, rows = _rows(model, values, connection)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _load(n: int) -> dict:
    """n items over five channels in the last 400 days; ~8 % held with a finding."""
    import datetime as dt
    import hashlib
    import random

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
    from tilstede.ingest.models import Finding, VersionScreening

    started = time.perf_counter()
    rng = random.Random(6)
    org = Organisation.objects.create(name="Benchvik kommune", slug="benchvik")
    user = User.objects.create_user("moderator", password="bench-" + secrets.token_hex(8))
    user.groups.add(Group.objects.get(name=roles.MODERATOR))
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
    now = timezone.now()
    span = 400 * 86400
    words = (
        "hei når kommer brøytebilen til veien vår takk for svar skolen barnehage søknad "
        "om plass hvorfor er det så lang kø på legevakten vaksine fjordvik kommune"
    ).split()
    fnr = "01010112345"  # not a valid number: the finding is stored, not screened here
    for start in range(0, n, BATCH):
        stop = min(n, start + BATCH)
        items, versions, screenings, findings = [], [], [], []
        for pk in range(start + 1, stop + 1):
            channel = channels[pk % 5]
            created = now - dt.timedelta(seconds=span * (n - pk) / n + rng.random())
            held = rng.random() < 0.08
            text = " ".join(rng.choice(words) for _ in range(rng.randrange(6, 30)))
            if held:
                text = f"Mitt fødselsnummer er {fnr}. " + text
            state = rng.random()
            items.append(
                {
                    "id": pk,
                    "channel_id": channel.pk,
                    "platform": channel.platform,
                    "external_id": f"bench-{pk}",
                    "kind": "comment",
                    "direction": "in",
                    "author_handle": f"innbygger{pk % 5000}",
                    "author_name": "",
                    "text": text,
                    "language": "nb" if state < 0.9 else "en",
                    "created_at": created,
                    "received_at": created,
                    "visibility": "held" if held else "visible",
                    "response_state": "awaiting" if state < 0.1 else "not_needed",
                    "topic_id": topic.pk if state < 0.2 else None,
                    "assignee_id": user.pk if state < 0.02 else None,
                    "raw": {},
                }
            )
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
            if held:
                screenings.append(
                    {
                        "id": pk,
                        "version_id": pk,
                        "screened_at": created,
                        "redacted": text.replace(fnr, "[fødselsnummer]"),
                    }
                )
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
        _insert(Item, items)
        _insert(ItemVersion, versions)
        _insert(VersionScreening, screenings)
        _insert(Finding, findings)
    _reset_sequences()
    return {"items": n, "load_s": round(time.perf_counter() - started, 1), "user": user.pk}


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from tilstede.core.models import Item, ItemVersion
    from tilstede.ingest.models import Finding, VersionScreening

    sql = connection.ops.sequence_reset_sql(
        no_style(), [Item, ItemVersion, VersionScreening, Finding]
    )
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _pages(info: dict) -> dict[str, str]:
    """The measured URLs; the deep pages start half way down their lists."""
    from tilstede.core.models import Item
    from tilstede.web.selectors import cursor_encode

    total = info["items"]
    everything = Item.objects.order_by("-created_at", "-id")
    held = everything.filter(visibility="held")
    middle = everything.only("created_at", "id")[total // 2]
    held_middle = held.only("created_at", "id")[held.count() // 2]
    item = everything.filter(visibility="held").only("id")[10]
    return {
        "empty view": "/bench/empty",
        "inbox, first page": "/inbox/",
        "inbox, deep page": f"/inbox/?after={cursor_encode(middle)}",
        "inbox held, first page": "/inbox/?state=held",
        "inbox held, deep page": f"/inbox/?state=held&after={cursor_encode(held_middle)}",
        "inbox one channel": "/inbox/?channel=kanal-1",
        "item page": f"/items/{item.pk}/",
    }


def _queries_and_session(info: dict) -> dict:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = _pages(info)
    client = Client()
    client.force_login(User.objects.get(pk=info["user"]))
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(ctx.captured_queries)
    return {
        "pages": pages,
        "queries": counts,
        "session": client.cookies["sessionid"].value,
        "csrf": client.cookies["csrftoken"].value,
    }


# --- Parent: server and load ------------------------------------------------------------


def _env(tmp: Path, database_url: str) -> dict[str, str]:
    (tmp / "benchsettings.py").write_text(SETTINGS)
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "TILSTEDE_VAR_DIR": str(tmp / "var"),
            "DJANGO_SETTINGS_MODULE": "benchsettings",
            "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT / "src"), env.get("PYTHONPATH", "")]),
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "TILSTEDE_AUDIT_KEY": secrets.token_urlsafe(40),
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "TILSTEDE_TASKS": "database",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def _server(env: dict[str, str], port: int, log: Path) -> tuple[subprocess.Popen, str]:
    bindir = Path(sys.executable).parent
    gunicorn = bindir / "gunicorn"
    if gunicorn.exists() or shutil.which("gunicorn"):
        from tilstede.core.management.commands.run import gunicorn_command

        # As ``tilstede run`` serves: TILSTEDE_WEB_WORKERS processes (one per CPU by
        # default) of TILSTEDE_WEB_THREADS threads (one by default).
        workers = int(env.get("TILSTEDE_WEB_WORKERS") or os.cpu_count() or 1)
        threads = int(env.get("TILSTEDE_WEB_THREADS") or 1)
        cmd = [
            *gunicorn_command(
                str(gunicorn if gunicorn.exists() else shutil.which("gunicorn")),
                f"127.0.0.1:{port}",
                workers,
                threads,
            ),
            "--log-level",
            "error",
        ]
        kind = (
            f"gunicorn ({workers} workers x {threads} threads)"
            if threads > 1
            else f"gunicorn ({workers} sync workers, one request at a time each)"
        )
    else:
        cmd = [str(bindir / "tilstede"), "runserver", "--noreload", f"127.0.0.1:{port}"]
        kind = "tilstede runserver --noreload (threaded; gunicorn is not installed)"
    # The command is this virtualenv's own server, with arguments built here.
    # The server's log goes to a file: a pipe nobody reads fills up and stalls the server.
    out = log.open("wb")
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc, kind
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start: " + log.read_text(errors="replace")[-2000:])


def _get(port: int, url: str, cookie: str) -> float:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", url, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{url}: HTTP {response.status}")
    return (time.perf_counter() - started) * 1000


def _server_cpu(pid: int) -> float | None:
    """CPU seconds the server and its workers have used (Linux /proc), else None.

    Unlike latency and requests/s this does not change with what else the machine runs,
    so it is the figure to compare between runs on a shared machine.
    """
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0
        for p in [str(pid), *children]:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def _measure(
    port: int,
    pages: dict[str, str],
    cookie: str,
    clients: int,
    requests: int,
    rounds: int,
    server_pid: int,
) -> dict[str, dict]:
    """Every page in turn, ``rounds`` times, ``requests / rounds`` requests each time.

    Taking turns spreads whatever else the machine runs over all pages alike, the empty
    view included, instead of letting a busy minute fall on one of them.
    """
    chunk = max(1, requests // rounds)
    seen = {name: {"times": [], "elapsed": 0.0, "cpu": 0.0, "cpu_known": True} for name in pages}
    with ThreadPoolExecutor(clients) as pool:
        for url in pages.values():  # warm-up
            list(pool.map(lambda _, url=url: _get(port, url, cookie), range(clients * 2)))
        for _ in range(rounds):
            for name, url in pages.items():
                cpu_before = _server_cpu(server_pid)
                started = time.perf_counter()
                times = list(pool.map(lambda _, url=url: _get(port, url, cookie), range(chunk)))
                elapsed = time.perf_counter() - started
                cpu_after = _server_cpu(server_pid)
                page = seen[name]
                page["times"].extend(times)
                page["elapsed"] += elapsed
                if cpu_before is None or cpu_after is None:
                    page["cpu_known"] = False
                else:
                    page["cpu"] += cpu_after - cpu_before
    results = {}
    for name, page in seen.items():
        times = sorted(page["times"])
        results[name] = {
            "p50": statistics.median(times),
            "p95": times[max(0, int(len(times) * 0.95) - 1)],
            "rps": len(times) / page["elapsed"],
            "cpu": page["cpu"] / len(times) * 1000 if page["cpu_known"] else None,
        }
    return results


def run_one(db: str, args: argparse.Namespace) -> bool:
    tmp = Path(tempfile.mkdtemp(prefix=f"tilstede-webbench-{db}-"))
    (tmp / "var").mkdir()
    if db == "sqlite":
        url = f"sqlite:///{tmp / 'var' / 'bench.sqlite3'}"
    else:
        url = f"postgresql://postgres@127.0.0.1:5432/{PG_DB}"
        if not _pg_create():
            print("PostgreSQL at 127.0.0.1:5432 is not reachable: skipped.")
            return True
    env = _env(tmp, url)
    try:
        print(f"\n== {db}: loading {args.items:,} items ...", flush=True)
        child = subprocess.run(  # noqa: S603 - this script again, as the loading child
            [
                sys.executable,
                __file__,
                "--child-load",
                str(args.items),
                *(["--recommended-index"] if args.recommended_index else []),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        lines = [line for line in child.stdout.splitlines() if line.startswith("RESULT ")]
        if child.returncode or not lines:
            print(child.stdout[-3000:], child.stderr[-5000:])
            return False
        info = json.loads(lines[-1][len("RESULT ") :])
        print(f"   loaded in {info['load_s']} s", flush=True)
        port = 8700 + (os.getpid() % 200)
        log = tmp / "server.log"
        proc, kind = _server(env, port, log)
        # The cookies a logged-in browser sends: the session, and the CSRF cookie the
        # desk set on its first page (without it every page makes and sets a new one).
        cookies = f"sessionid={info['session']}; csrftoken={info['csrf']}"
        try:
            print(
                f"   server: {kind}; {args.clients} clients, {args.requests} requests a page "
                f"in {args.rounds} rounds"
            )
            print(f"   load before: {_load_average()}")
            results = _measure(
                port,
                info["pages"],
                cookies,
                args.clients,
                args.requests,
                args.rounds,
                proc.pid,
            )
            print(f"   load after:  {_load_average()}")
        except RuntimeError as exc:
            tail = [line for line in log.read_text(errors="replace").splitlines() if line][-30:]
            print(f"   {exc}\n   server log:\n   " + "\n   ".join(tail))
            return False
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        return _report(db, results, info["queries"])
    finally:
        if db == "postgres":
            _pg_drop()
        shutil.rmtree(tmp, ignore_errors=True)


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _report(db: str, results: dict, queries: dict) -> bool:
    empty = results["empty view"]["rps"]
    print(
        f"   {'page':<24} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'of empty':>9} {'queries':>8}"
        f" {'server CPU ms/req':>18}"
    )
    ok = True
    for name, r in results.items():
        share = r["rps"] / empty if empty else 0
        flag = ""
        if name.startswith("inbox"):
            if r["p95"] >= P95_TARGET_MS or share < SHARE_TARGET:
                flag = "  <- misses target"
                ok = False
        cpu = f"{r['cpu']:.1f}" if r.get("cpu") is not None else "-"
        print(
            f"   {name:<24} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['rps']:>8.1f} "
            f"{share:>8.0%} {queries.get(name, 0):>8} {cpu:>18}{flag}"
        )
    flat = (
        queries["inbox, first page"] == queries["inbox, deep page"]
        and queries["inbox held, first page"] == queries["inbox held, deep page"]
    )
    print(f"   queries the same on a deep page as on the first: {'yes' if flat else 'NO'}")
    print(
        f"   targets ({db}): inbox p95 < {P95_TARGET_MS:.0f} ms and >= {SHARE_TARGET:.0%} of "
        f"the empty view's req/s: {'met' if ok else 'NOT met'}"
    )
    return ok and flat


def _pg(sql: str) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(sql)
        return True
    except psycopg.Error:
        return False


def _pg_create() -> bool:
    _pg(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    return _pg(f"CREATE DATABASE {PG_DB}")


def _pg_drop() -> None:
    _pg(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 items, 200 requests")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=4, help="pages take turns this often")
    parser.add_argument("--recommended-index", action="store_true")
    parser.add_argument("--child-load", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_load is not None:
        child_load(args.child_load, args.recommended_index)
        return
    if args.quick:
        args.items, args.requests = 100_000, 200
    print(
        f"Tilstede web bench: {args.items:,} items, {os.cpu_count()} CPUs "
        "(wall-clock; read with the machine's other load in mind)"
    )
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    ok = all([run_one(db, args) for db in dbs])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
