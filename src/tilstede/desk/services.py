"""The desk's writes: routing and response promises for new items, replies, saved replies,
automatic acknowledgements, and the response-time figures.

What needs an answer: a case request (screening's verdict, which moderation's rules turn
into ``AWAITING``), a direct message, a mention, and a question (a "?" anywhere, or a
sentence that opens with a question word in bokmål, nynorsk or English). Praise and
statements do not; neither does an item a rule has already hidden, nor anything on a
channel whose platform cannot take replies (RSS). The clock starts when the item was
written at the source (or when it reached us, if that is earlier), not when a person
first looks at it [3.4].
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tilstede.connectors.base import Capability, RawItem
from tilstede.connectors.registry import capabilities_for
from tilstede.core.db import build, bulk_insert
from tilstede.core.models import (
    Channel,
    Direction,
    Item,
    ItemKind,
    ItemVersion,
    Platform,
    ResponseState,
    Topic,
    Visibility,
)
from tilstede.core.permissions import item_can_reply
from tilstede.core.readmodel import open_states
from tilstede.core.services import audit_record
from tilstede.desk import texts
from tilstede.desk.business_hours import OSLO, add_business_time, business_time_between
from tilstede.desk.models import (
    DeliveryStatus,
    NeedsAnswer,
    OutgoingReply,
    ReplyPurpose,
    ResponsePromise,
    RoutingRule,
    SavedReply,
)
from tilstede.moderation.models import Verb
from tilstede.moderation.services import decision_record

OPEN_STATES = open_states()
GONE = (Visibility.DELETED_AT_SOURCE, Visibility.REMOVED)
MAX_REPLY = 5000
ACKNOWLEDGE_BATCH = 200


class ReplyError(Exception):
    """A reply that cannot be sent as asked; the message is for the person replying."""

    status = 400


# --- What needs an answer ------------------------------------------------------------

QUESTION_WORDS = frozenset(
    "hva hvem hvor hvorfor hvordan hvilken hvilket hvilke når "  # bokmål
    "kva kven kvar kvifor korleis kor kva "  # nynorsk
    "what who whom where why how which when".split()  # English
)
# A verb that opens a sentence is a question only before its subject: "Kan dere ...?"
# is one, "Kan anbefale biblioteket" (the subject left out, as people write) is not.
QUESTION_VERBS = frozenset(
    "kan kunne skal vil er har får blir går må gjelder finnes stemmer veit vet "
    "can could will would is are do does did should may has have".split()
)
SUBJECTS = frozenset(
    "dere du det de man en vi noen jeg eg me nokon ein kommunen "
    "you i we it there the anyone someone this that".split()
)
_SENTENCE_START = re.compile(
    r"(?:^|[.!:;\n]\s*)(?:[@#]\S+\s+)*([^\W\d_]+)(?:\s+([^\W\d_]+))?", re.UNICODE
)


def is_question(text: str) -> bool:
    """A "?" anywhere, or a sentence that opens with a question word or a verb and subject.

    Leading @mentions and #tags are skipped, since a reply on a platform starts with them.
    A heuristic: most questions carry a "?", and a person can say otherwise on the item.
    """
    if "?" in text:
        return True
    for match in _SENTENCE_START.finditer(text):
        first, second = match.group(1).lower(), (match.group(2) or "").lower()
        if first in QUESTION_WORDS or (first in QUESTION_VERBS and second in SUBJECTS):
            return True
    return False


@lru_cache(maxsize=32)
def _can_reply(platform: str) -> bool:
    return Capability.REPLY in capabilities_for(platform)  # a Flag test per item was costly


def needs_answer(item: Item) -> str | None:
    """Why ``item`` needs an answer (a ``NeedsAnswer`` value), or None when it does not."""
    if item.direction != Direction.IN:
        return None
    if not _can_reply(item.platform):
        return None
    if item.response_state == ResponseState.AWAITING:
        return NeedsAnswer.CASE_REQUEST  # moderation's rules set this for case requests
    if item.visibility in (Visibility.HIDDEN, *GONE):
        return None
    if item.kind == ItemKind.DIRECT_MESSAGE or item.private:
        return NeedsAnswer.DIRECT_MESSAGE
    if item.kind == ItemKind.MENTION:
        return NeedsAnswer.MENTION
    if is_question(item.text):
        return NeedsAnswer.QUESTION
    return None


# --- Routing ---------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _keyword_pattern(keywords: str) -> re.Pattern[str] | None:
    words = [k.strip().lower() for k in keywords.splitlines() if k.strip()]
    if not words:
        return None
    parts = []
    for word in words:
        body = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if word.endswith("*") else ""))
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


def language_base(tag: str) -> str:
    """Map "nb-NO" to "nb"; "no" (written form unknown) is read as bokmål."""
    base = tag.replace("_", "-").split("-", 1)[0].lower()
    return "nb" if base == "no" else base


@dataclass(frozen=True)
class Route:
    topic_id: int | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    rule_id: int | None = None


class _Router:
    """The routing rules and topics of some organisations, loaded once per batch."""

    def __init__(self, organisation_ids: Iterable[int]) -> None:
        ids = set(organisation_ids)
        self.rules: dict[int, list[RoutingRule]] = {}
        for rule in RoutingRule.objects.filter(organisation_id__in=ids, active=True).order_by(
            "order", "id"
        ):
            self.rules.setdefault(rule.organisation_id, []).append(rule)
        self.topics: dict[int, list[Topic]] = {}
        self.topic_team: dict[int, int | None] = {}
        for topic in Topic.objects.filter(organisation_id__in=ids).order_by("name", "id"):
            self.topics.setdefault(topic.organisation_id, []).append(topic)
            self.topic_team[topic.pk] = topic.team_id

    def _topic_by_keywords(self, organisation_id: int, text: str) -> int | None:
        for topic in self.topics.get(organisation_id, ()):
            pattern = _keyword_pattern(topic.keywords)
            if pattern is not None and pattern.search(text):
                return topic.pk
        return None

    def route(self, item: Item, channel: Channel) -> Route:
        """The first matching rule decides; the topics' keywords fill in a missing topic."""
        language = language_base(item.language)
        org = channel.organisation_id
        for rule in self.rules.get(org, ()):
            if rule.channel_id and rule.channel_id != channel.pk:
                continue
            if rule.language and language_base(rule.language) != language:
                continue
            pattern = _keyword_pattern(rule.keywords)
            if pattern is not None and not pattern.search(item.text):
                continue
            topic_id = rule.topic_id or self._topic_by_keywords(org, item.text)
            team_id = rule.team_id or (self.topic_team.get(topic_id) if topic_id else None)
            return Route(
                topic_id=topic_id,
                team_id=team_id or channel.owner_team_id,
                assignee_id=rule.assignee_id,
                rule_id=rule.pk,
            )
        topic_id = self._topic_by_keywords(org, item.text)
        team_id = self.topic_team.get(topic_id) if topic_id else None
        return Route(topic_id=topic_id, team_id=team_id or channel.owner_team_id)


def _due(channel: Channel, start: dt.datetime) -> dt.datetime:
    return add_business_time(
        start,
        channel.response_time,
        opening_hours=channel.opening_hours or {},
        # A channel with no opening hours at all cannot keep office hours; count its
        # promise around the clock rather than never.
        around_the_clock=channel.around_the_clock or not channel.opening_hours,
    )


def _promise_for(item: Item, channel: Channel, reason: str, route: Route) -> ResponsePromise:
    start = min(item.created_at, item.received_at)
    return build(
        ResponsePromise,
        item=item,
        channel_id=channel.pk,
        reason=reason,
        team_id=route.team_id,
        routing_rule_id=route.rule_id,
        started_at=start,
        promised=channel.response_time,
        around_the_clock=channel.around_the_clock or not channel.opening_hours,
        due_at=_due(channel, start),
    )


def items_route_and_promise(*, items: Sequence[Item], now: dt.datetime | None = None) -> None:
    """Route new incoming items and give those that need an answer a due time.

    Every new incoming item gets a topic where a rule or a topic's keywords match; an
    item that needs an answer also gets the rule's person (if any), ``AWAITING`` and a
    ``ResponsePromise`` with the rule's team (else the topic's, else the channel's
    owner). Outgoing items in the batch that answer an open item (a reply written on
    the platform itself) count as its first response.

    For items that are already saved, after moderation's rules have set
    ``response_state``. The in-memory items are updated too, so a later ``bulk_update``
    of them by the caller keeps the result. A handful of queries per batch whatever its
    size; items that already have a promise are left alone, so calling it twice is
    harmless. Ingest, which inserts new items, routes them before the insert instead
    (``items_route``).
    """
    now = now or timezone.now()
    incoming = [i for i in items if i.pk and i.direction == Direction.IN]
    if incoming:
        promised = set(
            ResponsePromise.objects.filter(item_id__in=[i.pk for i in incoming]).values_list(
                "item_id", flat=True
            )
        )
        incoming = [i for i in incoming if i.pk not in promised]
    if incoming:
        changed, promises = _route(incoming)
        # One UPDATE per distinct outcome, not bulk_update's CASE per row: a batch has few
        # outcomes (topics x people x states).
        groups: dict[tuple[int | None, int | None, str], list[int]] = defaultdict(list)
        for item in changed:
            groups[(item.topic_id, item.assignee_id, item.response_state)].append(item.pk)
        for (topic_id, assignee_id, state), pks in groups.items():
            for chunk in range(0, len(pks), 900):  # under SQLite's old 999-parameter limit
                Item.objects.filter(pk__in=pks[chunk : chunk + 900]).update(
                    topic_id=topic_id, assignee_id=assignee_id, response_state=state
                )
        bulk_insert(promises)
    items_mark_answered(items=items, now=now)


def items_route(*, items: Sequence[Item]) -> list[ResponsePromise]:
    """Route new incoming items before they are inserted; return their promises, unsaved.

    What ``items_route_and_promise`` does for saved items, for a batch that ingest is
    about to insert: each item is then written once, already with its topic, person and
    state (an UPDATE of the fresh rows afterwards cost as much as inserting them). Pass
    the result to ``promises_insert`` once the items have primary keys, then call
    ``items_mark_answered``.
    """
    incoming = [i for i in items if i.direction == Direction.IN]
    if not incoming:
        return []
    _changed, promises = _route(incoming)
    return promises


def promises_insert(promises: Sequence[ResponsePromise]) -> None:
    """Insert promises made by ``items_route`` once their items are saved."""
    for promise in promises:
        promise.item_id = promise.item.pk
    bulk_insert(promises)


def items_mark_answered(*, items: Sequence[Item], now: dt.datetime | None = None) -> None:
    """Saved outgoing replies among ``items`` count as first responses to what they answer."""
    replies = [i for i in items if i.pk and i.direction == Direction.OUT and i.parent_id]
    if replies:
        answered = _responses_at_source(replies, now or timezone.now())
        for item in items:
            if item.pk in answered and item.response_state in OPEN_STATES:
                item.response_state = ResponseState.ANSWERED


def _route(items: Sequence[Item]) -> tuple[list[Item], list[ResponsePromise]]:
    """Set topic, person and state on incoming ``items``; (the changed ones, promises)."""
    # Ingest builds its items with their channel: use it rather than load it again.
    channels = {i.channel_id: i.channel for i in items if Item.channel.is_cached(i)}
    missing = {i.channel_id for i in items} - set(channels)
    if missing:
        channels.update(Channel.objects.in_bulk(missing))
    router = _Router(c.organisation_id for c in channels.values())
    changed: list[Item] = []
    promises: list[ResponsePromise] = []
    for item in items:
        channel = channels[item.channel_id]
        route = router.route(item, channel)
        reason = needs_answer(item)
        dirty = False
        if item.topic_id is None and route.topic_id:
            item.topic_id = route.topic_id
            dirty = True
        if reason is not None:
            if item.assignee_id is None and route.assignee_id:
                item.assignee_id = route.assignee_id
                dirty = True
            if item.response_state == ResponseState.NOT_NEEDED:
                item.response_state = ResponseState.AWAITING
                dirty = True
            promises.append(_promise_for(item, channel, reason, route))
        if dirty:
            changed.append(item)
    return changed, promises


def _responses_at_source(replies: Sequence[Item], now: dt.datetime) -> set[int]:
    """Our replies written on the platform itself count as first responses.

    Returns the ids of the items they answered.
    """
    first: dict[int, Item] = {}
    for reply in sorted(replies, key=lambda r: r.created_at):
        first.setdefault(reply.parent_id, reply)
    promises = list(
        ResponsePromise.objects.filter(
            item_id__in=list(first), first_response_at__isnull=True
        ).select_related("channel")
    )
    if not promises:
        return set()
    for promise in promises:
        reply = first[promise.item_id]
        _promise_keep(promise, at=reply.created_at, response=reply)
    ResponsePromise.objects.bulk_update(
        promises, ["first_response_at", "first_response", "response_seconds"]
    )
    answered = {p.item_id for p in promises}
    Item.objects.filter(pk__in=answered, response_state__in=OPEN_STATES).update(
        response_state=ResponseState.ANSWERED
    )
    for promise in promises:
        audit_record(
            actor=f"ingest:{promise.channel.slug}",
            verb="item.answered_at_source",
            object_type="core.item",
            object_id=promise.item_id,
            details={"reply": first[promise.item_id].pk},
            at=now,
        )
    return answered


def _promise_keep(promise: ResponsePromise, *, at: dt.datetime, response: Item) -> None:
    """Record the first response on ``promise`` (the caller saves it)."""
    promise.first_response_at = at
    promise.first_response = response
    took = business_time_between(
        promise.started_at,
        at,
        opening_hours=promise.channel.opening_hours or {},
        around_the_clock=promise.around_the_clock,
    )
    promise.response_seconds = int(took.total_seconds())


@transaction.atomic
def promise_make(
    *, item: Item, by: AbstractBaseUser, now: dt.datetime | None = None
) -> ResponsePromise:
    """A person says an item needs an answer after all: it gets a due time from its start."""
    now = now or timezone.now()
    item = Item.objects.select_for_update().select_related("channel").get(pk=item.pk)
    if not item_can_reply(by, item):
        raise PermissionDenied(_("You may not answer this item."))
    existing = ResponsePromise.objects.filter(item=item).first()
    if existing is not None:
        return existing
    channel = item.channel
    route = _Router([channel.organisation_id]).route(item, channel)
    promise = _promise_for(item, channel, NeedsAnswer.MANUAL, route)
    promise.save()
    if item.response_state == ResponseState.NOT_NEEDED:
        item.response_state = ResponseState.AWAITING
        item.save(update_fields=["response_state"])
    audit_record(
        actor=by,
        verb="item.needs_answer",
        obj=item,
        details={"due": promise.due_at.isoformat()},
        at=now,
    )
    return promise


# --- Assigning ------------------------------------------------------------------------


def item_assign(
    *, item: Item, to: AbstractBaseUser, by: AbstractBaseUser, reason: str = ""
) -> None:
    """Give an item to a person (moderation records the decision and checks ``by``)."""
    if (
        not to.has_perm("core.reply_item")
        or not item.channel.organisation.members.filter(pk=to.pk).exists()
    ):
        raise PermissionDenied(
            _("%(user)s cannot answer this channel's items.") % {"user": to.get_username()}
        )
    decision_record(item=item, verb=Verb.ASSIGN, by=by, assignee=to, reason=reason)


# --- Saved replies --------------------------------------------------------------------


@dataclass(frozen=True)
class SuggestedReply:
    saved_reply: SavedReply
    text: str
    suggested: bool


def reply_language(item: Item) -> str:
    base = language_base(item.language)
    return base if base in ("nb", "nn", "en") else "nb"


def saved_reply_render(saved_reply: SavedReply, *, channel: Channel) -> str:
    """Fill in a saved reply's variables for one channel."""
    org = channel.organisation
    values = {
        "channel": channel.name,
        "organisation": org.name,
        "response_time": texts.response_time_words(
            channel.response_time,
            around_the_clock=channel.around_the_clock,
            language=saved_reply.language,
        ),
        "secure_contact": org.secure_contact_url or org.website,
        "website": org.website,
    }
    return texts.fill(saved_reply.text, values)


def _screening_of(item: Item) -> tuple[bool, bool]:
    """(case request, personal data found) for the item's latest text."""
    from tilstede.ingest.models import VersionScreening

    latest = (
        VersionScreening.objects.filter(version__item=item)
        .order_by("-version__number")
        .values_list("pk", "case_request")
        .first()
    )
    if latest is None:
        return False, False
    pk, case_request = latest
    return case_request, VersionScreening.objects.get(pk=pk).findings.exists()


def saved_replies_for(item: Item, *, language: str | None = None) -> list[SuggestedReply]:
    """The saved replies for an item in its language, the best fit first.

    A case request gets the redirect reply first, personal data the "do not post it
    here" reply; the rest follow in their own order. An organisation's reply takes the
    place of the standard one with the same code.
    """
    channel = item.channel
    language = language or reply_language(item)
    replies: dict[str, SavedReply] = {}
    for reply in (
        SavedReply.objects.filter(
            Q(organisation=channel.organisation_id) | Q(organisation__isnull=True),
            language=language,
            active=True,
        )
        .exclude(purpose=ReplyPurpose.DELAYED)
        .order_by("organisation_id")
    ):
        if reply.organisation_id or reply.code not in replies:
            replies[reply.code] = reply
    case_request, personal_data = _screening_of(item)
    if not case_request:
        case_request = ResponsePromise.objects.filter(
            item=item, reason=NeedsAnswer.CASE_REQUEST
        ).exists()
    first = []
    if case_request:
        first.append(ReplyPurpose.CASE_REDIRECT)
    if personal_data:
        first.append(ReplyPurpose.PERSONAL_DATA)

    def rank(reply: SavedReply) -> tuple[int, int, str]:
        place = first.index(reply.purpose) if reply.purpose in first else len(first)
        return (place, reply.order, reply.code)

    return [
        SuggestedReply(r, saved_reply_render(r, channel=channel), r.purpose in first)
        for r in sorted(replies.values(), key=rank)
    ]


# --- Replies ----------------------------------------------------------------------------


def _outgoing_create(*, item: Item, text: str, language: str, now: dt.datetime) -> Item:
    channel = item.channel
    outgoing = Item.objects.create(
        channel=channel,
        platform=item.platform,
        external_id=f"local-{uuid.uuid4()}",
        kind=ItemKind.REPLY,
        direction=Direction.OUT,
        author_name=channel.organisation.name[:300],
        text=text,
        text_redacted=text,  # our own words: nothing to redact
        language=language,
        parent=item,
        parent_external_id=item.external_id[:300],
        thread_id=item.thread_id or item.pk,
        private=item.private,
        created_at=now,
        received_at=now,
        visibility=Visibility.VISIBLE,
        response_state=ResponseState.NOT_NEEDED,
    )
    ItemVersion.objects.create(item=outgoing, number=1, text=text, seen_at=now)
    return outgoing


def _schedule_delivery(outgoing: Item) -> None:
    from tilstede.desk.tasks import reply_deliver

    transaction.on_commit(lambda: reply_deliver.enqueue(outgoing.pk))


@transaction.atomic
def reply_send(
    *,
    item: Item,
    text: str,
    by: AbstractBaseUser,
    saved_reply: SavedReply | None = None,
    now: dt.datetime | None = None,
) -> Item:
    """Answer an item: store our reply as an outgoing Item, queued, and send it after commit.

    Order: check the text and the platform, record the REPLY decision (moderation checks
    the person's rights and claims), store the reply in the item's thread with a local
    id and schedule ``reply_deliver``, which replaces the local id with the platform's.
    The item stays awaiting an answer, and its promise open, until the platform has
    taken the reply (``reply_record_sent``): what is counted as answered was delivered.
    Our own comment field has no platform: the stored reply is the published one, and
    the item is answered at once.
    """
    now = now or timezone.now()
    text = text.strip()
    if not text:
        raise ReplyError(_("Write a reply."))
    if len(text) > MAX_REPLY:
        raise ReplyError(_("A reply is at most %(n)d characters.") % {"n": MAX_REPLY})
    item = Item.objects.select_for_update().select_related("channel__organisation").get(pk=item.pk)
    if item.visibility in GONE:
        raise ReplyError(_("The item is gone at the source; a reply cannot reach it."))
    if Capability.REPLY not in capabilities_for(item.platform):
        raise ReplyError(_("This channel's platform does not take replies."))
    decision_record(
        item=item,
        verb=Verb.REPLY,
        by=by,
        reason=f"saved reply: {saved_reply.code}" if saved_reply else "",
        now=now,
    )
    language = saved_reply.language if saved_reply else reply_language(item)
    outgoing = _outgoing_create(item=item, text=text, language=language, now=now)
    local = item.platform == Platform.WEBCOMMENTS
    delivery = OutgoingReply.objects.create(
        item=outgoing,
        in_reply_to=item,
        by=by,
        saved_reply=saved_reply,
        status=DeliveryStatus.LOCAL if local else DeliveryStatus.PENDING,
        sent_at=now if local else None,
    )
    if local:
        _answered(delivery, item=item, at=now)
    else:
        audit_record(
            actor=by,
            verb="reply.queued",
            obj=outgoing,
            details={"in_reply_to": item.pk},
            at=now,
        )
        _schedule_delivery(outgoing)
    return outgoing


def _answered(delivery: OutgoingReply, *, item: Item, at: dt.datetime) -> None:
    """A person's reply has reached the author: the item is answered, the promise kept.

    Precondition: the item's row is locked. Automatic acknowledgements answer nothing.
    """
    if delivery.automatic:
        return
    if item.response_state != ResponseState.ANSWERED:
        item.response_state = ResponseState.ANSWERED
        item.save(update_fields=["response_state"])
    promise = (
        ResponsePromise.objects.select_for_update()
        .select_related("channel")
        .filter(item=item, first_response_at__isnull=True)
        .first()
    )
    if promise is not None:
        _promise_keep(promise, at=at, response=delivery.item)
        promise.save(update_fields=["first_response_at", "first_response", "response_seconds"])


@transaction.atomic
def reply_record_sent(
    *, delivery: OutgoingReply, raw: RawItem, attempts: int = 1, now: dt.datetime | None = None
) -> None:
    """The platform took our reply: give the stored reply the platform's id and address,
    and only now count the item it answers as answered (the promise kept at this time).

    If ingest fetched the platform's copy first, that copy keeps the id and ours keeps
    its local one; the delivery notes which item it is.
    """
    now = now or timezone.now()
    item = Item.objects.select_for_update().get(pk=delivery.in_reply_to_id)
    outgoing = Item.objects.select_for_update().get(pk=delivery.item_id)
    delivery = OutgoingReply.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status in (DeliveryStatus.SENT, DeliveryStatus.LOCAL):
        return
    detail = ""
    twin = Item.objects.filter(channel_id=outgoing.channel_id, external_id=raw.external_id).first()
    if twin is None:
        outgoing.external_id = raw.external_id[:300]
        outgoing.url = raw.url[:1000]
        outgoing.save(update_fields=["external_id", "url"])
    else:
        detail = f"already fetched from the platform as item {twin.pk}"
    OutgoingReply.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=now, detail=detail, attempts=attempts
    )
    delivery.item = outgoing
    _answered(delivery, item=item, at=now)
    audit_record(
        actor=f"connector:{outgoing.platform}",
        verb="reply.sent",
        obj=outgoing,
        details={
            "in_reply_to": delivery.in_reply_to_id,
            "external_id": raw.external_id,
            "url": raw.url,
            "attempts": attempts,
        },
        at=now,
    )


@transaction.atomic
def reply_record_failed(
    *, delivery: OutgoingReply, detail: str, attempts: int = 1, now: dt.datetime | None = None
) -> None:
    """The reply did not reach the platform: say so, with the platform's reason.

    The item it answers was never counted as answered, so it stays awaiting (a promise
    this reply had kept, from before replies waited for the platform, is reopened).
    """
    now = now or timezone.now()
    OutgoingReply.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, detail=detail[:2000], attempts=attempts
    )
    reopened = ResponsePromise.objects.filter(
        item_id=delivery.in_reply_to_id, first_response_id=delivery.item_id
    ).update(first_response_at=None, first_response=None, response_seconds=None)
    if reopened and not delivery.automatic:
        Item.objects.filter(
            pk=delivery.in_reply_to_id, response_state=ResponseState.ANSWERED
        ).update(response_state=ResponseState.AWAITING)
    audit_record(
        actor=f"connector:{delivery.item.platform}",
        verb="reply.failed",
        obj=delivery.item,
        details={
            "in_reply_to": delivery.in_reply_to_id,
            "detail": detail[:500],
            "attempts": attempts,
        },
        at=now,
    )


@transaction.atomic
def reply_retry(
    *, delivery: OutgoingReply, by: AbstractBaseUser, now: dt.datetime | None = None
) -> OutgoingReply:
    """A person sends a failed reply again (after the platform recovered, say)."""
    now = now or timezone.now()
    delivery = (
        OutgoingReply.objects.select_for_update()
        .select_related("item", "in_reply_to")
        .get(pk=delivery.pk)
    )
    if not item_can_reply(by, delivery.in_reply_to):
        raise PermissionDenied(_("You may not answer this item."))
    if delivery.status != DeliveryStatus.FAILED:
        raise ReplyError(_("Only a failed reply can be sent again."))
    delivery.status = DeliveryStatus.RETRIED
    delivery.save(update_fields=["status"])
    audit_record(
        actor=by,
        verb="reply.retry",
        obj=delivery.item,
        details={"in_reply_to": delivery.in_reply_to_id, "attempts_before": delivery.attempts},
        at=now,
    )
    _schedule_delivery(delivery.item)
    return delivery


# --- Automatic acknowledgements -------------------------------------------------------


def acknowledgements_send(*, now: dt.datetime | None = None) -> int:
    """Send the "your answer is late" reply where the promise is about to be broken [3.4].

    For channels that ask for it (``DeskSettings.auto_acknowledge``): each open item not
    yet answered whose due time is less than ``acknowledge_before`` away, or past, gets
    one automatic reply in its language. It is not a response: the promise stays open
    and the figures do not count it. Run every few minutes by the scheduler.
    """
    now = now or timezone.now()
    candidates = list(
        ResponsePromise.objects.filter(
            first_response_at__isnull=True,
            acknowledged_at__isnull=True,
            item__response_state__in=OPEN_STATES,
            channel__desk_settings__auto_acknowledge=True,
        )
        .annotate(
            acknowledge_from=ExpressionWrapper(
                F("due_at") - F("channel__desk_settings__acknowledge_before"),
                output_field=DateTimeField(),
            )
        )
        .filter(acknowledge_from__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:ACKNOWLEDGE_BATCH]
    )
    sent = 0
    for pk in candidates:
        sent += _acknowledge(pk, now)
    return sent


@transaction.atomic
def _acknowledge(promise_id: int, now: dt.datetime) -> int:
    promise = (
        ResponsePromise.objects.select_for_update()
        .select_related("item__channel__organisation")
        .get(pk=promise_id)
    )
    item = promise.item
    if promise.acknowledged_at or promise.first_response_at or item.visibility in GONE:
        return 0
    language = reply_language(item)
    saved = _delayed_reply(item.channel.organisation_id, language)
    if saved is None:
        return 0
    text = saved_reply_render(saved, channel=item.channel)
    outgoing = _outgoing_create(item=item, text=text, language=saved.language, now=now)
    local = item.platform == Platform.WEBCOMMENTS
    OutgoingReply.objects.create(
        item=outgoing,
        in_reply_to=item,
        saved_reply=saved,
        automatic=True,
        status=DeliveryStatus.LOCAL if local else DeliveryStatus.PENDING,
        sent_at=now if local else None,
    )
    promise.acknowledged_at = now
    promise.save(update_fields=["acknowledged_at"])
    audit_record(
        actor="desk:acknowledge",
        verb="item.acknowledge",
        obj=item,
        details={"reply": outgoing.pk, "due": promise.due_at.isoformat()},
        at=now,
    )
    if not local:
        _schedule_delivery(outgoing)
    return 1


def _delayed_reply(organisation_id: int, language: str) -> SavedReply | None:
    """The organisation's own "late" reply in the language, else the standard, else bokmål."""
    options = SavedReply.objects.filter(
        Q(organisation=organisation_id) | Q(organisation__isnull=True),
        purpose=ReplyPurpose.DELAYED,
        language__in={language, "nb"},
        active=True,
    )
    ranked = sorted(
        options, key=lambda r: (r.language != language, r.organisation_id is None, r.pk)
    )
    return ranked[0] if ranked else None


# --- Figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseFigures:
    """A channel's response times for one ISO week (items whose clock started in it).

    ``median`` and ``p90`` (nearest rank) are over items answered so far, counted in
    opening hours where the channel keeps them. ``within_promise`` is the share kept
    among items that are answered or already due; items still open and not yet due are
    left out, since they may still be answered in time.
    """

    channel_id: int
    year: int
    week: int
    needing_answer: int
    answered: int
    median: dt.timedelta | None
    p90: dt.timedelta | None
    within_promise: float | None
    overdue: int


def week_bounds(day: dt.date, tz: str = OSLO) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to the next Monday 00:00 in local time, as UTC datetimes."""
    zone = ZoneInfo(tz)
    monday = day - dt.timedelta(days=day.weekday())
    start = dt.datetime.combine(monday, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0), tzinfo=zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _nearest_rank(values: Sequence[int], share: float) -> int:
    return values[max(0, math.ceil(share * len(values)) - 1)]


def response_figures(
    *, channel: Channel, week: dt.date, now: dt.datetime | None = None
) -> ResponseFigures:
    """Median and 90th percentile time to first response, share kept, overdue now.

    ``week`` is any day in the ISO week. Items a person marked as needing no answer are
    left out.
    """
    now = now or timezone.now()
    start, end = week_bounds(week)
    rows = list(
        ResponsePromise.objects.filter(channel=channel, started_at__gte=start, started_at__lt=end)
        .exclude(item__response_state=ResponseState.NOT_NEEDED)
        .values_list("due_at", "first_response_at", "response_seconds")
    )
    times = sorted(s for _, at, s in rows if at is not None and s is not None)
    kept = sum(1 for due, at, _ in rows if at is not None and at <= due)
    settled = sum(1 for due, at, _ in rows if at is not None or due <= now)
    overdue = sum(1 for due, at, _ in rows if at is None and due < now)
    year, number, _ = week.isocalendar()
    return ResponseFigures(
        channel_id=channel.pk,
        year=year,
        week=number,
        needing_answer=len(rows),
        answered=len(times),
        median=dt.timedelta(seconds=statistics.median(times)) if times else None,
        p90=dt.timedelta(seconds=_nearest_rank(times, 0.9)) if times else None,
        within_promise=kept / settled if settled else None,
        overdue=overdue,
    )
