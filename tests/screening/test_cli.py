"""`tilstede screen`: the readable report and the JSON-lines stream."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from tests.screening.made_up_numbers import fodselsnummer
from tilstede.screening.cli import main


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_it_prints_a_readable_report_for_one_text():
    code, out = run(["Jeg heter Kari Nordmann, ring meg på 912 34 567"])
    assert code == 0
    assert "Fant 2 personopplysninger:" in out
    assert "person_name" in out and "«Kari Nordmann»" in out
    assert "phone" in out and "norsk mobilnummer" in out
    assert "Sladdet: Jeg heter [navn], ring meg på [telefonnummer]" in out
    assert "Saksbehandlingsforespørsel:" in out


def test_it_says_so_when_nothing_is_found():
    code, out = run(["Når åpner biblioteket?"])
    assert code == 0
    assert "Fant ingen personopplysninger." in out


def test_it_reads_the_text_from_stdin_when_none_is_given():
    code, out = run([], stdin="ring 912 34 567")
    assert code == 0 and "phone" in out


def test_it_writes_one_json_line_per_input_line_in_order():
    lines = "\n".join(
        [
            json.dumps({"id": 1, "text": f"Fnr {fodselsnummer()}"}),
            json.dumps({"id": "b", "text": "Hei og takk!"}),
            json.dumps(
                {"id": 3, "text": "Jeg har søkt om bostøtte og venter fortsatt på svar. Hva skjer?"}
            ),
        ]
    )
    code, out = run(["--jsonl"], stdin=lines + "\n")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == [1, "b", 3]
    [finding] = results[0]["findings"]
    assert set(finding) == {"start", "end", "category", "confidence", "detector"}
    assert (finding["start"], finding["end"], finding["category"]) == (4, 15, "national_id")
    assert finding["detector"] == "national_id.checksum" and 0 < finding["confidence"] <= 1
    assert set(results[1]) == {"id", "findings", "case_request"}
    assert results[1]["findings"] == [] and results[1]["case_request"] is False
    assert results[2]["case_request"] is True


def test_a_bad_line_gives_an_error_line_and_the_run_goes_on():
    stdin = "\n".join(
        [
            "not json",
            json.dumps({"id": 2}),
            json.dumps({"id": 3, "text": 42}),
            json.dumps([1, 2]),
            json.dumps({"id": 5, "text": "ring 912 34 567"}),
        ]
    )
    code, out = run(["--jsonl"], stdin=stdin)
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert len(results) == 5
    assert results[0]["id"] is None and results[0]["error"].startswith("not JSON")
    assert results[1] == {"id": 2, "error": 'no "text"'}
    assert results[2] == {"id": 3, "error": '"text" is int, not a string'}
    assert "error" in results[3]
    assert results[4]["findings"][0]["category"] == "phone"


def test_strict_makes_a_bad_line_fail_the_run():
    code, _ = run(["--jsonl", "--strict"], stdin='{"id": 1}\n')
    assert code == 1
    code, _ = run(["--jsonl", "--strict"], stdin='{"id": 1, "text": "hei"}\n')
    assert code == 0


def test_jsonl_and_a_text_argument_do_not_mix():
    code, _ = run(["--jsonl", "some text"])
    assert code == 2


def test_it_runs_as_python_dash_m():
    proc = subprocess.run(
        [sys.executable, "-m", "tilstede.screening", "--jsonl"],
        input='{"id": 7, "text": "kari@example.no"}\n',
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["findings"][0]["category"] == "email"


def test_it_streams_without_reading_everything_first():
    """Each result is written before the next line is read: memory stays constant."""

    class Lines(io.StringIO):
        def __init__(self, out: io.StringIO) -> None:
            super().__init__()
            self.out = out
            self.seen_before_read: list[int] = []

        def __iter__(self):
            for i in range(3):
                self.seen_before_read.append(self.out.getvalue().count("\n"))
                yield json.dumps({"id": i, "text": "hei"}) + "\n"

    out = io.StringIO()
    lines = Lines(out)
    assert main(["--jsonl"], stdin=lines, stdout=out) == 0
    assert lines.seen_before_read == [0, 1, 2]
