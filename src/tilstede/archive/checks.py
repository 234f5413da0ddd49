"""System check: the rules for skjerming (docs/archive.md) can be read and are complete.

Without them no archive export or innsyn answer can be made, so the problem is reported
when the application starts, not at the first export.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register

from tilstede.archive import skjerming


@register()
def check_skjerming_rules(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    try:
        skjerming.rules()
    except skjerming.RulesError as exc:
        return [
            Error(
                f"The rules for skjerming cannot be used: {exc}",
                hint=f"Restore the table «Rules for skjerming» in {skjerming.RULES_FILE}.",
                id="tilstede.E101",
            )
        ]
    return []
