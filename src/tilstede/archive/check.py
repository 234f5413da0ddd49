"""``tilstede archive check``: Arkade 5's Noark 5 tests (N5.01-N5.64), on the package alone.

It reads only what is in the package: arkivuttrekk.xml, the files it lists, the schemas
next to them (addml.xsd included: a schema the package lacks is an error, as Arkade
reports its fallback to a built-in copy as one) and the documents. Reference schema sets
are validated against only when asked (``--schemas``), in addition.

The tests carry Arkade 5's numbers and do what Arkade's do (read from
arkivverket/arkade5, ``Testing/Noark5``; nothing copied). Arkade's analysis tests report
counts: here they are notes. Its control tests report errors: here too. Numbers Arkade
5 no longer runs (N5.31, N5.49, N5.50, N5.52-N5.58) are listed as such. Two checks are
the standard's, not Arkade's: only official schemas (krav 6.4.16) and PDF/A
identification of every document.

XML is read with ``iterparse`` and cleared as it goes, so a large arkivstruktur.xml is
checked in flat memory, apart from the sets of ids that the reference tests need.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tilstede.archive import conf

ADDML = "{http://www.arkivverket.no/standarder/addml}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
PDF_FORMATS = {"pdf", "fmt/95", "fmt/354", "fmt/476", "fmt/477", "fmt/478", "fmt/479", "fmt/480"}
MAX_MESSAGES = 20


@dataclass
class CheckResult:
    code: str
    name: str
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, message: str) -> None:
        if len(self.errors) < MAX_MESSAGES:
            self.errors.append(message)
        elif len(self.errors) == MAX_MESSAGES:
            self.errors.append("… more errors of this kind left out")


@dataclass
class CheckReport:
    path: Path
    results: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def errors(self) -> list[str]:
        return [f"{r.code} {e}" for r in self.results for e in r.errors]

    def result(self, code: str, name: str) -> CheckResult:
        """The result of test ``code`` (made on first use: one per number)."""
        for r in self.results:
            if r.code == code:
                return r
        r = CheckResult(code, name)
        self.results.append(r)
        return r

    def text(self) -> str:
        lines = [f"Arkivuttrekk {self.path}"]
        for r in self.results:
            mark = "OK  " if r.ok else "FEIL"
            note = f" ({'; '.join(r.notes)})" if r.notes else ""
            lines.append(f"  {mark} {r.code:<7} {r.name}{note}")
            lines += [f"         - {e}" for e in r.errors]
        errors = sum(len(r.errors) for r in self.results)
        lines.append("Godkjent: ingen feil." if self.ok else f"Ikke godkjent: {errors} feil.")
        return "\n".join(lines)


@dataclass
class Listed:
    """What arkivuttrekk.xml says about one data object."""

    name: str
    file: str
    sha256: str
    schemas: dict[str, str]  # xsd name -> checksum ("" when the template lists no checksum)
    occurrences: dict[str, int]


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _value(prop: etree._Element) -> str:
    v = prop.find(f"{ADDML}value")
    return (v.text or "").strip() if v is not None else ""


def _children(prop: etree._Element, name: str) -> list[etree._Element]:
    props = prop.find(f"{ADDML}properties")
    if props is None:
        return []
    return [p for p in props.findall(f"{ADDML}property") if p.get("name") == name]


def _child(prop: etree._Element, name: str) -> etree._Element | None:
    found = _children(prop, name)
    return found[0] if found else None


def _file_info(file_prop: etree._Element) -> tuple[str, str]:
    name = _child(file_prop, "name")
    checksum = _child(file_prop, "checksum")
    value = _child(checksum, "value") if checksum is not None else None
    return (_value(name) if name is not None else "", _value(value) if value is not None else "")


def read_addml(path: Path) -> tuple[list[Listed], int | None]:
    tree = etree.parse(str(path))
    listed: list[Listed] = []
    documents: int | None = None
    for prop in tree.iter(f"{ADDML}property"):
        if prop.get("name") == "antallDokumentfiler":
            try:
                documents = int(_value(prop))
            except ValueError:
                documents = -1
    for obj in tree.iter(f"{ADDML}dataObject"):
        props = obj.find(f"{ADDML}properties")
        if props is None:
            continue
        file_prop = next((p for p in props if p.get("name") == "file"), None)
        if file_prop is None:
            continue
        file_name, sha = _file_info(file_prop)
        schemas: dict[str, str] = {}
        for schema in (p for p in props if p.get("name") == "schema"):
            inner = _child(schema, "file")
            if inner is not None:
                xsd, xsd_sha = _file_info(inner)
                schemas[xsd] = xsd_sha
        occurrences: dict[str, int] = {}
        info = next((p for p in props if p.get("name") == "info"), None)
        if info is not None:
            for occ in _children(info, "numberOfOccurrences"):
                value = _child(occ, "value")
                try:
                    occurrences[_value(occ)] = int(_value(value)) if value is not None else -1
                except ValueError:
                    occurrences[_value(occ)] = -1
        listed.append(Listed(obj.get("name", ""), file_name, sha, schemas, occurrences))
    return listed, documents


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


def _validate(xml: Path, xsd: Path) -> str:
    """Stream-validate one file; '' when valid, else the first error."""
    try:
        schema = _schema(xsd)
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        return f"{xsd}: schema does not load: {exc}"
    try:
        for _, elem in etree.iterparse(str(xml), events=("end",), schema=schema):
            if len(elem):
                _release(elem)
    except etree.XMLSyntaxError as exc:
        return f"{xml.name} against {xsd}: {exc}"
    return ""


def _iter_end(path: Path) -> Iterator[etree._Element]:
    for _, elem in etree.iterparse(str(path), events=("end",)):
        yield elem


def _release(elem: etree._Element) -> None:
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def pdfa_problems(path: Path) -> list[str]:
    """What keeps a file from being identified as PDF/A-1/2/3 with embedded fonts.

    Reads the XMP identification (pdfaid:part, pdfaid:conformance) and every page font's
    descriptor with pikepdf. Full conformance needs veraPDF, which is not available here.
    """
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            part = str(meta.get("pdfaid:part", ""))
            conformance = str(meta.get("pdfaid:conformance", "")).upper()
            problems = []
            if part not in ("1", "2", "3") or conformance not in ("A", "B", "U"):
                problems.append("no PDF/A identification (pdfaid:part, pdfaid:conformance)")
            for page in pdf.pages:
                fonts = page.obj.get("/Resources", {}).get("/Font", {})
                for name, font in fonts.items():
                    if not _font_embedded(font):
                        problems.append(f"font {name} is not embedded")
            return problems
    except pikepdf.PdfError as exc:
        return [f"not a readable PDF: {exc}"]


def _font_embedded(font: object) -> bool:
    descriptor = font.get("/FontDescriptor")  # type: ignore[attr-defined]
    if descriptor is None and "/DescendantFonts" in font:  # type: ignore[operator]
        descriptor = font.DescendantFonts[0].get("/FontDescriptor")  # type: ignore[attr-defined]
    if descriptor is None:
        return False
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


ARKIVSTRUKTUR_COUNTED = (
    "dokumentbeskrivelse",
    "dokumentobjekt",
    "part",
    "merknad",
    "kryssreferanse",
    "presedens",
    "korrespondansepart",
    "avskrivning",
    "dokumentflyt",
    "skjerming",
    "gradering",
    "kassasjon",
    "konvertering",
    "klassifikasjonssystem",
    "klasse",
    "arkiv",
    "arkivdel",
)
TALLIED = (
    "saksstatus",
    "journalposttype",
    "journalstatus",
    "dokumentstatus",
    "format",
    "arkivdelstatus",
)
RETIRED = ("N5.31", "N5.49", "N5.50", "N5.52", "N5.53", "N5.54", "N5.55", "N5.56", "N5.57", "N5.58")


def _oslo_day(value: str) -> str:
    """The day of an xs:date or xs:dateTime, in Norwegian time (as Arkade, run in Norway,
    reads a time with an offset: converted to local time)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    value = value.strip()
    try:
        if "T" not in value:
            return dt.date.fromisoformat(value[:10]).isoformat()
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo("Europe/Oslo"))
    return moment.date().isoformat()


@dataclass
class _Scan:
    """What one pass over arkivstruktur.xml found."""

    mappe: int = 0
    registrering: int = 0
    journalposts: int = 0
    counts: Counter = field(default_factory=Counter)
    tallies: dict[str, Counter] = field(default_factory=lambda: {t: Counter() for t in TALLIED})
    system_ids: set[str] = field(default_factory=set)
    arkivdel_ids: set[str] = field(default_factory=set)
    klasse_ids: set[str] = field(default_factory=set)
    arkivdel_refs: list[tuple[str, str]] = field(default_factory=list)
    klasse_refs: list[tuple[str, str]] = field(default_factory=list)
    cross_refs: list[str] = field(default_factory=list)
    opprettet: list[str] = field(default_factory=list)  # first, last registrering day
    folders_per_year: Counter = field(default_factory=Counter)
    registrations_per_year: Counter = field(default_factory=Counter)
    empty_klasser: int = 0
    empty_mapper: int = 0
    without_description: int = 0
    descriptions_without_object: int = 0
    disposals_executed: int = 0
    references: Counter = field(default_factory=Counter)


def _scan_arkivstruktur(root: Path, report: CheckReport) -> _Scan:
    """One streaming pass; the per-element controls report as they go."""
    scan = _Scan()
    unique = report.result("N5.47", "Unike systemID")
    empty = report.result("N5.63", "Ingen tomme elementer")
    superclass_mappe = report.result("N5.12", "Ingen klasser med underklasser har mapper")
    superclass_reg = report.result("N5.19", "Ingen klasser med underklasser har registreringer")
    docs = report.result("N5.30", "Dokumentfilenes sjekksummer")
    pdfa = report.result("PDF/A", "Dokumentene er identifisert som PDF/A med innebygde fonter")
    status = report.result("N5.15", "Saksmappestatus")
    stack: list[str] = []
    frames: list[dict[str, bool]] = []  # klasse, mappe, registrering, dokumentbeskrivelse
    seen: set[int] = set()
    first = last = ""
    path = root / "arkivstruktur.xml"
    try:
        for event, elem in etree.iterparse(str(path), events=("start", "end")):
            name = _local(elem.tag)
            if event == "start":
                parent = stack[-1] if stack else ""
                stack.append(name)
                if name in ARKIVSTRUKTUR_COUNTED:
                    scan.counts[name] += 1
                if name == "utfoertKassasjon" and parent in ("arkivdel", "dokumentbeskrivelse"):
                    scan.disposals_executed += 1
                if name in ("klasse", "mappe", "registrering", "dokumentbeskrivelse"):
                    if frames and name in ("klasse", "mappe", "registrering"):
                        frames[-1]["child"] = True
                        if frames[-1]["kind"] == "klasse":  # type: ignore[comparison-overlap]
                            frames[-1][name] = True
                    frames.append({"kind": name, "child": False})  # type: ignore[dict-item]
                if name == "mappe":
                    scan.mappe += 1
                elif name == "registrering":
                    scan.registrering += 1
                    if elem.get(XSI_TYPE, "") == "journalpost":
                        scan.journalposts += 1
                elif name == "dokumentobjekt" and frames:
                    frames[-1]["object"] = True
                continue
            stack.pop()
            parent = stack[-1] if stack else ""
            text = (elem.text or "").strip()
            if len(elem) == 0 and not text:
                empty.error(f"arkivstruktur.xml line {elem.sourceline}: <{name}> is empty")
            if name == "systemID":
                key = hash(text.lower())
                if key in seen:
                    unique.error(f"systemID {text} ({parent}) occurs more than once")
                seen.add(key)
                scan.system_ids.add(text)
                if parent == "arkivdel":
                    scan.arkivdel_ids.add(text)
                elif parent == "klasse":
                    scan.klasse_ids.add(text)
            elif name in TALLIED:
                scan.tallies[name][text] += 1
                if name == "saksstatus" and text not in ("Avsluttet", "Utgår"):
                    status.error(f"line {elem.sourceline}: saksstatus «{text}»")
            elif name == "referanseArkivdel" and parent in (
                "mappe",
                "registrering",
                "dokumentbeskrivelse",
            ):
                scan.arkivdel_refs.append((parent, text))
            elif name == "referanseSekundaerKlassifikasjon":
                scan.klasse_refs.append((parent, text))
            elif name in ("referanseTilMappe", "referanseTilRegistrering", "referanseTilKlasse"):
                scan.cross_refs.append(text)
            elif name == "opprettetDato" and parent in ("mappe", "registrering"):
                when = _oslo_day(text)
                year = when[:4] or "?"
                if parent == "registrering":
                    scan.registrations_per_year[year] += 1
                    if when:
                        first = min(first or when, when)
                        last = max(last, when)
                else:
                    scan.folders_per_year[year] += 1
            elif name == "dokumentobjekt":
                _check_document(root, elem, scan, docs, pdfa)
                _release(elem)
            if name in ("klasse", "mappe", "registrering", "dokumentbeskrivelse"):
                frame = frames.pop()
                if name == "klasse":
                    if frame.get("klasse") and frame.get("mappe"):
                        superclass_mappe.error(
                            f"line {elem.sourceline}: a klasse with underklasser has mapper"
                        )
                    if frame.get("klasse") and frame.get("registrering"):
                        superclass_reg.error(
                            f"line {elem.sourceline}: a klasse with underklasser has registreringer"
                        )
                    if not frame["child"]:
                        scan.empty_klasser += 1
                elif name == "mappe" and not frame["child"]:
                    scan.empty_mapper += 1
                elif name == "dokumentbeskrivelse":
                    if not frame.get("object"):
                        scan.descriptions_without_object += 1
                    if frames and frames[-1]["kind"] == "registrering":  # type: ignore[comparison-overlap]
                        frames[-1]["described"] = True
                if name == "registrering" and not frame.get("described"):
                    scan.without_description += 1
            if name in ("registrering", "mappe", "klasse"):
                _release(elem)
    except etree.XMLSyntaxError as exc:
        empty.error(f"arkivstruktur.xml is not well-formed: {exc}")
    scan.opprettet = [first, last] if first else []
    unique.notes.append(f"{len(seen)} systemID")
    return scan


def _check_document(
    root: Path, elem: etree._Element, scan: _Scan, docs: CheckResult, pdfa: CheckResult
) -> None:
    def text(tag: str) -> str:
        found = elem.find("{*}" + tag)
        return (found.text or "").strip() if found is not None else ""

    ref = text("referanseDokumentfil")
    scan.references[ref] += 1
    path = root / ref
    if not ref or not path.is_file():
        return  # reported by N5.32
    fmt = text("format").lower()
    if path.suffix.lower() == ".pdf" and fmt not in PDF_FORMATS:
        docs.error(f"{ref}: format «{fmt}» does not fit the extension .pdf (N5.29)")
    if text("sjekksumAlgoritme").upper() != "SHA-256":
        docs.error(f"{ref}: sjekksumAlgoritme is not SHA-256")
    if sha256_file(path) != text("sjekksum").lower():
        docs.error(f"{ref}: checksum does not match the file")
    if str(path.stat().st_size) != text("filstoerrelse"):
        docs.error(f"{ref}: filstoerrelse {text('filstoerrelse')} is not {path.stat().st_size}")
    if path.suffix.lower() == ".pdf":
        for problem in pdfa_problems(path):
            pdfa.error(f"{ref}: {problem}")


@dataclass
class _Journal:
    count: int = 0
    declared: int = -1
    start: str = ""
    end: str = ""


def _read_journal(path: Path, report: CheckResult) -> _Journal:
    j = _Journal()
    for elem in _iter_end(path):
        name = _local(elem.tag)
        text = (elem.text or "").strip()
        if len(elem) == 0 and not text:
            report.error(f"{path.name} line {elem.sourceline}: <{name}> is empty")
        if name == "antallJournalposter":
            try:
                j.declared = int(text)
            except ValueError:
                j.declared = -1
        elif name == "journalStartDato":
            j.start = _oslo_day(text)
        elif name == "journalSluttDato":
            j.end = _oslo_day(text)
        elif name == "journalregistrering":
            j.count += 1
            _release(elem)
    return j


def _addml_flags(path: Path) -> dict[str, str]:
    """The additionalInfo properties of arkivuttrekk.xml (periode, inneholder..., ...)."""
    flags: dict[str, str] = {}
    for prop in etree.parse(str(path)).iter(f"{ADDML}property"):
        name = prop.get("name", "")
        if name in (
            "inngaaendeSkille",
            "utgaaendeSkille",
            "inneholderSkjermetInformasjon",
            "omfatterDokumenterSomErKassert",
            "inneholderDokumenterSomSkalKasseres",
        ):
            flags.setdefault(name, _value(prop).lower())
    return flags


def _tally(counter: Counter) -> str:
    return ", ".join(f"{k or '(tom)'}: {v}" for k, v in sorted(counter.items())) or "ingen"


def check_package(path: Path, *, schema_dirs: Sequence[Path] = ()) -> CheckReport:
    """Check an arkivuttrekk folder as Arkade 5 would, from the package alone.

    ``schema_dirs`` are reference schema sets to validate against as well (never instead
    of the package's own schemas).
    """
    root = Path(path)
    report = CheckReport(path=root)
    files = report.result("N5.01", "Filene finnes")
    addml_path = root / "arkivuttrekk.xml"
    if not addml_path.is_file():
        files.error("arkivuttrekk.xml is missing")
        return report
    try:
        listed, documents_declared = read_addml(addml_path)
        flags = _addml_flags(addml_path)
    except etree.XMLSyntaxError as exc:
        files.error(f"arkivuttrekk.xml is not well-formed: {exc}")
        return report
    listed = [x for x in listed if x.file]
    present = {x.name for x in listed}
    for required in ("arkivstruktur", "endringslogg"):
        if required not in present:
            files.error(f"arkivuttrekk.xml does not list {required}")
    if ("loependeJournal" in present) != ("offentligJournal" in present):
        files.error("loependeJournal and offentligJournal must come together")
    schema_files: dict[str, str] = {}
    for obj in listed:
        if not (root / obj.file).is_file():
            files.error(f"{obj.file} is listed but missing")
        for xsd, sha in obj.schemas.items():
            if sha or xsd not in schema_files:
                schema_files[xsd] = sha or schema_files.get(xsd, "")
            if not (root / xsd).is_file():
                files.error(f"{xsd} is listed but missing")
    files.notes.append(f"{len(listed)} XML, {len(schema_files)} XSD")

    sums = report.result("N5.02", "Sjekksummer for XML og XSD")
    for obj in listed:
        if (root / obj.file).is_file() and sha256_file(root / obj.file) != obj.sha256.lower():
            sums.error(f"{obj.file}: SHA-256 does not match arkivuttrekk.xml")
    for xsd, sha in schema_files.items():
        if sha and (root / xsd).is_file() and sha256_file(root / xsd) != sha.lower():
            sums.error(f"{xsd}: SHA-256 does not match arkivuttrekk.xml")
        if xsd != "metadatakatalog.xsd" and not sha:
            sums.error(f"{xsd}: no checksum in arkivuttrekk.xml")

    official = report.result("6.4.16", "Kun offisielle skjema, alle oppført")
    for xsd_path in sorted(root.glob("*.xsd")):
        if xsd_path.name not in schema_files and xsd_path.name != "addml.xsd":
            official.error(f"{xsd_path.name} is in the package but not listed")
        allowed = conf.OFFICIAL_SCHEMA_SHA256.get(xsd_path.name)
        if allowed is None or sha256_file(xsd_path) not in allowed:
            official.error(f"{xsd_path.name} is not an official Noark 5 v5.0 schema")

    valid = report.result("N5.03", "Validering mot XSD")
    sets: list[tuple[str, Path]] = [("pakken", root)] + [(str(d), Path(d)) for d in schema_dirs]
    for label, directory in sets:
        addml_xsd = directory / "addml.xsd"
        if not addml_xsd.is_file():
            valid.error(
                f"{label}: addml.xsd is missing (Arkade would fall back to its built-in copy)"
            )
        else:
            problem = _validate(addml_path, addml_xsd)
            if problem:
                valid.error(problem)
        for obj in listed:
            main = next((x for x in obj.schemas if x != "metadatakatalog.xsd"), "")
            xml, xsd = root / obj.file, directory / main
            if main and xml.is_file() and xsd.is_file():
                problem = _validate(xml, xsd)
                if problem:
                    valid.error(problem)
            elif main and not xsd.is_file():
                valid.error(f"{label}: no {main} (Arkade would fall back to its built-in copy)")
    valid.notes.append("skjemasett: " + ", ".join(label for label, _ in sets))

    scan = _Scan()
    if (root / "arkivstruktur.xml").is_file():
        scan = _scan_arkivstruktur(root, report)
    declared = next((x.occurrences for x in listed if x.name == "arkivstruktur"), {})
    for code, title, element, actual in (
        ("N5.10", "Antall mapper", "mappe", scan.mappe),
        ("N5.16", "Antall registreringer", "registrering", scan.registrering),
    ):
        r = report.result(code, title)
        r.notes.append(str(actual))
        if element in declared and declared[element] != actual:
            r.error(
                f"arkivstruktur.xml has {actual} {element}, "
                f"arkivuttrekk.xml says {declared[element]}"
            )
        elif element not in declared:
            r.error(f"arkivuttrekk.xml gives no numberOfOccurrences for {element}")

    c = scan.counts
    for code, title, note in (
        ("N5.04", "Antall arkiver", str(c["arkiv"])),
        ("N5.05", "Antall arkivdeler", str(c["arkivdel"])),
        ("N5.06", "Status arkivdeler", _tally(scan.tallies["arkivdelstatus"])),
        ("N5.07", "Antall klassifikasjonssystemer", str(c["klassifikasjonssystem"])),
        ("N5.08", "Antall klasser", str(c["klasse"])),
        (
            "N5.09",
            "Klasser uten underklasser, mapper eller registreringer",
            str(scan.empty_klasser),
        ),
        ("N5.11", "Mapper per år", _tally(scan.folders_per_year)),
        ("N5.13", "Antall mapper per klasse", f"{scan.mappe} i {c['klasse']} klasser"),
        ("N5.14", "Mapper uten registreringer eller undermapper", str(scan.empty_mapper)),
        ("N5.17", "Journalposttyper", _tally(scan.tallies["journalposttype"])),
        ("N5.18", "Registreringer per år", _tally(scan.registrations_per_year)),
        (
            "N5.20",
            "Antall registreringer per klasse",
            f"{scan.registrering} i {c['klasse']} klasser",
        ),
        ("N5.21", "Registreringer uten dokumentbeskrivelse", str(scan.without_description)),
        ("N5.22", "Journalstatuser", _tally(scan.tallies["journalstatus"])),
        ("N5.23", "Antall dokumentbeskrivelser", str(c["dokumentbeskrivelse"])),
        (
            "N5.24",
            "Dokumentbeskrivelser uten dokumentobjekt",
            str(scan.descriptions_without_object),
        ),
        ("N5.25", "Dokumentstatuser", _tally(scan.tallies["dokumentstatus"])),
        ("N5.26", "Antall dokumentobjekter", str(c["dokumentobjekt"])),
        ("N5.29", "Dokumentformater", _tally(scan.tallies["format"])),
        (
            "N5.34",
            "Dokumentfiler referert fra flere dokumentobjekter",
            str(sum(1 for v in scan.references.values() if v > 1)),
        ),
        ("N5.35", "Antall saksparter", str(c["part"])),
        ("N5.36", "Antall merknader", str(c["merknad"])),
        ("N5.38", "Antall presedenser", str(c["presedens"])),
        ("N5.39", "Antall korrespondanseparter", str(c["korrespondansepart"])),
        ("N5.40", "Antall avskrivninger", str(c["avskrivning"])),
        ("N5.41", "Antall dokumentflyter", str(c["dokumentflyt"])),
        ("N5.43", "Antall graderinger", str(c["gradering"])),
        ("N5.46", "Antall konverteringer", str(c["konvertering"])),
    ):
        report.result(code, title).notes.append(note)
    first_last = report.result("N5.27", "Første og siste registrering (opprettetDato)")
    first_last.notes.append(" – ".join(scan.opprettet) or "ingen registreringer")
    crossrefs = report.result("N5.37", "Antall kryssreferanser")
    outside = sum(1 for ref in scan.cross_refs if ref not in scan.system_ids)
    crossrefs.notes.append(
        f"{len(scan.cross_refs)}, {outside} til enheter i andre uttrekk"
        if outside
        else str(len(scan.cross_refs))
    )

    for code, title, flag, actual in (
        (
            "N5.42",
            "Skjerminger mot arkivuttrekk.xml",
            "inneholderSkjermetInformasjon",
            c["skjerming"],
        ),
        (
            "N5.44",
            "Kassasjonsvedtak mot arkivuttrekk.xml",
            "inneholderDokumenterSomSkalKasseres",
            c["kassasjon"],
        ),
        (
            "N5.45",
            "Utførte kassasjoner mot arkivuttrekk.xml",
            "omfatterDokumenterSomErKassert",
            scan.disposals_executed,
        ),
    ):
        r = report.result(code, title)
        r.notes.append(str(actual))
        documented = flags.get(flag) == "true"
        if documented and not actual:
            r.error(f"arkivuttrekk.xml says {flag}=true, arkivstruktur.xml has none")
        if actual and not documented:
            r.error(f"arkivstruktur.xml has {actual}, arkivuttrekk.xml says {flag}=false")

    arkivdel_refs = report.result("N5.48", "Referanser til arkivdel er gyldige")
    for element, ref in scan.arkivdel_refs:
        if ref not in scan.arkivdel_ids:
            arkivdel_refs.error(f"{element}: referanseArkivdel {ref} is no arkivdel")
    klasse_refs = report.result("N5.51", "Referanser til sekundærklassifikasjon er gyldige")
    for element, ref in scan.klasse_refs:
        if ref not in scan.klasse_ids:
            klasse_refs.error(f"{element}: referanseSekundaerKlassifikasjon {ref} is no klasse")

    sharp = flags.get("inngaaendeSkille") == "skarpt" and flags.get("utgaaendeSkille") == "skarpt"
    number = report.result("N5.59", "Antall journalposter: journalene og arkivstrukturen")
    dates = report.result("N5.60", "Start- og sluttdato: journalene og arkivstrukturen")
    journals: dict[str, _Journal] = {}
    for name in ("loependeJournal", "offentligJournal"):
        if name in present and (root / f"{name}.xml").is_file():
            journals[name] = _read_journal(
                root / f"{name}.xml", report.result("N5.63", "Ingen tomme elementer")
            )
    if not journals:
        note = "ingen journaler i pakken"
        if scan.journalposts:
            number.error(f"arkivstruktur.xml has {scan.journalposts} journalposter but no journals")
        else:
            note += " (ingen journalposter; skjemaene krever minst én journalregistrering)"
        number.notes.append(note)
        dates.notes.append(note)
    else:
        heads = {name: j.declared for name, j in journals.items()}
        number.notes.append(
            f"arkivstruktur {scan.journalposts}, " + ", ".join(f"{k} {v}" for k, v in heads.items())
        )
        if len(set(heads.values())) > 1:
            number.error("antallJournalposter differs between the journals")
        for name, j in journals.items():
            if j.declared != j.count:
                number.error(
                    f"{name}: antallJournalposter {j.declared}, {j.count} journalregistreringer"
                )
            if sharp and j.declared != scan.journalposts:
                number.error(
                    f"{name}: antallJournalposter {j.declared}, "
                    f"arkivstruktur.xml has {scan.journalposts}"
                )
        spans = {name: (j.start, j.end) for name, j in journals.items()}
        dates.notes.append(
            "registrering/opprettetDato "
            + (" – ".join(scan.opprettet) or "ingen")
            + "; "
            + ", ".join(f"{k} {s} – {e}" for k, (s, e) in spans.items())
        )
        if len(set(spans.values())) > 1:
            dates.error("journalStartDato/journalSluttDato differ between the journals")
        if sharp and scan.opprettet:
            for name, span in spans.items():
                if span != tuple(scan.opprettet):
                    dates.error(
                        f"{name}: journal {span[0]} – {span[1]}, first and last "
                        f"registrering/opprettetDato {scan.opprettet[0]} – {scan.opprettet[1]}"
                    )

    changes = report.result("N5.61", "Antall endringer i endringsloggen")
    logged = report.result("N5.62", "Endringsloggen refererer til arkivenheter som finnes")
    if (root / "endringslogg.xml").is_file():
        empty = next(r for r in report.results if r.code == "N5.63")
        endringer = 0
        for e in _iter_end(root / "endringslogg.xml"):
            name, text = _local(e.tag), (e.text or "").strip()
            if len(e) == 0 and not text:
                empty.error(f"endringslogg.xml line {e.sourceline}: <{name}> is empty")
            if name == "endring":
                endringer += 1
            elif name == "referanseArkivenhet" and text not in scan.system_ids:
                logged.error(f"referanseArkivenhet {text} is not in arkivstruktur.xml")
        changes.notes.append(str(endringer))
        if endringer == 0:
            changes.error("endringslogg.xml has no endring")
    else:
        changes.error("endringslogg.xml is missing")
        logged.error("endringslogg.xml is missing")

    folder = report.result("N5.28", "Dokumentmappen og antall dokumentfiler")
    exists = report.result("N5.32", "Refererte dokumentfiler finnes")
    referenced = report.result("N5.33", "Alle dokumentfiler er referert")
    docs_dir = root / "dokumenter"
    on_disk = set()
    if docs_dir.is_dir():
        on_disk = {p.relative_to(root).as_posix() for p in docs_dir.rglob("*") if p.is_file()}
    elif scan.references:
        folder.error("the folder dokumenter/ is missing")
    if documents_declared is not None and documents_declared != len(on_disk):
        folder.error(
            f"arkivuttrekk.xml says {documents_declared} document files, found {len(on_disk)}"
        )
    folder.notes.append(f"{len(on_disk)} filer")
    for ref in sorted(set(scan.references) - on_disk)[:MAX_MESSAGES]:
        exists.error(f"{ref} is referenced but missing")
    for extra in sorted(on_disk - set(scan.references))[:MAX_MESSAGES]:
        referenced.error(f"{extra} is not referenced by any dokumentobjekt")

    empty_files = report.result("N5.64", "Ingen tomme filer")
    for p in root.rglob("*"):
        if p.is_file() and p.stat().st_size == 0:
            empty_files.error(f"{p.relative_to(root)} is empty")
    for code in RETIRED:
        report.result(code, "Ikke i Arkade 5s gjeldende testsett").notes.append("ikke kjørt")
    report.results.sort(key=_order)
    return report


def _order(r: CheckResult) -> tuple[int, str]:
    if r.code.startswith("N5."):
        return (int(r.code[3:]), "")
    return (1000, r.code)
