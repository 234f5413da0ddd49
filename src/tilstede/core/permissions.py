"""Who may do what to which item: the one place that decides object-level access."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q

from tilstede.core.models import Channel, Item
from tilstede.core.readmodel import ItemQuerySet
from tilstede.core.roles import MODERATE, REPLY, REVEAL

User = AbstractBaseUser | AnonymousUser


def _is_limited_to_topics(user: User) -> bool:
    """A responder without moderation rights sees only items of their own topics."""
    return not user.has_perm(f"core.{MODERATE}") and not user.has_perm("core.view_auditevent")


def items_for_user(user: User) -> ItemQuerySet:
    """Items the user may see.

    Moderators and readers see every item of their organisations; a responder only the
    items of their topics or assigned to them; someone from another organisation nothing.
    """
    if not user.is_authenticated or not user.has_perm("core.view_item"):
        return Item.objects.none()
    items = Item.objects.all()
    if not user.is_superuser:
        # People see the channels of the organisations they work for, nothing else. As
        # EXISTS per item rather than a join: the databases then walk the list's own
        # index in order and stop after a page, where a join made them read and sort
        # every item of every channel first.
        items = items.filter(
            Exists(Channel.objects.filter(pk=OuterRef("channel_id"), organisation__members=user))
        )
    if _is_limited_to_topics(user):
        items = items.filter(Q(topic__responders=user) | Q(assignee=user))
    return items


def may_reveal(user: User) -> bool:
    """Whether the user may read personal data in clear (and so search the clear text)."""
    return user.has_perm(f"core.{REVEAL}")


def item_can_view(user: User, item: Item) -> bool:
    return items_for_user(user).filter(pk=item.pk).exists()


def item_can_reply(user: User, item: Item) -> bool:
    return user.has_perm(f"core.{REPLY}") and item_can_view(user, item)


def item_can_moderate(user: User, item: Item) -> bool:
    return user.has_perm(f"core.{MODERATE}") and item_can_view(user, item)


def item_can_reveal(user: User, item: Item) -> bool:
    return user.has_perm(f"core.{REVEAL}") and item_can_view(user, item)
