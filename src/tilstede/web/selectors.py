"""Reads the desk's pages share: the inbox with its filters and keyset pages, one item with
everything around it, and the dashboard's figures.

Every read starts from ``core.permissions.items_for_user``. Pages are keyset pages on
(created_at, id), never OFFSET, so a deep page costs what the first one costs; the
related rows of a page come in a fixed number of queries whatever its depth.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict, namedtuple
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.utils import timezone

from tilstede.core.models import (
    AuditEvent,
    Channel,
    Direction,
    HouseRule,
    Item,
    ItemVersion,
    Organisation,
    Visibility,
)
from tilstede.core.permissions import items_for_user
from tilstede.desk.selectors import OPEN_STATES, overdue_filter
from tilstede.ingest.models import Finding
from tilstede.moderation.models import REMOVAL_VERBS
from tilstede.web.markup import Span
from tilstede.web.prepared import Columns, Constant, Prepared, Values, With

User = AbstractBaseUser | AnonymousUser
PAGE_SIZE = 25

VERSIONS = Prefetch(
    "versions",
    queryset=ItemVersion.objects.select_related("screening")
    .prefetch_related(Prefetch("screening__findings", queryset=Finding.objects.order_by("start")))
    .order_by("number"),
)


def organisations_for(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(members=user)


def channels_for(user: User) -> QuerySet[Channel]:
    return Channel.objects.filter(organisation__in=organisations_for(user)).order_by("name")


def _stand_in(values: Values, superuser: bool, active: bool, perms: frozenset[str]):
    """A user with the rights of the one asking, whose id is a sentinel (see ``prepared``).

    The permission filters of ``items_for_user`` then compile as they would for that
    person, with their id as a parameter.
    """
    from django.contrib.auth import get_user_model

    user = get_user_model()(pk=values.int("user"), is_active=active, is_superuser=superuser)
    user._perm_cache = set(perms)  # what ModelBackend caches per request
    return user


_SUPERUSER_SHAPES = {active: (True, active, frozenset()) for active in (True, False)}


def user_shape(user: User) -> tuple:
    """What about a user changes the SQL of their reads: being superuser, active, rights.

    A page asks for it several times; it is kept on the user object for as long as the
    rights the authentication backend cached there (``_perm_cache``, per request) are the
    same object, so a right taken away and the cache cleared counts at once.
    """
    if not user.is_authenticated:
        return (False, False, frozenset())
    superuser, active = bool(user.is_superuser), bool(user.is_active)
    if superuser:
        return _SUPERUSER_SHAPES[active]
    kept = getattr(user, "_desk_shape", None)
    cache = getattr(user, "_perm_cache", None)
    if kept is not None and cache is not None and kept[0] is cache and kept[1][1] == active:
        return kept[1]
    shape = (False, active, frozenset(user.get_all_permissions()))
    user._desk_shape = (getattr(user, "_perm_cache", None), shape)
    return shape


_LIST = Columns(
    list_kind=IntegerField,
    list_position=IntegerField,
    list_n=IntegerField,
    list_a=CharField,
    list_b=CharField,
    list_c=CharField,
)


def _desk_lists(v: Values) -> QuerySet:
    """The user's organisations (by id), channels (by name), their organisations' active
    people (by user name), waiting appeals and active crises, in one query of five parts
    (``desk_lists_parts``)."""
    from django.contrib.auth import get_user_model

    user_ids = get_user_model().objects.filter(pk=v.int("user")).values("pk")
    names = {name: f"list_{name}" for name in ("kind", "position", "n", "a", "b", "c")}
    first, *rest = desk_lists_parts(user_ids, _LIST, names, {})
    return first.union(*rest, all=True)


_DESK_LISTS = Prepared(_desk_lists)


class OrganisationRow(NamedTuple):
    pk: int
    slug: str
    name: str


class DeskLists(NamedTuple):
    organisations: tuple[OrganisationRow, ...]
    channels: tuple[tuple[str, str], ...]  # (slug, name)
    people: tuple[tuple[str, str], ...]  # (user name, full name or user name)
    appeals: int = 0  # appeals awaiting a decision in the user's organisations (the menu)
    crises: tuple[tuple[int, str], ...] = ()  # active crises (id, name): the desk's banner


def desk_lists(user: User) -> DeskLists:
    """What the desk's menu and filters list for this user, read in one query.

    Kept on the user object (one request) for as long as ``user_shape`` is, so the menu,
    the filter form and the frame's key ask the database once between them.
    """
    if not user.is_authenticated:
        return DeskLists((), (), ())
    shape = user_shape(user)
    kept = getattr(user, "_desk_lists", None)
    if kept is not None and kept[0] is shape:
        return kept[1]
    found = desk_lists_of(_DESK_LISTS.rows(user=user.pk))
    user._desk_lists = (shape, found)
    return found


def desk_lists_keep(user: User, lists: DeskLists) -> None:
    """Keep lists read for this user elsewhere (with the session) as ``desk_lists``'s."""
    user._desk_lists = (user_shape(user), lists)


def desk_lists_of(rows) -> DeskLists:
    """The lists from rows of (list, position, number, three texts), in list order."""
    lists: tuple[list, list, list] = ([], [], [])
    appeals = 0
    crises = []
    for kind, _position, pk, a, b, c in sorted(rows, key=lambda row: row[:2]):
        if kind == 0:
            lists[0].append(OrganisationRow(pk, a, b))
        elif kind == 1:
            lists[1].append((a, b))
        elif kind == 2:
            lists[2].append((a, f"{b} {c}".strip() or a))
        elif kind == 3:
            appeals += 1
        else:
            crises.append((pk, b))
    return DeskLists(*(tuple(items) for items in lists), appeals=appeals, crises=tuple(crises))


def desk_lists_parts(
    user_ids: QuerySet, columns: Columns, names: dict[str, str], fixed: dict[str, Any]
) -> list[QuerySet]:
    """``_desk_lists`` for the user whose id ``user_ids`` selects (or nobody), as parts
    of a larger query in ``columns``: whether the user is a superuser is decided by the
    database, not by the shape of the SQL. ``names`` maps ``kind``, ``position``, ``n``,
    ``a``, ``b`` and ``c`` to column names; ``fixed`` gives other columns' values.

    The fourth list is a row per appeal awaiting a decision in the user's organisations
    (the menu's count; such a queue is short); the fifth a row per crisis declared and
    not yet ended in them (at most one per organisation: the banner on every page)."""
    from django.contrib.auth import get_user_model

    from tilstede.moderation.models import Appeal, AppealOutcome
    from tilstede.publishing.models import Crisis

    model = get_user_model()
    superuser = Exists(model.objects.filter(pk__in=user_ids, is_superuser=True))
    through = Organisation.members.through.objects
    mine = through.filter(user_id__in=user_ids).values("organisation_id")
    organisations = Organisation.objects.filter(superuser | Q(pk__in=mine))
    members = through.filter(organisation__in=organisations).values("user_id")
    username = model.USERNAME_FIELD
    blank = Value("", output_field=CharField())

    def listed(queryset, kind, order_by, n, a, b, c):
        return columns.part(
            queryset,
            **fixed,
            **{
                names["kind"]: Constant(kind, output_field=IntegerField()),
                names["position"]: Window(RowNumber(), order_by=order_by),
                names["n"]: n,
                names["a"]: a,
                names["b"]: b,
                names["c"]: c,
            },
        )

    return [
        listed(organisations, 0, F("pk").asc(), F("pk"), F("slug"), F("name"), blank),
        listed(
            Channel.objects.filter(organisation__in=organisations),
            1,
            F("name").asc(),
            F("pk"),
            F("slug"),
            F("name"),
            blank,
        ),
        listed(
            model.objects.filter(is_active=True, pk__in=members),
            2,
            F(username).asc(),
            F("pk"),
            F(username),
            F("first_name"),
            F("last_name"),
        ),
        listed(
            Appeal.objects.filter(
                outcome=AppealOutcome.PENDING,
                decision__item__channel__organisation__in=organisations,
            ),
            3,
            F("pk").asc(),
            F("pk"),
            blank,
            blank,
            blank,
        ),
        listed(
            Crisis.objects.filter(organisation__in=organisations, ended_at__isnull=True),
            4,
            F("pk").asc(),
            F("pk"),
            blank,
            F("name"),
            blank,
        ),
    ]


class RuleRow(NamedTuple):
    pk: int
    channel_id: int
    code: str
    title: str


# --- Inbox ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxFilters:
    channel: str = ""
    state: str = ""
    response: str = ""
    assignee: str = ""
    category: str = ""
    language: str = ""
    overdue: bool = False
    failed: bool = False  # only items with a reply or notice that did not reach its author

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
                self.overdue,
                self.failed,
            )
        )


def cursor_encode(item: Item) -> str:
    return cursor_encode_at(item.created_at, item.pk)


def cursor_encode_at(when: dt.datetime, pk: int) -> str:
    raw = f"{when.isoformat()}|{pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> tuple[dt.datetime, int] | None:
    """The (created_at, id) a page ends at, or None for a cursor this desk did not give out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, pk = raw.rsplit("|", 1)
        parsed = dt.datetime.fromisoformat(when)
    except (ValueError, UnicodeDecodeError):
        return None
    if parsed.tzinfo is None:
        return None
    return parsed, int(pk)


def inbox_items(user: User, filters: InboxFilters, *, now: dt.datetime | None = None) -> QuerySet:
    """The items of the inbox, newest first, filtered; not yet cut into a page.

    Only what was received: our own replies, posts and notices belong to their threads,
    not to the list of items to moderate.
    """
    items = items_for_user(user).filter(direction=Direction.IN)
    if filters.channel:
        # The channel's id as a scalar subquery, not a join on the slug: with the id known
        # when the query starts, PostgreSQL walks the channel's own item_channel_recent
        # range instead of filtering item_recent's.
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
        # The person's id as a scalar subquery, as for the channel: joined on the user
        # name, a person with no items walked the whole list (about a second at
        # 1,000,000 items); with the id known, item_assignee_recent's range is empty.
        from django.contrib.auth import get_user_model

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
    if filters.overdue:
        items = overdue_filter(items, now=now)
    if filters.failed:
        items = items.filter(failed_deliveries_filter())
    return items.order_by("-created_at", "-id")


def failed_deliveries_filter() -> Q:
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


@dataclass
class Entry:
    """What a row of the desk shows of one item, read without building model instances.

    ``text`` and ``spans`` are those of the current version (the item's own text if it
    has none); ``parent_text`` is None where the parent's text was not read.
    """

    pk: int
    channel_id: int
    channel_name: str
    direction: str
    author_handle: str
    author_name: str
    language: str
    created_at: dt.datetime
    visibility: str
    response_state: str
    parent_id: int | None
    assignee: str
    topic: str
    has_promise: bool
    due_at: dt.datetime | None
    first_response_at: dt.datetime | None
    text: str
    spans: list[Span] = field(default_factory=list)
    case_request: bool = False
    parent_text: str | None = None
    parent_spans: list[Span] = field(default_factory=list)


@dataclass
class Page:
    entries: list[Entry]
    rules: dict[int, list[RuleRow]]  # the house rules of the entries' channels, in order
    next_cursor: str | None
    first: bool


_ENTRY_COLUMNS = (
    "pk",
    "channel_id",
    "channel__name",
    "direction",
    "author_handle",
    "author_name",
    "language",
    "created_at",
    "visibility",
    "response_state",
    "parent_id",
    "assignee__username",
    "topic__name",
    "promise__id",
    "promise__due_at",
    "promise__first_response_at",
    "text",
    "parent__text",
)


_EntryRow = namedtuple("_EntryRow", [c.replace("__", "_") for c in _ENTRY_COLUMNS])
_PAGE_KEYS = "tilstede_page_keys"  # the common table expression of a page's keys
_ROW, _VERSION, _RULE = 0, 1, 2
# The columns of a page's versions and rules; see ``_page_query``.
_DETAIL_COLUMNS = (
    "owner",
    "position",
    "text",
    "screening",
    "case_request",
    "start",
    "end",
    "category",
    "explanation",
    "rule",
)
_INT, _TEXT, _TIME, _BOOL = IntegerField, CharField, DateTimeField, BooleanField
_ENTRY_TYPES = (
    _INT, _INT, _TEXT, _TEXT, _TEXT, _TEXT, _TEXT, _TIME, _TEXT,
    _TEXT, _INT, _TEXT, _TEXT, _INT, _TIME, _TIME, _TEXT, _TEXT,
)  # fmt: skip
_DETAIL_TYPES = (_INT, _INT, _TEXT, _INT, _BOOL, _INT, _INT, _TEXT, _TEXT, _INT)
_PAGE = Columns(
    page_kind=_INT,
    **{f"entry_{c}": t for c, t in zip(_ENTRY_COLUMNS, _ENTRY_TYPES, strict=True)},
    **{f"detail_{c}": t for c, t in zip(_DETAIL_COLUMNS, _DETAIL_TYPES, strict=True)},
)


def _kind(kind: int) -> Constant:
    return Constant(kind, output_field=IntegerField())


def _page_query(
    v: Values,
    superuser: bool,
    active: bool,
    perms: frozenset[str],
    given: tuple[bool, ...],
    assignee: str,
    overdue: bool,
    after: bool,
    size: int,
    failed: bool = False,
) -> With:
    """A page of the inbox for one shape of user, filters and cursor, in one query.

    Its keys (``LIMIT size + 1``, in list order) are a common table expression; the
    query is then one ``UNION ALL`` of three parts with the same columns: the items of
    these keys with their channel, person, topic, promise and parent (kind ``_ROW``);
    every version of these items and of their parents, once per finding of its
    screening (``_VERSION``: item, number, text, screening, case request, and the
    finding's start, end, category and explanation); and the house rules of their
    channels (``_RULE``: channel, order, title, code in the category's column, and the
    rule). The caller puts the rows in list order, the versions by item, number and the
    findings' place in the text and the rules by channel, order and code.
    """
    user = _stand_in(v, superuser, active, perms)
    values = {
        name: v.text(name) if on else "" for name, on in zip(_FILTER_VALUES, given, strict=True)
    }
    filters = InboxFilters(
        **values,
        assignee=v.text("assignee") if assignee == "someone" else assignee,
        overdue=overdue,
        failed=failed,
    )
    items = inbox_items(user, filters, now=v.time("now") if overdue else None)
    if after:
        when, pk = v.time("when"), v.int("after")
        items = items.filter(Q(created_at__lte=when) & (Q(created_at__lt=when) | Q(pk__lt=pk)))
    # The keys alone: joined with the row's columns, SQLite read and joined every row of
    # the list before sorting it, where the keys come from an index in order and stop
    # after the page.
    keys = items.values("pk", "parent_id", "channel_id")[: size + 1]
    # The table expression's name and columns are constants of this module.
    page = f'SELECT "id" FROM "{_PAGE_KEYS}"'  # noqa: S608
    threads = f'{page} UNION SELECT "parent_id" FROM "{_PAGE_KEYS}"'  # noqa: S608
    channels = f'SELECT "channel_id" FROM "{_PAGE_KEYS}"'  # noqa: S608
    on_page = Item.objects.filter(pk__in=RawSQL(page, ()))  # noqa: S611
    rows = _PAGE.part(
        on_page,
        page_kind=_kind(_ROW),
        **{f"entry_{c}": F(c) for c in _ENTRY_COLUMNS},
    )
    versions = _PAGE.part(
        ItemVersion.objects.filter(item_id__in=RawSQL(threads, ())),  # noqa: S611
        page_kind=_kind(_VERSION),
        detail_owner=F("item_id"),
        detail_position=F("number"),
        detail_text=F("text"),
        detail_screening=F("screening__id"),
        detail_case_request=F("screening__case_request"),
        detail_start=F("screening__findings__start"),
        detail_end=F("screening__findings__end"),
        detail_category=F("screening__findings__category"),
        detail_explanation=F("screening__findings__explanation"),
    )
    rules = _PAGE.part(
        HouseRule.objects.filter(channel__in=RawSQL(channels, ())),  # noqa: S611
        page_kind=_kind(_RULE),
        detail_owner=F("channel_id"),
        detail_position=F("order"),
        detail_text=F("title"),
        detail_category=F("code"),
        detail_rule=F("pk"),
    )
    # No ORDER BY: SQLite sorted each part and merged them, which cost more than putting
    # a page's few dozen rows in order in Python (``inbox_page``).
    return With(
        _PAGE_KEYS, ("id", "parent_id", "channel_id"), keys, rows.union(versions, rules, all=True)
    )


def _detail_order(detail: tuple) -> tuple:
    """Versions by item, number and their findings' place in the text; rules by channel,
    order and code (in the category's column)."""
    kind, owner, position, _text, _screening, _case, start, end, category, *_ = detail
    return (kind, owner, position, start or 0, end or 0, category or "")


def _plan_kept(*shape) -> bool:
    """Whether a page's plan may be kept: not with a category filter. Its EXISTS over the
    findings ran in 0.3 ms planned for a rare category and walked all 1,000,000 items
    (5.7 s) with the plan PostgreSQL kept after five runs for a common one."""
    given = shape[3]
    return not given[_FILTER_VALUES.index("category")]


_PAGE_QUERY = Prepared(_page_query, prepare=_plan_kept)


def _entries(
    rows: list[_EntryRow], details: list[tuple]
) -> tuple[list[Entry], dict[int, list[RuleRow]]]:
    """The rows of a page, in their order, with their current versions' texts and
    findings, and the house rules of their channels by channel, from the page's query.

    The caller has already checked that the user may see them. Values, not model
    instances: a page of rows built through the ORM's instances and prefetch machinery
    cost more than the rest of the page together.
    """
    channels = {row.channel_id for row in rows}
    texts: dict[int, tuple[str, int | None, bool]] = {}
    spans: dict[int, list[Span]] = defaultdict(list)
    rules: dict[int, list[RuleRow]] = {}
    # Every version in order of number, each once per finding of its screening; the
    # last version read of an item is its current one.
    for kind, owner, _position, text, screening_id, case_request, *finding, rule in details:
        if kind == _RULE:
            if owner in channels:  # not the channel of the row after the page alone
                rules.setdefault(owner, []).append(RuleRow(rule, owner, finding[2], text))
            continue
        texts[owner] = (text, screening_id, bool(case_request))
        if finding[0] is not None:
            spans[screening_id].append(Span(*finding))
    entries = []
    for row in rows:
        pk = row.pk
        text, screening_id, case_request = texts.get(pk, (row.text, None, False))
        parent_text, parent_spans = None, []
        if row.parent_id is not None:
            parent_text, parent_screening, _ = texts.get(
                row.parent_id, (row.parent_text or "", None, False)
            )
            parent_spans = spans.get(parent_screening, []) if parent_screening else []
        entries.append(
            Entry(
                pk=pk,
                channel_id=row.channel_id,
                channel_name=row.channel_name,
                direction=row.direction,
                author_handle=row.author_handle,
                author_name=row.author_name,
                language=row.language,
                created_at=row.created_at,
                visibility=row.visibility,
                response_state=row.response_state,
                parent_id=row.parent_id,
                assignee=row.assignee_username or "",
                topic=row.topic_name or "",
                has_promise=row.promise_id is not None,
                due_at=row.promise_due_at,
                first_response_at=row.promise_first_response_at,
                text=text,
                spans=spans.get(screening_id, []) if screening_id else [],
                case_request=case_request,
                parent_text=parent_text,
                parent_spans=parent_spans,
            )
        )
    return entries, rules


_FILTER_VALUES = ("channel", "state", "response", "category", "language")


def inbox_page(
    user: User,
    filters: InboxFilters,
    *,
    cursor: str = "",
    size: int = PAGE_SIZE,
    now: dt.datetime | None = None,
) -> Page:
    """One keyset page of the inbox, newest first, in one query whatever its depth.

    The page's rows come from one ordered query with ``LIMIT size + 1``: on both
    databases its plan walks an index in (created_at, id) order and stops after the
    page (``item_recent`` unfiltered; the state, channel or assignee index under those
    filters; SQLite walks each channel's ``item_channel_recent`` range in order and stops
    each walk early). The cursor condition is written
    ``created_at <= t AND (created_at < t OR id < n)`` so that the walk starts at the
    cursor rather than at the top. The joins for the row's channel, person, topic,
    promise and parent are made only for the rows of the page, and their versions and
    the house rules of their channels come with them in the same query
    (``_page_query``). The query is prepared (``tilstede.web.prepared``): compiled
    once per shape of user, filters and cursor.
    """
    position = cursor_decode(cursor) if cursor else None
    assignee = filters.assignee if filters.assignee in ("", "me", "none") else "someone"
    shape = (
        *user_shape(user),
        tuple(bool(getattr(filters, name)) for name in _FILTER_VALUES),
        assignee,
        filters.overdue,
        position is not None,
        size,
        filters.failed,
    )
    when, after = position if position is not None else (None, None)
    rows, details = [], []
    entry_columns = slice(1, 1 + len(_ENTRY_COLUMNS))
    for row in _PAGE_QUERY.rows(
        shape,
        user=user.pk,
        **{name: getattr(filters, name) for name in _FILTER_VALUES},
        assignee=filters.assignee,
        now=now or timezone.now(),
        when=when,
        after=after,
    ):
        if row[0] == _ROW:
            rows.append(_EntryRow(*row[entry_columns]))
        else:
            details.append((row[0], *row[entry_columns.stop :]))
    rows.sort(key=lambda row: (row.created_at, row.pk), reverse=True)
    details.sort(key=_detail_order)
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    if more and rows:
        next_cursor = cursor_encode_at(rows[-1].created_at, rows[-1].pk)
    entries, rules = _entries(rows, details)
    return Page(
        entries=entries,
        rules=rules,
        next_cursor=next_cursor,
        first=position is None,
    )


def entry_of(item: Item) -> Entry:
    """An item loaded with its versions, screenings and findings prefetched, as an Entry."""
    versions = list(item.versions.all())
    version = versions[-1] if versions else None
    screening = getattr(version, "screening", None) if version is not None else None
    promise = getattr(item, "promise", None)
    parent_text: str | None = None
    parent_spans: list[Span] = []
    parent = item.parent if item.parent_id and Item.parent.is_cached(item) else None
    if parent is not None and "versions" in getattr(parent, "_prefetched_objects_cache", {}):
        parent_versions = list(parent.versions.all())
        if parent_versions:
            parent_text = parent_versions[-1].text
            parent_spans = _spans_of(getattr(parent_versions[-1], "screening", None))
        else:
            parent_text = parent.text
    return Entry(
        pk=item.pk,
        channel_id=item.channel_id,
        channel_name=item.channel.name,
        direction=item.direction,
        author_handle=item.author_handle,
        author_name=item.author_name,
        language=item.language,
        created_at=item.created_at,
        visibility=item.visibility,
        response_state=item.response_state,
        parent_id=item.parent_id,
        assignee=item.assignee.get_username() if item.assignee_id and item.assignee else "",
        topic=item.topic.name if item.topic_id and item.topic else "",
        has_promise=promise is not None,
        due_at=promise.due_at if promise is not None else None,
        first_response_at=promise.first_response_at if promise is not None else None,
        text=version.text if version is not None else item.text,
        spans=_spans_of(screening),
        case_request=bool(screening and screening.case_request),
        parent_text=parent_text,
        parent_spans=parent_spans,
    )


def _spans_of(screening) -> list[Span]:
    if screening is None:
        return []
    return [Span(f.start, f.end, f.category, f.explanation) for f in screening.findings.all()]


def item_for(user: User, pk: int) -> Item | None:
    """One item the user may see, with its channel, versions and findings; None otherwise."""
    return (
        items_for_user(user)
        .select_related("channel__organisation", "assignee", "topic", "promise", "parent")
        .prefetch_related(VERSIONS, "channel__house_rules")
        .filter(pk=pk)
        .first()
    )


def thread_of(user: User, item: Item) -> list[Item]:
    """The item's thread in order, as far as the user may see it (the item included).

    ``item`` comes from ``item_for``: the user may see it and its versions are prefetched.
    """
    root = item.thread_id or item.pk
    # The thread's ids first, by the primary key and the thread index (two lookups: an
    # OR of the two makes SQLite scan the whole index); then the access check on those
    # few rows, which as a join first would make the planner walk every channel.
    # The newest replies by id, not by created_at: ordered by the item_recent index the
    # planner would walk the whole table looking for a thread's rows.
    ids = [
        root,
        *Item.objects.filter(thread_id=root).order_by("-pk").values_list("pk", flat=True)[:199],
    ]
    if ids == [item.pk]:
        return [item]  # a lone item (most are): the caller has loaded it already
    return list(
        items_for_user(user)
        .filter(pk__in=ids)
        .select_related("channel", "promise")
        .prefetch_related(VERSIONS)
        .defer("raw")
        .order_by("created_at", "id")[:200]
    )


def item_history(item: Item) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type="core.item", object_id=str(item.pk)).order_by("id")


# --- Dashboard --------------------------------------------------------------------------


@dataclass
class ChannelRow:
    channel: Channel
    today: int = 0
    queue: int = 0
    held: int = 0
    overdue: int = 0


@dataclass
class DashboardFigures:
    rows: list[ChannelRow]
    days: list[dt.date]
    volume: dict[int, list[int]]  # channel id -> items per day, in ``days`` order
    response: list[dict]  # per channel: promised, median, p90, kept share, answered
    outcomes: list[tuple[str, int]]  # house rule title -> items hidden or removed
    totals: dict[str, int] = field(default_factory=dict)


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), ZoneInfo(settings.TIME_ZONE))


def dashboard_figures(
    user: User, *, days: int = 14, now: dt.datetime | None = None
) -> DashboardFigures:
    """Counts per channel for today and the last ``days`` days (Europe/Oslo days)."""
    from tilstede.desk.models import ResponsePromise
    from tilstede.moderation.models import Decision

    now = now or timezone.now()
    today = timezone.localtime(now).date()
    start_day = today - dt.timedelta(days=days - 1)
    start = _local_midnight(start_day)
    channels = list(channels_for(user))
    visible = items_for_user(user)
    rows = {c.pk: ChannelRow(channel=c) for c in channels}
    counts = (
        visible.filter(direction=Direction.IN)
        .values("channel")
        .annotate(
            today=Count("pk", filter=Q(created_at__gte=_local_midnight(today))),
            queue=Count("pk", filter=Q(response_state__in=OPEN_STATES)),
            held=Count("pk", filter=Q(visibility=Visibility.HELD)),
            overdue=Count(
                "pk",
                filter=Q(
                    response_state__in=OPEN_STATES,
                    promise__due_at__lt=now,
                    promise__first_response_at__isnull=True,
                ),
            ),
        )
    )
    for row in counts:
        if row["channel"] in rows:
            r = rows[row["channel"]]
            r.today, r.queue, r.held, r.overdue = (
                row["today"],
                row["queue"],
                row["held"],
                row["overdue"],
            )

    day_list = [start_day + dt.timedelta(days=n) for n in range(days)]
    volume: dict[int, list[int]] = {c.pk: [0] * days for c in channels}
    tz = ZoneInfo(settings.TIME_ZONE)
    # Grouped in Python by local day: the database's date functions differ, and two weeks
    # of one organisation's timestamps are few.
    for channel_id, created in visible.filter(
        direction=Direction.IN, created_at__gte=start
    ).values_list("channel", "created_at"):
        index = (created.astimezone(tz).date() - start_day).days
        if channel_id in volume and 0 <= index < days:
            volume[channel_id][index] += 1

    response = []
    since = now - dt.timedelta(days=30)
    promises = defaultdict(list)
    for channel_id, seconds, due, first in ResponsePromise.objects.filter(
        channel__in=[c.pk for c in channels], started_at__gte=since, item__in=visible
    ).values_list("channel", "response_seconds", "due_at", "first_response_at"):
        promises[channel_id].append((seconds, due, first))
    for c in channels:
        entries = promises.get(c.pk, [])
        times = sorted(s for s, _, first in entries if first is not None and s is not None)
        settled = [(due, first) for _, due, first in entries if first is not None or due <= now]
        kept = sum(1 for due, first in settled if first is not None and first <= due)
        median = times[(len(times) - 1) // 2] if times else None
        p90 = times[max(0, -(-len(times) * 9 // 10) - 1)] if times else None
        response.append(
            {
                "channel": c,
                "promised_hours": round(c.response_time.total_seconds() / 3600, 1),
                "median_hours": round(median / 3600, 1) if median is not None else None,
                "p90_hours": round(p90 / 3600, 1) if p90 is not None else None,
                "kept_percent": round(100 * kept / len(settled)) if settled else None,
                "answered": len(times),
                "needing": len(entries),
            }
        )

    outcomes = list(
        Decision.objects.filter(
            item__in=visible, verb__in=REMOVAL_VERBS, at__gte=now - dt.timedelta(days=30)
        )
        .values_list("house_rule__title")
        .annotate(n=Count("item", distinct=True))
        .order_by("-n", "house_rule__title")
    )
    return DashboardFigures(
        rows=list(rows.values()),
        days=day_list,
        volume=volume,
        response=response,
        outcomes=[(title or "", n) for title, n in outcomes],
        totals={
            "today": sum(r.today for r in rows.values()),
            "queue": sum(r.queue for r in rows.values()),
            "held": sum(r.held for r in rows.values()),
            "overdue": sum(r.overdue for r in rows.values()),
        },
    )
