"""``tilstede archive``: archive value, closing, Noark 5 export and check, retention, innsyn.

Subcommands::

    tilstede archive set-value ITEM --value journal|store|discard --reason TEXT
    tilstede archive close-thread ITEM [--reason TEXT]
    tilstede archive close-period (--year 2026 | --from 2026-01-01 --to 2026-07-01) [--channel SLUG]
    tilstede archive export (--period 2026 | --from D --to D) --out DIR [--format pronom|extension]
    tilstede archive check DIR [--schemas DIR ...]   (Arkade 5's numbering, package only)
    tilstede archive retention [--dry-run] [--today D]   (--org: that organisation only)
    tilstede archive hold --reason TEXT [--channel SLUG] [--item ID] [--from D] [--to D]
    tilstede archive release HOLD [--reason TEXT]
    tilstede archive innsyn --reference REF --out DIR [--kind innsyn|data_subject]
                            [--text T] [--handle H] [--channel SLUG] [--from D] [--to D]

``--org SLUG`` picks the organisation (needed when there is more than one); ``--by
USERNAME`` names the person acting (default: the command line and the login name).
Dates are Europe/Oslo days; ``--to`` is exclusive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from tilstede.archive import conf
from tilstede.archive.models import ArchiveClass, LegalHold, RequestKind
from tilstede.archive.services import ArchiveError
from tilstede.cli.errors import BadInput
from tilstede.core.formatting import cli_datetime
from tilstede.core.models import Item, Organisation
from tilstede.core.services import Actor


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Archive: archive value, close threads and periods, Noark 5 export, retention."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)

        def cmd(name: str, text: str) -> CommandParser:
            p = sub.add_parser(name, help=text)
            p.add_argument("--org", default="", help="organisation's short name")
            p.add_argument("--by", default="", help="user name of the person acting")
            return p

        def span(p: CommandParser, *, year_flag: str) -> None:
            p.add_argument(year_flag, type=int, dest="year", help="a calendar year")
            p.add_argument("--from", dest="start", type=_date, help="first day")
            p.add_argument("--to", dest="end", type=_date, help="day after the last")

        p = cmd("set-value", "decide an item's archive value by hand, with a reason")
        p.add_argument("item", type=int)
        p.add_argument("--value", required=True, choices=ArchiveClass.values)
        p.add_argument("--reason", required=True)

        p = cmd("close-thread", "mark a thread done so its folder can be closed")
        p.add_argument("item", type=int, help="any item of the thread")
        p.add_argument("--reason", default="")

        p = cmd("close-period", "close an arkivdel (a year, or a date range)")
        span(p, year_flag="--year")
        p.add_argument("--channel", default="", help="one channel only")
        p.add_argument("--title", default="")

        p = cmd("export", "write a Noark 5 arkivuttrekk of closed periods")
        span(p, year_flag="--period")
        p.add_argument("--out", required=True, type=Path)
        p.add_argument("--format", choices=conf.FORMAT_STYLES, default=None)
        p.add_argument("--no-documents", action="store_true", help="XML only (for tests)")
        p.add_argument("--no-progress", action="store_true")
        p.add_argument("--schemas", action="append", type=Path, default=[])

        p = sub.add_parser(
            "check", help="run Arkade 5's Noark 5 tests (N5.01-N5.64) on a package alone"
        )
        p.add_argument("path", type=Path)
        p.add_argument(
            "--schemas",
            action="append",
            type=Path,
            default=[],
            help="also validate against this reference schema folder (repeatable); the "
            "package's own schemas are always used, and nothing else by default",
        )

        p = cmd("retention", "delete discard-class items whose time has come")
        p.add_argument("--dry-run", action="store_true", help="list what would go")
        p.add_argument("--today", type=_date, default=None)

        p = cmd("hold", "place a legal hold (stops retention)")
        p.add_argument("--reason", required=True)
        p.add_argument("--channel", default="")
        p.add_argument("--item", type=int, default=None)
        p.add_argument("--from", dest="start", type=_date, default=None)
        p.add_argument("--to", dest="end", type=_date, default=None)

        p = cmd("release", "release a legal hold")
        p.add_argument("hold", type=int)
        p.add_argument("--reason", default="")

        p = cmd("innsyn", "answer a request for access: PDF bundle and CSV, redacted")
        p.add_argument("--reference", required=True)
        p.add_argument("--kind", choices=RequestKind.values, default=RequestKind.INNSYN)
        p.add_argument("--subject-handle", default="")
        p.add_argument("--text", default="")
        p.add_argument("--handle", default="")
        p.add_argument("--channel", default="")
        p.add_argument("--from", dest="start", type=_date, default=None)
        p.add_argument("--to", dest="end", type=_date, default=None)
        p.add_argument("--out", required=True, type=Path)

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            getattr(self, "do_" + action.replace("-", "_"))(**options)
        except ArchiveError as exc:
            raise BadInput(str(exc)) from None

    # helpers
    def _org(self, slug: str) -> Organisation:
        if slug:
            org = Organisation.objects.filter(slug=slug).first()
            if org is None:
                raise BadInput(f"no organisation {slug!r}")
            return org
        orgs = list(Organisation.objects.all()[:2])
        if len(orgs) != 1:
            raise BadInput("name the organisation with --org")
        return orgs[0]

    def _by(self, username: str) -> Actor:
        if not username:
            return f"cli:{getpass.getuser()}"
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise BadInput(f"no user {username!r}")
        return user

    def _span(self, o: dict[str, Any]) -> tuple[dt.date, dt.date]:
        if o.get("year"):
            return dt.date(o["year"], 1, 1), dt.date(o["year"] + 1, 1, 1)
        if o.get("start") and o.get("end"):
            return o["start"], o["end"]
        raise BadInput("give a year, or --from and --to")

    def _item(self, pk: int) -> Item:
        item = Item.objects.select_related("channel__organisation").filter(pk=pk).first()
        if item is None:
            raise BadInput(f"no item {pk}")
        return item

    # subcommands
    def do_set_value(self, **o: Any) -> None:
        from tilstede.archive.services import assessment_override

        item = self._item(o["item"])
        a = assessment_override(
            item=item, value=o["value"], reason=o["reason"], by=self._by(o["by"])
        )
        self.stdout.write(f"item {item.pk}: {a.get_value_display()} ({a.reason})")

    def do_close_thread(self, **o: Any) -> None:
        from tilstede.archive.services import thread_close

        closure = thread_close(root=self._item(o["item"]), by=self._by(o["by"]), reason=o["reason"])
        self.stdout.write(f"thread {closure.root_id} closed {cli_datetime(closure.closed_at)}")

    def do_close_period(self, **o: Any) -> None:
        from tilstede.archive.innsyn import channel_by_slug
        from tilstede.archive.services import period_close

        org = self._org(o["org"])
        start, end = self._span(o)
        channel = channel_by_slug(org, o["channel"]) if o["channel"] else None
        r = period_close(
            organisation=org,
            start=start,
            end=end,
            channel=channel,
            by=self._by(o["by"]),
            title=o["title"],
        )
        self.stdout.write(
            f"{r.period.title}: closed; {r.journal} journalført, {r.store} arkivert, "
            f"{r.discard} kasseres etter fristen; {r.folders} mapper, "
            f"{r.threads_closed} tråder lukket"
        )

    def do_export(self, **o: Any) -> None:
        from tilstede.archive.check import check_package
        from tilstede.archive.export import export_package, periods_for

        org = self._org(o["org"])
        start, end = self._span(o)
        periods = periods_for(organisation=org, start=start, end=end)
        report = export_package(
            periods=periods,
            out=o["out"],
            by=self._by(o["by"]),
            format_style=o["format"],
            documents=not o["no_documents"],
            progress=not o["no_progress"],
            check=False,
        )
        self.stdout.write(
            f"{report.out}: {report.mapper} mapper, {report.registreringer} registreringer "
            f"({report.journalposter} journalposter), {report.documents} dokumentfiler "
            f"({report.rendered} laget, {report.reused} gjenbrukt), {report.endringer} endringer"
        )
        check = check_package(report.out, schema_dirs=o["schemas"] or conf.reference_schema_sets())
        self.stdout.write(check.text())
        if not check.ok:
            raise CommandError("the package fails the checks above")

    def do_check(self, **o: Any) -> None:
        from tilstede.archive.check import check_package

        if not o["path"].is_dir():
            raise BadInput(f"{o['path']} is not a folder with an arkivuttrekk")
        report = check_package(o["path"], schema_dirs=o["schemas"])
        self.stdout.write(report.text())
        if not report.ok:
            n = len(report.errors)
            raise CommandError(ngettext("%(n)s error", "%(n)s errors", n) % {"n": n})

    def do_retention(self, **o: Any) -> None:
        from tilstede.archive.services import retention_run

        report = retention_run(
            by=self._by(o["by"]),
            today=o["today"],
            dry_run=o["dry_run"],
            organisation=self._org(o["org"]) if o["org"] else None,
        )
        for e in report.entries:
            self.stdout.write(
                f"{e.outcome:<14} item {e.item_id} {e.channel}:{e.external_id} "
                f"created {cli_datetime(e.created_at)[:10]}, "
                f"kassasjonsdato {e.discard_after} – {e.rule}"
            )
        verb = "would delete" if report.dry_run else "deleted"
        self.stdout.write(f"{verb} {report.deleted}, kept {report.kept}")

    def do_hold(self, **o: Any) -> None:
        from tilstede.archive.innsyn import channel_by_slug
        from tilstede.archive.services import legal_hold_place

        org = self._org(o["org"])
        hold = legal_hold_place(
            organisation=org,
            reason=o["reason"],
            by=self._by(o["by"]),
            channel=channel_by_slug(org, o["channel"]) if o["channel"] else None,
            item=self._item(o["item"]) if o["item"] else None,
            start=o["start"],
            end=o["end"],
        )
        self.stdout.write(f"legal hold {hold.pk} placed: {hold.reason}")

    def do_release(self, **o: Any) -> None:
        from tilstede.archive.services import legal_hold_release

        holds = LegalHold.objects.filter(pk=o["hold"], released_at=None)
        if o["org"]:
            holds = holds.filter(organisation=self._org(o["org"]))
        hold = holds.first()
        if hold is None:
            raise BadInput(f"no active legal hold {o['hold']}")
        legal_hold_release(hold=hold, by=self._by(o["by"]), reason=o["reason"])
        self.stdout.write(f"legal hold {hold.pk} released")

    def do_innsyn(self, **o: Any) -> None:
        from tilstede.archive.innsyn import Search, innsyn_export, innsyn_request_record

        org = self._org(o["org"])
        by = self._by(o["by"])
        search = Search(
            text=o["text"], handle=o["handle"], channel=o["channel"], start=o["start"], end=o["end"]
        )
        request = innsyn_request_record(
            organisation=org,
            kind=o["kind"],
            reference=o["reference"],
            search=search,
            by=by,
            subject_handle=o["subject_handle"],
        )
        files = innsyn_export(request=request, out=o["out"], by=by)
        self.stdout.write(
            ngettext(
                "request %(pk)s: %(n)s item; %(pdf)s and %(csv)s",
                "request %(pk)s: %(n)s items; %(pdf)s and %(csv)s",
                request.result_count,
            )
            % {
                "pk": request.pk,
                "n": request.result_count,
                "pdf": files["pdf"],
                "csv": files["csv"],
            }
        )
