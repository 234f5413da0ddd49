"""``tilstede org add|list``: the first step of a real installation, without the admin.

tilstede org add --name "Fjordvik kommune" --slug fjordvik [--org-number 123456789]
tilstede org list
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import ngettext

from tilstede.core.models import Organisation
from tilstede.core.services import audit_record


class Command(BaseCommand):
    help = "Add or list organisations (public bodies)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add an organisation")
        add.add_argument("--name", required=True, help="the body's full name")
        add.add_argument("--slug", required=True, help="short name used in public addresses")
        add.add_argument("--org-number", default="", help="organisasjonsnummer (nine digits)")
        add.add_argument("--website", default="")
        sub.add_parser("list", help="every organisation")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "list":
            for org in Organisation.objects.order_by("slug"):
                members = org.members.count()
                people = ngettext("%(n)s person", "%(n)s people", members) % {"n": members}
                self.stdout.write(f"{org.slug:<20} {org.name} ({people})")
            return
        org = Organisation(
            name=options["name"].strip(),
            slug=options["slug"].strip(),
            org_number=options["org_number"].strip(),
            website=options["website"].strip(),
        )
        try:
            org.full_clean()
        except ValidationError as exc:
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            raise CommandError(problems, returncode=2) from None
        with transaction.atomic():
            org.save()
            audit_record(
                actor="command line",
                verb="organisation.create",
                obj=org,
                details={"name": org.name, "slug": org.slug},
            )
        self.stdout.write(f"organisation {org.slug} added: {org.name}")
