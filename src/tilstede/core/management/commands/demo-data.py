"""``tilstede demo-data``: load the demo agency (idempotent; a second run adds nothing)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tilstede.demo.loader import DEMO_PASSWORD, USERS, demo_load


class Command(BaseCommand):
    help = "Load Fjordvik kommune, a demo agency with channels, people and 30 days of traffic."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = demo_load(progress=self.stdout.write)
        if counts.total == 0:
            self.stdout.write("Demo data already loaded; nothing added.")
        else:
            summary = ", ".join(f"{n} {what}" for what, n in counts.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        names = ", ".join(u[0] for u in USERS)
        self.stdout.write(f"Demo login: user name {names}; password '{DEMO_PASSWORD}'.")
