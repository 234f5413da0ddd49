"""Benchmark of the Noark 5 export: XML items/s, PDF items/s, peak memory at 10k and 100k.

    .venv/bin/python bench/archive.py                 # 10,000 and 100,000 items
    .venv/bin/python bench/archive.py --sizes 2000 --pdf-sample 20

Each size gets its own SQLite database in a temporary folder. One process builds the
data (threads of an agency post with comments, a third of them answered) and closes the
year as one arkivdel; a second, fresh process exports it, so its peak resident memory
is the export's alone. XML is timed on the whole period (documents off); PDF rendering is
timed on a sample of registreringer, since every PDF is rendered the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _django(var_dir: str) -> None:
    os.environ["TILSTEDE_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilstede.config.settings")
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


def export(var_dir: str, out: str, pdf_sample: int) -> dict[str, float]:
    _django(var_dir)
    import resource

    from tilstede.archive.documents import render_record
    from tilstede.archive.export import export_package
    from tilstede.archive.models import ArchiveAssessment, ArchivePeriod
    from tilstede.archive.records import load_batch

    period = ArchivePeriod.objects.get()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = export_package(
        periods=[period], out=Path(out), by="bench", documents=False, check=False
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sample = list(
        ArchiveAssessment.objects.filter(period=period, folder__isnull=False)
        .select_related("item__channel", "item__parent", "folder")
        .order_by("pk")[:pdf_sample]
    )
    records = load_batch(sample, period_ids={period.pk}, with_context=True)
    render_record(records[0], organisation="Benkvik kommune", redacted=False)  # fonts warm
    t0 = time.perf_counter()
    for r in records:
        render_record(r, organisation="Benkvik kommune", redacted=False)
    pdf_s = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in Path(out).glob("*.xml"))
    return {
        "registreringer": report.registreringer,
        "xml_s": report.xml_seconds,
        "xml_per_s": report.registreringer / report.xml_seconds,
        "pdf_sample": len(records),
        "pdf_per_s": len(records) / pdf_s,
        "rss_before_mib": before / 1024,
        "rss_peak_mib": peak / 1024,
        "xml_mib": size / 2**20,
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--pdf-sample", type=int, default=100)
    parser.add_argument("--child", choices=["build", "export"])
    parser.add_argument("--var", default="")
    parser.add_argument("--items", type=int, default=0)
    args = parser.parse_args()
    if args.child == "build":
        print(json.dumps(build(args.var, args.items)))
        return
    if args.child == "export":
        print(json.dumps(export(args.var, str(Path(args.var) / "uttrekk"), args.pdf_sample)))
        return
    print(f"CPU cores: {os.cpu_count()}; Python {sys.version.split()[0]}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="tilstede-bench-") as var:
            b = _child("--child", "build", "--var", var, "--items", str(size))
            e = _child("--child", "export", "--var", var, "--pdf-sample", str(args.pdf_sample))
            print(
                f"{b['items']:>7} items (close {b['close_s']:.0f} s: {b['journal']} journal, "
                f"{b['store']} store, {b['discard']} discard) -> "
                f"{e['registreringer']} registreringer\n"
                f"        XML: {e['xml_per_s']:,.0f} registreringer/s "
                f"({e['xml_s']:.1f} s, {e['xml_mib']:.0f} MiB of XML)\n"
                f"        PDF: {e['pdf_per_s']:.1f} documents/s (sample of {e['pdf_sample']})\n"
                f"        peak memory of the export process: {e['rss_peak_mib']:.0f} MiB "
                f"(after Django start-up {e['rss_before_mib']:.0f} MiB)"
            )


if __name__ == "__main__":
    main()
