"""Archive workflows: assess items, close threads and periods, override, hold, delete.

Every function that changes archive state writes an audit event in the same transaction
(``core.services.audit_record``). Closing a period is the sharp cut (skarpt skille):
it decides the archive value of every item created in the period, closes the threads
still open, places what is kept in folders (mappe/saksmappe) with journal numbers, and
dates what is discarded (kassasjonsdato). Changes after that become ``ArchiveChange``
rows, which the next arkivuttrekk writes to endringslogg.xml.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser as User
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from tilstede.archive import conf
from tilstede.archive.models import (
    AmendmentKind,
    ArchiveAmendment,
    ArchiveAssessment,
    ArchiveChange,
    ArchiveClass,
    ArchiveCrossReference,
    ArchiveExport,
    ArchiveFolder,
    ArchivePeriod,
    ArchiveRule,
    ExportStatus,
    LegalHold,
    PeriodStatus,
    RetentionDeletion,
    Source,
    ThreadClosure,
)
from tilstede.archive.rules import ItemFacts, Verdict, assess
from tilstede.core.models import AuditEvent, Channel, Direction, Item, ItemVersion, Organisation
from tilstede.core.services import Actor, _actor, audit_record

OSLO = ZoneInfo("Europe/Oslo")
CHUNK = 500

KIND_LABELS = {
    "post": pgettext_lazy("archive", "Post"),
    "comment": pgettext_lazy("archive", "Comment"),
    "reply": pgettext_lazy("archive", "Reply"),
    "direct_message": pgettext_lazy("archive", "Private message"),
    "mention": pgettext_lazy("archive", "Mention"),
}

# kassasjonsvedtak (M450) wording for the endringslogg when an archive value changes.
DISPOSAL = {
    ArchiveClass.JOURNAL: "Bevares (journalføres)",
    ArchiveClass.STORE: "Bevares",
    ArchiveClass.DISCARD: "Kasseres",
}


class ArchiveError(Exception):
    """A request the archive refuses, with a message for the person who asked."""


def actor_label(actor: Actor) -> str:
    return _actor(actor)[1]


def day_start(day: dt.date) -> dt.datetime:
    """Midnight in Oslo: periods are calendar days in the agency's own time zone."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=OSLO)


def snippet(text: str, length: int = 80) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    if not flat:
        return "(uten tekst)"
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def item_title(*, kind: str, channel_name: str, text: str) -> str:
    """tittel (M020): what the item is, where, and how it begins, in the archive's
    language (``conf.archive_language``)."""
    with conf.archive_language():
        return pgettext("archive", "%(kind)s on %(channel)s: %(text)s") % {
            "kind": KIND_LABELS.get(kind, kind),
            "channel": channel_name,
            "text": snippet(text),
        }


def chunked(values: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    batch: list[int] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- archive value --------------------------------------------------------------------


def item_facts(ids: Sequence[int]) -> dict[int, ItemFacts]:
    """Facts for a batch of items in four queries."""
    case_request = set(
        ItemVersion.objects.filter(item_id__in=ids, screening__case_request=True).values_list(
            "item_id", flat=True
        )
    )
    answered = set(
        Item.objects.filter(parent_id__in=ids, direction=Direction.OUT).values_list(
            "parent_id", flat=True
        )
    )
    rows = Item.objects.filter(pk__in=ids).values_list(
        "pk", "channel_id", "kind", "direction", "visibility", "response_state", "parent__direction"
    )
    return {
        pk: ItemFacts(
            channel_id=channel_id,
            kind=kind,
            direction=direction,
            visibility=visibility,
            response_state=response_state,
            case_request=pk in case_request,
            answered_by_us=pk in answered,
            parent_case_work=parent_direction == Direction.IN,
        )
        for pk, channel_id, kind, direction, visibility, response_state, parent_direction in rows
    }


def _rules(organisation: Organisation) -> list[ArchiveRule]:
    return list(ArchiveRule.objects.filter(organisation=organisation, active=True))


def items_assess(*, organisation: Organisation, ids: Sequence[int]) -> int:
    """Decide (or re-decide) the archive value of items not yet archived.

    Manual decisions and archived items are left as they are; everything else follows
    the current rules. Returns how many assessments were written.
    """
    rules = _rules(organisation)
    now = timezone.now()
    written = 0
    for batch in chunked(ids):
        facts = item_facts(batch)
        rows = list(ArchiveAssessment.objects.filter(item_id__in=batch))
        frozen = {a.item_id for a in rows if a.source == Source.MANUAL or a.archived_at}
        existing = {a.item_id: a for a in rows if a.item_id not in frozen}
        new: list[ArchiveAssessment] = []
        changed: list[ArchiveAssessment] = []
        for pk in batch:
            if pk in frozen or pk not in facts:
                continue
            verdict = assess(facts[pk], rules)
            current = existing.get(pk)
            if current is None:
                new.append(_assessment(pk, organisation, verdict, now))
            elif (current.value, current.reason) != (verdict.value, verdict.reason):
                _apply(current, verdict, now)
                changed.append(current)
        ArchiveAssessment.objects.bulk_create(new, batch_size=CHUNK)
        ArchiveAssessment.objects.bulk_update(
            changed,
            ["value", "source", "rule", "reason", "decided_at", "retention_days"],
            batch_size=CHUNK,
        )
        written += len(new) + len(changed)
    return written


def _assessment(
    pk: int, organisation: Organisation, verdict: Verdict, now: dt.datetime
) -> ArchiveAssessment:
    a = ArchiveAssessment(item_id=pk, organisation=organisation)
    _apply(a, verdict, now)
    return a


def _apply(a: ArchiveAssessment, verdict: Verdict, now: dt.datetime) -> None:
    a.value = verdict.value
    a.reason = verdict.reason[:300]
    a.rule_id = verdict.rule.pk if verdict.rule is not None else None
    a.source = Source.RULE if verdict.rule is not None else Source.DEFAULT
    a.retention_days = verdict.retention_days
    a.decided_at = now


@transaction.atomic
def assessment_override(
    *, item: Item, value: str, reason: str, by: Actor, now: dt.datetime | None = None
) -> ArchiveAssessment:
    """A person's decision on an item's archive value, with the reason.

    Before the item's period is closed, the decision simply replaces the rules' verdict.
    After, the archived registrering is never changed: a journalpost that loses its
    journal value is marked «Utgår» (with its endring), and a new registrering with the
    new value is made for the period that covers ``now`` (``ArchiveAmendment``), linked
    to the old one by kryssreferanse when that period is closed. An item archived as
    discard that gets a value is no longer due for disposal.
    """
    if value not in ArchiveClass.values:
        raise ArchiveError(f"unknown archive value {value!r}")
    if not reason.strip():
        raise ArchiveError("a manual archive decision needs a reason")
    now = now or timezone.now()
    label = actor_label(by)
    organisation = item.channel.organisation
    a = ArchiveAssessment.objects.select_for_update().filter(item=item).first()
    if a is None:
        items_assess(organisation=organisation, ids=[item.pk])
        a = ArchiveAssessment.objects.select_for_update().get(item=item)
    old = a.value
    archived = a.archived_at is not None
    amendment = None
    if not archived or a.folder_id is None:
        # Not archived yet, or archived without a registrering (discarded): the decision
        # replaces the verdict; nothing archived is changed.
        a.value = value
        a.source = Source.MANUAL
        a.rule = None
        a.reason = reason[:300]
        a.decided_at = now
        a.decided_by = label
        if archived and value != ArchiveClass.DISCARD:
            a.discard_after = None
        a.save()
    if archived and old != value:
        if a.folder_id is not None and old == ArchiveClass.JOURNAL and a.expired_at is None:
            a.expired_at = now
            a.expired_by = label
            a.save(update_fields=["expired_at", "expired_by"])
            ArchiveChange.objects.create(
                organisation=organisation,
                period=a.period,
                reference=a.system_id,
                metadata="journalstatus",
                changed_at=now,
                changed_by=label,
                old_value="Arkivert",
                new_value="Utgår",
            )
        original_folder = None
        if a.folder_id is None and a.period_id is not None:
            root = item.thread or item
            original_folder = ArchiveFolder.objects.filter(
                period_id=a.period_id, channel_id=item.channel_id, root_external_id=root.external_id
            ).first()
        amendment = ArchiveAmendment.objects.create(
            organisation=organisation,
            item=item,
            original=a if a.folder_id is not None else None,
            original_folder=original_folder,
            kind=AmendmentKind.RECLASSIFICATION,
            value=value,
            description=f"Arkivverdi endret fra «{DISPOSAL[ArchiveClass(old)]}» til "
            f"«{DISPOSAL[ArchiveClass(value)]}»",
            reason=reason[:300],
            changed_at=now,
            changed_by=label,
        )
    audit_record(
        actor=by,
        verb="archive.override",
        obj=item,
        details={
            "from": old,
            "to": value,
            "reason": reason,
            "archived": archived,
            "amendment": str(amendment.system_id) if amendment else "",
        },
        at=now,
    )
    return a


# --- threads and periods ---------------------------------------------------------------


@transaction.atomic
def thread_close(*, root: Item, by: Actor, reason: str = "") -> ThreadClosure:
    """Mark a thread done, so its folder can be avsluttet ("close thread")."""
    if root.thread_id is not None:
        root = root.thread  # type: ignore[assignment]
    closure, created = ThreadClosure.objects.get_or_create(
        root=root, defaults={"closed_by": actor_label(by), "reason": reason[:300]}
    )
    if created:
        audit_record(actor=by, verb="archive.thread_close", obj=root, details={"reason": reason})
    return closure


def _overlapping(
    organisation: Organisation, start: dt.date, end: dt.date, channel: Channel | None
) -> ArchivePeriod | None:
    qs = ArchivePeriod.objects.filter(organisation=organisation, start__lt=end, end__gt=start)
    if channel is not None:
        qs = qs.filter(Q(channel__isnull=True) | Q(channel=channel))
    return qs.first()


def period_items(period: ArchivePeriod) -> models.QuerySet[Item]:
    qs = Item.objects.filter(
        channel__organisation=period.organisation,
        created_at__gte=day_start(period.start),
        created_at__lt=day_start(period.end),
    )
    if period.channel_id is not None:
        qs = qs.filter(channel_id=period.channel_id)
    return qs


@dataclass
class CloseReport:
    period: ArchivePeriod
    journal: int = 0
    store: int = 0
    discard: int = 0
    folders: int = 0
    threads_closed: int = 0
    amendments: int = 0


@transaction.atomic
def period_close(
    *,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    by: Actor,
    channel: Channel | None = None,
    title: str = "",
    now: dt.datetime | None = None,
) -> CloseReport:
    """Create and close one arkivdel for [start, end) ("close period").

    Steps, in order: refuse overlaps and periods not yet over; assess every item of the
    period; close the threads still open; place kept items in folders with journal
    numbers; date the discarded ones. The whole cut is one transaction.
    """
    now = now or timezone.now()
    label = actor_label(by)
    if start >= end:
        raise ArchiveError("the period must end after it starts")
    if day_start(end) > now:
        raise ArchiveError(
            f"the period runs until {end - dt.timedelta(days=1)}; close it when it is over"
        )
    clash = _overlapping(organisation, start, end, channel)
    if clash is not None:
        raise ArchiveError(f"overlaps the archive period «{clash.title}»")
    if not title:
        scope = channel.name if channel else "Sosiale medier"
        last = end - dt.timedelta(days=1)
        whole_year = start == dt.date(start.year, 1, 1) and end == dt.date(start.year + 1, 1, 1)
        title = f"{scope} {start.year}" if whole_year else f"{scope} {start} – {last}"
    period = ArchivePeriod.objects.create(
        organisation=organisation,
        channel=channel,
        title=title,
        start=start,
        end=end,
        status=PeriodStatus.CLOSED,
        created_at=now,
        created_by=label,
        closed_at=now,
        closed_by=label,
    )
    report = CloseReport(period=period)
    items = period_items(period).filter(Q(archive__isnull=True) | Q(archive__period__isnull=True))
    ids = list(items.order_by("created_at", "pk").values_list("pk", flat=True))
    items_assess(organisation=organisation, ids=ids)

    roots = set(
        Item.objects.filter(pk__in=ids, thread__isnull=True).values_list("pk", flat=True)
    ) | set(
        Item.objects.filter(pk__in=ids, thread__isnull=False).values_list("thread_id", flat=True)
    )
    already = set(ThreadClosure.objects.filter(root_id__in=roots).values_list("root_id", flat=True))
    ThreadClosure.objects.bulk_create(
        [
            ThreadClosure(root_id=pk, closed_at=now, closed_by=label, reason="period closed")
            for pk in sorted(roots - already)
        ],
        batch_size=CHUNK,
    )
    report.threads_closed = len(roots - already)

    default_days = conf.discard_retention_days()
    placer = _Placer(period, closed_by=label, now=now)
    for batch in chunked(ids):
        keep: list[ArchiveAssessment] = []
        gone: list[ArchiveAssessment] = []
        for a in ArchiveAssessment.objects.filter(item_id__in=batch):
            a.period = period
            a.archived_at = now
            if a.value == ArchiveClass.DISCARD:
                days = a.retention_days if a.retention_days is not None else default_days
                a.discard_after = end + dt.timedelta(days=days)
                gone.append(a)
            else:
                keep.append(a)
        ArchiveAssessment.objects.bulk_update(
            gone, ["period", "archived_at", "discard_after"], batch_size=CHUNK
        )
        report.discard += len(gone)
        _place(period, keep, closed_by=label, now=now, placer=placer)
        for a in keep:
            if a.value == ArchiveClass.JOURNAL:
                report.journal += 1
            else:
                report.store += 1
    _amendments_collect(period)
    report.amendments = _amendments_place(period, placer)
    report.folders = ArchiveFolder.objects.filter(period=period).count()
    period.discarded = report.discard
    period.save(update_fields=["discarded"])
    _freeze(period)
    audit_record(
        actor=by,
        verb="archive.period_close",
        obj=period,
        details={
            "start": start.isoformat(),
            "end": end.isoformat(),
            "channel": channel.slug if channel else "",
            "journal": report.journal,
            "store": report.store,
            "discard": report.discard,
            "threads_closed": report.threads_closed,
            "amendments": report.amendments,
        },
        at=now,
    )
    return report


# What, done to an archived item after its period closed, makes a new registrering.
AMENDING_VERBS = (
    "item.hide",
    "item.unhide",
    "item.block",
    "item.remove",
    "item.delete_at_source",
    "item.deleted_at_source",
    "item.reverse",
    "item.approve",
)


def _amendments_collect(period: ArchivePeriod) -> None:
    """Moderation and edits at the source, in this period's span, of items archived in
    an earlier period: one new registrering each (the archived one stays as it was)."""
    from tilstede.archive.records import actor_words, archive_language, verb_words

    lo, hi = day_start(period.start), day_start(period.end)
    earlier = ArchiveAssessment.objects.filter(
        organisation_id=period.organisation_id,
        folder__isnull=False,
        period__start__lt=period.start,
    )
    if period.channel_id is not None:
        earlier = earlier.filter(item__channel_id=period.channel_id)
    events = AuditEvent.objects.filter(
        object_type="core.item", verb__in=AMENDING_VERBS, at__gte=lo, at__lt=hi
    ).exclude(
        pk__in=ArchiveAmendment.objects.filter(audit_event_id__isnull=False).values(
            "audit_event_id"
        )
    )
    rows = list(events.values_list("pk", "object_id", "verb", "at", "actor_label", "details"))
    versions = list(
        ItemVersion.objects.filter(seen_at__gte=lo, seen_at__lt=hi, number__gt=1).values_list(
            "item_id", "number", "seen_at"
        )
    )
    wanted = {int(r[1]) for r in rows} | {v[0] for v in versions}
    archived = {a.item_id: a for a in earlier.filter(item_id__in=wanted).select_related("item")}
    new: list[ArchiveAmendment] = []
    for pk, object_id, verb, at, actor, details in rows:
        a = archived.get(int(object_id))
        if a is None or a.archived_at is None or at <= a.archived_at:
            continue
        with archive_language():  # the words are kept in the registrering
            description, changed_by = verb_words(verb), actor_words(actor)
        new.append(
            ArchiveAmendment(
                organisation_id=period.organisation_id,
                item_id=a.item_id,
                original=a,
                kind=AmendmentKind.MODERATION,
                value=a.value,
                description=description,
                reason=str((details or {}).get("reason") or "")[:300],
                changed_at=at,
                changed_by=changed_by,
                audit_event_id=pk,
            )
        )
    for item_id, number, seen_at in versions:
        a = archived.get(item_id)
        if a is None or a.archived_at is None or seen_at <= a.archived_at:
            continue
        with archive_language():
            description = pgettext("archive", "Changed at the source: version %(n)s") % {
                "n": number
            }
            changed_by = pgettext("archive", "The author at the source")
        new.append(
            ArchiveAmendment(
                organisation_id=period.organisation_id,
                item_id=item_id,
                original=a,
                kind=AmendmentKind.MODERATION,
                value=a.value,
                description=description,
                changed_at=seen_at,
                changed_by=changed_by,
            )
        )
    ArchiveAmendment.objects.bulk_create(new, batch_size=CHUNK)


def _amendments_place(period: ArchivePeriod, placer: _Placer) -> int:
    """Place the registreringer after archiving that fall in this period, and link each
    with the registrering (or folder) it follows up, both ways."""
    from tilstede.archive.export import dtm

    pending = ArchiveAmendment.objects.filter(
        organisation_id=period.organisation_id,
        period__isnull=True,
        changed_at__gte=day_start(period.start),
        changed_at__lt=day_start(period.end),
    ).select_related(
        "item__channel__owner_team",
        "item__channel__organisation",
        "item__thread",
        "original__period",
        "original_folder__period",
    )
    if period.channel_id is not None:
        pending = pending.filter(item__channel_id=period.channel_id)
    rows = sorted(pending, key=lambda m: (m.changed_at, m.pk))
    closures = _closures(m.item for m in rows)
    for m in rows:
        m.period = period
        m.archived_at = placer.now
        placer.place(m, m.item, closures.get(m.item.thread_id or m.item.pk))
        what = f"{m.description} {dtm(m.changed_at)}, {m.changed_by}"
        if m.reason:
            what += f": {m.reason}"
        note = f"{what}. Ny registrering {m.system_id} i arkivdel «{period.title}»"
        if m.original is not None:
            target, kind, earlier = m.original.system_id, "registrering", m.original.period
        elif m.original_folder is not None:
            target, kind, earlier = m.original_folder.system_id, "mappe", m.original_folder.period
        else:
            continue
        cross_reference(
            organisation_id=period.organisation_id,
            source=m.system_id,
            target=target,
            target_kind=kind,
        )
        cross_reference(
            organisation_id=period.organisation_id,
            source=target,
            target=m.system_id,
            target_kind="registrering",
            change=ArchiveChange(
                period=earlier, changed_at=m.changed_at, changed_by=m.changed_by, new_value=note
            ),
        )
    ArchiveAmendment.objects.bulk_update(
        rows,
        ["period", "archived_at", "folder", "folder_number", "journal_year", "journal_sequence"],
        batch_size=CHUNK,
    )
    return len(rows)


def _freeze(period: ArchivePeriod) -> None:
    """Store every new registrering of the period as it is archived (``records.freeze``)."""
    from tilstede.archive.records import freeze, load_batch

    for model in (ArchiveAssessment, ArchiveAmendment):
        qs = (
            model.objects.filter(period=period, folder__isnull=False, snapshot__isnull=True)
            .select_related("item__channel", "item__parent", "folder", "period")
            .order_by("pk")
        )
        for batch in chunked(qs.values_list("pk", flat=True)):
            rows = list(qs.filter(pk__in=batch))
            records = load_batch(rows, period_ids={period.pk}, with_context=True)  # type: ignore[arg-type]
            for r in records:
                row = r.assessment
                if isinstance(row, ArchiveAmendment):
                    r.amendment = _amendment_words(row)
                row.snapshot = freeze(r)
            frozen: list[Any] = [r.assessment for r in records]  # rows of `model`
            model.objects.bulk_update(frozen, ["snapshot"])


def _amendment_words(m: ArchiveAmendment) -> dict[str, str]:
    from tilstede.archive.export import dtm

    if m.original is not None:
        o = m.original
        number = (
            f"journalpost {o.journal_year}/{o.journal_sequence}, " if o.journal_sequence else ""
        )
        follows = f"registrering {o.system_id} ({number}arkivdel «{o.period.title}»)"  # type: ignore[union-attr]
    elif m.original_folder is not None:
        f = m.original_folder
        follows = f"mappe {f.year}/{f.sequence} ({f.system_id}, arkivdel «{f.period.title}»)"
    else:
        follows = ""
    return {
        "description": m.description,
        "reason": m.reason,
        "changed_at": dtm(m.changed_at),
        "changed_by": m.changed_by,
        "follows": follows,
    }


class _Placer:
    """Puts registreringer into their thread's folder in one period and numbers them.

    Counters (sakssekvensnummer, journalsekvensnummer, journalpostnummer per folder) are
    read once per placer and kept in memory; the caller holds the transaction, and closing
    runs one at a time per organisation. Journal numbers run across both kinds of
    registrering (archived items and registreringer after archiving).
    """

    def __init__(self, period: ArchivePeriod, *, closed_by: str, now: dt.datetime) -> None:
        self.period = period
        self.closed_by = closed_by
        self.now = now
        self.folders: dict[tuple[int, str], ArchiveFolder] = {}
        self.folder_numbers: dict[int, int] = {}
        self.sequences: dict[int, int] = {}
        self.journal: dict[int, int] = {}

    def next_sequence(self, year: int) -> int:
        if year not in self.sequences:
            self.sequences[year] = (
                ArchiveFolder.objects.filter(
                    period__organisation_id=self.period.organisation_id, year=year
                ).aggregate(n=Max("sequence"))["n"]
                or 0
            )
        self.sequences[year] += 1
        return self.sequences[year]

    def next_journal(self, year: int) -> int:
        if year not in self.journal:
            org = self.period.organisation_id
            self.journal[year] = max(
                ArchiveAssessment.objects.filter(organisation_id=org, journal_year=year).aggregate(
                    n=Max("journal_sequence")
                )["n"]
                or 0,
                ArchiveAmendment.objects.filter(organisation_id=org, journal_year=year).aggregate(
                    n=Max("journal_sequence")
                )["n"]
                or 0,
            )
        self.journal[year] += 1
        return self.journal[year]

    def next_number(self, folder: ArchiveFolder) -> int:
        if folder.pk not in self.folder_numbers:
            self.folder_numbers[folder.pk] = max(
                ArchiveAssessment.objects.filter(folder=folder).aggregate(n=Max("folder_number"))[
                    "n"
                ]
                or 0,
                ArchiveAmendment.objects.filter(folder=folder).aggregate(n=Max("folder_number"))[
                    "n"
                ]
                or 0,
            )
        self.folder_numbers[folder.pk] += 1
        return self.folder_numbers[folder.pk]

    def folder(self, item: Item, closure: ThreadClosure | None) -> ArchiveFolder:
        """The thread's folder in this period, made (and linked to the thread's folder in
        the period before, both ways) when it is new."""
        root = item.thread or item
        key = (item.channel_id, root.external_id)
        folder = self.folders.get(key)
        if folder is None:
            folder = ArchiveFolder.objects.filter(
                period=self.period, channel_id=item.channel_id, root_external_id=root.external_id
            ).first()
        if folder is None:
            folder = self._new_folder(item, root, closure)
        elif folder.closed_at < item.created_at:
            folder.closed_at = self.now
            folder.save(update_fields=["closed_at"])
        self.folders[key] = folder
        return folder

    def _new_folder(self, item: Item, root: Item, closure: ThreadClosure | None) -> ArchiveFolder:
        channel = item.channel
        year = item.created_at.astimezone(OSLO).year
        public = _public_redaction(root)
        team = channel.owner_team.name if channel.owner_team_id else ""  # type: ignore[union-attr]
        folder = ArchiveFolder.objects.create(
            period=self.period,
            channel_id=item.channel_id,
            root=root,
            root_external_id=root.external_id,
            year=year,
            sequence=self.next_sequence(year),
            title=item_title(kind=root.kind, channel_name=channel.name, text=root.text),
            public_title=item_title(kind=root.kind, channel_name=channel.name, text=public.text)
            if root.direction == Direction.IN
            else item_title(kind=root.kind, channel_name=channel.name, text=root.text),
            public_categories=sorted(public.categories) if root.direction == Direction.IN else [],
            citizen_root=root.direction == Direction.IN,
            unit=team or channel.organisation.name,
            responsible=channel.contact or team or channel.organisation.name,
            created_at=min(root.created_at, item.created_at),
            closed_at=max(closure.closed_at if closure else self.now, item.created_at),
            closed_by=closure.closed_by if closure else self.closed_by,
        )
        earlier = (
            ArchiveFolder.objects.filter(
                period__organisation_id=self.period.organisation_id,
                channel_id=item.channel_id,
                root_external_id=root.external_id,
                period__start__lt=self.period.start,
            )
            .select_related("period")
            .order_by("-period__start")
            .first()
        )
        if earlier is not None:
            cross_reference(
                organisation_id=self.period.organisation_id,
                source=folder.system_id,
                target=earlier.system_id,
                target_kind="mappe",
            )
            cross_reference(
                organisation_id=self.period.organisation_id,
                source=earlier.system_id,
                target=folder.system_id,
                target_kind="mappe",
                change=ArchiveChange(
                    period=earlier.period,
                    changed_at=self.now,
                    changed_by=self.closed_by,
                    new_value=(
                        f"Tråden fortsetter i mappe {folder.year}/{folder.sequence} i arkivdel "
                        f"«{self.period.title}» (systemID {folder.system_id})"
                    ),
                ),
            )
        return folder

    def place(self, row: ArchiveAssessment | ArchiveAmendment, item: Item, closure: Any) -> None:
        folder = self.folder(item, closure)
        if row.folder_id != folder.pk:
            row.folder = folder
            row.folder_number = self.next_number(folder)
        if row.value == ArchiveClass.JOURNAL:
            if not folder.is_case:
                folder.is_case = True
                folder.save(update_fields=["is_case"])
            if row.journal_sequence is None:
                row.journal_year = item.created_at.astimezone(OSLO).year
                row.journal_sequence = self.next_journal(row.journal_year)


def cross_reference(
    *,
    organisation_id: int,
    source: Any,
    target: Any,
    target_kind: str,
    change: ArchiveChange | None = None,
) -> None:
    """Add a kryssreferanse; on a unit already archived, ``change`` is its endring."""
    _, created = ArchiveCrossReference.objects.get_or_create(
        source=source,
        target=target,
        defaults={"organisation_id": organisation_id, "target_kind": target_kind},
    )
    if created and change is not None:
        change.organisation_id = organisation_id
        change.reference = source
        change.metadata = "kryssreferanse"
        change.old_value = "(ingen)"
        change.new_value = change.new_value[:500]
        change.save()


def _closures(items: Iterable[Item]) -> dict[int, ThreadClosure]:
    return {
        c.root_id: c
        for c in ThreadClosure.objects.filter(root_id__in={i.thread_id or i.pk for i in items})
    }


def _place(
    period: ArchivePeriod,
    assessments: Sequence[ArchiveAssessment],
    *,
    closed_by: str,
    now: dt.datetime,
    placer: _Placer | None = None,
) -> None:
    """Put kept items into their thread's folder and give journalposts their numbers.

    Items are placed in creation order, so folder and journal numbers follow time.
    """
    if not assessments:
        return
    placer = placer or _Placer(period, closed_by=closed_by, now=now)
    ids = [a.item_id for a in assessments]
    items = {
        i.pk: i
        for i in Item.objects.filter(pk__in=ids).select_related(
            "channel__owner_team", "channel__organisation", "thread"
        )
    }
    closures = _closures(items.values())
    ordered = sorted(assessments, key=lambda a: (items[a.item_id].created_at, a.item_id))
    for a in ordered:
        item = items[a.item_id]
        a.discard_after = None
        placer.place(a, item, closures.get(item.thread_id or item.pk))
    ArchiveAssessment.objects.bulk_update(
        ordered,
        [
            "period",
            "archived_at",
            "folder",
            "folder_number",
            "discard_after",
            "journal_year",
            "journal_sequence",
        ],
        batch_size=CHUNK,
    )


def _public_redaction(item: Item) -> Any:
    """The latest version's text as the public may see it: screened anew, with the
    findings stored at ingest (see ``skjerming.redact``)."""
    from tilstede.archive import skjerming

    version = item.versions.select_related("screening").order_by("-number").first()
    if version is None:
        return skjerming.redact(item.text)
    screened = getattr(version, "screening", None)
    stored = list(screened.findings.all()) if screened is not None else []
    return skjerming.redact(version.text, stored)


# --- legal hold and retention ------------------------------------------------------------


@transaction.atomic
def legal_hold_place(
    *,
    organisation: Organisation,
    reason: str,
    by: Actor,
    channel: Channel | None = None,
    item: Item | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> LegalHold:
    """Stop retention for matching items until the hold is released."""
    if not reason.strip():
        raise ArchiveError("a legal hold needs a reason")
    hold = LegalHold.objects.create(
        organisation=organisation,
        channel=channel,
        item=item,
        start=start,
        end=end,
        reason=reason,
        created_by=actor_label(by),
    )
    audit_record(actor=by, verb="archive.legal_hold", obj=hold, details={"reason": reason})
    return hold


@transaction.atomic
def legal_hold_release(*, hold: LegalHold, by: Actor, reason: str = "") -> None:
    """End a hold; retention may then delete what it kept. Releasing twice is refused."""
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        raise ArchiveError("this legal hold is already released")
    hold.released_at = timezone.now()
    hold.released_by = actor_label(by)
    hold.release_reason = reason[:300]
    hold.save(update_fields=["released_at", "released_by", "release_reason"])
    audit_record(
        actor=by,
        verb="archive.legal_hold_release",
        obj=hold,
        details={"reason": reason, "hold_reason": hold.reason},
    )


def _held(item: Item, holds: Sequence[LegalHold]) -> LegalHold | None:
    created = item.created_at.astimezone(OSLO).date()
    for hold in holds:
        if hold.item_id is not None:
            if hold.item_id == item.pk:
                return hold
            continue
        if hold.channel_id is not None and hold.channel_id != item.channel_id:
            continue
        if hold.start is not None and created < hold.start:
            continue
        if hold.end is not None and created >= hold.end:
            continue
        return hold
    return None


@dataclass
class RetentionEntry:
    item_id: int
    channel: str
    external_id: str
    created_at: dt.datetime
    discard_after: dt.date
    rule: str
    outcome: str  # "deleted", "would delete", or why it stays


@dataclass
class RetentionReport:
    dry_run: bool
    entries: list[RetentionEntry] = field(default_factory=list)

    @property
    def deleted(self) -> int:
        return sum(e.outcome in ("deleted", "would delete") for e in self.entries)

    @property
    def kept(self) -> int:
        return len(self.entries) - self.deleted


def retention_run(
    *,
    by: Actor = "archive:retention",
    today: dt.date | None = None,
    dry_run: bool = False,
    organisation: Organisation | None = None,
) -> RetentionReport:
    """Dispose of discard-class items whose kassasjonsdato has come, unless held.

    Every due item that no legal hold covers is disposed of, so a dry run lists exactly
    what the real run does. For each item, in one transaction: the audit event first
    (what, when, which rule, which legal basis), then the ``RetentionDeletion`` row, then
    the item: deleted with its versions and screenings when nothing else points to it;
    otherwise kept as an empty row, its text and personal data blanked everywhere
    (``_blank``), so decisions, response promises and replies that refer to it keep
    their actor, time, reason and rule. With ``organisation``, nothing of another
    organisation is read or touched.
    """
    today = today or timezone.localdate()
    report = RetentionReport(dry_run=dry_run)
    due = (
        ArchiveAssessment.objects.filter(
            value=ArchiveClass.DISCARD,
            discard_after__lte=today,
            period__status=PeriodStatus.CLOSED,
            folder__isnull=True,
            disposed_at__isnull=True,
        )
        .select_related("item__channel", "organisation", "period")
        .order_by("-item__created_at", "-item_id")
    )
    if organisation is not None:
        due = due.filter(organisation=organisation, item__channel__organisation=organisation)
    holds: dict[int, list[LegalHold]] = {}
    for a in due.iterator(chunk_size=CHUNK):
        item = a.item
        if a.organisation_id not in holds:
            holds[a.organisation_id] = list(
                LegalHold.objects.filter(organisation_id=a.organisation_id, released_at=None)
            )
        entry = RetentionEntry(
            item_id=item.pk,
            channel=item.channel.slug,
            external_id=item.external_id,
            created_at=item.created_at,
            discard_after=a.discard_after or today,
            rule=a.reason,
            outcome="",
        )
        hold = _held(item, holds[a.organisation_id])
        if hold is not None:
            entry.outcome = f"kept: legal hold «{hold.reason}»"
        elif dry_run:
            entry.outcome = "would delete"
        else:
            _retention_dispose(a, by=by)
            entry.outcome = "deleted"
        report.entries.append(entry)
    return report


def _personal_data(item: Item) -> list[tuple[str, models.QuerySet[Any], dict[str, Any]]]:
    """Where an item's citizen text and personal data are, and what each becomes.

    Rows stay (a decision's actor, time, reason and rule; an appeal's outcome); the
    content that came from the citizen goes. Models of other stages are reached by name
    (``apps.get_model``), so the archive does not import them.
    """
    from django.apps import apps

    from tilstede.ingest.models import Finding, VersionScreening

    places: list[tuple[str, models.QuerySet[Any], dict[str, Any]]] = [
        (
            "item",
            Item._base_manager.filter(pk=item.pk),
            {
                "text": "",
                "text_redacted": "",  # what the desk's search reads for most people
                "author_handle": "",
                "author_name": "",
                "url": "",
                "raw": {},
            },
        ),
        (
            "item versions",
            ItemVersion.objects.filter(item=item),
            {"text": "", "content_hash": hashlib.sha256(b"").hexdigest()},
        ),
        ("screenings", VersionScreening.objects.filter(version__item=item), {"redacted": ""}),
        ("findings", Finding.objects.filter(screening__version__item=item), {"explanation": ""}),
    ]
    if apps.is_installed("tilstede.webcomments"):
        comment = apps.get_model("webcomments", "Comment")
        places.append(
            (
                "web comment",
                comment.objects.filter(item=item),
                {"author_name": "", "author_email": "", "name_findings": [], "page_url": ""},
            )
        )
    if apps.is_installed("tilstede.moderation"):
        appeal = apps.get_model("moderation", "Appeal")
        places.append(
            ("appeals", appeal.objects.filter(decision__item=item), {"text": "", "contact": ""})
        )
    return places


def _blank(item: Item) -> dict[str, list[str]]:
    """Blank the item's personal content in place; what was blanked where."""
    blanked: dict[str, list[str]] = {}
    for place, qs, values in _personal_data(item):
        if qs.update(**values):
            blanked[place] = sorted(values)
    return blanked


@transaction.atomic
def _retention_dispose(a: ArchiveAssessment, *, by: Actor) -> RetentionDeletion:
    """Dispose of one item by its retention rule: audit event, disposal record, then the
    rows (deleted) or their content (blanked, when other rows still point to the item).

    ``Item.objects.delete`` refuses on purpose; this is the one logged path around it. A
    plain ``QuerySet`` lets Django's collector cascade to versions, screenings and
    findings and still honour every PROTECT foreign key: a ProtectedError means the
    item is referred to, and its content is blanked instead.
    """
    item = a.item
    now = timezone.now()
    basis = conf.disposal_basis()
    hashes = list(item.versions.order_by("number").values_list("content_hash", flat=True))
    # The disposal record comes first: the database lets an item's versions go only
    # when retention has recorded the item's deletion (archive migration 0004).
    record = RetentionDeletion.objects.create(
        organisation_id=a.organisation_id,
        item_pk=item.pk,
        channel_slug=item.channel.slug,
        platform=item.platform,
        external_id=item.external_id,
        kind=item.kind,
        item_created_at=item.created_at,
        content_hashes=hashes,
        rule=a.reason,
        legal_basis=basis,
        period_id=a.period_id,
        mode="deleted",
        blanked={},
        discard_after=a.discard_after or timezone.localdate(),
        deleted_at=now,
        deleted_by=actor_label(by),
        audit_event_id=0,  # set below, once the event says what was done
    )
    mode, blanked = "deleted", {}
    try:
        with transaction.atomic():
            models.QuerySet(model=Item).filter(pk=item.pk).delete()
    except models.ProtectedError:
        mode, blanked = "blanked", _blank(item)
        ArchiveAssessment.objects.filter(pk=a.pk).update(disposed_at=now)
    event = audit_record(
        actor=by,
        verb="archive.retention_delete",
        object_type="core.item",
        object_id=item.pk,
        details={
            "channel": item.channel.slug,
            "platform": item.platform,
            "external_id": item.external_id,
            "kind": item.kind,
            "created_at": item.created_at.isoformat(),
            "rule": a.reason,
            "legal_basis": basis,
            "discard_after": a.discard_after.isoformat() if a.discard_after else "",
            "versions_sha256": hashes,
            "mode": mode,
            "blanked": blanked,
        },
        at=now,
    )
    record.mode, record.blanked, record.audit_event_id = mode, blanked, event.pk
    record.save(update_fields=["mode", "blanked", "audit_event_id"])
    return record


# --- arkivuttrekk started from the desk ----------------------------------------------------

PROGRESS_EVERY = 25  # registreringer between two progress writes


@transaction.atomic
def export_start(
    *, organisation: Organisation, periods: Sequence[ArchivePeriod], by: User
) -> ArchiveExport:
    """Queue an arkivuttrekk of closed ``periods`` for the worker; the desk shows progress.

    Checks first (closed, one organisation), then the export row and the audit event,
    then the task, after commit so the worker never sees a row that rolled back.
    """
    from tilstede.archive.tasks import export_run_task

    periods = list(periods)
    if not periods:
        raise ArchiveError("choose at least one closed period")
    if any(p.organisation_id != organisation.pk for p in periods):
        raise ArchiveError("one arkivuttrekk holds one organisation's periods")
    open_ = [p.title for p in periods if not p.closed]
    if open_:
        raise ArchiveError("only closed periods can be exported; open: " + ", ".join(open_))
    export = ArchiveExport.objects.create(
        organisation=organisation,
        created_by=by,
        total=ArchiveAssessment.objects.filter(period__in=periods, folder__isnull=False).count()
        + ArchiveAmendment.objects.filter(period__in=periods, folder__isnull=False).count(),
    )
    export.periods.set(periods)
    audit_record(
        actor=by,
        verb="archive.export_start",
        obj=export,
        details={"periods": [p.title for p in periods]},
    )
    transaction.on_commit(lambda: export_run_task.enqueue(export.pk))
    return export


def export_run(*, export_id: int) -> ArchiveExport:
    """Write the package, pack it as a zip with its check report; never raise to the worker.

    A failure is recorded on the export row (and in the audit log) with its reason, so
    the archivist sees it; a finished export is never run again.
    """
    import zipfile

    from tilstede.archive.check import check_package
    from tilstede.archive.export import export_package, sha256_file

    export = ArchiveExport.objects.select_related("organisation", "created_by").get(pk=export_id)
    if export.finished:
        return export
    out = conf.export_root() / f"{export.organisation.slug}-{export.pk}"
    ArchiveExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, started_at=timezone.now(), directory=str(out), done=0
    )
    written = 0

    def progress(_record: object) -> None:
        nonlocal written
        written += 1
        if written % PROGRESS_EVERY == 0:
            ArchiveExport.objects.filter(pk=export.pk).update(done=written)

    try:
        report = export_package(
            periods=list(export.periods.order_by("start", "channel__slug")),
            out=out,
            by=export.created_by,
            on_document=progress,
            check=False,
        )
        check = check_package(out, schema_dirs=conf.reference_schema_sets())
        package = out.with_suffix(".zip")
        with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    zf.write(path, Path(out.name) / path.relative_to(out))
        sha, size = sha256_file(package)
        results = [
            {"code": r.code, "name": r.name, "ok": r.ok, "errors": r.errors} for r in check.results
        ]
        with transaction.atomic():
            ArchiveExport.objects.filter(pk=export.pk).update(
                status=ExportStatus.DONE,
                finished_at=timezone.now(),
                done=report.registreringer,
                package=str(package),
                package_size=size,
                package_sha256=sha,
                check_ok=check.ok,
                check_report=results,
            )
            audit_record(
                actor=export.created_by,
                verb="archive.export_done",
                obj=export,
                details={
                    "registreringer": report.registreringer,
                    "documents": report.documents,
                    "package_sha256": sha,
                    "check_ok": check.ok,
                },
            )
    except Exception as exc:  # any failure is the archivist's to see, never the worker's
        reason = f"{type(exc).__name__}: {exc}"[:2000]
        with transaction.atomic():
            ArchiveExport.objects.filter(pk=export.pk).update(
                status=ExportStatus.FAILED, finished_at=timezone.now(), error=reason
            )
            audit_record(
                actor=export.created_by,
                verb="archive.export_failed",
                obj=export,
                details={"reason": reason},
            )
    export.refresh_from_db()
    return export
