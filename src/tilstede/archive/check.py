"""``tilstede archive check``: the Arkade 5 checks an exporter most often fails.

The checks (shared/noark5/NOTES.md; Arkade's test numbers in brackets): files exist
(N5.01), SHA-256 checksums (N5.02), only official schemas, every XSD listed, XSD
validation against the package's schemas and any reference sets (N5.03), counts against
``numberOfOccurrences`` (N5.10, N5.16), saksstatus (N5.15), the document folder and its
count (N5.28), format against file extension (N5.29), document checksums and sizes
(N5.30), references both ways (N5.32, N5.33), unique systemIDs (N5.47), the journals
against each other and arkivstruktur (N5.59, N5.60), no empty elements (N5.63) or files
(N5.64), and PDF/A identification in every document.

XML is read with ``iterparse`` (validating as it reads) and cleared as it goes, so a
large arkivstruktur.xml is checked in flat memory, apart from the sets of ids that the
uniqueness and journal checks need.
"""

from __future__ import annotations

import hashlib
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


@dataclass
class _Structure:
    mappe: int = 0
    registrering: int = 0
    journalposts: set[str] = field(default_factory=set)
    first_journaldato: str = ""
    last_journaldato: str = ""
    references: set[str] = field(default_factory=set)


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


def _check_structure(root: Path, report: CheckReport) -> _Structure:
    s = _Structure()
    unique = report.result("N5.47", "Unike systemID")
    empty = report.result("N5.63", "Ingen tomme elementer")
    status = report.result("N5.15", "Saksmappestatus")
    docs = report.result("N5.30", "Dokumentfiler: sjekksum, størrelse, format, PDF/A")
    seen: set[int] = set()
    path = root / "arkivstruktur.xml"
    try:
        for elem in _iter_end(path):
            name = _local(elem.tag)
            if len(elem) == 0 and not (elem.text or "").strip():
                empty.error(f"arkivstruktur.xml line {elem.sourceline}: <{name}> is empty")
            if name == "systemID":
                parent = _local(elem.getparent().tag) if elem.getparent() is not None else ""
                key = hash((elem.text or "").strip().lower())
                if key in seen:
                    unique.error(f"systemID {elem.text} ({parent}) occurs more than once")
                seen.add(key)
            elif name == "saksstatus":
                if (elem.text or "").strip() not in ("Avsluttet", "Utgår"):
                    status.error(f"line {elem.sourceline}: saksstatus «{elem.text}»")
            elif name == "journaldato":
                day = (elem.text or "").strip()
                s.first_journaldato = min(s.first_journaldato or day, day)
                s.last_journaldato = max(s.last_journaldato, day)
            elif name == "dokumentobjekt":
                _check_document(root, elem, s, docs)
                _release(elem)
            elif name == "registrering":
                s.registrering += 1
                if elem.get(XSI_TYPE, "").endswith("journalpost"):
                    sid = elem.find("{*}systemID")
                    s.journalposts.add((sid.text or "").strip() if sid is not None else "")
                _release(elem)
            elif name == "mappe":
                s.mappe += 1
                _release(elem)
    except etree.XMLSyntaxError as exc:
        empty.error(f"arkivstruktur.xml is not well-formed: {exc}")
    unique.notes.append(f"{len(seen)} systemID")
    return s


def _check_document(root: Path, elem: etree._Element, s: _Structure, docs: CheckResult) -> None:
    def text(tag: str) -> str:
        found = elem.find("{*}" + tag)
        return (found.text or "").strip() if found is not None else ""

    ref = text("referanseDokumentfil")
    s.references.add(ref)
    path = root / ref
    if not ref or not path.is_file():
        return  # reported by N5.32
    fmt = text("format").lower()
    if path.suffix.lower() == ".pdf" and fmt not in PDF_FORMATS:
        docs.error(f"{ref}: format «{fmt}» does not fit the extension .pdf (N5.29)")
    if text("sjekksumAlgoritme").upper() != "SHA-256":
        docs.error(f"{ref}: sjekksumAlgoritme is not SHA-256")
    if sha256_file(path) != text("sjekksum").lower():
        docs.error(f"{ref}: checksum does not match the file (N5.30)")
    if str(path.stat().st_size) != text("filstoerrelse"):
        docs.error(f"{ref}: filstoerrelse {text('filstoerrelse')} is not {path.stat().st_size}")
    if path.suffix.lower() == ".pdf":
        for problem in pdfa_problems(path):
            docs.error(f"{ref}: {problem}")


@dataclass
class _Journal:
    count: int = 0
    declared: int = -1
    systemids: set[str] = field(default_factory=set)
    first: str = ""
    last: str = ""


def _read_journal(path: Path, report: CheckResult) -> _Journal:
    j = _Journal()
    for elem in _iter_end(path):
        name = _local(elem.tag)
        if len(elem) == 0 and not (elem.text or "").strip():
            report.error(f"{path.name} line {elem.sourceline}: <{name}> is empty (N5.63)")
        if name == "antallJournalposter":
            j.declared = int((elem.text or "-1").strip() or -1)
        elif name == "journaldato":
            day = (elem.text or "").strip()
            j.first = min(j.first or day, day)
            j.last = max(j.last, day)
        elif name == "journalpost" and _local(elem.getparent().tag) == "journalregistrering":
            sid = elem.find("{*}systemID")
            j.systemids.add((sid.text or "").strip() if sid is not None else "")
        elif name == "journalregistrering":
            j.count += 1
            _release(elem)
    return j


def check_package(path: Path, *, schema_dirs: Sequence[Path] = ()) -> CheckReport:
    """Check an arkivuttrekk folder; ``schema_dirs`` adds reference schema sets to validate
    against besides the schemas inside the package."""
    root = Path(path)
    report = CheckReport(path=root)
    files = report.result("N5.01", "Filene finnes")
    addml_path = root / "arkivuttrekk.xml"
    if not addml_path.is_file():
        files.error("arkivuttrekk.xml is missing")
        return report
    try:
        listed, documents_declared = read_addml(addml_path)
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
        if xsd_path.name not in schema_files:
            official.error(f"{xsd_path.name} is in the package but not listed")
        allowed = conf.OFFICIAL_SCHEMA_SHA256.get(xsd_path.name)
        if allowed is None or sha256_file(xsd_path) not in allowed:
            official.error(f"{xsd_path.name} is not an official Noark 5 v5.0 schema")

    valid = report.result("N5.03", "Validering mot XSD")
    sets: list[tuple[str, Path]] = [("pakken", root)] + [(str(d), Path(d)) for d in schema_dirs]
    for label, directory in sets:
        addml_xsd = directory / "addml.xsd"
        if not addml_xsd.is_file():
            addml_xsd = conf.PACKAGE_SCHEMAS / "addml.xsd"
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
                valid.error(f"{label}: no {main}")
    valid.notes.append("skjemasett: " + ", ".join(label for label, _ in sets))

    counts = report.result("N5.10", "Antall mapper, registreringer, endringer, journalposter")
    structure = _Structure()
    if (root / "arkivstruktur.xml").is_file():
        structure = _check_structure(root, report)
    actual: dict[tuple[str, str], int] = {
        ("arkivstruktur", "mappe"): structure.mappe,
        ("arkivstruktur", "registrering"): structure.registrering,
    }
    if (root / "endringslogg.xml").is_file():
        empty = next((r for r in report.results if r.code == "N5.63"), None)
        empty = empty or report.result("N5.63", "Ingen tomme elementer")
        endringer = 0
        for e in _iter_end(root / "endringslogg.xml"):
            if len(e) == 0 and not (e.text or "").strip():
                empty.error(f"endringslogg.xml line {e.sourceline}: <{_local(e.tag)}> is empty")
            endringer += _local(e.tag) == "endring"
        actual[("endringslogg", "endring")] = endringer
        if endringer == 0:
            counts.error("endringslogg.xml has no endring")
    journals = report.result("N5.59", "Journalene stemmer med hverandre og arkivstrukturen")
    read: dict[str, _Journal] = {}
    for name in ("loependeJournal", "offentligJournal"):
        if name in present and (root / f"{name}.xml").is_file():
            read[name] = _read_journal(root / f"{name}.xml", journals)
            actual[(name, "journalregistrering")] = read[name].count
    for obj in listed:
        for element, declared in obj.occurrences.items():
            value = actual.get((obj.name, element))
            if value is None:
                counts.error(f"{obj.name}: cannot count «{element}»")
            elif value != declared:
                counts.error(f"{obj.name}: {value} {element}, arkivuttrekk.xml says {declared}")
    counts.notes.append(
        f"{structure.mappe} mapper, {structure.registrering} registreringer, "
        f"{len(structure.journalposts)} journalposter"
    )
    if not read and structure.journalposts:
        journals.error("arkivstruktur has journalposts but the package has no journals")
    for name, j in read.items():
        if j.systemids != structure.journalposts:
            missing = len(structure.journalposts - j.systemids)
            extra = len(j.systemids - structure.journalposts)
            journals.error(
                f"{name}: {missing} journalpost(er) of arkivstruktur missing, {extra} unknown"
            )
        if j.declared != j.count:
            journals.error(f"{name}: antallJournalposter {j.declared}, {j.count} registered")
        if (j.first, j.last) != (structure.first_journaldato, structure.last_journaldato):
            journals.error(
                f"{name}: journaldato {j.first}–{j.last}, arkivstruktur "
                f"{structure.first_journaldato}–{structure.last_journaldato} (N5.60)"
            )

    folder = report.result("N5.28", "Dokumentmappen og antall dokumentfiler")
    refs = report.result("N5.32", "Referanser til dokumentfiler, begge veier")
    docs_dir = root / "dokumenter"
    on_disk = set()
    if docs_dir.is_dir():
        on_disk = {p.relative_to(root).as_posix() for p in docs_dir.rglob("*") if p.is_file()}
    elif structure.references:
        folder.error("the folder dokumenter/ is missing")
    if documents_declared is not None and documents_declared != len(on_disk):
        folder.error(
            f"arkivuttrekk.xml says {documents_declared} document files, found {len(on_disk)}"
        )
    folder.notes.append(f"{len(on_disk)} filer")
    for ref in sorted(structure.references - on_disk)[:MAX_MESSAGES]:
        refs.error(f"{ref} is referenced but missing (N5.32)")
    for extra in sorted(on_disk - structure.references)[:MAX_MESSAGES]:
        refs.error(f"{extra} is not referenced by any dokumentobjekt (N5.33)")

    empty_files = report.result("N5.64", "Ingen tomme filer")
    for p in root.rglob("*"):
        if p.is_file() and p.stat().st_size == 0:
            empty_files.error(f"{p.relative_to(root)} is empty")
    return report
