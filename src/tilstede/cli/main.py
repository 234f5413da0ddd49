"""The ``tilstede`` command: Django's manage.py plus Tilstede's own subcommands.

``tilstede screen`` runs the screening without Django (it is plain Python and must start
fast); every other subcommand goes through Django's management machinery. Errors in the
environment (a wrong DATABASE_URL, an unreachable Redis, a bad setting) end the command
with one line naming the setting instead of a traceback.
"""

from __future__ import annotations

import os
import sys


def _fail(message: str) -> int:
    print(f"tilstede: error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "screen":
        from tilstede.screening.cli import main as screen_main

        return screen_main(argv[2:])

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilstede.config.settings")
    from tilstede.cli.preflight import explain_startup_error

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = explain_startup_error(exc)
        if message is None:
            raise
        return _fail(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
