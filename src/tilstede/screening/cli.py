"""``tilstede screen``: screen one text for a person to read, or a JSON-lines stream for machines.

The JSON-lines mode reads one line at a time and writes one line per input line, in order,
flushing as it goes, so memory stays constant however long the stream. A bad line (not
JSON, no "text", "text" not a string) gives ``{"id": ..., "error": "..."}`` and the run goes
on; with ``--strict`` the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from .model import Screening
from .screen import LANGUAGES, screen

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tilstede screen",
        description=(
            "Finn personopplysninger (fødselsnummer, telefon, e-post, kontonummer, adresse, "
            "navn, helse, særlige kategorier, saksnummer) og om teksten er en "
            "saksbehandlingsforespørsel."
        ),
    )
    parser.add_argument("text", nargs="*", help="text to screen; read from stdin when absent")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='read JSON lines {"id": ..., "text": ...} from stdin and write one result line each',
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any input line was bad"
    )
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help="language hint (nb, nn, en)")
    return parser


def main(
    argv: list[str] | None = None, stdin: IO[str] | None = None, stdout: IO[str] | None = None
) -> int:
    """Entry point for ``tilstede screen`` and ``python -m tilstede.screening``.

    Returns the exit status: 0, or 1 with ``--strict`` when a line was bad, 2 on usage errors.
    """
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    if args.jsonl:
        if args.text:
            parser.print_usage(sys.stderr)
            print("tilstede screen: error: --jsonl reads stdin and takes no text", file=sys.stderr)
            return EXIT_USAGE
        bad = _run_jsonl(stdin, stdout, args.lang)
        return EXIT_BAD_INPUT if bad and args.strict else EXIT_OK
    text = " ".join(args.text) if args.text else stdin.read()
    stdout.write(report(screen(text, args.lang)))
    return EXIT_OK


def _run_jsonl(stdin: IO[str], stdout: IO[str], lang: str | None) -> int:
    """Screen each line; returns how many lines were bad."""
    bad = 0
    if stdin is sys.stdin and hasattr(stdin, "reconfigure"):
        stdin.reconfigure(errors="replace")  # a stray byte spoils one line, not the run
    for raw in stdin:
        line = raw.strip()
        out = _screen_line(line, lang) if line else {"id": None, "error": "empty line"}
        if "error" in out:
            bad += 1
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return bad


def _screen_line(line: str, default_lang: str | None) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"not JSON: {exc.msg} (column {exc.colno})"}
    if not isinstance(item, dict):
        return {"id": None, "error": "not a JSON object"}
    ident = item.get("id")
    if "text" not in item:
        return {"id": ident, "error": 'no "text"'}
    text = item["text"]
    if not isinstance(text, str):
        return {"id": ident, "error": f'"text" is {type(text).__name__}, not a string'}
    lang = item.get("lang", default_lang)
    if lang not in LANGUAGES:
        lang = default_lang
    result = screen(text, lang)
    return {
        "id": ident,
        "findings": [f.as_dict(full=False) for f in result.findings],
        "case_request": result.case_request,
    }


def report(result: Screening) -> str:
    """A readable report for one text, in bokmål."""
    lines: list[str] = []
    if result.findings:
        n = len(result.findings)
        lines.append(f"Fant {n} personopplysning{'er' if n != 1 else ''}:")
        for f in result.findings:
            lines.append(
                f"  {f.start}-{f.end}  {f.category:<16} «{f.text}»  "
                f"({f.explanation}; sikkerhet {f.confidence:.2f}, {f.detector})"
            )
    else:
        lines.append("Fant ingen personopplysninger.")
    verdict = "ja" if result.case_request else "nei"
    lines.append(f"Saksbehandlingsforespørsel: {verdict} (skår {result.case_request_score:.2f})")
    if result.findings:
        lines.append(f"Sladdet: {result.redacted}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
