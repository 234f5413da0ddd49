"""The ``tilstede`` command: Django's manage.py plus Tilstede's own subcommands.

``tilstede screen`` runs the screening without Django (it is plain Python and must start
fast); every other subcommand goes through Django's management machinery. Errors in the
environment (a wrong DATABASE_URL, an unreachable Redis, a bad setting) end the command
with one line naming the setting instead of a traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO


def _fail(message: str) -> int:
    print(f"tilstede: error: {message}", file=sys.stderr)
    return 2


class _OneLineErrors:
    """stderr while a subcommand runs, without argparse's usage block: a wrong command
    line ends in the one line that says what is wrong (``tilstede help CMD`` has the
    usage). Everything else passes through."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if text.startswith("usage: "):
            return len(text)
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


# Exceptions that mean the input was wrong rather than that something broke.
_BAD_INPUT = (ValueError, LookupError, FileNotFoundError, PermissionError, IsADirectoryError)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "screen":
        from tilstede.screening.cli import main as screen_main

        stderr = sys.stderr
        sys.stderr = _OneLineErrors(stderr)  # type: ignore[assignment]
        try:
            return screen_main(argv[2:])
        finally:
            sys.stderr = stderr

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilstede.config.settings")
    from tilstede.cli.preflight import explain_startup_error

    stderr = sys.stderr
    sys.stderr = _OneLineErrors(stderr)  # type: ignore[assignment]
    try:
        from django.core.exceptions import ObjectDoesNotExist, ValidationError
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = explain_startup_error(exc)
        if message is not None:
            return _fail(message)
        if "--traceback" in argv:
            raise
        # Never a traceback: one line, and how to see the details.
        bad_input = isinstance(exc, (*_BAD_INPUT, ObjectDoesNotExist, ValidationError))
        text = str(exc).strip().splitlines()
        print(
            f"tilstede: error: {exc.__class__.__name__}: {text[0] if text else ''} "
            "(run again with --traceback for the details)",
            file=stderr,
        )
        return 2 if bad_input else 1
    finally:
        sys.stderr = stderr
    return 0


if __name__ == "__main__":
    sys.exit(main())
