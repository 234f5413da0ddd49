"""Turn what connectors return into Items: idempotent, versioned, screened, then moderated.

Moderation's rules (``tilstede.moderation.services.rules_apply``) decide visibility.

The order inside one batch (one transaction) is fixed: store each new item or new text
as an ItemVersion, screen that version, let the moderation rules set its visibility,
and only then move the channel's cursor. A crash anywhere rolls the whole batch back, and
the next run fetches the same items again; the platform id's uniqueness makes that
harmless.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tilstede import screening
from tilstede.connectors.base import ConnectorError, FetchResult, RawItem, TransientError
from tilstede.core.crypto import CredentialError
from tilstede.core.db import build, bulk_insert
from tilstede.core.models import Channel, Item, ItemVersion, Platform, Visibility
from tilstede.core.services import audit_record
from tilstede.desk.services import items_mark_answered, items_route, promises_insert
from tilstede.ingest.models import ChannelState, Finding, VersionScreening
from tilstede.moderation.services import NewVersion, rules_evaluate, rules_record

log = logging.getLogger(__name__)

BATCH_LIMIT = 200
PAGES_PER_BATCH = 5


@dataclass
class IngestReport:
    created: int = 0
    new_versions: int = 0
    deleted_at_source: int = 0
    unchanged: int = 0
    held: int = 0
    findings: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        for name in ("created", "new_versions", "deleted_at_source", "unchanged", "held"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.findings += other.findings
        self.problems += other.problems

    @property
    def received(self) -> int:
        return self.created + self.new_versions + self.deleted_at_source + self.unchanged


def _storable(text: str) -> str:
    """Text as a database can keep it: PostgreSQL refuses NUL characters in text."""
    return text.replace("\x00", "") if "\x00" in text else text


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
        batch[raw.external_id] = raw  # a repeated id in one page: the last one wins
    platform = channel.platform

    existing = {
        item.external_id: item
        for item in Item.objects.filter(platform=platform, external_id__in=list(batch))
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
                report.problems.append(f"{ext}: deleted at the source before it was seen")
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
        elif _storable(raw.text) != item.text:
            changed.append((item, raw))
        else:
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
    promises = items_route(items=new_items)

    created = _insert_in_thread_order(platform, new_items)
    promises_insert(promises)
    report.created = len(created)
    for item, _raw in changed:
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
    if cursor is not None:
        state.cursor = cursor
    state.items_behind = more
    state.items_received += report.created
    state.last_success_at = now
    state.consecutive_failures = 0
    state.save()
    return report


def _insert_in_thread_order(platform: str, new_items: Sequence[Item]) -> list[Item]:
    """Insert new items with parent and thread already set, parents before replies.

    A parent is found among stored items (one query) or earlier in this batch (inserted
    in an earlier round). A reply whose parent has not arrived keeps its
    ``parent_external_id`` and is adopted when the parent comes (usually never needed:
    connectors deliver oldest first).
    """
    if not new_items:
        return []
    wanted = {i.parent_external_id for i in new_items if i.parent_external_id}
    known: dict[str, tuple[int, int | None]] = {
        ext: (pk, thread)
        for ext, pk, thread in Item.objects.filter(platform=platform, external_id__in=wanted)
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

    # By parent_external_id alone (its own index) and unordered: with platform in the
    # filter the planner picked the (platform, external_id) index and read every item of
    # the platform on each batch.
    orphans = [
        o
        for o in Item.objects.filter(parent_external_id__in=list(in_batch))
        .order_by()
        .only("id", "parent_external_id", "platform", "parent_id")
        if o.platform == platform and o.parent_id is None
    ]
    for orphan in orphans:
        pk, thread = known[orphan.parent_external_id]
        orphan.parent_id, orphan.thread_id = pk, thread or pk
    if orphans:
        Item.objects.bulk_update(orphans, ["parent", "thread"], batch_size=500)
    return created


@dataclass
class PollReport(IngestReport):
    batches: int = 0
    error: str = ""


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


def channel_poll(
    *,
    channel: Channel,
    connector: object | None = None,
    max_batches: int = 50,
    limit: int = BATCH_LIMIT,
    progress: Callable[[IngestReport], None] | None = None,
) -> PollReport:
    """Fetch everything new on a channel, one committed batch at a time.

    Each batch is received in its own transaction together with its cursor, so an
    interruption loses at most the batch in flight, which the next poll fetches again.
    A batch gathers pages until it holds ``limit`` items (at most ``PAGES_PER_BATCH``
    pages): platforms that page in small steps (Mastodon gives 80 at most) then pay a
    transaction's fixed costs once for several pages. ``max_batches`` bounds one poll.
    """
    from tilstede.connectors.registry import connector_for

    report = PollReport()
    state = channel_state(channel)
    started = timezone.now()
    state.last_poll_at = started
    state.save(update_fields=["last_poll_at"])

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
            connector = connector_for(channel.platform, channel.config, channel.secrets())
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
                except ConnectorError:
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
    except (ConnectorError, CredentialError, ValueError, KeyError) as exc:
        # ValueError/KeyError: a connector rejecting a channel's settings (ConfigError is
        # a ValueError) or a platform without a connector; CredentialError: a token that
        # is unset or cannot be decrypted.
        report.error = str(exc)
        channel_record_error(channel=channel, error=exc)
        log.warning("poll of channel %s failed: %s", channel.slug, exc)
        return report
    state.refresh_from_db()
    state.next_poll_at = timezone.now() + state.poll_interval
    state.save(update_fields=["next_poll_at"])
    return report


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
