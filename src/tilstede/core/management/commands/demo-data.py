"""``tilstede demo-data``: load the demo agency (idempotent; a second run adds nothing).

It reports in the installation's language (``LANGUAGE_CODE``), each count with its
plural form ("1 team", "4 teams").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext, ngettext

from tilstede.demo.loader import DEMO_PASSWORD, USERS, demo_load

# What the loader counts (``DemoCounts``), each in words with its number.
COUNTED: dict[str, Callable[[int], str]] = {
    "organisation": lambda n: ngettext("%(n)s organisation", "%(n)s organisations", n),
    "user": lambda n: ngettext("%(n)s user", "%(n)s users", n),
    "team": lambda n: ngettext("%(n)s team", "%(n)s teams", n),
    "topic": lambda n: ngettext("%(n)s topic", "%(n)s topics", n),
    "channel": lambda n: ngettext("%(n)s channel", "%(n)s channels", n),
    "house rule": lambda n: ngettext("%(n)s house rule", "%(n)s house rules", n),
    "comment field site": lambda n: ngettext(
        "%(n)s site with a comment field", "%(n)s sites with a comment field", n
    ),
    "routing rule": lambda n: ngettext("%(n)s routing rule", "%(n)s routing rules", n),
    "item": lambda n: ngettext("%(n)s item", "%(n)s items", n),
    "decision": lambda n: ngettext("%(n)s decision", "%(n)s decisions", n),
}


def counted(what: str, n: int) -> str:
    """``n`` of ``what`` in words ("4 users"); an unknown kind as "4 kind"."""
    if what in COUNTED:
        return COUNTED[what](n) % {"n": n}
    return f"{n} {what}"


class Command(BaseCommand):
    help = "Load Fjordvik kommune, a demo agency with channels, people and 30 days of traffic."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = demo_load(progress=self.stdout.write)
        if counts.total == 0:
            self.stdout.write(gettext("Demo data already loaded; nothing added."))
        else:
            summary = ", ".join(counted(what, n) for what, n in counts.created.items())
            self.stdout.write(
                self.style.SUCCESS(gettext("Demo data loaded: %(summary)s.") % {"summary": summary})
            )
        names = ", ".join(u[0] for u in USERS)
        self.stdout.write(
            gettext("Demo login: user name %(names)s; password '%(password)s'.")
            % {"names": names, "password": DEMO_PASSWORD}
        )
