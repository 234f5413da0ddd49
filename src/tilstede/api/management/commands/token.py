"""``tilstede token create --user NAME --name WHAT``: an API token, shown once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from tilstede.api.models import ApiToken
from tilstede.cli.errors import BadInput
from tilstede.core.services import audit_record


class Command(BaseCommand):
    help = "Create or revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--user", required=True)
        create.add_argument("--name", required=True, help="what the token is for")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, action: str, **o: Any) -> None:
        if action == "create":
            user = get_user_model().objects.filter(username=o["user"]).first()
            if user is None:
                raise BadInput(f"no user {o['user']!r}")
            token, key = ApiToken.issue(user=user, name=o["name"])
            audit_record(
                actor="cli", verb="token.create", obj=token, details={"user": user.get_username()}
            )
            self.stdout.write(key)
        else:
            updated = ApiToken.objects.filter(pk=o["id"], revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            if not updated:
                raise BadInput(f"no active token {o['id']}")
            audit_record(
                actor="cli", verb="token.revoke", object_type="api.apitoken", object_id=o["id"]
            )
            self.stdout.write(f"token {o['id']} revoked")
