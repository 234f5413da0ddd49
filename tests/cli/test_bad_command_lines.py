"""Every ``tilstede`` subcommand ends a wrong command line with one line and exit code 2,
never a traceback (issue 16: 14 of 88 bad command lines ended in a traceback)."""

from __future__ import annotations

import pytest
from django.core.management import get_commands

from tilstede.cli.main import main

pytestmark = pytest.mark.usefixtures("command_line_keeps_the_test_connection")

# Wrong values for Tilstede's own subcommands, past what argparse itself checks.
WRONG = [
    ["audit"],
    ["audit", "nope"],
    ["audit", "verify", "--checkpoint", "x"],
    ["audit", "verify", "--checkpoint", '{"event": 1}'],
    ["audit", "verify", "--checkpoints-from", "/nonexistent/tilstede.log"],
    ["token", "create", "--user", "nobody", "--name", "x"],
    ["token", "revoke", "abc"],
    ["token", "revoke", "999999"],
    ["archive", "nope"],
    ["archive", "retention", "--today", "not-a-date"],
    ["archive", "close-period", "--org", "nope", "--year", "2025"],
    ["archive", "check", "/nonexistent/pakke"],
    ["channel", "show", "nope"],
    ["channel", "add", "--platform", "nope", "--name", "x"],
    ["channel", "add", "--platform", "rss", "--name", "x", "--organisation", "nope"],
    ["items", "export", "--channel", "nope"],
    ["ingest", "--channel", "nope"],
    ["schedule", "--every", "often"],
    ["run", "--addr", "nonsense"],
    ["demo-data", "--bogus"],
    ["screen", "--lang", "xx"],
]


def run(capsys, argv: list[str]) -> tuple[int, list[str]]:
    try:
        code = main(["tilstede", *argv])
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.err.strip().splitlines()


@pytest.mark.parametrize("command", [*sorted(get_commands()), "screen"])
def test_an_unknown_option_ends_in_one_line_and_exit_2(db, capsys, command):
    code, lines = run(capsys, [command, "--no-such-option"])
    assert code == 2, lines
    assert len(lines) == 1, lines
    assert "error" in lines[0]


@pytest.mark.parametrize("argv", WRONG, ids=[" ".join(a) for a in WRONG])
def test_a_wrong_value_ends_in_one_line_and_exit_2(db, capsys, argv):
    code, lines = run(capsys, argv)
    assert code == 2, lines
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]


def test_an_unexpected_failure_is_one_line_too(db, capsys, monkeypatch):
    from tilstede.core.management.commands import audit

    def broken(**kwargs):
        raise RuntimeError("the disk is on fire\nsecond line")

    monkeypatch.setattr(audit, "audit_verify", broken)
    code, lines = run(capsys, ["audit", "verify"])
    assert code == 1
    assert lines == [
        "tilstede: error: RuntimeError: the disk is on fire (run again with --traceback for the details)"
    ]
