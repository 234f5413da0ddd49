"""Writing a Noark 5 v5.0 arkivuttrekk of closed periods (shared/noark5/NOTES.md).

Files: arkivstruktur.xml, endringslogg.xml, loependeJournal.xml and offentligJournal.xml
(only when the periods hold journalposts: the journal schemas require at least one),
the official XSDs they use, ``dokumenter/`` with one PDF/A-2b per registrering (and a
redacted variant where skjerming applies), and last arkivuttrekk.xml (ADDML, in the
official template's order) with the SHA-256 of every XML and XSD and the counts.

The XML is streamed with ``lxml.etree.xmlfile`` from batched queries, so memory stays
flat. Documents are written to a temporary name and renamed, so an interrupted export
leaves only whole documents; running it again over the same folder reuses them and
writes the XML anew (resuming). The package is checked (``tilstede archive check``)
at the end.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import heapq
import json
import multiprocessing
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import npgettext, pgettext, pgettext_lazy
from lxml import etree

from tilstede.archive import conf, pdfworker, skjerming
from tilstede.archive.documents import PRONOM_PDFA_2B, record_html
from tilstede.archive.models import (
    ArchiveAmendment,
    ArchiveAssessment,
    ArchiveChange,
    ArchiveClass,
    ArchiveCrossReference,
    ArchiveFolder,
    ArchivePeriod,
    RetentionDeletion,
)
from tilstede.archive.records import (
    Record,
    actor_words,
    archive_language,
    iter_records,
    latest_redactions,
    verb_words,
)
from tilstede.archive.services import ArchiveError, actor_label, item_title
from tilstede.core.models import Channel, Direction, Organisation, Visibility
from tilstede.core.services import Actor, audit_checkpoint_latest, audit_record

OSLO = ZoneInfo("Europe/Oslo")
N5 = "http://www.arkivverket.no/standarder/noark5/"
ADDML = "http://www.arkivverket.no/standarder/addml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"
EXT = "urn:tilstede:noark5:sosiale-medier:1"
STATE_FILE = ".tilstede-uttrekk.json"
CHECKPOINT_FILE = "tilstede-revisjonslogg-kontrollpunkt.json"
DOCS = "dokumenter"

REDACTED_VARIANT = "Dokument hvor deler av innholdet er skjermet"
SYSTEM_NAME = "Tilstede"

# XML 1.0 forbids most control characters; platforms do send them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(value: object) -> str:
    return _NOT_XML.sub("", str(value)).strip()


def dtm(value: dt.datetime) -> str:
    return value.astimezone(OSLO).isoformat(timespec="seconds")


def day(value: dt.datetime) -> str:
    return value.astimezone(OSLO).date().isoformat()


def sub_id(parent: uuid.UUID | str, name: str) -> uuid.UUID:
    """A stable systemID derived from another, so a resumed export writes the same ids."""
    return uuid.uuid5(uuid.UUID(str(parent)), name)


class Writer:
    """Element contexts and leaves over ``xmlfile``, indented, never writing an empty leaf."""

    def __init__(self, xf: Any, ns: str) -> None:
        self.xf = xf
        self.ns = ns
        self.depth = 0

    def q(self, tag: str) -> str:
        return tag if tag.startswith("{") else f"{{{self.ns}}}{tag}"

    @contextlib.contextmanager
    def el(
        self,
        tag: str,
        attrib: dict[str, str] | None = None,
        nsmap: dict[str | None, str] | None = None,
    ) -> Iterator[None]:
        if self.depth:
            self.xf.write("\n" + "  " * self.depth)
        # Entered and left by hand: after an error the end tags are not written (the file
        # is abandoned), so the error itself reaches the caller, not lxml's complaint
        # about elements closed out of order.
        element = self.xf.element(self.q(tag), attrib or {}, nsmap=nsmap)
        element.__enter__()
        self.depth += 1
        yield
        self.depth -= 1
        self.xf.write("\n" + "  " * self.depth)
        element.__exit__(None, None, None)

    def leaf(self, tag: str, value: object) -> None:
        if value is None:
            return
        text = clean(value)
        if not text:
            return
        self.xf.write("\n" + "  " * self.depth)
        with self.xf.element(self.q(tag)):
            self.xf.write(text)


@contextlib.contextmanager
def xml_document(path: Path, ns: str, root: str, xsd: str) -> Iterator[Writer]:
    with open(path, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n')
        with etree.xmlfile(fh, encoding="utf-8") as xf:
            w = Writer(xf, ns)
            attrib = {f"{{{XSI}}}schemaLocation": f"{ns} {xsd}"}
            with w.el(root, attrib, nsmap={None: ns, "xsi": XSI}):
                yield w
        fh.write(b"\n")


def sha256_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


@dataclass
class DocFile:
    system_id: uuid.UUID
    variant: str
    name: str
    sha256: str
    size: int
    created_at: dt.datetime


@dataclass
class ExportReport:
    out: Path
    periods: list[str]
    mapper: int = 0
    registreringer: int = 0
    journalposter: int = 0
    endringer: int = 0
    documents: int = 0
    rendered: int = 0
    reused: int = 0
    screened: int = 0
    first_journaldato: str = ""
    last_journaldato: str = ""
    # registrering/opprettetDato, first and last (Oslo days): the journal heads' dates,
    # as Arkade's N5.60 compares them with a sharp period separation.
    first_opprettet: str = ""
    last_opprettet: str = ""
    disposals: int = 0
    pdf_seconds: float = 0.0
    total_seconds: float = 0.0
    checksums: dict[str, str] = field(default_factory=dict)
    check: Any = None

    @property
    def xml_seconds(self) -> float:
        return max(self.total_seconds - self.pdf_seconds, 1e-9)


@dataclass(frozen=True)
class FolderTitle:
    """A folder's public title, screened anew, and what was screened in it."""

    public: str
    categories: frozenset[str]
    citizen: bool  # the thread starts with a citizen's item

    @property
    def screened(self) -> bool:
        return bool(self.categories)


def folder_title(ctx: _Ctx, f: ArchiveFolder) -> FolderTitle:
    """The public title of a folder: its root item's title with today's screening (the
    stored public title was made with the screening of its day), remembered per export."""
    known = ctx.folder_titles.get(f.pk)
    if known is not None:
        return known
    root = f.root
    if f.public_categories is not None:
        # Frozen when the folder was made (closed folders do not change).
        title = FolderTitle(
            f.public_title if f.public_categories else f.title,
            frozenset(f.public_categories),
            citizen=f.citizen_root,
        )
    elif root is None:
        redaction = skjerming.redact(f.public_title)
        title = FolderTitle(redaction.text, redaction.categories, citizen=True)
    elif root.direction == Direction.OUT:
        title = FolderTitle(f.title, frozenset(), citizen=False)
    else:
        redaction = latest_redactions([root])[root.pk]
        channel = f.channel.name
        public = item_title(kind=root.kind, channel_name=channel, text=redaction.text)
        title = FolderTitle(public, redaction.categories, citizen=True)
    ctx.folder_titles[f.pk] = title
    return title


@dataclass
class _Ctx:
    organisation: Organisation
    periods: list[ArchivePeriod]
    out: Path
    format_style: str
    documents: bool
    report: ExportReport
    progress: Any
    on_document: Callable[[Record], None] | None
    created_at: dt.datetime
    folder_titles: dict[int, FolderTitle] = field(default_factory=dict)
    crossrefs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    renderer: Any = None

    @property
    def period_by_id(self) -> dict[int, ArchivePeriod]:
        return {p.pk: p for p in self.periods}


def periods_for(
    *,
    organisation: Organisation,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ArchivePeriod]:
    """Closed periods of a year, or inside [start, end); open ones in range are an error."""
    if year is not None:
        start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if start is None or end is None:
        raise ArchiveError("give a year or a date range")
    inside = ArchivePeriod.objects.filter(
        organisation=organisation, start__gte=start, end__lte=end
    ).order_by("start", "channel__slug")
    periods = list(inside)
    still_open = [p.title for p in periods if not p.closed]
    if still_open:
        raise ArchiveError("only closed periods can be exported; open: " + ", ".join(still_open))
    if not periods:
        raise ArchiveError(
            f"no closed archive period between {start} and {end - dt.timedelta(days=1)}; "
            "close one first (tilstede archive close-period)"
        )
    return periods


def export_package(
    *,
    periods: Sequence[ArchivePeriod],
    out: Path,
    by: Actor,
    format_style: str | None = None,
    documents: bool = True,
    progress: bool = False,
    check: bool = True,
    on_document: Callable[[Record], None] | None = None,
    workers: int | None = None,
) -> ExportReport:
    """Write the arkivuttrekk of closed ``periods`` into ``out``; resume if it was started.

    Steps: prepare the folder (refuse a foreign non-empty one), stream arkivstruktur.xml
    (rendering each document on a pool of ``workers`` processes, default one per core, or
    reusing it), write endringslogg.xml and the journals, copy the schemas (addml.xsd
    included), then arkivuttrekk.xml with checksums and counts, then check the package.
    Every registrering is written from its snapshot (``records.freeze``), so a closed
    period exports the same bytes each time.
    """
    started = time.perf_counter()
    periods = list(periods)
    if not periods:
        raise ArchiveError("no period to export")
    if any(not p.closed for p in periods):
        raise ArchiveError("only closed periods can be exported")
    organisation = periods[0].organisation
    if any(p.organisation_id != organisation.pk for p in periods):
        raise ArchiveError("one arkivuttrekk holds one organisation's periods")
    format_style = format_style or conf.document_format_style()
    if format_style not in conf.FORMAT_STYLES:
        raise ArchiveError(f"format must be one of {', '.join(conf.FORMAT_STYLES)}")
    out = Path(out)
    _prepare(out, periods, format_style=format_style, documents=documents)
    report = ExportReport(out=out, periods=[p.title for p in periods])
    total = (
        ArchiveAssessment.objects.filter(period__in=periods, folder__isnull=False).count()
        + ArchiveAmendment.objects.filter(period__in=periods, folder__isnull=False).count()
    )
    bar = _progress(total, progress)
    ctx = _Ctx(
        organisation=organisation,
        periods=periods,
        out=out,
        format_style=format_style,
        documents=documents,
        report=report,
        progress=bar,
        on_document=on_document,
        created_at=max(p.closed_at for p in periods if p.closed_at),
        crossrefs=_crossrefs(periods),
    )
    ctx.renderer = Renderer(workers=workers, organisation=organisation.name)
    try:
        _write_arkivstruktur(ctx)
    finally:
        bar.close()
        ctx.renderer.close()
    _write_endringslogg(ctx)
    has_journal = report.journalposter > 0
    if has_journal:
        _write_journal(ctx, public=False)
        _write_journal(ctx, public=True)
    for name in [*_schema_names(has_journal), "addml.xsd"]:
        shutil.copyfile(conf.PACKAGE_SCHEMAS / name, out / name)
    _write_addml(ctx, has_journal=has_journal)
    (out / STATE_FILE).unlink(missing_ok=True)
    report.total_seconds = time.perf_counter() - started
    audit_record(
        actor=by,
        verb="archive.export",
        obj=organisation,
        details={
            "periods": [str(p.system_id) for p in periods],
            "out": str(out),
            "mapper": report.mapper,
            "registreringer": report.registreringer,
            "journalposter": report.journalposter,
            "documents": report.documents,
            "format": format_style,
            "arkivuttrekk_sha256": report.checksums.get("arkivuttrekk.xml", ""),
            "by": actor_label(by),
        },
    )
    # The audit chain's head after this export's own event, signed: a copy outside the
    # database for ``tilstede audit verify --checkpoints-from`` (issue 16).
    checkpoint = audit_checkpoint_latest()
    if checkpoint is not None:
        (out / CHECKPOINT_FILE).write_text(checkpoint.as_line() + "\n", encoding="utf-8")
    if check:
        from tilstede.archive.check import check_package

        report.check = check_package(out)
    return report


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="reg", desc="arkivuttrekk", disable=not enabled)


def _prepare(
    out: Path, periods: list[ArchivePeriod], *, format_style: str, documents: bool
) -> None:
    state = {
        "periods": sorted(str(p.system_id) for p in periods),
        "format": format_style,
        "documents": documents,
    }
    if out.exists() and any(out.iterdir()):
        state_path = out / STATE_FILE
        if not state_path.exists():
            raise ArchiveError(
                f"{out} is not empty and holds no unfinished export of these periods"
            )
        previous = json.loads(state_path.read_text(encoding="utf-8"))
        if previous != state:
            raise ArchiveError(f"{out} holds an unfinished export of other periods or settings")
    out.mkdir(parents=True, exist_ok=True)
    (out / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
    if documents:
        (out / DOCS).mkdir(exist_ok=True)
        for leftover in (out / DOCS).glob("*.part"):
            leftover.unlink()


def _schema_names(has_journal: bool) -> list[str]:
    names = ["arkivstruktur.xsd", "metadatakatalog.xsd", "endringslogg.xsd"]
    if has_journal:
        names += ["loependeJournal.xsd", "offentligJournal.xsd"]
    return names


# --- documents ---------------------------------------------------------------------------


WORKER_DOCUMENTS = 200
# Registreringer loaded at a time while writing. The process's resident memory keeps the
# largest batch it has held (freed objects leave Python's and the C library's heaps
# fragmented rather than given back), so it grows until the largest thread context has
# been met: 100 grew it about 14 % over an export of 1,600 registreringer, 25 about 5 %
# for the same wall time (the queries cost little next to the documents).
BATCH = 25


class Renderer:
    """Renders documents: in this process for a few, else on a pool of worker processes.

    The HTML is made here (templates, screening); the workers (``pdfworker``) only turn
    it into PDF/A and write the file, so nothing but strings crosses to them, and at most
    one window of documents is in flight: memory stays flat however large the period.
    """

    def __init__(self, *, workers: int | None, organisation: str) -> None:
        self.workers = max(1, workers if workers is not None else conf.export_workers())
        self.organisation = organisation
        self.window = max(16, 8 * self.workers)
        self._pool: ProcessPoolExecutor | None = None
        self._given = 0

    def render(self, jobs: list[tuple[str, str]]) -> list[tuple[str, int]]:
        if self.workers == 1 or len(jobs) < conf.export_pool_threshold():
            return [pdfworker.render_file(path, html) for path, html in jobs]
        if self._pool is not None and self._given >= self.workers * WORKER_DOCUMENTS:
            # WeasyPrint's caches grow with every document: the workers are replaced after
            # WORKER_DOCUMENTS each, so their memory stays flat too. (Done here, between
            # windows: max_tasks_per_child can hang on Python 3.11.)
            self.close()
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
            self._given = 0
        self._given += len(jobs)
        paths, htmls = zip(*jobs, strict=True) if jobs else ((), ())
        return list(self._pool.map(pdfworker.render_file, paths, htmls))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _documents(ctx: _Ctx, records: list[Record]) -> list[list[DocFile]]:
    """Each record's documents («Arkivformat», and the skjermet variant where skjerming
    applies): reused when the file is there (a resumed export), else rendered."""
    planned: list[list[tuple[uuid.UUID, str, str, Path]]] = []
    jobs: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    for r in records:
        files = []
        for redacted in (False, True) if r.screened else (False,):
            variant = REDACTED_VARIANT if redacted else "Arkivformat"
            sid = sub_id(
                r.assessment.system_id, "dokumentobjekt:" + ("skjermet" if redacted else "arkiv")
            )
            name = f"{DOCS}/{sid}.pdf"
            path = ctx.out / name
            files.append((sid, variant, name, path))
            if not path.exists():
                html = record_html(r, organisation=ctx.organisation.name, redacted=redacted)
                jobs.append((str(path), html))
        planned.append(files)
    made = dict(zip((p for p, _ in jobs), ctx.renderer.render(jobs), strict=True))
    ctx.report.pdf_seconds += time.perf_counter() - t0
    ctx.report.rendered += len(made)
    out: list[list[DocFile]] = []
    for r, files in zip(records, planned, strict=True):
        # The registrering's own archiving time: the same in every export of its period.
        made_at = r.assessment.archived_at
        docs = []
        for sid, variant, name, path in files:
            if str(path) in made:
                sha, size = made[str(path)]
            else:
                sha, size = sha256_file(path)
                ctx.report.reused += 1
            ctx.report.documents += 1
            docs.append(DocFile(sid, variant, name, sha, size, made_at))
        out.append(docs)
    return out


def _crossrefs(periods: Sequence[ArchivePeriod]) -> dict[str, list[tuple[str, str]]]:
    """kryssreferanse of every unit of the periods, by the unit's systemID."""
    refs: dict[str, list[tuple[str, str]]] = {}
    rows = ArchiveCrossReference.objects.filter(
        organisation_id=periods[0].organisation_id
    ).values_list("source", "target", "target_kind")
    for source, target, kind in rows.order_by("pk"):
        refs.setdefault(str(source), []).append((str(target), kind))
    return refs


def _kryssreferanser(ctx: _Ctx, w: Writer, system_id: object) -> None:
    for target, kind in ctx.crossrefs.get(str(system_id), []):
        with w.el("kryssreferanse"):
            if kind == "mappe":
                w.leaf("referanseTilMappe", target)
            else:
                w.leaf("referanseTilRegistrering", target)


# --- arkivstruktur.xml ---------------------------------------------------------------------


def _write_arkivstruktur(ctx: _Ctx) -> None:
    org = ctx.organisation
    ns = N5 + "arkivstruktur"
    first = min(p.created_at for p in ctx.periods)
    with xml_document(ctx.out / "arkivstruktur.xml", ns, "arkiv", "arkivstruktur.xsd") as w:
        w.leaf("systemID", uuid.uuid5(uuid.NAMESPACE_URL, f"tilstede:arkiv:{org.slug}"))
        w.leaf("tittel", f"{org.name} – sosiale medier")
        w.leaf("beskrivelse", "Innhold fra virksomhetens kanaler i sosiale medier (Tilstede)")
        w.leaf("arkivstatus", "Avsluttet")
        w.leaf("dokumentmedium", "Elektronisk arkiv")
        w.leaf("opprettetDato", dtm(first))
        w.leaf("opprettetAv", SYSTEM_NAME)
        w.leaf("avsluttetDato", dtm(ctx.created_at))
        w.leaf("avsluttetAv", ctx.periods[-1].closed_by)
        with w.el("arkivskaper"):
            w.leaf("arkivskaperID", org.org_number or org.slug)
            w.leaf("arkivskaperNavn", org.name)
        for period in ctx.periods:
            _write_arkivdel(ctx, w, period)


def _write_arkivdel(ctx: _Ctx, w: Writer, period: ArchivePeriod) -> None:
    assert period.closed_at is not None
    last_day = period.end - dt.timedelta(days=1)
    with w.el("arkivdel"):
        w.leaf("systemID", period.system_id)
        w.leaf("tittel", period.title)
        with archive_language():
            discarded = npgettext(
                "archive",
                "%(n)s item without archive value is left out and discarded (kasseres) "
                "when its time is up.",
                "%(n)s items without archive value are left out and discarded (kasseres) "
                "when their time is up.",
                period.discarded,
            ) % {"n": period.discarded}
        w.leaf("beskrivelse", f"Skarpt skille {period.start} – {last_day}. {discarded}")
        w.leaf("arkivdelstatus", "Avsluttet periode")
        w.leaf("dokumentmedium", "Elektronisk arkiv")
        w.leaf("opprettetDato", dtm(period.created_at))
        w.leaf("opprettetAv", period.created_by)
        w.leaf("avsluttetDato", dtm(period.closed_at))
        w.leaf("avsluttetAv", period.closed_by)
        w.leaf("arkivperiodeStartDato", period.start.isoformat())
        w.leaf("arkivperiodeSluttDato", last_day.isoformat())
        disposal = (
            RetentionDeletion.objects.filter(period=period)
            .order_by("-deleted_at", "-pk")
            .values_list("deleted_at", "deleted_by")
            .first()
        )
        if disposal is not None:
            # utført kassasjon (N5.45): retention has disposed of items of this arkivdel
            # (the last run; the disposal log holds each item, rule and legal basis).
            ctx.report.disposals += 1
            with w.el("utfoertKassasjon"):
                w.leaf("kassertDato", dtm(disposal[0]))
                w.leaf("kassertAv", disposal[1])
        channels = Channel.objects.filter(organisation_id=period.organisation_id).order_by("slug")
        if period.channel_id is not None:
            channels = channels.filter(pk=period.channel_id)
        with w.el("klassifikasjonssystem"):
            w.leaf("systemID", sub_id(period.system_id, "klassifikasjonssystem"))
            w.leaf("klassifikasjonstype", "Egendefinert")
            w.leaf("tittel", "Kanaler i sosiale medier")
            w.leaf("opprettetDato", dtm(period.created_at))
            w.leaf("opprettetAv", period.created_by)
            for channel in channels:
                _write_klasse(ctx, w, period, channel)


def _write_klasse(ctx: _Ctx, w: Writer, period: ArchivePeriod, channel: Channel) -> None:
    with w.el("klasse"):
        w.leaf("systemID", sub_id(period.system_id, f"klasse:{channel.pk}"))
        w.leaf("klasseID", channel.slug)
        w.leaf("tittel", channel.name)
        w.leaf("opprettetDato", dtm(channel.created_at))
        w.leaf("opprettetAv", SYSTEM_NAME)
        state = _MappeState()
        window: list[Record] = []
        # The thread is loaded even without documents: skjerming depends on every text a
        # registrering's document shows, replies included.
        for record in iter_records(
            _registreringer(period=period, channel=channel),
            period_ids={p.pk for p in ctx.periods},
            with_context=True,
            size=BATCH,
        ):
            window.append(record)
            if len(window) >= ctx.renderer.window:
                _flush(ctx, w, window, state)
        _flush(ctx, w, window, state)
        if state.stack is not None and state.folder is not None:
            _close_mappe(w, state.folder, state.stack)


@dataclass
class _MappeState:
    folder: ArchiveFolder | None = None
    stack: contextlib.ExitStack | None = None


def _registreringer(
    *, period: ArchivePeriod, channel: Channel | None = None, journal: bool = False
) -> Iterator[Any]:
    """A period's registreringer in folder order: archived items and registreringer made
    after archiving (``ArchiveAmendment``), merged; with ``journal`` only journalposter,
    in journal number order."""
    related = (
        "item__channel",
        "item__parent",
        "folder__root",
        "folder__channel__owner_team",
        "folder__channel__organisation",
        "period",
    )
    parts = []
    for model in (ArchiveAssessment, ArchiveAmendment):
        qs = model.objects.filter(period=period, folder__isnull=False)  # type: ignore[attr-defined]
        if channel is not None:
            qs = qs.filter(folder__channel=channel)
        if journal:
            qs = qs.filter(value=ArchiveClass.JOURNAL).order_by("journal_year", "journal_sequence")
        else:
            qs = qs.order_by("folder__sequence", "folder_number")
        parts.append(qs.select_related(*related).iterator(chunk_size=BATCH))
    if journal:
        key = lambda a: (a.journal_year, a.journal_sequence)  # noqa: E731
    else:
        key = lambda a: (a.folder.sequence, a.folder_number)  # noqa: E731
    return heapq.merge(*parts, key=key)


def _flush(ctx: _Ctx, w: Writer, window: list[Record], state: _MappeState) -> None:
    """Write a window of registreringer, their documents rendered together (in parallel)."""
    docs = _documents(ctx, window) if ctx.documents else [[] for _ in window]
    for record, files in zip(window, docs, strict=True):
        if ctx.on_document is not None and ctx.documents:
            ctx.on_document(record)
        current = record.assessment.folder
        assert current is not None
        if state.folder is None or current.pk != state.folder.pk:
            if state.stack is not None:
                _close_mappe(w, state.folder, state.stack)  # type: ignore[arg-type]
            state.folder = current
            state.stack = contextlib.ExitStack()
            _open_mappe(ctx, w, current, state.stack)
        _write_registrering(ctx, w, record, files)
        ctx.progress.update(1)
    window.clear()


def _open_mappe(ctx: _Ctx, w: Writer, f: ArchiveFolder, stack: contextlib.ExitStack) -> None:
    attrib = {XSI_TYPE: "saksmappe"} if f.is_case else None
    stack.enter_context(w.el("mappe", attrib))
    ctx.report.mapper += 1
    public = folder_title(ctx, f)
    w.leaf("systemID", f.system_id)
    w.leaf("mappeID", f"{f.year}/{f.sequence}")
    w.leaf("tittel", f.title)
    if public.screened:
        w.leaf("offentligTittel", public.public)
    w.leaf("dokumentmedium", "Elektronisk arkiv")
    w.leaf("opprettetDato", dtm(f.created_at))
    w.leaf("opprettetAv", SYSTEM_NAME)
    w.leaf("avsluttetDato", dtm(f.closed_at))
    w.leaf("avsluttetAv", f.closed_by)
    _kryssreferanser(ctx, w, f.system_id)
    if public.screened:
        ctx.report.screened += 1
        metadata = [skjerming.TITTEL_MAPPE]
        if f.is_case and public.citizen:
            metadata.append(skjerming.NAVN_PART)
        _skjerming(w, categories=public.categories, metadata=metadata)


def _close_mappe(w: Writer, f: ArchiveFolder, stack: contextlib.ExitStack) -> None:
    if f.is_case:
        # saksmappe extends mappe, so its own elements follow the registreringer.
        channel = f.channel
        team = channel.owner_team.name if channel.owner_team_id else ""  # type: ignore[union-attr]
        w.leaf("saksaar", f.year)
        w.leaf("sakssekvensnummer", f.sequence)
        w.leaf("saksdato", day(f.created_at))
        w.leaf("administrativEnhet", f.unit or team or channel.organisation.name)
        w.leaf(
            "saksansvarlig", f.responsible or channel.contact or team or channel.organisation.name
        )
        w.leaf("saksstatus", "Avsluttet")
    stack.close()


def _opprettet(r: Record) -> dt.datetime:
    """registrering/opprettetDato: when the registrering came into the archive's keeping
    (the item received, or the change after archiving that made it)."""
    a = r.assessment
    if isinstance(a, ArchiveAmendment):
        return a.changed_at
    assert a.archived_at is not None
    return min(r.item.received_at, a.archived_at)


def _write_registrering(ctx: _Ctx, w: Writer, r: Record, docs: list[DocFile]) -> None:
    a, item = r.assessment, r.item
    assert a.archived_at is not None
    period = ctx.period_by_id[a.period_id]  # type: ignore[index]
    journalpost = r.is_journalpost
    attrib = {XSI_TYPE: "journalpost"} if journalpost else None
    title = _title(r, public=False)
    incoming = item.direction == Direction.IN
    opprettet = _opprettet(r)
    rep = ctx.report
    first = day(opprettet)
    rep.first_opprettet = min(rep.first_opprettet or first, first)
    rep.last_opprettet = max(rep.last_opprettet, first)
    with w.el("registrering", attrib):
        rep.registreringer += 1
        rep.screened += r.screened
        w.leaf("systemID", a.system_id)
        w.leaf("opprettetDato", dtm(opprettet))
        w.leaf("opprettetAv", f"{SYSTEM_NAME} ({item.channel.slug})")
        w.leaf("arkivertDato", dtm(a.archived_at))
        w.leaf("arkivertAv", period.closed_by)
        if r.screened:
            _skjerming(w, categories=r.categories, metadata=_registrering_metadata(r))
        if docs:
            _dokumentbeskrivelse(ctx, w, r, title, docs)
        if journalpost:
            w.leaf("registreringsID", f"{a.journal_year}/{a.journal_sequence}")
        w.leaf("tittel", title)
        if r.screened:
            w.leaf("offentligTittel", _title(r, public=True))
        # A skjermet citizen's journalpost names the sender in korrespondansepart, under
        # skjerming; forfatter would repeat the name where no skjerming covers it.
        if not (journalpost and incoming and r.screened):
            w.leaf("forfatter", item.author_name or item.author_handle)
        w.leaf("dokumentmedium", "Elektronisk arkiv")
        _virksomhetsspesifikke(w, r)
        for text, at, by in _merknader(r):
            with w.el("merknad"):
                w.leaf("merknadstekst", text)
                w.leaf("merknadstype", "Moderering og hendelser")
                w.leaf("merknadsdato", dtm(at))
                w.leaf("merknadRegistrertAv", by)
        _kryssreferanser(ctx, w, a.system_id)
        if journalpost:
            with w.el("korrespondansepart"):
                w.leaf("korrespondanseparttype", "Avsender" if incoming else "Mottaker")
                w.leaf("korrespondansepartNavn", r.counterpart)
                w.leaf("saksbehandler", r.saksbehandler)
            _journalpost_fields(ctx, w, r)


def _registrering_metadata(r: Record) -> list[str]:
    """skjermingMetadata (M502) of a skjermet registrering: its title by selected words
    (offentligTittel is written), and the name of the citizen it is from or to."""
    metadata = [skjerming.TITTEL_REGISTRERING]
    if r.item.direction == Direction.IN:
        metadata.append(skjerming.NAVN_AVSENDER)
    elif r.counterpart_screened:
        metadata.append(skjerming.NAVN_MOTTAKER)
    return metadata


def _title(r: Record, *, public: bool) -> str:
    """tittel, or with ``public`` the offentligTittel: a citizen's text screened anew."""
    item = r.item
    text = r.public_text if public and item.direction == Direction.IN else item.text
    return item_title(kind=item.kind, channel_name=item.channel.name, text=text)


def _skjerming(
    w: Writer, *, categories: frozenset[str], metadata: list[str], document: bool = False
) -> None:
    """The skjerming element, in Noark 5 code-list values, with the legal basis of every
    category screened (the rules table of docs/archive.md)."""
    with w.el("skjerming"):
        w.leaf("tilgangsrestriksjon", skjerming.tilgangsrestriksjon(categories))
        w.leaf("skjermingshjemmel", skjerming.skjermingshjemmel(categories))
        for value in metadata:
            w.leaf("skjermingMetadata", value)
        if document:
            w.leaf("skjermingDokument", skjerming.DELER_AV_DOKUMENTET)


def _dokumentbeskrivelse(ctx: _Ctx, w: Writer, r: Record, title: str, docs: list[DocFile]) -> None:
    a = r.assessment
    with w.el("dokumentbeskrivelse"):
        w.leaf("systemID", sub_id(a.system_id, "dokumentbeskrivelse"))
        w.leaf("dokumenttype", "Innlegg i sosiale medier")
        w.leaf("dokumentstatus", "Dokumentet er ferdigstilt")
        w.leaf("tittel", title)
        w.leaf("opprettetDato", dtm(a.archived_at))
        w.leaf("opprettetAv", SYSTEM_NAME)
        w.leaf("dokumentmedium", "Elektronisk arkiv")
        w.leaf("tilknyttetRegistreringSom", "Hoveddokument")
        w.leaf("dokumentnummer", 1)
        w.leaf("tilknyttetDato", dtm(a.archived_at))
        w.leaf("tilknyttetAv", SYSTEM_NAME)
        if r.screened:
            _skjerming(
                w,
                categories=r.categories,
                metadata=[skjerming.TITTEL_DOKUMENT],
                document=True,
            )
        for doc in docs:
            with w.el("dokumentobjekt"):
                w.leaf("systemID", doc.system_id)
                w.leaf("versjonsnummer", 1)
                w.leaf("variantformat", doc.variant)
                w.leaf("format", PRONOM_PDFA_2B if ctx.format_style == "pronom" else "pdf")
                w.leaf("formatDetaljer", "PDF/A-2b")
                w.leaf("opprettetDato", dtm(doc.created_at))
                w.leaf("opprettetAv", SYSTEM_NAME)
                w.leaf("referanseDokumentfil", doc.name)
                w.leaf("sjekksum", doc.sha256)
                w.leaf("sjekksumAlgoritme", "SHA-256")
                w.leaf("filstoerrelse", doc.size)


def _virksomhetsspesifikke(w: Writer, r: Record) -> None:
    item = r.item
    # A skjermet citizen's item: its address, platform id and account lead back to the
    # person and no skjermingMetadata value covers them here; the «Arkivformat»
    # document, under skjerming, keeps them.
    identifying = r.screened and item.direction == Direction.IN
    with w.el("virksomhetsspesifikkeMetadata"):
        with w.el(f"{{{EXT}}}sosialeMedier", nsmap={"sm": EXT}):
            for tag, value in (
                ("plattform", item.platform),
                ("kanal", item.channel.slug),
                ("eksternId", None if identifying else item.external_id),
                ("adresse", None if identifying else item.url),
                ("forfatterKonto", None if identifying else item.author_handle),
                ("publisertDato", dtm(item.created_at)),
                ("mottattDato", dtm(item.received_at)),
                ("synlighet", item.visibility),
                ("arkivverdi", r.assessment.value),
                ("arkivverdiBegrunnelse", r.assessment.reason),
                ("antallVersjoner", len(r.versions)),
            ):
                w.leaf(f"{{{EXT}}}{tag}", value)


STATUS_LABELS = {
    Visibility.DELETED_AT_SOURCE: (
        "item.deleted_at_source",
        pgettext_lazy("archive", "Deleted at the source"),
    ),
    Visibility.REMOVED: (
        "item.remove",
        pgettext_lazy("archive", "Removed by the agency at the source"),
    ),
    Visibility.HIDDEN: ("item.hide", pgettext_lazy("archive", "Hidden at the source")),
    Visibility.HIDDEN_AT_SOURCE: (
        "item.hidden_at_source",
        pgettext_lazy("archive", "Hidden at the source"),
    ),
}


def _merknader(r: Record) -> list[tuple[str, dt.datetime, str]]:
    """merknad per event of the item's history (in words, in the archive's language), its
    status, whether it was edited, and for a registrering after archiving, what changed."""
    with archive_language():
        return _merknader_in_words(r)


def _merknader_in_words(r: Record) -> list[tuple[str, dt.datetime, str]]:
    notes: list[tuple[str, dt.datetime, str]] = []
    a = r.assessment
    if r.amendment:
        m = r.amendment
        text = pgettext("archive", "Registrering after archiving: %(what)s") % {
            "what": m["description"]
        }
        if m.get("reason"):
            text += f" – {m['reason']}"
        if m.get("follows"):
            text += pgettext("archive", ". Follows up %(follows)s, which is unchanged") % {
                "follows": m["follows"]
            }
        notes.append(
            (text, dt.datetime.fromisoformat(m["changed_at"]), actor_words(m["changed_by"]))
        )
    verbs = set()
    for h in r.history:
        if h.verb.startswith("archive."):
            continue
        verbs.add(h.verb)
        label = verb_words(h.verb)
        notes.append((f"{label}: {h.reason}" if h.reason else label, h.at, actor_words(h.actor)))
    status = STATUS_LABELS.get(Visibility(r.item.visibility))
    if status and status[0] not in verbs:
        assert a.archived_at is not None
        notes.append(
            (
                pgettext("archive", "Status when archived: %(status)s") % {"status": status[1]},
                a.archived_at,
                SYSTEM_NAME,
            )
        )
    if len(r.versions) > 1:
        notes.append(
            (
                pgettext(
                    "archive", "Changed at the source: %(n)s versions are kept in the document"
                )
                % {"n": len(r.versions)},
                r.versions[-1].seen_at,
                SYSTEM_NAME,
            )
        )
    return notes


def _journaldato(r: Record) -> dt.datetime:
    a = r.assessment
    return a.changed_at if isinstance(a, ArchiveAmendment) else r.item.created_at


def _journalpost_fields(ctx: _Ctx, w: Writer, r: Record) -> None:
    a, item = r.assessment, r.item
    incoming = item.direction == Direction.IN
    w.leaf("journalaar", a.journal_year)
    w.leaf("journalsekvensnummer", a.journal_sequence)
    w.leaf("journalpostnummer", a.folder_number)
    w.leaf("journalposttype", "Inngående dokument" if incoming else "Utgående dokument")
    # «Utgår» (M053): reclassified after archiving; it stays so references hold.
    w.leaf("journalstatus", "Utgår" if a.expired_at else "Arkivert")
    w.leaf("journaldato", day(_journaldato(r)))
    w.leaf("dokumentetsDato", day(item.created_at))
    if incoming:
        w.leaf("mottattDato", dtm(item.received_at))
    else:
        w.leaf("sendtDato", dtm(item.created_at))
    if r.answer is not None:
        with w.el("avskrivning"):
            w.leaf("avskrivningsdato", day(r.answer.at))
            w.leaf("avskrevetAv", r.answer.by)
            w.leaf("avskrivningsmaate", "Besvart med utgående dokument")
            w.leaf("referanseAvskrivesAvJournalpost", r.answer.system_id)
    rep = ctx.report
    rep.journalposter += 1
    jd = day(_journaldato(r))
    rep.first_journaldato = min(rep.first_journaldato or jd, jd)
    rep.last_journaldato = max(rep.last_journaldato, jd)


# --- endringslogg.xml and the journals ------------------------------------------------------


def _write_endringslogg(ctx: _Ctx) -> None:
    """Every change to archived metadata of the periods (``ArchiveChange``), each on a
    unit that is in the package (N5.62).

    The schema asks for at least one endring. A package without changes gets, per
    arkivdel, what did happen to it: it was registered with the status «Avsluttet
    periode» when it was closed (no earlier status exists to name).
    """
    ns = N5 + "endringslogg"
    with xml_document(ctx.out / "endringslogg.xml", ns, "endringslogg", "endringslogg.xsd") as w:
        for change in ArchiveChange.objects.filter(period__in=ctx.periods).iterator():
            _endring(
                w,
                change.reference,
                change.metadata,
                change.changed_at,
                change.changed_by,
                change.old_value,
                change.new_value,
            )
            ctx.report.endringer += 1
        if ctx.report.endringer == 0:
            for period in ctx.periods:
                assert period.closed_at is not None
                _endring(
                    w,
                    period.system_id,
                    "arkivdelstatus",
                    period.closed_at,
                    period.closed_by,
                    "(ingen: arkivdelen ble opprettet ved avslutningen)",
                    "Avsluttet periode",
                )
                ctx.report.endringer += 1


def _endring(
    w: Writer, ref: object, metadata: str, at: dt.datetime, by: str, old: str, new: str
) -> None:
    with w.el("endring"):
        w.leaf("referanseArkivenhet", ref)
        w.leaf("referanseMetadata", metadata)
        w.leaf("endretDato", dtm(at))
        w.leaf("endretAv", by)
        w.leaf("tidligereVerdi", old or "(tom)")
        w.leaf("nyVerdi", new or "(tom)")


def _write_journal(ctx: _Ctx, *, public: bool) -> None:
    """loependeJournal.xml or offentligJournal.xml. The head's dates are the first and
    last registrering/opprettetDato of arkivstruktur.xml: with a sharp period separation
    Arkade (N5.60) compares them, not the periods' bounds."""
    name = "offentligJournal" if public else "loependeJournal"
    ns = N5 + name
    org = ctx.organisation
    period_ids = {p.pk for p in ctx.periods}
    rep = ctx.report
    with xml_document(ctx.out / f"{name}.xml", ns, name, f"{name}.xsd") as w:
        with w.el("journalhode"):
            w.leaf("journalStartDato", rep.first_opprettet)
            w.leaf("journalSluttDato", rep.last_opprettet)
            w.leaf("antallJournalposter", rep.journalposter)
            with w.el("arkivskaper"):
                w.leaf("arkivskaperID", org.org_number or org.slug)
                w.leaf("arkivskaperNavn", org.name)
        for period in ctx.periods:
            rows = _registreringer(period=period, journal=True)
            for r in iter_records(rows, period_ids=period_ids, with_context=True, size=BATCH):
                _journalregistrering(ctx, w, r, public=public)


def _journalregistrering(ctx: _Ctx, w: Writer, r: Record, *, public: bool) -> None:
    """One journal entry; in offentligJournal only what the public may see (titles
    screened anew, ``******`` for private persons) with the skjerming's basis."""
    a, item = r.assessment, r.item
    f = a.folder
    assert f is not None
    folder = folder_title(ctx, f)
    incoming = item.direction == Direction.IN
    with w.el("journalregistrering"):
        with w.el("klasse"):
            w.leaf("klasseID", item.channel.slug)
            w.leaf("tittel", item.channel.name)
        with w.el("saksmappe"):
            w.leaf("saksaar", f.year)
            w.leaf("sakssekvensnummer", f.sequence)
            if public:
                # The saksmappe's own tilgangsrestriksjon is newer than the 2019 schemas,
                # which packages must also pass: the journalpost below carries it.
                w.leaf("offentligTittel", folder.public)
            else:
                w.leaf("tittel", f.title)
                if folder.screened:
                    w.leaf("offentligTittel", folder.public)
                    w.leaf("skjermingMetadata", skjerming.TITTEL_MAPPE)
        with w.el("journalpost"):
            w.leaf("systemID", a.system_id)
            w.leaf("journalaar", a.journal_year)
            w.leaf("journalsekvensnummer", a.journal_sequence)
            w.leaf("journalpostnummer", a.folder_number)
            if public:
                w.leaf("offentligTittel", _title(r, public=True))
            else:
                w.leaf("tittel", _title(r, public=False))
                if r.screened:
                    w.leaf("offentligTittel", _title(r, public=True))
            if r.screened:
                w.leaf("skjermingMetadata", skjerming.TITTEL_REGISTRERING)
            w.leaf("journaldato", day(_journaldato(r)))
            w.leaf("dokumentetsDato", day(item.created_at))
            if r.answer is not None:
                w.leaf("avskrivningsdato", day(r.answer.at))
                w.leaf("avskrivningsmaate", "Besvart med utgående dokument")
                w.leaf("referanseAvskrivesAvJournalpost", r.answer.system_id)
            if r.screened:
                w.leaf("tilgangsrestriksjon", skjerming.tilgangsrestriksjon(r.categories))
                w.leaf("skjermingshjemmel", skjerming.skjermingshjemmel(r.categories))
            with w.el("korrespondansepart"):
                w.leaf("korrespondanseparttype", "Avsender" if incoming else "Mottaker")
                if public:
                    w.leaf("korrespondansepartNavn", r.counterpart_public())
                else:
                    w.leaf("korrespondansepartNavn", r.counterpart)
                    if r.screened and (incoming or r.counterpart_screened):
                        w.leaf(
                            "skjermingMetadata",
                            skjerming.NAVN_AVSENDER if incoming else skjerming.NAVN_MOTTAKER,
                        )


# --- arkivuttrekk.xml (ADDML) ----------------------------------------------------------------


def _a(tag: str) -> str:
    return f"{{{ADDML}}}{tag}"


def _prop(
    parent: etree._Element,
    name: str,
    value: object = None,
    *,
    data_type: str = "",
) -> etree._Element:
    el = etree.SubElement(parent, _a("property"))
    if data_type:
        el.set("dataType", data_type)
    el.set("name", name)
    if value is not None:
        etree.SubElement(el, _a("value")).text = clean(value)
    return el


def _props(parent: etree._Element) -> etree._Element:
    return etree.SubElement(parent, _a("properties"))


def _file_props(parent: etree._Element, name: str, sha: str) -> None:
    file_ = _props(_prop(parent, "file"))
    _prop(file_, "name", name)
    _prop(_props(_prop(file_, "format", "XML")), "version", "1.0")
    checksum = _props(_prop(file_, "checksum"))
    _prop(checksum, "algorithm", "SHA-256")
    _prop(checksum, "value", sha)


def _schema_prop(parent: etree._Element, name: str, sha: str, *, main: bool) -> None:
    schema = _prop(parent, "schema", "main" if main else None)
    inner = _props(schema)
    _file_props(inner, name, sha)
    _prop(_props(_prop(inner, "type", "XML Schema")), "version", "1.0")


def _catalog_ref(parent: etree._Element) -> None:
    inner = _props(_prop(parent, "schema"))
    _prop(_props(_prop(inner, "file")), "name", "metadatakatalog.xsd")


def _occurrences(parent: etree._Element, element: str, count: int) -> None:
    occ = _props(_prop(parent, "numberOfOccurrences", element))
    _prop(occ, "elementPath", f"//{element}")
    _prop(occ, "value", count, data_type="integer")


def _write_addml(ctx: _Ctx, *, has_journal: bool) -> None:
    out, rep = ctx.out, ctx.report
    sums = {}
    names = ["arkivstruktur.xml", "endringslogg.xml", *_schema_names(has_journal)]
    if has_journal:
        names += ["loependeJournal.xml", "offentligJournal.xml"]
    for name in names:
        sums[name] = sha256_file(out / name)[0]
    org = ctx.organisation
    nsmap = {None: ADDML, "xsi": XSI}
    root = etree.Element(_a("addml"), nsmap=nsmap)
    root.set(f"{{{XSI}}}schemaLocation", f"{ADDML} addml.xsd")
    root.set("name", "Noark 5-arkivuttrekk")
    dataset = etree.SubElement(root, _a("dataset"))
    etree.SubElement(dataset, _a("description")).text = "Noark 5-arkivuttrekk"
    reference = etree.SubElement(dataset, _a("reference"))
    context = etree.SubElement(etree.SubElement(reference, _a("context")), _a("additionalElements"))
    creators = etree.SubElement(context, _a("additionalElement"), name="recordCreators")
    creator = etree.SubElement(
        etree.SubElement(creators, _a("additionalElements")),
        _a("additionalElement"),
        name="recordCreator",
    )
    etree.SubElement(creator, _a("value")).text = org.name
    for name, value in (
        ("systemType", "Sakarkiv (Noark-5)"),
        ("systemName", SYSTEM_NAME),
        ("archive", f"{org.name} – sosiale medier"),
    ):
        el = etree.SubElement(context, _a("additionalElement"), name=name)
        etree.SubElement(el, _a("value")).text = value
    content = etree.SubElement(etree.SubElement(reference, _a("content")), _a("additionalElements"))
    period_el = etree.SubElement(content, _a("additionalElement"), name="archivalPeriod")
    period_props = _props(period_el)
    _prop(period_props, "startDate", min(p.start for p in ctx.periods).isoformat())
    last = max(p.end for p in ctx.periods) - dt.timedelta(days=1)
    _prop(period_props, "endDate", last.isoformat())

    data_objects = etree.SubElement(dataset, _a("dataObjects"))
    top = etree.SubElement(data_objects, _a("dataObject"), name="Noark 5-arkivuttrekk")
    info = _props(_prop(_props(top), "info"))
    _prop(_props(_prop(info, "type", "Noark 5")), "version", "5.0")
    additional = _props(_prop(info, "additionalInfo"))
    skille = _props(_prop(additional, "periode"))
    _prop(skille, "inngaaendeSkille", "skarpt")
    _prop(skille, "utgaaendeSkille", "skarpt")
    _prop(additional, "inneholderSkjermetInformasjon", _bool(rep.screened > 0), data_type="boolean")
    _prop(
        additional,
        "omfatterDokumenterSomErKassert",
        _bool(rep.disposals > 0),
        data_type="boolean",
    )
    _prop(additional, "inneholderDokumenterSomSkalKasseres", "false", data_type="boolean")
    _prop(additional, "inneholderVirksomhetsspesifikkeMetadata", "true", data_type="boolean")
    _prop(additional, "antallDokumentfiler", rep.documents, data_type="integer")

    children = etree.SubElement(top, _a("dataObjects"))
    # arkivstruktur
    obj = etree.SubElement(children, _a("dataObject"), name="arkivstruktur")
    props = _props(obj)
    _file_props(props, "arkivstruktur.xml", sums["arkivstruktur.xml"])
    _schema_prop(props, "arkivstruktur.xsd", sums["arkivstruktur.xsd"], main=True)
    _schema_prop(props, "metadatakatalog.xsd", sums["metadatakatalog.xsd"], main=False)
    counts = _props(_prop(props, "info"))
    _occurrences(counts, "mappe", rep.mapper)
    _occurrences(counts, "registrering", rep.registreringer)
    # endringslogg and the journals
    singles = [("endringslogg", "endring", rep.endringer)]
    if has_journal:
        singles += [
            ("loependeJournal", "journalregistrering", rep.journalposter),
            ("offentligJournal", "journalregistrering", rep.journalposter),
        ]
    for name, element, count in singles:
        obj = etree.SubElement(children, _a("dataObject"), name=name)
        props = _props(obj)
        _file_props(props, f"{name}.xml", sums[f"{name}.xml"])
        _schema_prop(props, f"{name}.xsd", sums[f"{name}.xsd"], main=True)
        _catalog_ref(props)
        _occurrences(_props(_prop(props, "info")), element, count)

    data = etree.tostring(root, xml_declaration=False, encoding="utf-8", pretty_print=True)
    with open(out / "arkivuttrekk.xml", "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n')
        fh.write(data)
    rep.checksums = {**sums, "arkivuttrekk.xml": sha256_file(out / "arkivuttrekk.xml")[0]}


def _bool(value: bool) -> str:
    return "true" if value else "false"
