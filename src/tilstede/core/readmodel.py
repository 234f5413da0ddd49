"""The one read model of items: what the web inbox, the item page, the API and
``tilstede items export`` read, and how.

Every read starts from ``Item.objects.visible_to(user)``, which is
``core.permissions.items_for_user``: the only place that decides who may see which item.
On top of it this module defines, once each: the inbox's filters (``InboxFilters``),
text search over what the user may see, overdue, the two orders (newest first, due
first) and their keyset cursor, and what a page of rows prefetches.

This module is imported by ``core.models`` (``Item.objects`` is an ``ItemQuerySet``), so
it imports models inside functions only.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.db import connection, models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from tilstede.core.models import Item

    User = AbstractBaseUser | AnonymousUser

PAGE_SIZE = 25
Sort = Literal["newest", "due"]
SORTS: tuple[Sort, ...] = ("newest", "due")
# The PostgreSQL text search configuration for item texts (stemming for bokmål; nynorsk
# and English texts are found by their exact words).
SEARCH_CONFIG = "norwegian"


class HardDeleteForbidden(Exception):
    """Raised when code tries to delete citizen content outside the retention rules."""


class BadCursor(ValueError):
    """A page cursor this desk did not give out."""


def open_states() -> tuple[str, str]:
    """The response states of an item that still waits for a person: awaiting, escalated."""
    from tilstede.core.models import ResponseState

    return (ResponseState.AWAITING, ResponseState.ESCALATED)


def overdue_q(now: dt.datetime | None = None) -> Q:
    """THE definition of overdue: still waiting for a person, its promise due before
    ``now``, and no first response yet. Used as a filter, a count and a row's badge."""
    return Q(
        response_state__in=open_states(),
        promise__first_response_at__isnull=True,
        promise__due_at__lt=now or timezone.now(),
    )


def failed_deliveries_q() -> Q:
    """Items with a reply or a notice that failed to reach the author (and was not sent
    since): the desk's one definition, for the inbox filter and the item page."""
    from tilstede.core.models import DeliveryStatus
    from tilstede.desk.models import OutgoingReply
    from tilstede.moderation.models import Notice

    return Q(
        Exists(
            OutgoingReply.objects.filter(in_reply_to=OuterRef("pk"), status=DeliveryStatus.FAILED)
        )
    ) | Q(
        Exists(Notice.objects.filter(decision__item=OuterRef("pk"), status=DeliveryStatus.FAILED))
    )


@dataclass(frozen=True)
class InboxFilters:
    """What a list of items may be narrowed by; empty values filter nothing."""

    channel: str = ""  # the channel's slug
    state: str = ""  # a Visibility value
    response: str = ""  # a ResponseState value
    assignee: str = ""  # a user name, "me" or "none"
    category: str = ""  # a screening category found in the item
    language: str = ""
    overdue: bool | None = None  # True: only overdue; False: only the others
    failed: bool = False  # only items with a reply or notice that did not reach its author
    text: str = ""  # words to search for in what the user may see

    @property
    def active(self) -> bool:
        return any(
            (
                self.channel,
                self.state,
                self.response,
                self.assignee,
                self.category,
                self.language,
                self.overdue is not None,
                self.failed,
                self.text,
            )
        )


@dataclass(frozen=True)
class Cursor:
    """Where a page ended, in its order: opaque and URL-safe in the address.

    ``newest`` pages by (created_at, id) descending; ``due`` by the promise's due time
    and id ascending. The same text is given out by the web desk and the API.
    """

    sort: Sort
    at: dt.datetime
    pk: int

    def encode(self) -> str:
        raw = f"{self.sort}|{self.at.isoformat()}|{self.pk}"
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, *, sort: Sort) -> Cursor:
        """The cursor in ``text``; ``BadCursor`` for one not given out for ``sort``."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
            given, when, pk = raw.split("|")
            at = dt.datetime.fromisoformat(when)
            number = int(pk)
        except (ValueError, UnicodeDecodeError):
            raise BadCursor(text) from None
        if given != sort or at.tzinfo is None:
            raise BadCursor(text)
        return cls(sort, at, number)

    def after(self) -> Q:
        """The items after this cursor in its order.

        Written ``t <= x AND (t < x OR id < n)`` rather than ``t < x OR (t = x AND id < n)``
        so that both databases start the index walk at the cursor.
        """
        if self.sort == "due":
            due = "promise__due_at"
            return Q(**{f"{due}__gte": self.at}) & (
                Q(**{f"{due}__gt": self.at}) | Q(pk__gt=self.pk)
            )
        return Q(created_at__lte=self.at) & (Q(created_at__lt=self.at) | Q(pk__lt=self.pk))


@dataclass
class Page:
    """One keyset page: its items in order, the cursor of the next page (None on the
    last) and whether it is the first."""

    items: list[Item]
    next_cursor: str | None
    first: bool


def _fts_query(text: str) -> str:
    """Words as an FTS5 query: each a quoted prefix, all of them required.

    Quoting makes every character of the input a literal, so nothing typed can be FTS5
    syntax; the prefix stands in for stemming, which SQLite has no Norwegian one of.
    """
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"*' for w in words if w)


class ItemQuerySet(models.QuerySet["Item"]):
    """Items, read through the desk's one read model (see the module's docstring).

    Rows are never deleted in bulk; see ``Item.delete``.
    """

    def delete(self) -> Any:
        raise HardDeleteForbidden(
            "Items are citizen content and are never deleted in bulk; retention deletes "
            "through tilstede.archive with a logged rule"
        )

    def visible_to(self, user: User) -> ItemQuerySet:
        """The items of this queryset that ``user`` may see.

        The rules are ``core.permissions.items_for_user``'s, looked up when called, so a
        rule added there holds for every read that starts here.
        """
        from tilstede.core import permissions

        visible: ItemQuerySet = permissions.items_for_user(user)
        return visible & self

    def received(self) -> ItemQuerySet:
        """What was received: the items to moderate. Own replies, posts and notices
        belong to their threads."""
        from tilstede.core.models import Direction

        return self.filter(direction=Direction.IN)

    def overdue(self, now: dt.datetime | None = None) -> ItemQuerySet:
        return self.filter(overdue_q(now))

    def not_overdue(self, now: dt.datetime | None = None) -> ItemQuerySet:
        return self.exclude(overdue_q(now))

    def with_overdue(self, now: dt.datetime | None = None) -> ItemQuerySet:
        """Each item with ``is_overdue``, from ``overdue_q`` (a row's badge)."""
        return self.annotate(
            is_overdue=ExpressionWrapper(overdue_q(now), output_field=models.BooleanField())
        )

    def filtered(
        self, filters: InboxFilters, *, user: User, now: dt.datetime | None = None
    ) -> ItemQuerySet:
        """The items that match ``filters``, as ``user`` asks (``me``, search rights)."""
        from django.contrib.auth import get_user_model

        from tilstede.core.models import Channel
        from tilstede.ingest.models import Finding

        items = self
        if filters.channel:
            # The channel's id as a scalar subquery, not a join on the slug: with the id
            # known when the query starts, the databases walk the channel's own range of
            # item_channel_recent.
            items = items.filter(
                channel_id=Subquery(
                    Channel.objects.filter(slug=filters.channel).order_by().values("pk")[:1]
                )
            )
        if filters.state:
            items = items.filter(visibility=filters.state)
        if filters.response:
            items = items.filter(response_state=filters.response)
        if filters.assignee == "me":
            items = items.filter(assignee=user.pk)
        elif filters.assignee == "none":
            items = items.filter(assignee__isnull=True)
        elif filters.assignee:
            model = get_user_model()
            items = items.filter(
                assignee_id=Subquery(
                    model._default_manager.filter(**{model.USERNAME_FIELD: filters.assignee})
                    .order_by()
                    .values("pk")[:1]
                )
            )
        if filters.category:
            # EXISTS, not a join: a join would repeat an item once per finding.
            items = items.filter(
                Exists(
                    Finding.objects.filter(
                        screening__version__item=OuterRef("pk"), category=filters.category
                    )
                )
            )
        if filters.language:
            items = items.filter(language=filters.language)
        if filters.overdue is True:
            items = items.overdue(now)
        elif filters.overdue is False:
            items = items.not_overdue(now)
        if filters.failed:
            items = items.filter(failed_deliveries_q())
        if filters.text.strip():
            items = items.search(filters.text, user=user)
        return items

    def search(self, text: str, *, user: User) -> ItemQuerySet:
        """Items whose text has all the words of ``text``, in what ``user`` may read:
        the clear text for those with the reveal right, else the redacted text (so a
        fødselsnummer cannot be found by typing it).

        PostgreSQL: full-text search in the ``norwegian`` configuration over the GIN
        indexes ``item_text_search`` and ``item_redacted_search`` (core migration 0012).
        SQLite: the FTS5 table ``core_item_search`` (same migration), kept in step with
        the item by triggers.
        """
        from tilstede.core.permissions import may_reveal

        column = "text" if may_reveal(user) else "text_redacted"
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            return self.annotate(search_vector=SearchVector(column, config=SEARCH_CONFIG)).filter(
                search_vector=SearchQuery(text, config=SEARCH_CONFIG)
            )
        query = _fts_query(text)
        if not query:
            return self
        from tilstede.core.models import ItemSearch

        # The ids of the matches, each item then read by its key and the page sorted: fast
        # for the words people look for (a matter's words are in few texts); a word in
        # half of a million texts takes seconds, which an ordered walk checking the index
        # item by item took even for rare words.
        matches = ItemSearch.objects.filter(**{f"{column}__match": query})
        return self.filter(pk__in=matches.values("pk"))

    def in_order(self, sort: Sort = "newest") -> ItemQuerySet:
        """Newest first, or due first (oldest due time first; items without a promise
        of an answer have no due time and are not in this order)."""
        if sort == "due":
            return self.filter(promise__isnull=False).order_by("promise__due_at", "pk")
        return self.order_by("-created_at", "-id")

    def for_rows(self, now: dt.datetime | None = None) -> ItemQuerySet:
        """What a row shows, read in a fixed number of queries whatever the page's depth:
        channel with its house rules, person, topic, promise, overdue, the versions with
        their screenings and findings, and the parent's."""
        from tilstede.core.models import ItemVersion
        from tilstede.ingest.models import Finding

        versions = (
            ItemVersion.objects.select_related("screening")
            .prefetch_related(
                Prefetch("screening__findings", queryset=Finding.objects.order_by("start"))
            )
            .order_by("number")
        )
        # The channel comes by prefetch, not by join: an inner join on it made SQLite read
        # the list channel by channel and sort it, where with only outer joins it walks
        # the list's index in order and stops after the page.
        return (
            self.select_related("assignee", "topic", "promise", "parent")
            .prefetch_related(
                "channel__house_rules",
                Prefetch("versions", queryset=versions),
                Prefetch("parent__versions", queryset=versions),
            )
            .with_overdue(now)
        )

    def page(self, *, sort: Sort = "newest", after: str = "", size: int = PAGE_SIZE) -> Page:
        """One keyset page in ``sort`` order after the cursor ``after`` (the first page
        for none); ``BadCursor`` for a cursor this desk did not give out.

        ``LIMIT size + 1`` tells whether there is a next page; never OFFSET, so a deep
        page costs what the first costs.
        """
        items = self.in_order(sort)
        if after:
            items = items.filter(Cursor.decode(after, sort=sort).after())
        rows = list(items[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        next_cursor = None
        if more and rows:
            last = rows[-1]
            at = last.promise.due_at if sort == "due" else last.created_at
            next_cursor = Cursor(sort, at, last.pk).encode()
        return Page(items=rows, next_cursor=next_cursor, first=not after)


def due_value(item: Item) -> dt.datetime | None:
    """When the item's answer is due, where a promise still waits for one."""
    promise = getattr(item, "promise", None)
    if promise is None or promise.first_response_at is not None:
        return None
    due: dt.datetime = promise.due_at
    return due


__all__ = [
    "PAGE_SIZE",
    "SORTS",
    "BadCursor",
    "Cursor",
    "HardDeleteForbidden",
    "InboxFilters",
    "ItemQuerySet",
    "Page",
    "due_value",
    "failed_deliveries_q",
    "open_states",
    "overdue_q",
]
