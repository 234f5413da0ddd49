"""The error a ``tilstede`` subcommand raises for bad input: one line, exit code 2.

Django's ``CommandError`` exits with 1; 2 is what argparse uses for a wrong command line,
so a script can tell "you asked wrongly" (2) from "it failed" (1).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError


class BadInput(CommandError):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("returncode", 2)
        super().__init__(*args, **kwargs)
