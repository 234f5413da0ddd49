"""Who may do what in publishing, and which codenames each role gets.

``ROLE_CODENAMES`` is what ``tilstede.core.roles`` should give each group (app label
``publishing``). Object-level access follows the rest of Tilstede: people act only on
posts and crises of the organisations they are members of.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from tilstede.core.models import Channel, Organisation

User = AbstractBaseUser | AnonymousUser

COMPOSE = "publishing.add_post"
EDIT = "publishing.change_post"
VIEW = "publishing.view_post"
APPROVE = "publishing.approve_post"
PUBLISH = "publishing.publish_post"
VIEW_CRISIS = "publishing.view_crisis"
DECLARE_CRISIS = "publishing.declare_crisis"
CRISIS_PUBLISH = "publishing.publish_crisis_post"
ADD_TEMPLATE = "publishing.add_crisistemplate"
CHANGE_TEMPLATE = "publishing.change_crisistemplate"
VIEW_TEMPLATE = "publishing.view_crisistemplate"

_WRITE = {"add_post", "change_post", "view_post", "approve_post", "publish_post"}
ROLE_CODENAMES: dict[str, set[str]] = {
    "administrator": _WRITE
    | {
        "view_crisis",
        "declare_crisis",
        "publish_crisis_post",
        "add_crisistemplate",
        "change_crisistemplate",
        "view_crisistemplate",
    },
    "moderator": _WRITE | {"view_crisis", "publish_crisis_post", "view_crisistemplate"},
    "responder": set(),
    "reader": {"view_post", "view_crisis", "view_crisistemplate"},
}


def organisations_for(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(members=user)


def is_member(user: User, organisation: Organisation) -> bool:
    return organisations_for(user).filter(pk=organisation.pk).exists()


def require(user: User, perm: str, organisation: Organisation) -> None:
    """Raise PermissionDenied unless the user has ``perm`` and works for the organisation."""
    if not user.is_authenticated or not user.has_perm(perm):
        raise PermissionDenied("Your role may not do this.")
    if not is_member(user, organisation):
        raise PermissionDenied("This belongs to another organisation.")


def channels_for(user: User) -> QuerySet[Channel]:
    return Channel.objects.filter(organisation__in=organisations_for(user))
