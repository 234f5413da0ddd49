"""Ingest throughput and memory: fake RSS site + fake Mastodon on loopback into the database.

Usage: python bench/ingest.py [--items 100000 | --quick] [--db sqlite|postgres|both]
                              [--seed 7] [--profile] [--tracemalloc]

For each database a fresh set of child processes (own DATABASE_URL, TILSTEDE_VAR_DIR in a
temporary directory, DEBUG off) migrates, creates an organisation with an RSS channel and
a Mastodon channel, starts the fake platforms of bench/_fakeservers.py in a process of
their own, and polls both channels with ``channel_poll`` (as the worker does: one poll per
channel in turn, up to 50 batches each) until every item is in: connector, HTTP, parsing,
screening, moderation rules and cursor, one transaction per page. Half the items come
from each platform. It prints items/s, peak RSS (getrusage) at checkpoints, and where the
time went.

The peer, from the same run and database: a plain bulk insert of the same rows into
Item + ItemVersion with ``bulk_create`` (200 rows a transaction, as ingest's pages; no
HTTP, no screening, no rules), in a child process of its own, after the ingest. Then
``tilstede.screening.screen`` alone over the same texts, to show screening's share.

Targets (issue 4): >= 2,000 items/s on SQLite, >= 1/4 of the bulk-insert ceiling, and
memory flat in the number of items (the second half of the items adds at most 8 MiB or
5 % to the peak RSS).
PostgreSQL at postgres://postgres@127.0.0.1:5432/ gets a database ``tilstede_bench`` that
is dropped afterwards; if it is unreachable the bench says so and skips it.
Timings are wall-clock on a possibly shared machine: read them with the load in mind.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "tilstede_bench"
SQLITE_TARGET = 2_000.0
CEILING_SHARE = 0.25
BATCH = 200
CHECKPOINTS = 10  # memory is sampled every N/10 items


def _rss_now_mib() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def _cpu_s() -> float:
    """CPU seconds of this process (user + system): less sensitive to a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _split(items: int) -> tuple[int, int]:
    """(RSS comments, Mastodon mentions): half each, the site's posts counted on RSS."""
    from _fakeservers import POSTS

    rss = items // 2
    return max(0, rss - POSTS), items - rss


# -- child phases (run inside a Django process) ----------------------------------------------


def _django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def phase_setup(args: argparse.Namespace) -> dict[str, Any]:
    _django()
    from django.core.management import call_command

    from tilstede.core.models import Organisation

    call_command("migrate", verbosity=0, interactive=False)
    Organisation.objects.create(name="Fjordvik kommune (bench)", slug="fjordvik-bench")
    return {}


def _channel(org: Any, slug: str, platform: str, config: dict[str, Any]) -> Any:
    from tilstede.core.models import Channel

    return Channel.objects.create(
        organisation=org,
        name=slug,
        slug=slug,
        platform=platform,
        kind="social_network" if platform == "mastodon" else "blog",
        purpose="communication",
        config=config,
    )


class Timers:
    """Wall time spent in a few functions, by wrapping them where their callers look them up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, owner: Any, name: str, label: str) -> None:
        inner = getattr(owner, name, None)
        if inner is None:
            return
        self.seconds.setdefault(label, 0.0)
        self.calls.setdefault(label, 0)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - started
                self.calls[label] += 1

        setattr(owner, name, timed)


def _screen_texts(items: int, seed: int, start: int, stop: int) -> list[tuple[str, str | None]]:
    """The texts (and screening language) ingest screens for items [start, stop)."""
    from _fakeservers import AGENCY_ACCT, POSTS, comment

    from tilstede.ingest.services import screening_language

    rss_comments, _ = _split(items)
    out = []
    for n in range(start, stop):
        if n < POSTS:
            continue  # the site's own posts: negligible, and not comments
        if n < POSTS + rss_comments:
            c = comment(n - POSTS + 1, seed)
            out.append((c.text, "nb"))  # the feed says nb-NO for every entry
        else:
            c = comment(n - POSTS - rss_comments + 1, seed)
            lang = screening_language(c.language)
            out.append((f"@{AGENCY_ACCT} {c.text}", lang))
    return out


def phase_ingest(args: argparse.Namespace) -> dict[str, Any]:
    _django()
    import tracemalloc

    from _fakeservers import TOKEN
    from django.db.models.query import QuerySet

    import tilstede.connectors.rss
    import tilstede.ingest.services as ingest
    import tilstede.moderation.services as moderation
    from tilstede import screening
    from tilstede.connectors.mastodon import MastodonConnector
    from tilstede.core.models import Item, Organisation
    from tilstede.moderation.models import Decision

    rss_n, mastodon_n = _split(args.items)
    server = subprocess.Popen(  # noqa: S603 - our own script, with numbers for arguments
        [
            sys.executable,
            str(BENCH / "_fakeservers.py"),
            *("--rss", str(rss_n), "--mastodon", str(mastodon_n), "--seed", str(args.seed)),
            *("--step", str(BATCH), "--window", str(BATCH + 50)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base = json.loads(server.stdout.readline())["base"]
        org = Organisation.objects.get(slug="fjordvik-bench")
        rss = _channel(
            org,
            "bench-rss",
            "rss",
            {
                "feed_url": f"{base}/feed/",
                "comments_feed_url": f"{base}/comments/feed/",
                "follow_comment_feeds": False,
            },
        )
        mastodon = _channel(org, "bench-mastodon", "mastodon", {"base_url": base})
        mastodon.set_secret("access_token", TOKEN)
        mastodon.save()
        expected = {rss.pk: args.items // 2, mastodon.pk: mastodon_n}  # RSS: posts too

        screen = screening.screen  # unwrapped, for the screening-only timing below
        timers = Timers()
        # What ingest calls changes as it is optimised: wrap whichever of these exist.
        for owner, name, label in [
            (tilstede.connectors.rss.RssConnector, "fetch", "fetch RSS (HTTP + feedparser)"),
            (MastodonConnector, "fetch", "fetch Mastodon (HTTP + JSON)"),
            (ingest, "items_receive", "items_receive (one transaction)"),
            (screening, "screen", "  screening.screen"),
            (ingest, "rules_evaluate", "  moderation rules_evaluate"),
            (ingest, "rules_apply", "  moderation rules_apply"),
            (moderation, "_watched", "    _watched (watched words query)"),
            (moderation, "_spam_signals", "    _spam_signals"),
            (ingest, "_insert_in_thread_order", "  _insert_in_thread_order"),
            (ingest, "_link_threads", "  _link_threads"),
            (ingest, "_store_screenings", "  _store_screenings"),
            (ingest, "rules_record", "  moderation rules_record"),
            (moderation, "audit_record", "    audit_record"),
            (moderation, "audit_record_many", "    audit_record_many"),
            (ingest, "channel_state", "  channel_state"),
            (ingest, "bulk_insert", "  bulk_insert (items_receive's own)"),
            (ingest, "items_route_and_promise", "  desk items_route_and_promise"),
            (QuerySet, "bulk_create", "(QuerySet.bulk_create, all callers)"),
            (QuerySet, "bulk_update", "(QuerySet.bulk_update, all callers)"),
        ]:
            timers.wrap(owner, name, label)
        if args.patch:
            # Try an optimisation without editing src/: the file may replace functions.
            exec(compile(Path(args.patch).read_text(), args.patch, "exec"), {})  # noqa: S102

        if args.tracemalloc:
            tracemalloc.start()
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
        marks = [max(1, args.items * k // CHECKPOINTS) for k in range(1, CHECKPOINTS + 1)]
        checkpoints: list[dict[str, float]] = []
        done = {"items": 0}
        baseline = {"peak": _peak_mib(), "now": _rss_now_mib()}
        started = time.perf_counter()
        cpu_started = _cpu_s()

        def progress(batch: Any) -> None:
            done["items"] += batch.created
            while marks and done["items"] >= marks[0]:
                marks.pop(0)
                point = {
                    "items": done["items"],
                    "seconds": time.perf_counter() - started,
                    "peak_mib": _peak_mib(),
                    "rss_mib": _rss_now_mib(),
                }
                if args.tracemalloc:
                    point["heap_mib"], point["heap_peak_mib"] = (
                        v / 2**20 for v in tracemalloc.get_traced_memory()
                    )
                checkpoints.append(point)
                print(
                    f"  {point['items']:>8,} items {point['seconds']:7.1f} s  "
                    f"peak RSS {point['peak_mib']:6.1f} MiB",
                    flush=True,
                )

        created = {rss.pk: 0, mastodon.pk: 0}
        held = findings = polls = 0
        problems: list[str] = []
        idle = {rss.pk: 0, mastodon.pk: 0}
        if profiler:
            profiler.enable()
        while any(created[c] < expected[c] and idle[c] < 3 for c in created):
            for channel in (rss, mastodon):
                pk = channel.pk
                if created[pk] >= expected[pk] or idle[pk] >= 3:
                    continue
                report = ingest.channel_poll(channel=channel, progress=progress)
                polls += 1
                if report.error:
                    raise RuntimeError(f"poll of {channel.slug} failed: {report.error}")
                created[pk] += report.created
                held += report.held
                findings += report.findings
                problems += report.problems[:5]
                idle[pk] = 0 if report.created else idle[pk] + 1
        elapsed = time.perf_counter() - started
        cpu = _cpu_s() - cpu_started
        if profiler:
            profiler.disable()
        total = sum(created.values())
        stored = Item.objects.filter(channel__in=[rss, mastodon]).count()
        rules = Counter(
            rule.split(":")[0] + ":" + rule.split(":")[1].split(",")[0] if ":" in rule else rule
            for rule in Decision.objects.values_list("rule", flat=True).iterator()
        )

        import httpx

        server_busy = httpx.get(f"{base}/_bench/stats").json()["busy_s"]
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)

    result: dict[str, Any] = {
        "items": total,
        "stored": stored,
        "expected": sum(expected.values()),
        "seconds": elapsed,
        "cpu_s": cpu,
        "peak_mib": _peak_mib(),
        "baseline": baseline,
        "checkpoints": checkpoints,
        "held": held,
        "decisions": dict(rules.most_common()),
        "findings": findings,
        "polls": polls,
        "problems": problems[:5],
        "timers": timers.seconds,
        "calls": timers.calls,
        "server_busy_s": server_busy,
    }
    if profiler:
        result["profile"] = _profile_summary(profiler, args.profile_top)
        if args.profile_out:
            profiler.dump_stats(args.profile_out)

    # Screening alone over the same texts, in chunks so memory stays flat here too.
    seconds = 0.0
    count = 0
    for start in range(0, args.items, 5_000):
        texts = _screen_texts(args.items, args.seed, start, min(args.items, start + 5_000))
        t0 = time.perf_counter()
        for text, lang in texts:
            screen(text, lang)
        seconds += time.perf_counter() - t0
        count += len(texts)
    result["screen_only"] = {"items": count, "seconds": seconds}
    return result


def _profile_summary(profiler: Any, top: int) -> list[str]:
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    lines += ["", "by cumulative time:"]
    lines += [line for line in out.getvalue().splitlines() if line.strip()]
    return lines


def _ceiling_rows(items: int, seed: int, start: int, stop: int) -> list[dict[str, Any]]:
    """Field values for items [start, stop): the rows ingest stores, made without a connector."""
    from _fakeservers import (
        AGENCY_ACCT,
        POSTS,
        START,
        author_handle,
        author_name,
        comment,
        notification,
        post_guid,
        post_link,
    )

    rss_comments, _ = _split(items)
    rows = []
    for n in range(start, stop):
        if n < POSTS:
            text = f"Sak {n + 1}: nytt fra kommunestyret\n\nKommunestyret behandlet sak {n + 1}."
            rows.append(
                dict(
                    platform="rss",
                    external_id=f"ceiling:{post_guid(n + 1)}",
                    kind="post",
                    direction="out",
                    author_name="Kommunikasjonsavdelingen",
                    text=text,
                    language="nb-NO",
                    url=post_link(n + 1),
                    created_at=START,
                    raw={"id": post_guid(n + 1), "link": post_link(n + 1), "summary": text},
                )
            )
        elif n < POSTS + rss_comments:
            c = comment(n - POSTS + 1, seed)
            post = 1 + c.index % POSTS
            link = f"{post_link(post)}#comment-{c.index}"
            rows.append(
                dict(
                    platform="rss",
                    external_id=f"ceiling:{link}",
                    kind="comment",
                    author_name=author_name(c.author),
                    text=c.text,
                    language="nb-NO",
                    url=link,
                    parent_external_id=post_guid(post),
                    created_at=c.at,
                    raw={
                        "title": f"Kommentar til Sak {post} av {author_name(c.author)}",
                        "link": link,
                        "author": author_name(c.author),
                        "published": c.at.isoformat(),
                        "id": link,
                        "summary": c.text,
                        "content": [{"type": "text/html", "value": f"<p>{c.text}</p>"}],
                    },
                )
            )
        else:
            c = comment(n - POSTS - rss_comments + 1, seed)
            note = notification(c.index, seed)
            status = note["status"]
            rows.append(
                dict(
                    platform="mastodon",
                    external_id=f"ceiling:{status['id']}",
                    kind="mention",
                    author_handle=author_handle(c.author),
                    author_name=author_name(c.author),
                    text=f"@{AGENCY_ACCT} {c.text}",
                    language=c.language,
                    url=status["url"],
                    parent_external_id=status["in_reply_to_id"] or "",
                    private=status["visibility"] == "direct",
                    created_at=c.at,
                    raw=note,
                )
            )
    return rows


def phase_ceiling(args: argparse.Namespace) -> dict[str, Any]:
    _django()
    import hashlib

    from django.db import transaction
    from django.utils import timezone

    from tilstede.core.models import Item, ItemVersion, Organisation

    org = Organisation.objects.get(slug="fjordvik-bench")
    channels = {
        "rss": _channel(org, "ceiling-rss", "rss", {}),
        "mastodon": _channel(org, "ceiling-mastodon", "mastodon", {}),
    }
    seconds = cpu = 0.0
    count = 0
    for start in range(0, args.items, BATCH):
        rows = _ceiling_rows(args.items, args.seed, start, min(args.items, start + BATCH))
        now = timezone.now()
        t0, c0 = time.perf_counter(), _cpu_s()
        with transaction.atomic():
            items = Item.objects.bulk_create(
                [Item(channel=channels[row["platform"]], received_at=now, **row) for row in rows],
                batch_size=500,
            )
            ItemVersion.objects.bulk_create(
                [
                    ItemVersion(
                        item=item,
                        number=1,
                        text=item.text,
                        seen_at=now,
                        content_hash=hashlib.sha256(item.text.encode()).hexdigest(),
                    )
                    for item in items
                ],
                batch_size=500,
            )
        seconds += time.perf_counter() - t0
        cpu += _cpu_s() - c0
        count += len(items)
    return {"items": count, "seconds": seconds, "cpu_s": cpu, "peak_mib": _peak_mib()}


PHASES = {"setup": phase_setup, "ingest": phase_ingest, "ceiling": phase_ceiling}


# -- parent ---------------------------------------------------------------------------------


def _postgres_ready() -> str:
    """'' when PostgreSQL answers and the bench database is fresh, else why not."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
    except psycopg.Error as exc:
        return f"{PG_ADMIN_URL} is not usable: {str(exc).strip().splitlines()[0]}"
    return ""


def _postgres_drop() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, connect_timeout=3, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def _run_phase(phase: str, args: argparse.Namespace, env: dict[str, str], tmp: Path) -> dict:
    out = tmp / f"{phase}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase]
    command += ["--items", str(args.items), "--seed", str(args.seed), "--result", str(out)]
    if args.profile:
        command += ["--profile", "--profile-top", str(args.profile_top)]
        if args.profile_out and phase == "ingest":
            command += ["--profile-out", str(Path(args.profile_out).resolve())]
    if args.tracemalloc:
        command.append("--tracemalloc")
    if args.patch:
        command += ["--patch", str(Path(args.patch).resolve())]
    subprocess.run(command, env=env, check=True, cwd=tmp)  # noqa: S603 - this script
    return json.loads(out.read_text())


def bench_database(db: str, args: argparse.Namespace) -> dict[str, Any] | None:
    with tempfile.TemporaryDirectory(prefix=f"tilstede-bench-{db}-") as name:
        tmp = Path(name)
        if db == "postgres":
            why = _postgres_ready()
            if why:
                print(f"postgres: skipped ({why})")
                return None
            url = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
        else:
            url = f"sqlite:///{tmp / 'bench.sqlite3'}"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "TILSTEDE_VAR_DIR": str(tmp),
            "DJANGO_SETTINGS_MODULE": "tilstede.config.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "TILSTEDE_AUDIT_KEY": secrets.token_urlsafe(40),
            "TILSTEDE_TASKS": "database",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(BENCH)]),
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }
        try:
            print(f"{db}: migrating", flush=True)
            _run_phase("setup", args, env, tmp)
            print(f"{db}: ingesting {args.items:,} items through the connectors", flush=True)
            ingest = _run_phase("ingest", args, env, tmp)
            print(f"{db}: bulk insert of the same rows (ceiling)", flush=True)
            ceiling = _run_phase("ceiling", args, env, tmp)
        finally:
            if db == "postgres":
                _postgres_drop()
    return {"db": db, "ingest": ingest, "ceiling": ceiling}


def _flat(ingest: dict[str, Any]) -> tuple[bool, float, float, float]:
    """Is peak RSS flat in the number of items? (flat, at 10 %, at 50 %, at 100 %).

    Flat: the second half of the items adds at most 8 MiB or 5 % to the peak. A one-off
    step early on (caches filling) is not growth with the number of items; a leak shows
    in the second half as much as in the first.
    """
    points = ingest["checkpoints"]
    if len(points) < 2:
        return True, 0.0, 0.0, 0.0
    first, half, last = (points[k]["peak_mib"] for k in (0, len(points) // 2 - 1, -1))
    return last - half <= max(8.0, 0.05 * half), first, half, last


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> bool:
    print()
    print(f"Ingest bench, {args.items:,} items (half RSS, half Mastodon), seed {args.seed}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared?)")
    head = f"{'database':<9} {'path':<8} {'items':>8} {'seconds':>8} {'items/s':>8} "
    head += f"{'peak RSS':>9} {'ingest/ceiling':>15} {'CPU s':>7} {'items/CPU s':>12}"
    print(head)
    print("-" * len(head))
    note = "CPU s: this process only (not the fake platforms, not the PostgreSQL server)"
    ok = True
    verdicts = []
    for r in results:
        ing, ceil = r["ingest"], r["ceiling"]
        ing_rate = ing["items"] / ing["seconds"]
        ceil_rate = ceil["items"] / ceil["seconds"]
        ratio = ing_rate / ceil_rate
        print(
            f"{r['db']:<9} {'ingest':<8} {ing['items']:>8,} {ing['seconds']:>8.1f} "
            f"{ing_rate:>8,.0f} {ing['peak_mib']:>5.0f} MiB {ratio:>15.2f} "
            f"{ing['cpu_s']:>7.1f} {ing['items'] / ing['cpu_s']:>12,.0f}"
        )
        print(
            f"{'':<9} {'ceiling':<8} {ceil['items']:>8,} {ceil['seconds']:>8.1f} "
            f"{ceil_rate:>8,.0f} {ceil['peak_mib']:>5.0f} MiB {'':>15} "
            f"{ceil['cpu_s']:>7.1f} {ceil['items'] / ceil['cpu_s']:>12,.0f}"
        )
        flat, first, half, last = _flat(ing)
        checks = [(f">= 1/4 of ceiling ({ratio:.2f})", ratio >= CEILING_SHARE)]
        if r["db"] == "sqlite":
            fast = ing_rate >= SQLITE_TARGET
            checks.insert(0, (f">= {SQLITE_TARGET:,.0f} items/s ({ing_rate:,.0f})", fast))
        checks.append(
            (
                f"memory flat (peak RSS {first:.0f} / {half:.0f} / {last:.0f} MiB "
                "at 10 / 50 / 100 % of the items)",
                flat,
            )
        )
        complete = ing["stored"] == ing["expected"]
        checks.append((f"all items stored ({ing['stored']:,}/{ing['expected']:,})", complete))
        for text, passed in checks:
            ok = ok and passed
            verdicts.append(f"  {r['db']:<9} {'yes' if passed else 'NO ':<4} {text}")
    print(note)
    print()
    print("targets:")
    print("\n".join(verdicts))
    for r in results:
        ing = r["ingest"]
        total = ing["seconds"]
        print()
        print(f"{r['db']}: where the ingest time went ({total:.1f} s wall, {ing['polls']} polls)")
        timers = ing["timers"]
        for label, seconds in timers.items():
            calls = ing["calls"][label]
            print(
                f"  {label:<36} {seconds:7.1f} s  {100 * seconds / total:5.1f} %  {calls:>7,} calls"
            )
        receive = timers.get("items_receive (one transaction)", 0.0)
        rest = total - receive
        print(f"  {'rest of channel_poll':<36} {rest:7.1f} s  {100 * rest / total:5.1f} %")
        print("  (fetches run in channel_poll's fetch-ahead thread, overlapping items_receive)")
        print(f"  (fake servers building responses, other process: {ing['server_busy_s']:.1f} s)")
        so = ing["screen_only"]
        so_rate = so["items"] / so["seconds"] if so["seconds"] else float("inf")
        print(
            f"  screening alone over the same {so['items']:,} texts: {so['seconds']:.1f} s, "
            f"{so_rate:,.0f} texts/s = {100 * so['seconds'] / total:.0f} % of the ingest time"
        )
        print(f"  held {ing['held']:,} of {ing['items']:,}, findings {ing['findings']:,}")
        rules = ", ".join(f"{rule} {n:,}" for rule, n in ing["decisions"].items())
        print(f"  rule decisions: {rules}")
        mem = ", ".join(f"{p['peak_mib']:.0f}" for p in ing["checkpoints"])
        print(f"  peak RSS MiB at each 10 % of the items: {mem}")
        if ing["checkpoints"] and "heap_peak_mib" in ing["checkpoints"][0]:
            heap = ", ".join(f"{p['heap_mib']:.1f}" for p in ing["checkpoints"])
            print(f"  Python heap MiB (tracemalloc) at each 10 %: {heap}")
        for problem in ing["problems"]:
            print(f"  problem: {problem}")
        if "profile" in ing:
            print()
            print(f"{r['db']}: cProfile of the ingest loop (top {args.profile_top} by own time)")
            print("\n".join(ing["profile"]))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items to ingest (100000)")
    parser.add_argument("--quick", action="store_true", help="10,000 items")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile the ingest loop")
    parser.add_argument("--profile-top", type=int, default=30)
    parser.add_argument("--profile-out", help="with --profile: also write the pstats file here")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap")
    parser.add_argument(
        "--patch", help="Python file run in the ingest process first (to try an optimisation)"
    )
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.items = 10_000
    if args.items < 100:
        parser.error("--items must be at least 100")

    if args.phase:
        result = PHASES[args.phase](args)
        Path(args.result).write_text(json.dumps(result))
        return 0

    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [r for db in dbs if (r := bench_database(db, args)) is not None]
    if not results:
        return 1
    return 0 if report(results, args) else 1


if __name__ == "__main__":
    sys.exit(main())
