"""Turn what connectors return into Items: idempotent, versioned, screened, then moderated.

Moderation's rules (``tilstede.moderation.services.rules_apply``) decide visibility.

The order inside one batch (one transaction) is fixed: store each new item or new text
as an ItemVersion, screen that version, let the moderation rules set its visibility,
and only then move the channel's cursor. A crash anywhere rolls the whole batch back, and
the next run fetches the same items again; the platform id's uniqueness makes that
harmless.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import models, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from tilstede import screening
from tilstede.connectors.base import (
    Connector,
    ConnectorError,
    FetchResult,
    Problem,
    RateLimited,
    RawItem,
    RecheckPolicy,
    TransientError,
)
from tilstede.core.crypto import CredentialError
from tilstede.core.db import build, bulk_insert
from tilstede.core.models import (
    Channel,
    Item,
    ItemKind,
    ItemVersion,
    Platform,
    ResponseState,
    Visibility,
)
from tilstede.core.services import audit_record
from tilstede.desk.services import items_mark_answered, items_route, promises_insert
from tilstede.ingest.models import (
    ChannelProblem,
    ChannelState,
    Finding,
    ProblemKind,
    VersionScreening,
)
from tilstede.moderation.services import NewVersion, rules_evaluate, rules_record

log = logging.getLogger(__name__)

BATCH_LIMIT = 200
PAGES_PER_BATCH = 5
# Bounds on what one item may be. Text longer than TEXT_LIMIT is stored cut, with the
# whole payload kept compressed in ``raw``; an item larger than ITEM_LIMIT in all is
# refused (with its reason on the channel's health) and the rest of its page stored.
TEXT_LIMIT = 100_000
ITEM_LIMIT = 4 * 1024 * 1024
RAW_INLINE_LIMIT = 256 * 1024
# The whole of one poll, fetching and rechecking; a server trickling bytes holds no worker.
POLL_DEADLINE = dt.timedelta(minutes=5)


@dataclass
class IngestReport:
    created: int = 0
    new_versions: int = 0
    deleted_at_source: int = 0
    hidden_at_source: int = 0
    unchanged: int = 0
    held: int = 0
    findings: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        for name in (
            "created",
            "new_versions",
            "deleted_at_source",
            "hidden_at_source",
            "unchanged",
            "held",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.findings += other.findings
        self.problems += other.problems

    @property
    def received(self) -> int:
        return (
            self.created
            + self.new_versions
            + self.deleted_at_source
            + self.hidden_at_source
            + self.unchanged
        )


def _storable(text: str) -> str:
    """Text as a database can keep it: PostgreSQL refuses NUL characters in text."""
    return text.replace("\x00", "") if "\x00" in text else text


def _bounded(raw: RawItem) -> tuple[RawItem | None, str]:
    """The item as it may be stored, or None and why it is refused.

    Text past ``TEXT_LIMIT`` is cut (marked as cut); the payload, if large, is kept
    whole but compressed, so nothing the platform said is lost.
    """
    payload = json.dumps(dict(raw.raw), ensure_ascii=False, default=str)
    size = len(raw.text.encode("utf-8", "surrogatepass")) + len(
        payload.encode("utf-8", "surrogatepass")
    )
    if size > ITEM_LIMIT:
        return None, (
            f"{raw.external_id[:300]}: {size / (1024 * 1024):.1f} MB, more than the "
            f"{ITEM_LIMIT // (1024 * 1024)} MB an item may be; not stored"
        )
    text, stored_raw = raw.text, dict(raw.raw)
    if len(text) > TEXT_LIMIT:
        text = text[:TEXT_LIMIT] + "\n[…]"
    if len(payload) > RAW_INLINE_LIMIT or text is not raw.text:
        whole = json.dumps(
            {"raw": dict(raw.raw), "text": raw.text}, ensure_ascii=False, default=str
        )
        stored_raw = {
            "compressed": base64.b64encode(
                zlib.compress(whole.encode("utf-8", "surrogatepass"))
            ).decode("ascii"),
            "encoding": "zlib+base64 of JSON {raw, text}",
            "text_cut": text is not raw.text,
        }
    if text is raw.text and stored_raw is raw.raw:
        return raw, ""
    return replace(raw, text=text, raw=stored_raw), ""


def raw_payload(item: Item) -> dict[str, Any]:
    """The platform's payload of an item as received, decompressed where it was large."""
    data: dict[str, Any] = item.raw or {}
    if "compressed" in data:
        stored = json.loads(zlib.decompress(base64.b64decode(data["compressed"])))
        payload: dict[str, Any] = stored["raw"]
        return payload
    return data


def _record_problems(
    channel: Channel, problems: Sequence[str], now: dt.datetime, state: ChannelState
) -> None:
    """Count and list what a poll could not take; a part that failed marks the channel
    partly healthy until a poll reads everything again."""
    if not problems:
        return
    rows = []
    for problem in problems:
        partial = bool(getattr(problem, "partial", False))
        rows.append(
            build(
                ChannelProblem,
                channel=channel,
                seen_at=now,
                kind=ProblemKind.PARTIAL if partial else ProblemKind.SKIPPED,
                reason=_storable(str(problem))[:2000],
                url=str(getattr(problem, "url", "") or "")[:1000],
            )
        )
        if partial:
            state.last_poll_partial = True
        else:
            state.items_skipped += 1
    bulk_insert(rows, ids=False)
    state.last_poll_problems += len(rows)
    for problem in problems:
        log.warning("channel %s: %s", channel.slug, problem)


def channel_state(channel: Channel) -> ChannelState:
    state, _ = ChannelState.objects.get_or_create(channel=channel)
    return state


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class _Screened:
    version: ItemVersion
    result: screening.Screening


def screening_language(tag: str) -> str | None:
    """Map a platform's BCP-47 tag to a language screening knows ("nb-NO" -> "nb").

    "no" (Norwegian, written form unknown) is read as bokmål; anything else lets
    screening use all its lexicons.
    """
    base = tag.replace("_", "-").split("-", 1)[0].lower()
    return {"nb": "nb", "no": "nb", "nn": "nn", "en": "en"}.get(base)


def _store_screenings(screened: Sequence[_Screened], now: dt.datetime) -> int:
    records = bulk_insert(
        [
            build(
                VersionScreening,
                version=s.version,
                screened_at=now,
                case_request=s.result.case_request,
                case_request_score=s.result.case_request_score,
                redacted=s.result.redacted,
            )
            for s in screened
        ]
    )
    findings = [
        build(
            Finding,
            screening=record,
            category=f.category,
            start=f.start,
            end=f.end,
            confidence=f.confidence,
            detector=f.detector,
            explanation=f.explanation[:300],
        )
        for record, s in zip(records, screened, strict=True)
        for f in s.result.findings
    ]
    bulk_insert(findings, ids=False)
    return len(findings)


@transaction.atomic
def items_receive(
    *,
    channel: Channel,
    raw_items: Iterable[RawItem],
    cursor: str | None = None,
    more: bool = False,
    problems: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> IngestReport:
    """Store one batch from a connector and, in the same transaction, move the cursor.

    Idempotent: a platform id is stored once; the same text again changes nothing; a
    changed text becomes a new ItemVersion; a tombstone sets the deleted-at-source state
    and keeps the text.
    """
    now = now or timezone.now()
    report = IngestReport(problems=list(problems))
    batch: dict[str, RawItem] = {}
    for raw in raw_items:
        bounded, refused = _bounded(raw)
        if bounded is None:
            report.problems.append(Problem(refused, url=raw.url[:1000]))
            continue
        batch[raw.external_id] = bounded  # a repeated id in one page: the last one wins
    platform = channel.platform

    existing = {
        item.external_id: item
        for item in Item.objects.filter(channel=channel, external_id__in=list(batch))
        .order_by()
        .select_related("channel")
        .annotate(latest=Max("versions__number"))
    }

    new_items: list[Item] = []
    changed: list[tuple[Item, RawItem]] = []
    for ext, raw in batch.items():
        item = existing.get(ext)
        if item is None:
            if raw.deleted and not raw.text:
                report.problems.append(Problem(f"{ext}: deleted at the source before it was seen"))
                continue
            new_items.append(
                build(
                    Item,
                    channel=channel,
                    platform=platform,
                    external_id=ext,
                    kind=raw.kind,
                    direction=raw.direction,
                    author_handle=_storable(raw.author_handle)[:300],
                    author_name=_storable(raw.author_name)[:300],
                    text=_storable(raw.text),
                    language=raw.language[:16],
                    url=raw.url[:1000],
                    parent_external_id=raw.parent_external_id[:300],
                    private=raw.private,
                    created_at=raw.created_at,
                    received_at=now,
                    # Arriving hidden (hidden on the platform before the first poll): as
                    # hidden by the agency, the only one who can hide there; moderation's
                    # rules keep it hidden. A later hide at the source is its own state.
                    visibility=Visibility.HIDDEN if raw.hidden else Visibility.PENDING,
                    raw=dict(raw.raw),
                )
            )
        elif raw.deleted:
            if item.visibility != Visibility.DELETED_AT_SOURCE:
                item.visibility = Visibility.DELETED_AT_SOURCE
                item.save(update_fields=["visibility"])
                audit_record(
                    actor=f"ingest:{channel.slug}",
                    verb="item.deleted_at_source",
                    obj=item,
                    at=now,
                )
                report.deleted_at_source += 1
            else:
                report.unchanged += 1
        else:
            hidden_changed = _hidden_at_source(item, raw, channel=channel, now=now)
            if hidden_changed:
                report.hidden_at_source += int(hidden_changed > 0)
            if _storable(raw.text) != item.text:
                changed.append((item, raw))
            elif not hidden_changed:
                report.unchanged += 1

    # Screen and judge every new text before anything is written, so each new item is
    # inserted once, already in its final state (no item is ever visible unscreened).
    for item, raw in changed:
        item.text = _storable(raw.text)
    pending = [(item, True) for item in new_items] + [(item, False) for item, _ in changed]
    versions = [
        NewVersion(
            item=item,
            result=screening.screen(item.text, screening_language(item.language)),
            first_version=first,
        )
        for item, first in pending
    ]
    for v in versions:  # what those without the reveal right read and search
        v.item.text_redacted = v.result.redacted
    reasons = rules_evaluate(versions=versions, now=now)
    # Who answers what, and by when [3.2, 3.4]: new items only (an edit keeps its clock),
    # routed before the insert so each row is written once in its final state.
    # Items fetched as history when the channel was connected get no promise: they were
    # written before the agency was there to answer (none shows as overdue).
    promises = items_route(items=[i for i in new_items if not _is_history(channel, i)])
    for item in new_items:
        if _is_history(channel, item):
            item.response_state = ResponseState.NOT_NEEDED

    created = _insert_in_thread_order(channel, new_items)
    promises_insert(promises)
    report.created = len(created)
    for item, _raw in changed:
        if _raw.hidden and item.visibility in SHOWABLE:
            item.visibility = Visibility.HIDDEN_AT_SOURCE  # the rules never show it again
        item.save(update_fields=["text", "text_redacted", "visibility", "response_state"])
    report.new_versions = len(changed)

    edits = {item.pk: raw for item, raw in changed}
    stored = bulk_insert(
        [
            build(
                ItemVersion,
                item=v.item,
                number=1 if v.first_version else (v.item.latest or 0) + 1,
                text=v.item.text,
                seen_at=now,
                edited_at_source=None if v.first_version else edits[v.item.pk].edited_at,
                content_hash=_text_hash(v.item.text),
            )
            for v in versions
        ]
    )
    report.findings = _store_screenings(
        [_Screened(version, v.result) for version, v in zip(stored, versions, strict=True)], now
    )
    rules_record(versions=versions, reasons=reasons, now=now)
    items_mark_answered(items=created, now=now)
    report.held = sum(v.item.visibility == Visibility.HELD for v in versions)

    state = channel_state(channel)
    _record_problems(channel, report.problems, now, state)
    if cursor is not None:
        state.cursor = cursor
        state.items_behind = more
    state.items_received += report.created
    state.last_success_at = now
    state.consecutive_failures = 0
    state.save()
    return report


SHOWABLE = (Visibility.PENDING, Visibility.VISIBLE, Visibility.HELD)


def _hidden_at_source(item: Item, raw: RawItem, *, channel: Channel, now: dt.datetime) -> int:
    """Follow a hide or unhide at the source: +1 hidden now, -1 shown again, 0 no change.

    The text stays; an unhide puts back the visibility the item had before, as the audit
    event of the hide recorded it.
    """
    if raw.hidden and item.visibility in SHOWABLE:
        before = item.visibility
        item.visibility = Visibility.HIDDEN_AT_SOURCE
        item.save(update_fields=["visibility"])
        audit_record(
            actor=f"ingest:{channel.slug}",
            verb="item.hidden_at_source",
            obj=item,
            details={"before": before},
            at=now,
        )
        return 1
    if not raw.hidden and item.visibility == Visibility.HIDDEN_AT_SOURCE:
        from tilstede.core.models import AuditEvent

        hide = (
            AuditEvent.objects.filter(
                verb="item.hidden_at_source", object_type="core.item", object_id=str(item.pk)
            )
            .order_by("-id")
            .first()
        )
        recorded = (hide.details or {}).get("before") if hide else None
        item.visibility = recorded if recorded in SHOWABLE else Visibility.HELD
        item.save(update_fields=["visibility"])
        audit_record(
            actor=f"ingest:{channel.slug}",
            verb="item.shown_at_source",
            obj=item,
            details={"after": item.visibility},
            at=now,
        )
        return -1
    return 0


def _insert_in_thread_order(channel: Channel, new_items: Sequence[Item]) -> list[Item]:
    """Insert new items with parent and thread already set, parents before replies.

    A parent is found among the channel's stored items (one query) or earlier in this
    batch (inserted in an earlier round). A reply whose parent has not arrived keeps its
    ``parent_external_id`` and is adopted when the parent comes, together with every
    reply below it, at any depth (their thread was the orphan's until then).
    """
    if not new_items:
        return []
    wanted = {i.parent_external_id for i in new_items if i.parent_external_id}
    known: dict[str, tuple[int, int | None]] = {
        ext: (pk, thread)
        for ext, pk, thread in Item.objects.filter(channel=channel, external_id__in=wanted)
        .order_by()
        .values_list("external_id", "id", "thread_id")
    }
    in_batch = {i.external_id for i in new_items}
    remaining = list(new_items)
    created: list[Item] = []
    while remaining:
        ready, waiting = [], []
        for item in remaining:
            parent = item.parent_external_id
            if parent and parent not in known and parent in in_batch:
                waiting.append(item)
                continue
            if parent in known:
                pk, thread = known[parent]
                item.parent_id, item.thread_id = pk, thread or pk
            ready.append(item)
        if not ready:  # a cycle in the platform's data: insert the rest unlinked
            ready, waiting = waiting, []
        created += bulk_insert(ready)
        known.update({i.external_id: (i.pk, i.thread_id) for i in ready})
        remaining = waiting

    # By parent_external_id alone (its own index) and unordered: with the channel in the
    # filter the planner picked the (channel, external_id) index and read every item of
    # the channel on each batch.
    orphans = [
        o
        for o in Item.objects.filter(parent_external_id__in=list(in_batch))
        .order_by()
        .only("id", "parent_external_id", "channel_id", "parent_id")
        if o.channel_id == channel.pk and o.parent_id is None
    ]
    for orphan in orphans:
        pk, thread = known[orphan.parent_external_id]
        orphan.parent_id, orphan.thread_id = pk, thread or pk
    if orphans:
        Item.objects.bulk_update(orphans, ["parent", "thread"], batch_size=500)
        # Replies below an orphan carried the orphan as their thread: the thread is the
        # new root's now, however deep they sit.
        for orphan in orphans:
            Item.objects.filter(thread_id=orphan.pk).update(thread_id=orphan.thread_id)
    return created


@dataclass
class PollReport(IngestReport):
    batches: int = 0
    error: str = ""
    rechecked: int = 0
    requests: int = 0

    def add(self, other: IngestReport) -> None:
        super().add(other)
        if isinstance(other, PollReport):
            self.rechecked += other.rechecked
            self.requests += other.requests


def channel_record_error(
    *, channel: Channel, error: Exception, now: dt.datetime | None = None
) -> None:
    """Write a failed poll on the channel's health and schedule the next try.

    Transient errors back off exponentially (capped at one hour) or as long as the
    platform's Retry-After asks; other errors (expired token, bad payload, a setting)
    wait an hour, since only a person can fix them.
    """
    now = now or timezone.now()
    state = channel_state(channel)
    state.consecutive_failures += 1
    state.last_error_at = now
    state.last_error = str(error)[:2000]
    if isinstance(error, TransientError):
        delay = dt.timedelta(seconds=min(3600, 30 * 2 ** min(state.consecutive_failures, 7)))
        if error.retry_after:
            delay = max(delay, dt.timedelta(seconds=error.retry_after))
    else:
        delay = dt.timedelta(hours=1)
    state.next_poll_at = now + delay
    state.save()


def _connector_for(channel: Channel) -> Connector:
    from tilstede.connectors.registry import connector_for

    return connector_for(channel.platform, channel.config or {}, channel.secrets())


def _keep_session(channel: Channel, connector: object) -> None:
    """Store a connector's session (Bluesky's tokens) encrypted, for the next poll."""
    session_state = getattr(connector, "session_state", None)
    if session_state is None:
        return
    session = session_state()
    if not session:
        return
    try:
        if channel.credentials.get("session") and channel.secrets().get("session") == session:
            return
    except CredentialError:
        pass  # an unreadable stored session is replaced by the fresh one
    channel.set_secret("session", session)
    Channel.objects.filter(pk=channel.pk).update(credentials=channel.credentials)


POLL_ERRORS = (ConnectorError, CredentialError, ValueError, KeyError, RecursionError)


def channel_poll(
    *,
    channel: Channel,
    connector: Connector | None = None,
    max_batches: int = 50,
    limit: int = BATCH_LIMIT,
    progress: Callable[[IngestReport], None] | None = None,
    recheck: str = "due",
    deadline: dt.timedelta = POLL_DEADLINE,
    sleep: Callable[[float], None] = time.sleep,
    on_wait: Callable[[float, str], None] | None = None,
) -> PollReport:
    """Fetch everything new on a channel, one committed batch at a time, then recheck:
    what is due (``recheck="due"``), the whole window (``"all"``) or nothing (``"none"``).

    Each batch is received in its own transaction together with its cursor, so an
    interruption loses at most the batch in flight, which the next poll fetches again.
    A batch gathers pages until it holds ``limit`` items (at most ``PAGES_PER_BATCH``
    pages): platforms that page in small steps (Mastodon gives 80 at most) then pay a
    transaction's fixed costs once for several pages. ``max_batches`` bounds one poll,
    and ``deadline`` its time in all: what is left waits for the next poll. ``sleep`` and
    ``on_wait`` pace a whole-window recheck (see ``channel_recheck``).
    """
    report = PollReport()
    state = channel_state(channel)
    started = timezone.now()
    state.last_poll_at = started
    state.last_poll_problems = 0
    state.last_poll_partial = False
    state.save(update_fields=["last_poll_at", "last_poll_problems", "last_poll_partial"])

    def receive(pages: list[FetchResult]) -> None:
        last = pages[-1]
        batch = items_receive(
            channel=channel,
            raw_items=[item for page in pages for item in page.items],
            cursor=last.cursor,
            more=last.more,
            problems=[problem for page in pages for problem in page.problems],
        )
        report.add(batch)
        report.batches += 1
        if progress:
            progress(batch)

    try:
        if connector is None:
            connector = _connector_for(channel)
        http = getattr(connector, "http", None)
        if http is not None and hasattr(http, "set_deadline"):
            http.set_deadline(deadline.total_seconds())
        # The next page is fetched in a thread while this one is stored: the platform's
        # answer and the database's work overlap. A connector's fetch only reads from its
        # platform, never the database, and a page is used only after the batch before
        # it is committed; a failed batch discards it, and a failed fetch surfaces after
        # the pages gathered before it are committed.
        gathered: list[FetchResult] = []
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fetch-ahead") as pool:
            ahead: Future[FetchResult] | None = pool.submit(
                connector.fetch, state.cursor, limit=limit
            )
            while ahead is not None:
                try:
                    result: FetchResult = ahead.result()
                except POLL_ERRORS:
                    if gathered:
                        receive(gathered)
                    raise
                gathered.append(result)
                full = (
                    len(gathered) >= PAGES_PER_BATCH
                    or sum(len(page.items) for page in gathered) >= limit
                )
                last_batch = report.batches + 1 >= max_batches
                ahead = None
                if result.more and not (full and last_batch):
                    ahead = pool.submit(connector.fetch, result.cursor, limit=limit)
                if full or not result.more:
                    receive(gathered)
                    gathered = []
        if recheck == "all" or (recheck == "due" and _recheck_due(state, timezone.now())):
            report.add(
                channel_recheck(
                    channel=channel,
                    connector=connector,
                    everything=recheck == "all",
                    sleep=sleep,
                    on_wait=on_wait,
                )
            )
    except POLL_ERRORS as exc:
        # ValueError/KeyError: a connector rejecting a channel's settings (ConfigError is
        # a ValueError) or a platform without a connector; CredentialError: a token that
        # is unset or cannot be decrypted; RecursionError: a payload deeper than any
        # limit caught (never expected; the channel's health says so rather than a crash).
        report.error = str(exc) or type(exc).__name__
        channel_record_error(channel=channel, error=exc)
        log.warning("poll of channel %s failed: %s", channel.slug, report.error)
        if connector is not None:
            _keep_session(channel, connector)
        return report
    _keep_session(channel, connector)
    state.refresh_from_db()
    state.next_poll_at = timezone.now() + state.poll_interval
    state.save(update_fields=["next_poll_at"])
    return report


def _recheck_due(state: ChannelState, now: dt.datetime) -> bool:
    return state.next_recheck_at is None or state.next_recheck_at <= now


RECHECK_SKIP_PREFIXES = ("local-", "demo-", "wc-")


def _recheck_candidates(
    channel: Channel, now: dt.datetime, window: dt.timedelta
) -> models.QuerySet[Any]:  # Items annotated with their thread's root
    """Items to look at again, a thread's items together (newest thread first): Facebook
    rechecks a post's comments with one list call, so a chunk should hold one thread."""
    return (
        Item.objects.filter(channel=channel, created_at__gte=now - window)
        .exclude(visibility__in=(Visibility.DELETED_AT_SOURCE, Visibility.REMOVED))
        .annotate(root=Coalesce("thread_id", "id"))
        .order_by("-root", "-created_at", "-id")
    )


def channel_recheck(
    *,
    channel: Channel,
    connector: Connector | None = None,
    everything: bool = False,
    now: dt.datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    on_wait: Callable[[float, str], None] | None = None,
) -> PollReport:
    """Look again at the channel's items in their recheck window, as the platform allows.

    The round goes through the window newest first and carries on where the last run
    stopped (``recheck_position``); each run spends the recheck requests earned since the
    last one under the platform's documented rate limit (``RecheckPolicy``), so a full
    round over a large window spreads over several polls. ``everything`` rechecks the
    whole window now, paced to the same limit: after a window's worth of requests it
    waits (``sleep``; ``on_wait`` hears how long and why) as the requests are earned
    again, and a platform that still says "slow down" is waited for and asked again
    (``RATE_LIMIT_TRIES`` times). What comes back goes through ``items_receive``: an
    edit becomes a new version, a hide or a deletion at the source a state, the old text
    kept. A run that fails keeps its place: the next one carries on after the last chunk
    that was stored.
    """
    now = now or timezone.now()
    state = channel_state(channel)
    report = PollReport()
    if channel.platform in (Platform.WEBCOMMENTS, Platform.DEMO):
        return report
    if connector is None:
        connector = _connector_for(channel)
    policy: RecheckPolicy | None = getattr(connector, "recheck_policy", None)
    if policy is None:
        return report
    elapsed = now - state.last_recheck_at if state.last_recheck_at else state.poll_interval
    budget = 10**9 if everything else policy.requests_for(max(elapsed, state.poll_interval))

    candidates = _recheck_candidates(channel, now, state.recheck_window)
    position = "" if everything else state.recheck_position
    if position:
        root_text, at_text, pk_text = position.split("|")
        root, at, pk = int(root_text), dt.datetime.fromisoformat(at_text), int(pk_text)
        candidates = candidates.filter(
            models.Q(root__lt=root)
            | models.Q(root=root, created_at__lt=at)
            | models.Q(root=root, created_at=at, id__lt=pk)
        )
    used = 0
    last: tuple[int, dt.datetime, int] | None = None
    finished = True
    chunk_size = policy.ids_per_request
    rows = candidates.values_list(
        "id", "external_id", "created_at", "thread__external_id", "kind", "root"
    )
    chunk: list[tuple[int, str, dt.datetime, str | None, str, int]] = []

    def run(chunk: list[tuple[int, str, dt.datetime, str | None, str, int]]) -> int:
        ids = [row[1] for row in chunk if not row[1].startswith(RECHECK_SKIP_PREFIXES)]
        if not ids:
            return 0
        # The thread root of each item where known; a post is its own root.
        threads = {
            ext: root or ext for _, ext, _, root, kind, _ in chunk if root or kind == ItemKind.POST
        }
        if everything and http is not None and hasattr(http, "set_deadline"):
            # A whole-window recheck is paced and may take long: each request gets the
            # poll's deadline, not the run as a whole.
            http.set_deadline(POLL_DEADLINE.total_seconds())
        result = _recheck_paced(connector, ids, threads, pace=pace, sleep=sleep, on_wait=on_wait)
        batch = items_receive(
            channel=channel, raw_items=result.items, problems=result.problems, now=now
        )
        report.add(batch)
        report.batches += 1
        pace.spent((result.requests or 1) - 1)
        return result.requests or 1

    pace = _Pace(policy, clock=clock, sleep=sleep, on_wait=on_wait) if everything else _NO_PACE
    http = getattr(connector, "http", None)
    try:
        for row in rows.iterator(chunk_size=2000):
            chunk.append(row)
            if len(chunk) < chunk_size:
                continue
            used += run(chunk)
            last = (chunk[-1][5], chunk[-1][2], chunk[-1][0])
            report.rechecked += len(chunk)
            chunk = []
            if used >= budget:
                finished = False
                break
        if chunk and finished:
            used += run(chunk)
            report.rechecked += len(chunk)
    except POLL_ERRORS:
        # Keep the place: the chunks stored so far are done, the next run goes on after
        # the last of them rather than starting the window again.
        if last is not None:
            state.refresh_from_db()
            state.recheck_position = f"{last[0]}|{last[1].isoformat()}|{last[2]}"
            state.save(update_fields=["recheck_position"])
        raise
    report.requests = used

    state.refresh_from_db()
    state.last_recheck_at = now
    state.items_rechecked += report.rechecked
    state.recheck_position = (
        "" if finished or last is None else f"{last[0]}|{last[1].isoformat()}|{last[2]}"
    )
    # Next run: when the requests spent have been earned again under the policy.
    per_request = policy.window / policy.requests_per_window
    state.next_recheck_at = now + max(state.poll_interval, per_request * max(used, 1))
    state.save(
        update_fields=[
            "last_recheck_at",
            "items_rechecked",
            "recheck_position",
            "next_recheck_at",
        ]
    )
    return report


RATE_LIMIT_TRIES = 3
RATE_LIMIT_WAIT = 60.0  # seconds, when the platform says "slow down" without saying how long


class _Pace:
    """At most the platform's recheck share of requests in any window of its length (a
    sliding log of the requests sent, so neither a fixed nor a sliding window on the
    platform's side is exceeded; ``RecheckPolicy``)."""

    waits = True  # a "slow down" is waited for and asked again

    def __init__(
        self,
        policy: RecheckPolicy,
        *,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
        on_wait: Callable[[float, str], None] | None,
    ) -> None:
        self.limit = policy.requests_per_window
        self.window = policy.window.total_seconds()
        self.clock, self.sleep, self.on_wait = clock, sleep, on_wait
        self.sent: deque[float] = deque()

    def take(self) -> None:
        """Wait until one more request fits in the window, then note it."""
        now = self.clock()
        while self.sent and self.sent[0] <= now - self.window:
            self.sent.popleft()
        while len(self.sent) >= self.limit:
            # (A loop: a chunk that cost several requests may need more than one wait.)
            wait = self.sent[0] + self.window - now
            if self.on_wait:
                self.on_wait(wait, "the platform's rate limit")
            self.sleep(wait)
            now = self.clock()
            while self.sent and self.sent[0] <= now - self.window:
                self.sent.popleft()
        self.sent.append(now)

    def spent(self, more: int) -> None:
        """A chunk that took more than one request notes the rest afterwards."""
        self.sent.extend([self.clock()] * max(0, more))


class _NoPace:
    """A scheduled recheck: no pacing within the run, and no waiting on "slow down"."""

    waits = False

    def take(self) -> None:
        pass

    def spent(self, more: int) -> None:
        pass


_NO_PACE = _NoPace()


def _recheck_paced(
    connector: Connector,
    ids: list[str],
    threads: dict[str, str],
    *,
    pace: _Pace | _NoPace,
    sleep: Callable[[float], None],
    on_wait: Callable[[float, str], None] | None,
) -> FetchResult:
    """One recheck request within the pace; a "slow down" is waited for and retried."""
    for attempt in range(1, RATE_LIMIT_TRIES + 1):
        pace.take()
        try:
            return connector.recheck(ids, threads=threads)
        except RateLimited as exc:
            if attempt == RATE_LIMIT_TRIES or not pace.waits:
                # A scheduled recheck does not wait: the next poll tries again.
                raise
            wait = exc.retry_after if exc.retry_after is not None else RATE_LIMIT_WAIT
            if on_wait:
                on_wait(wait, f"the platform asked to slow down ({exc.message})")
            sleep(wait)
    raise AssertionError("unreachable")


@transaction.atomic
def channel_connect(
    *,
    channel: Channel,
    connected: object,
    by: Any,
    history_days: int = 0,
    now: dt.datetime | None = None,
) -> Channel:
    """Store a connected account on the channel: secrets encrypted, settings, the start.

    ``history_days`` 0 starts from now (the connectors' first fetch reads only the newest
    page); more fetches that many days back, and items older than the moment of
    connecting are kept as history: no response promise, so none shows as overdue.
    The cursor starts afresh, since a new account's cursor means nothing to the old one.
    """
    from tilstede.connectors.oauth import Connected

    assert isinstance(connected, Connected)
    now = now or timezone.now()
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    for name, value in connected.secrets.items():
        channel.set_secret(name, value)
    config = {
        key: value
        for key, value in (channel.config or {}).items()
        if key not in ("token_expires_at", "token_renew")
    }
    config.update(connected.config)
    config.update(
        {
            "account": connected.account,
            "connected_at": now.isoformat(),
            "history_before": now.isoformat(),
            "history_days": history_days,
        }
    )
    if connected.expires_at is not None:
        config["token_expires_at"] = connected.expires_at.isoformat()
    channel.config = config
    channel.save(update_fields=["credentials", "config"])
    state = channel_state(channel)
    state.cursor = (
        _start_cursor(channel.platform, now - dt.timedelta(days=history_days))
        if (history_days)
        else ""
    )
    state.next_poll_at = now
    state.save(update_fields=["cursor", "next_poll_at"])
    audit_record(
        actor=by,
        verb="channel.connect",
        obj=channel,
        details={
            "platform": channel.platform,
            "account": connected.account,
            "history_days": history_days,
            "expires_at": config.get("token_expires_at", ""),
            **{k: v for k, v in connected.details.items() if isinstance(v, str | list)},
        },
        at=now,
    )
    return channel


def _start_cursor(platform: str, since: dt.datetime) -> str:
    """A cursor that makes the first fetch read back to ``since`` (the watermark kind)."""
    from tilstede.connectors.base import Watermark, encode_cursor

    if platform in (Platform.BLUESKY, Platform.FACEBOOK, Platform.RSS):
        return encode_cursor(Watermark(since, frozenset()).to_dict())
    return ""


def _is_history(channel: Channel, item: Item) -> bool:
    cutoff = (channel.config or {}).get("history_before")
    if not cutoff:
        return False
    try:
        return item.created_at < dt.datetime.fromisoformat(cutoff)
    except ValueError:
        return False


def channel_activation_problem(*, channel: Channel) -> str:
    """Why the channel cannot be switched on, or "" when its connector can be built.

    Building the connector reads every setting and credential it needs (a token from an
    unset environment variable, ciphertext under another key, a missing instance
    address): a channel switched on without them would only fail at every poll and
    every reply. Our own comment field needs no connector.
    """
    from tilstede.connectors.registry import connector_for

    if channel.platform == Platform.WEBCOMMENTS:
        return ""
    try:
        connector_for(channel.platform, channel.config or {}, channel.secrets())
    except (ConnectorError, CredentialError, KeyError, ValueError) as exc:
        return str(exc.args[0] if isinstance(exc, KeyError) and exc.args else exc)
    return ""
