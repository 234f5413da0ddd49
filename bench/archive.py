"""Benchmark of the Noark 5 export with documents: documents/s, wall time, memory.

    .venv/bin/python bench/archive.py                 # 10,000 items, every document
    .venv/bin/python bench/archive.py --sizes 2000 --workers 2

Each size gets its own SQLite database in a temporary folder. One process builds the
data (threads of an agency post with comments, a third of them answered) and closes the
year as one arkivdel (which freezes every registrering); a second, fresh process exports
it with every document rendered on the process pool, and prints, at 10 %, 50 % and
100 % of the registreringer written: documents/s so far, wall time, the export
process's peak resident memory (VmHWM) and the pool workers' resident memory. The
target: the export process's peak at 100 % within 10 % of its peak at 10 %, and below
250 MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _django(var_dir: str) -> None:
    os.environ["TILSTEDE_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilstede.config.settings")
    # As in production: with DEBUG on, Django keeps the last 9,000 queries in memory,
    # which would show as growth here.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    # Required with DEBUG off, as in production (it signs the audit log's checkpoints).
    os.environ.setdefault("TILSTEDE_AUDIT_KEY", secrets.token_urlsafe(48))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build(var_dir: str, items: int) -> dict[str, float]:
    _django(var_dir)
    import datetime as dt
    import hashlib
    import random

    from django.core.management import call_command

    from tilstede.archive.services import period_close
    from tilstede.core.models import Channel, Item, ItemVersion, Organisation

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    org = Organisation.objects.create(
        name="Benkvik kommune", slug="benkvik", org_number="999999998"
    )
    channel = Channel.objects.create(
        organisation=org,
        name="Benkvik på Mastodon",
        slug="benkvik",
        platform="mastodon",
        kind="microblog",
        purpose="communication",
    )
    t0 = time.perf_counter()
    start = dt.datetime(2025, 1, 1, 8, tzinfo=dt.UTC)
    step = dt.timedelta(seconds=300 * 24 * 3600 // items)
    per_thread = 10
    n = 0
    while n < items:
        post = Item.objects.create(
            channel=channel,
            platform="mastodon",
            external_id=f"p{n}",
            kind="post",
            direction="out",
            author_handle="@benkvik",
            author_name="Benkvik kommune",
            text=f"Innlegg {n}: brøyting, skole og vann denne uka.",
            url=f"https://m.example/p{n}",
            created_at=start + step * n,
            visibility="visible",
        )
        batch = []
        for k in range(1, min(per_thread, items - n)):
            answered = k % 3 == 0
            created = start + step * (n + k)
            batch.append(
                Item(
                    channel=channel,
                    platform="mastodon",
                    external_id=f"c{n + k}",
                    kind="reply" if answered and k % 2 else "comment",
                    direction="out" if answered and k % 2 else "in",
                    author_handle=f"@innbygger{rng.randrange(5000)}@x.example",
                    author_name="Innbygger",
                    text=f"Kommentar {n + k} om brøytingen i Fjellveien "
                    + "bla " * rng.randrange(30),
                    url=f"https://m.example/c{n + k}",
                    parent=post,
                    thread=post,
                    created_at=created,
                    received_at=created + dt.timedelta(minutes=2),
                    visibility="visible",
                    response_state="answered" if answered else "not_needed",
                )
            )
        created_items = [post, *Item.objects.bulk_create(batch)]
        ItemVersion.objects.bulk_create(
            [
                ItemVersion(
                    item=i,
                    number=1,
                    text=i.text,
                    seen_at=i.received_at,
                    content_hash=hashlib.sha256(i.text.encode()).hexdigest(),
                )
                for i in created_items
            ]
        )
        n += len(created_items)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = period_close(
        organisation=org, start=dt.date(2025, 1, 1), end=dt.date(2026, 1, 1), by="bench"
    )
    return {
        "items": n,
        "build_s": built,
        "close_s": time.perf_counter() - t0,
        "journal": report.journal,
        "store": report.store,
        "discard": report.discard,
    }


def _status_kib(pid: int | str, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _workers_rss_kib() -> int:
    """Resident memory of this process's children (the rendering pool), summed."""
    me = str(os.getpid())
    total = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                    parent = fh.read().rsplit(")", 1)[1].split()[1]
            except OSError:
                continue
            if parent == me:
                total += _status_kib(entry, "VmRSS")
    return total


def export(var_dir: str, out: str, workers: int | None) -> dict[str, object]:
    _django(var_dir)
    from tilstede.archive.export import export_package
    from tilstede.archive.models import ArchiveAssessment, ArchivePeriod

    period = ArchivePeriod.objects.get()
    total = ArchiveAssessment.objects.filter(period=period, folder__isnull=False).count()
    marks = {max(1, total * p // 100): p for p in (10, 50, 100)}
    points: list[dict[str, float]] = []
    done = 0
    t0 = time.perf_counter()
    rendered_at: list[int] = []

    def progress(_record: object) -> None:
        nonlocal done
        done += 1
        if done in marks:
            points.append(
                {
                    "percent": marks[done],
                    "registreringer": done,
                    "wall_s": time.perf_counter() - t0,
                    "rss_peak_mib": _status_kib("self", "VmHWM") / 1024,
                    "rss_now_mib": _status_kib("self", "VmRSS") / 1024,
                    "workers_rss_mib": _workers_rss_kib() / 1024,
                }
            )
            rendered_at.append(done)

    report = export_package(
        periods=[period],
        out=Path(out),
        by="bench",
        check=False,
        on_document=progress,
        workers=workers,
    )
    wall = time.perf_counter() - t0
    documents = report.documents
    for p in points:
        # Documents so far: each registrering has one, a skjermet one two; scale by share.
        p["documents"] = documents * p["registreringer"] / max(report.registreringer, 1)
        p["documents_per_s"] = p["documents"] / p["wall_s"]
    size = sum(p.stat().st_size for p in Path(out).glob("*.xml"))
    return {
        "registreringer": report.registreringer,
        "documents": documents,
        "wall_s": wall,
        "documents_per_s": documents / wall,
        "points": points,
        "xml_mib": size / 2**20,
        "workers": workers or os.cpu_count(),
    }


def _child(*args: str) -> dict[str, float]:
    done = subprocess.run(  # noqa: S603  (this script, fixed arguments)
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--workers", type=int, default=0, help="default: one per core")
    parser.add_argument("--child", choices=["build", "export"])
    parser.add_argument("--var", default="")
    parser.add_argument("--items", type=int, default=0)
    args = parser.parse_args()
    if args.child == "build":
        print(json.dumps(build(args.var, args.items)))
        return
    if args.child == "export":
        out = str(Path(args.var) / "uttrekk")
        print(json.dumps(export(args.var, out, args.workers or None)))
        return
    load = os.getloadavg()
    print(
        f"CPU cores: {os.cpu_count()}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
        f"(shared machine); Python {sys.version.split()[0]}"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="tilstede-bench-") as var:
            b = _child("--child", "build", "--var", var, "--items", str(size))
            extra = ["--workers", str(args.workers)] if args.workers else []
            e = _child("--child", "export", "--var", var, *extra)
            print(
                f"{b['items']:>7} items (close {b['close_s']:.0f} s: {b['journal']} journal, "
                f"{b['store']} store, {b['discard']} discard) -> {e['registreringer']} "
                f"registreringer, {e['documents']} documents, {e['workers']} worker(s)"
            )
            for p in e["points"]:
                print(
                    f"  {p['percent']:>3} %: {p['documents_per_s']:.1f} documents/s, "
                    f"wall {p['wall_s']:.0f} s, export process peak RSS "
                    f"{p['rss_peak_mib']:.0f} MiB (now {p['rss_now_mib']:.0f} MiB), "
                    f"pool workers {p['workers_rss_mib']:.0f} MiB"
                )
            first, last = e["points"][0], e["points"][-1]
            growth = (last["rss_peak_mib"] - first["rss_peak_mib"]) / first["rss_peak_mib"]
            print(
                f"  total: {e['documents_per_s']:.1f} documents/s, wall {e['wall_s']:.0f} s, "
                f"{e['xml_mib']:.0f} MiB of XML; peak RSS 100 % vs 10 %: {growth:+.1%} "
                f"({'within' if abs(growth) <= 0.10 else 'NOT within'} 10 %, "
                f"{'below' if last['rss_peak_mib'] < 250 else 'NOT below'} 250 MiB)"
            )


if __name__ == "__main__":
    main()
