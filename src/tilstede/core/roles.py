"""The five roles of a communication unit, as Django groups with permissions.

administrator: the communication unit's lead: the organisation's settings, its people and
    their roles, channels, house rules, teams and topics; moderates too.
moderator: handles the queue on every channel: decides, replies, reveals personal data.
responder: answers items within the topics assigned to them [3.2], nothing else.
reader: leadership; reads everything it is shown, changes nothing.
archivist: the records manager: archive rules, legal holds, closing periods, Noark 5
    export, retention and innsyn; reads items redacted, never moderates.

Nobody holding a role is staff: the Django admin is the installation operator's
(superusers) alone. A role is held in every organisation the person is a member of.

Object-level limits (a responder's topics) are in ``tilstede.core.permissions``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

ADMINISTRATOR = "administrator"
MODERATOR = "moderator"
RESPONDER = "responder"
READER = "reader"
ARCHIVIST = "archivist"
ROLES = (ADMINISTRATOR, MODERATOR, RESPONDER, READER, ARCHIVIST)

CORE_MODELS = ("organisation", "team", "topic", "channel", "houserule", "item", "itemversion")

# Custom permissions on Item (declared in Item.Meta via the migration).
MODERATE = "moderate_item"
REPLY = "reply_item"
REVEAL = "reveal_personal_data"
VIEW_DASHBOARD = "view_dashboard"
MANAGE_PEOPLE = "manage_people"  # on Organisation


def _codenames(role: str) -> set[str]:
    views = {f"view_{m}" for m in (*CORE_MODELS, "auditevent")}
    if role == ADMINISTRATOR:
        changes = {f"{a}_{m}" for a in ("add", "change") for m in CORE_MODELS}
        deletes = {f"delete_{m}" for m in ("team", "topic", "houserule")}
        return views | changes | deletes | {MODERATE, REPLY, REVEAL, VIEW_DASHBOARD, MANAGE_PEOPLE}
    if role == MODERATOR:
        return views | {"change_item", MODERATE, REPLY, REVEAL, VIEW_DASHBOARD}
    if role == RESPONDER:
        return {"view_item", "view_itemversion", "view_channel", "view_topic", REPLY}
    if role == READER:
        return views | {VIEW_DASHBOARD}
    if role == ARCHIVIST:
        return views
    raise ValueError(role)


def _wanted(role: str) -> dict[str, set[str]]:
    """Codenames per app label for a role: core's, and those other apps declare.

    An app declares its own as ``role_permissions`` on its AppConfig (role name to a set
    of codenames), so core needs to know nothing of the apps built on it.
    """
    from django.apps import apps

    wanted = {"core": _codenames(role)}
    for config in apps.get_app_configs():
        extra = getattr(config, "role_permissions", None)
        if extra:
            wanted.setdefault(config.label, set()).update(extra.get(role, set()))
    return wanted


def roles_sync(**_: Any) -> None:
    """Create the four groups and set their permissions; safe to run again (post_migrate)."""
    from django.db.models import Q

    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        wanted = _wanted(role)
        match = Q(pk__in=[])
        for label, codenames in wanted.items():
            match |= Q(content_type__app_label=label, codename__in=codenames)
        perms = list(Permission.objects.filter(match).select_related("content_type"))
        found = {(p.content_type.app_label, p.codename) for p in perms}
        if any((label, c) not in found for label, cs in wanted.items() for c in cs):
            # Permissions are created by an earlier post_migrate handler; if they are not
            # there yet this runs again after the next migrate.
            continue
        group.permissions.set(perms)


def role_label(role: str) -> str:
    from django.utils.translation import gettext

    return {
        ADMINISTRATOR: gettext("administrator"),
        MODERATOR: gettext("moderator"),
        RESPONDER: gettext("responder"),
        READER: gettext("reader"),
        ARCHIVIST: gettext("archivist"),
    }[role]


def role_choices() -> list[tuple[str, str]]:
    return [(role, role_label(role)) for role in ROLES]
