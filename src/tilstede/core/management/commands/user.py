"""``tilstede user add|list``: add the first people of a real installation.

    tilstede user add --org fjordvik --role administrator --email anne@fjordvik.example \
        [--name "Anne Admin"] [--role moderator ...]
    tilstede user list [--org fjordvik]

``add`` prints a one-time link where the person chooses their password; nobody types a
password on the command line.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from tilstede.core.models import Organisation
from tilstede.core.roles import ROLES
from tilstede.core.services import PeopleError, password_link, person_add


class Command(BaseCommand):
    help = "Add or list the people who work in the desk."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a person and print their one-time password link")
        add.add_argument("--org", required=True, help="the organisation's short name")
        add.add_argument("--email", required=True, help="their e-mail address (sign-in name)")
        add.add_argument("--name", default="", help="their full name")
        add.add_argument(
            "--role", action="append", choices=ROLES, required=True, help="repeat for more"
        )
        ls = sub.add_parser("list", help="people and their roles")
        ls.add_argument("--org", default="")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        org_slug = options["org"]
        org = Organisation.objects.filter(slug=org_slug).first() if org_slug else None
        if org_slug and org is None:
            raise CommandError(f"no organisation {org_slug!r} (tilstede org list)", returncode=2)
        if action == "list":
            people = get_user_model()._default_manager.order_by("username")
            if org is not None:
                people = people.filter(organisations=org)
            for person in people.prefetch_related("groups", "organisations"):
                roles = ",".join(sorted(g.name for g in person.groups.all())) or "-"
                orgs = ",".join(sorted(o.slug for o in person.organisations.all())) or "-"
                state = "" if person.is_active else " (deactivated)"
                self.stdout.write(f"{person.username:<32} {roles:<24} {orgs}{state}")
            return
        try:
            validate_email(options["email"])
        except ValidationError:
            raise CommandError(
                f"not an e-mail address: {options['email']!r}", returncode=2
            ) from None
        try:
            person = person_add(
                organisation=org,
                email=options["email"],
                name=options["name"] or options["email"].split("@")[0],
                roles=options["role"],
                by="command line",
            )
        except PeopleError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(f"{person.username} added to {org.slug} as {', '.join(options['role'])}")
        self.stdout.write(f"one-time password link: {password_link(person=person)}")
