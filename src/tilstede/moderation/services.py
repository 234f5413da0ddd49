"""Moderation's writes: the rules that run on every new version, and people's decisions.

Rules run inside ingest's batch transaction, before anything is shown. A person's
decision runs in its own transaction, holding the item's row lock; its effect at the
platform (hide, unhide, delete) is a task scheduled on commit, so a rolled-back decision
never touches the source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tilstede import screening
from tilstede.connectors.base import Capability
from tilstede.connectors.registry import capabilities_for
from tilstede.core.db import build, bulk_insert
from tilstede.core.formatting import format_datetime
from tilstede.core.models import (
    DeliveryStatus,
    HouseRule,
    Item,
    ModerationMode,
    Platform,
    ResponseState,
    Visibility,
)
from tilstede.core.permissions import item_can_moderate, item_can_reply
from tilstede.core.services import AuditEntry, audit_record, audit_record_many
from tilstede.moderation.models import (
    Appeal,
    AppealOutcome,
    Claim,
    Decision,
    Notice,
    NoticeKind,
    NoticeRoute,
    PlatformStatus,
    Verb,
    WatchAction,
    WatchedWord,
)

CLAIM_FOR = dt.timedelta(minutes=5)
LINKS_TO_HOLD = 3
BURST_ITEMS = 5
BURST_WINDOW = dt.timedelta(minutes=10)
REPEAT_WINDOW = dt.timedelta(hours=24)
URL = re.compile(r"https?://|www\.", re.IGNORECASE)


class ModerationError(Exception):
    """A decision that cannot be made as asked; the message is for the moderator."""

    status = 409


class ClaimConflict(ModerationError):
    pass


class WrongState(ModerationError):
    pass


class ReasonRequired(ModerationError):
    status = 400


# --- Rules on new versions -----------------------------------------------------------


@dataclass(frozen=True)
class NewVersion:
    """What ingest hands the rules: the item, its screening and whether it is new."""

    item: Item
    result: screening.Screening
    first_version: bool
    content_hash: str = ""


@lru_cache(maxsize=64)
def _watch_pattern(words: tuple[tuple[str, str, str], ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    parts = []
    for n, (word, _action, _code) in enumerate(words):
        stem = word.strip().lower()
        body = re.escape(stem.rstrip("*")).replace(r"\ ", r"\s+")
        tail = r"\w*" if stem.endswith("*") else ""
        parts.append(f"(?P<w{n}>{body}{tail})")
    # Whole words only: a word character may not touch the match on either side.
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


def _watched(organisation_id: int) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        WatchedWord.objects.filter(organisation_id=organisation_id)
        .order_by("id")
        .values_list("word", "action", "house_rule_code")
    )


def _watch_hits(text: str, words: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str, str]]:
    pattern = _watch_pattern(words)
    if pattern is None:
        return []
    hits = []
    for match in pattern.finditer(text):
        n = int(next(k for k, v in match.groupdict().items() if v is not None)[1:])
        hits.append(words[n])
    return hits


Reason = tuple[str, str, str]  # (verb, rule, house-rule code)


def rules_evaluate(*, versions: Sequence[NewVersion], now: dt.datetime) -> list[list[Reason]]:
    """Decide the visibility of items whose text is new; return why, per version.

    Works on items that may not be saved yet (ingest evaluates a batch before inserting
    it, so each new item is written once with its final state) and reads only earlier
    data: watched words, and the history the spam signals compare with.

    Order of precedence: a watched word that blocks hides the item; personal data found
    by screening, a watched word that holds, spam signals and pre-moderation hold it;
    otherwise a new item becomes visible. An item a person has already decided on keeps
    that decision unless the new text brings personal data or a blocked word.
    """
    org_words: dict[int, tuple[tuple[str, str, str], ...]] = {}
    spam = _spam_signals(versions, now)
    outcome: list[list[Reason]] = []
    for n, v in enumerate(versions):
        item = v.item
        channel = item.channel
        org = channel.organisation_id
        if org not in org_words:
            org_words[org] = _watched(org)
        hits = _watch_hits(item.text, org_words[org]) if item.direction == "in" else []
        reasons: list[Reason] = []
        blocked = [h for h in hits if h[1] == WatchAction.BLOCK]
        if blocked:
            reasons.append((Verb.BLOCK, f"watched_word:{blocked[0][0]}", blocked[0][2]))
        categories = sorted({f.category for f in v.result.findings})
        if categories and item.direction == "in":
            reasons.append((Verb.HOLD, "screening:" + ",".join(categories), ""))
        for word, action, _code in hits:
            if action == WatchAction.HOLD:
                reasons.append((Verb.HOLD, f"watched_word:{word}", ""))
            elif action == WatchAction.FLAG:
                reasons.append((Verb.FLAG, f"watched_word:{word}", ""))
        for rule in spam.get(n, ()):
            if rule == "copied":
                reasons.append((Verb.FLAG, "campaign:same_text", ""))
            else:
                reasons.append((Verb.HOLD, rule, ""))
        if (
            v.first_version
            and item.direction == "in"
            and channel.moderation_mode == ModerationMode.PRE_MODERATE
            and not reasons
        ):
            reasons.append((Verb.HOLD, "mode:pre_moderate", ""))

        verbs = {r[0] for r in reasons}
        undecided = item.visibility in (Visibility.PENDING, Visibility.VISIBLE)
        if Verb.BLOCK in verbs and item.visibility not in FINAL_STATES:
            item.visibility = Visibility.HIDDEN
        elif Verb.HOLD in verbs and (undecided or v.result.findings):
            if item.visibility != Visibility.HIDDEN:
                item.visibility = Visibility.HELD
        elif item.visibility == Visibility.PENDING:
            item.visibility = Visibility.VISIBLE
        if v.first_version and item.direction == "in" and v.result.case_request:
            item.response_state = ResponseState.AWAITING
        outcome.append(reasons)
    return outcome


def rules_record(
    *, versions: Sequence[NewVersion], reasons: Sequence[Sequence[Reason]], now: dt.datetime
) -> list[Decision]:
    """Write the automatic decisions of ``rules_evaluate`` once the items are saved.

    Each hold or block also goes to the audit log (one append for the whole batch);
    what screening held is hidden at the source where the platform allows it.
    """
    decisions = [
        build(Decision, item=v.item, verb=verb, at=now, rule=rule[:120], reason=code)
        for v, why in zip(versions, reasons, strict=True)
        for verb, rule, code in why
    ]

    bulk_insert(decisions)
    audit_record_many(
        [
            AuditEntry(
                actor=f"rule:{d.rule}",
                verb=f"item.{d.verb}",
                object_type="core.item",
                object_id=str(d.item.pk),
                details={"decision": d.pk, "rule": d.rule},
                at=now,
            )
            for d in decisions
            if d.verb in (Verb.BLOCK, Verb.HOLD) and d.rule != "mode:pre_moderate"
        ]
    )
    hide = [
        v.item
        for v in versions
        if v.result.findings and v.item.direction == "in" and not v.item.private
    ]
    _schedule_source_hides(hide, decisions)
    return decisions


def rules_apply(*, versions: Sequence[NewVersion], now: dt.datetime | None = None) -> None:
    """Evaluate and record in one go, for items that are already saved; saves them."""
    if not versions:
        return
    now = now or timezone.now()
    reasons = rules_evaluate(versions=versions, now=now)
    for v in versions:
        v.item.save(update_fields=["visibility", "response_state"])
    rules_record(versions=versions, reasons=reasons, now=now)


def _spam_signals(versions: Sequence[NewVersion], now: dt.datetime) -> dict[int, list[str]]:
    """Links, the same text posted again, and a new author's burst, for a whole batch.

    Keys are positions in ``versions``. The history queries see only earlier items
    (the batch is not inserted yet); the batch's own items are counted here.
    """
    signals: dict[int, list[str]] = {}
    incoming = [
        (n, v) for n, v in enumerate(versions) if v.item.direction == "in" and v.first_version
    ]
    if not incoming:
        return signals
    for n, v in incoming:
        if len(URL.findall(v.item.text)) >= LINKS_TO_HOLD:
            signals.setdefault(n, []).append("spam:links")

    # The same text again. From the same author: held as spam. From other authors: only
    # flagged, since many citizens sending one text is a campaign, not spam, and a
    # public body must hear it. Compared lower-cased and trimmed within the batch, and
    # exactly (as ItemVersion hashes it) against what was stored in the window.
    normal = {
        n: hashlib.sha256(v.item.text.strip().lower().encode()).hexdigest()
        for n, v in incoming
        if len(v.item.text.strip()) >= 20
    }
    if normal:
        from tilstede.core.models import ItemVersion

        exact = {n: hashlib.sha256(versions[n].item.text.encode()).hexdigest() for n in normal}
        # Unordered: the models' default ordering added a sort by the item's time.
        earlier = (
            ItemVersion.objects.filter(
                content_hash__in=set(exact.values()),
                seen_at__gte=now - REPEAT_WINDOW,
                item__direction="in",
            )
            .order_by()
            .values_list("content_hash", "item__channel_id", "item__author_handle")
        )
        seen_by_author = {(h, c, a) for h, c, a in earlier}
        by_anyone = {h for h, _c, _a in earlier}
        in_batch: dict[tuple, int] = {}
        in_batch_any: dict[str, int] = {}
        for n, h in normal.items():
            item = versions[n].item
            batch_key = (h, item.channel_id, item.author_handle)
            in_batch[batch_key] = in_batch.get(batch_key, 0) + 1
            in_batch_any[h] = in_batch_any.get(h, 0) + 1
        for n, h in normal.items():
            item = versions[n].item
            same_author = (
                in_batch[(h, item.channel_id, item.author_handle)] > 1
                or (
                    exact[n],
                    item.channel_id,
                    item.author_handle,
                )
                in seen_by_author
            )
            if same_author:
                signals.setdefault(n, []).append("spam:repeated")
            elif in_batch_any[h] > 1 or exact[n] in by_anyone:
                signals.setdefault(n, []).append("copied")

    # A new author's burst: BURST_ITEMS or more within BURST_WINDOW, at the source's
    # times (so catching up a backlog does not look like a burst), from an author first
    # seen less than a day before. Only authors with enough items in the batch's time
    # span are looked up, so the history queries stay small however large the table.
    by_author: dict[tuple[int, str], list[int]] = {}
    for n, v in incoming:
        if v.item.author_handle:
            by_author.setdefault((v.item.channel_id, v.item.author_handle), []).append(n)
    if by_author:
        start = min(versions[n].item.created_at for ns in by_author.values() for n in ns)
        end = max(versions[n].item.created_at for ns in by_author.values() for n in ns)
        window = (
            Item.objects.filter(
                channel_id__in={k[0] for k in by_author},
                author_handle__in={k[1] for k in by_author},
                direction="in",
                created_at__gte=start - BURST_WINDOW,
                created_at__lte=end,
            )
            .order_by()
            .values_list("channel_id", "author_handle", "created_at")
        )
        times: dict[tuple[int, str], list[dt.datetime]] = {}
        for channel_id, handle, at in window:
            times.setdefault((channel_id, handle), []).append(at)
        candidates = {
            key: ns
            for key, ns in by_author.items()
            if len(ns) + len(times.get(key, ())) >= BURST_ITEMS
        }
        if candidates:
            established = set(
                Item.objects.filter(
                    channel_id__in={k[0] for k in candidates},
                    author_handle__in={k[1] for k in candidates},
                    direction="in",
                    created_at__lt=start - dt.timedelta(days=1),
                )
                .values_list("channel_id", "author_handle")
                .distinct()
            )
            for key, ns in candidates.items():
                if key in established:
                    continue
                stamps = sorted(times.get(key, []) + [versions[n].item.created_at for n in ns])
                for n in ns:
                    at = versions[n].item.created_at
                    recent = sum(1 for t in stamps if at - BURST_WINDOW <= t <= at)
                    if recent >= BURST_ITEMS:
                        signals.setdefault(n, []).append("spam:burst")
    return signals


def _schedule_source_hides(items: Sequence[Item], decisions: Sequence[Decision]) -> None:
    """Hide at the source, at once, what screening held, where the platform allows it."""
    from tilstede.moderation.tasks import decision_carry_out

    by_item = {
        d.item_id: d for d in decisions if d.verb == Verb.HOLD and d.rule.startswith("screening:")
    }
    pending = []
    for item in items:
        decision = by_item.get(item.pk)
        if decision is None or item.platform == Platform.WEBCOMMENTS:
            continue
        if Capability.HIDE in capabilities_for(item.platform):
            decision.platform_status = PlatformStatus.PENDING
            pending.append(decision)
    if pending:
        Decision.objects.bulk_update(pending, ["platform_status"])
        ids = [d.pk for d in pending]
        transaction.on_commit(lambda: [decision_carry_out.enqueue(pk) for pk in ids])


# --- Claims ---------------------------------------------------------------------------


@transaction.atomic
def item_claim(*, item: Item, by: AbstractBaseUser, now: dt.datetime | None = None) -> Claim:
    """Take (or renew) a short claim on an item; refuse while someone else holds one."""
    now = now or timezone.now()
    Item.objects.select_for_update().filter(pk=item.pk).first()
    claim = Claim.objects.filter(item=item).first()
    if claim and claim.by_id != by.pk and claim.active(now):
        raise ClaimConflict(
            _("%(user)s is handling this item until %(time)s.")
            % {
                "user": claim.by.get_username(),
                "time": format_datetime(claim.expires_at, "time"),
            }
        )
    if claim:
        claim.by = by
        claim.expires_at = now + CLAIM_FOR
        claim.save()
        return claim
    return Claim.objects.create(item=item, by=by, expires_at=now + CLAIM_FOR)


def item_release(*, item: Item, by: AbstractBaseUser) -> None:
    Claim.objects.filter(item=item, by=by).delete()


# --- Decisions ------------------------------------------------------------------------

NEEDS_HOUSE_RULE = {Verb.HIDE, Verb.DELETE_AT_SOURCE}
FINAL_STATES = {Visibility.DELETED_AT_SOURCE, Visibility.REMOVED}
ALLOWED_FROM = {
    Verb.APPROVE: {Visibility.HELD, Visibility.PENDING},
    Verb.HIDE: {Visibility.VISIBLE, Visibility.HELD},
    Verb.UNHIDE: {Visibility.HIDDEN},
    Verb.DELETE_AT_SOURCE: {Visibility.VISIBLE, Visibility.HELD, Visibility.HIDDEN},
}
RESULT = {
    Verb.APPROVE: Visibility.VISIBLE,
    Verb.HIDE: Visibility.HIDDEN,
    Verb.UNHIDE: Visibility.VISIBLE,
    Verb.DELETE_AT_SOURCE: Visibility.REMOVED,
}
SOURCE_CAPABILITY = {
    Verb.HIDE: Capability.HIDE,
    Verb.UNHIDE: Capability.UNHIDE,
    Verb.DELETE_AT_SOURCE: Capability.DELETE,
}
MANUAL_VERBS = {
    Verb.APPROVE,
    Verb.HIDE,
    Verb.UNHIDE,
    Verb.DELETE_AT_SOURCE,
    Verb.MARK_IRRELEVANT,
    Verb.ESCALATE,
    Verb.ASSIGN,
    Verb.REPLY,
}


def _check_decision(
    *,
    item: Item,
    verb: str,
    by: AbstractBaseUser,
    house_rule: HouseRule | None,
    assignee: AbstractBaseUser | None,
    now: dt.datetime,
) -> None:
    if verb not in MANUAL_VERBS:
        raise WrongState(_("%(verb)s is not a decision a person makes.") % {"verb": verb})
    allowed = item_can_reply(by, item) if verb == Verb.REPLY else item_can_moderate(by, item)
    if not allowed:
        raise PermissionDenied(_("You may not make this decision on this item."))
    claim = Claim.objects.filter(item=item).select_related("by").first()
    if claim and claim.by_id != by.pk and claim.active(now):
        raise ClaimConflict(
            _("%(user)s is handling this item right now.") % {"user": claim.by.get_username()}
        )
    if verb in ALLOWED_FROM and item.visibility not in ALLOWED_FROM[verb]:
        raise WrongState(
            _("Cannot %(verb)s an item that is %(state)s.")
            % {"verb": Verb(verb).label, "state": item.get_visibility_display()}
        )
    if item.visibility in FINAL_STATES and verb in (Verb.ESCALATE, Verb.ASSIGN):
        pass  # people may still follow up on a deleted comment's matter
    if verb in NEEDS_HOUSE_RULE:
        if house_rule is None:
            raise ReasonRequired(_("Choose the house rule the item breaks."))
        if house_rule.channel_id != item.channel_id:
            raise ReasonRequired(_("The house rule must be one of this channel's."))
    if verb == Verb.ASSIGN and assignee is None:
        raise ReasonRequired(_("Choose whom to assign the item to."))


def decision_check(
    *,
    item: Item,
    verb: str,
    by: AbstractBaseUser,
    house_rule: HouseRule | None = None,
    assignee: AbstractBaseUser | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Whether ``by`` may make this decision on ``item`` now; raises what
    ``decision_record`` would raise (``ModerationError`` or ``PermissionDenied``).

    The one definition of which items a decision, or a bulk action, may touch. It reads
    the item as given, without its row lock: ``decision_record`` checks again under it.
    """
    _check_decision(
        item=item,
        verb=verb,
        by=by,
        house_rule=house_rule,
        assignee=assignee,
        now=now or timezone.now(),
    )


@transaction.atomic
def decision_record(
    *,
    item: Item,
    verb: str,
    by: AbstractBaseUser,
    house_rule: HouseRule | None = None,
    reason: str = "",
    assignee: AbstractBaseUser | None = None,
    reverses: Decision | None = None,
    now: dt.datetime | None = None,
) -> Decision:
    """Record a person's decision, apply it to the item and schedule its effect at the source.

    Holds the item's row lock from the check to the write, so two moderators cannot both
    decide: the second sees the first's result (or claim) and is refused.
    """
    item = Item.objects.select_for_update().select_related("channel").get(pk=item.pk)
    now = now or timezone.now()  # after the lock, so times follow the order of decisions
    _check_decision(item=item, verb=verb, by=by, house_rule=house_rule, assignee=assignee, now=now)

    fields = []
    if verb in RESULT:
        item.visibility = RESULT[verb]
        fields.append("visibility")
    if verb == Verb.MARK_IRRELEVANT:
        item.response_state = ResponseState.NOT_NEEDED
        fields.append("response_state")
    elif verb == Verb.ESCALATE:
        item.response_state = ResponseState.ESCALATED
        fields.append("response_state")
    elif verb == Verb.ASSIGN:
        item.assignee = assignee
        fields.append("assignee")
    if fields:
        item.save(update_fields=fields)

    decision = Decision.objects.create(
        item=item,
        verb=verb,
        at=now,
        by=by,
        house_rule=house_rule,
        reason=reason[:5000],
        assignee=assignee,
        reverses=reverses,
    )
    if verb in SOURCE_CAPABILITY and item.platform != Platform.WEBCOMMENTS:
        if SOURCE_CAPABILITY[verb] in capabilities_for(item.platform):
            decision.platform_status = PlatformStatus.PENDING
            from tilstede.moderation.tasks import decision_carry_out

            transaction.on_commit(lambda: decision_carry_out.enqueue(decision.pk))
        else:
            decision.platform_status = PlatformStatus.NOT_SUPPORTED
        decision.save(update_fields=["platform_status"])
    audit_record(
        actor=by,
        verb=f"item.{verb}",
        obj=item,
        details={
            "decision": decision.pk,
            "house_rule": house_rule.code if house_rule else "",
            "reason": reason[:500],
            "assignee": assignee.get_username() if assignee else "",
            "reverses": reverses.pk if reverses else None,
        },
        at=now,
    )
    Claim.objects.filter(item=item, by=by).delete()
    if verb in NEEDS_HOUSE_RULE:
        notice_queue(decision=decision, kind=NoticeKind.REMOVAL, now=now)
    return decision


REVERSAL = {
    Verb.HIDE: Verb.UNHIDE,
    Verb.BLOCK: Verb.UNHIDE,
    Verb.UNHIDE: Verb.HIDE,
    Verb.HOLD: Verb.APPROVE,
}


@transaction.atomic
def decision_reverse(
    *, decision: Decision, by: AbstractBaseUser, reason: str, now: dt.datetime | None = None
) -> Decision:
    """Undo a decision with a new one that points back to it. Deletion cannot be undone."""
    if not reason.strip():
        raise ReasonRequired(_("Say why the decision is reversed."))
    item = decision.item
    if decision.verb == Verb.DELETE_AT_SOURCE:
        raise WrongState(_("A deletion at the source cannot be undone."))
    if decision.verb == Verb.APPROVE:
        return _reverse_by_state(decision, by, reason, Visibility.HELD, now)
    if decision.verb in (Verb.MARK_IRRELEVANT, Verb.ESCALATE):
        return _reverse_by_state(decision, by, reason, ResponseState.AWAITING, now)
    if decision.verb == Verb.ASSIGN:
        return _reverse_by_state(decision, by, reason, None, now)
    verb = REVERSAL.get(decision.verb)
    if verb is None:
        raise WrongState(_("This decision cannot be reversed."))
    house_rule = decision.house_rule
    if verb == Verb.HIDE and house_rule is None:
        house_rule = (
            Decision.objects.filter(item=item, verb=Verb.HIDE, house_rule__isnull=False)
            .values_list("house_rule", flat=True)
            .first()
        )
        house_rule = HouseRule.objects.filter(pk=house_rule).first()
    return decision_record(
        item=item,
        verb=verb,
        by=by,
        house_rule=house_rule,
        reason=reason,
        reverses=decision,
        now=now,
    )


def _reverse_by_state(
    decision: Decision,
    by: AbstractBaseUser,
    reason: str,
    state: str | None,
    now: dt.datetime | None,
) -> Decision:
    """Reversals with no verb of their own: back to held, back to awaiting, unassigned."""
    now = now or timezone.now()
    item = Item.objects.select_for_update().get(pk=decision.item_id)
    if not item_can_moderate(by, item):
        raise PermissionDenied(_("You may not make this decision on this item."))
    verb = Verb.REVERSE
    if decision.verb == Verb.APPROVE:
        item.visibility = Visibility.HELD
    elif decision.verb == Verb.ASSIGN:
        item.assignee = None
    else:
        item.response_state = state
    item.save()
    reversal = Decision.objects.create(
        item=item, verb=verb, at=now, by=by, reason=reason, reverses=decision
    )
    audit_record(
        actor=by,
        verb="item.reverse",
        obj=item,
        details={"decision": reversal.pk, "reverses": decision.pk, "reason": reason[:500]},
        at=now,
    )
    return reversal


# --- Appeals --------------------------------------------------------------------------


@transaction.atomic
def appeal_submit(*, decision: Decision, text: str, contact: str = "") -> Appeal:
    if decision.verb not in (Verb.HIDE, Verb.DELETE_AT_SOURCE, Verb.BLOCK):
        raise WrongState(_("Only a hidden or removed comment can be appealed."))
    if not text.strip():
        raise ReasonRequired(_("Write why the decision should be changed."))
    # The decision's row lock makes a second submission wait and then see the first; the
    # unique constraint stops it where the lock does not (SQLite, another path).
    waiting = _("An appeal against this decision is already waiting for an answer.")
    Decision.objects.select_for_update().filter(pk=decision.pk).first()
    if decision.appeals.filter(outcome=AppealOutcome.PENDING).exists():
        raise WrongState(waiting)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                decision=decision, text=text[:5000], contact=contact[:300]
            )
    except IntegrityError:
        raise WrongState(waiting) from None
    audit_record(
        actor="appellant", verb="appeal.submit", obj=appeal, details={"decision": decision.pk}
    )
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    appeal: Appeal,
    by: AbstractBaseUser,
    overturn: bool,
    reason: str,
    now: dt.datetime | None = None,
) -> Appeal:
    """Decide an appeal: another moderator than the one who removed the item must do it.

    Order: lock the appeal, check (still pending, another moderator, their rights, a
    reason), record the outcome, reverse the removal when the appeal is upheld, write
    the audit record, and queue the outcome to the author by the route the removal's
    notice took.
    """
    now = now or timezone.now()
    appeal = Appeal.objects.select_for_update().select_related("decision__item").get(pk=appeal.pk)
    if not item_can_moderate(by, appeal.decision.item):
        raise PermissionDenied(_("You may not decide appeals on this item."))
    if appeal.outcome != AppealOutcome.PENDING:
        raise WrongState(_("This appeal is already decided."))
    if appeal_decided_by_maker(appeal, by):
        raise PermissionDenied(
            _("An appeal is decided by another moderator than the one who removed the comment.")
        )
    if not reason.strip():
        raise ReasonRequired(_("Say why."))
    appeal.outcome = AppealOutcome.OVERTURNED if overturn else AppealOutcome.UPHELD
    appeal.decided_by = by
    appeal.decided_at = now
    appeal.decision_reason = reason[:5000]
    appeal.save()
    if overturn and appeal.decision.verb != Verb.DELETE_AT_SOURCE:
        decision_reverse(decision=appeal.decision, by=by, reason=f"appeal: {reason}", now=now)
    audit_record(
        actor=by,
        verb=f"appeal.{appeal.outcome}",
        obj=appeal,
        details={"decision": appeal.decision_id, "reason": reason[:500]},
        at=now,
    )
    notice_queue(decision=appeal.decision, kind=NoticeKind.APPEAL_OUTCOME, appeal=appeal, now=now)
    return appeal


def appeal_decided_by_maker(appeal: Appeal, user: AbstractBaseUser) -> bool:
    """Whether ``user`` made the decision appealed against (and so may not decide it)."""
    return appeal.decision.by_id is not None and appeal.decision.by_id == user.pk


# --- Notices to the author ------------------------------------------------------------

NOTICE_LANGUAGES = ("nb", "nn", "en")


def notice_language(item: Item) -> str:
    """The language of the author's comment, as far as the notices are written in it."""
    base = (item.language or "").lower().replace("_", "-").split("-")[0]
    if base == "no":
        base = "nb"
    return base if base in NOTICE_LANGUAGES else "nb"


def notice_route(item: Item) -> tuple[str, str]:
    """How a notice reaches the item's author, or why it cannot: (route, reason).

    Our comment field shows it to the author's own browser, which it knows by the id the
    widget keeps; a platform takes it as a direct message where it allows them, else as
    a reply in the thread.
    """
    if item.platform == Platform.WEBCOMMENTS:
        if not item.author_handle:
            return NoticeRoute.NONE, _(
                "The commenter's browser kept no id, so the comment field cannot show "
                "them the notice."
            )
        return NoticeRoute.COMMENT_FIELD, ""
    capabilities = capabilities_for(item.platform)
    if Capability.DIRECT_MESSAGES in capabilities:
        return NoticeRoute.DIRECT_MESSAGE, ""
    if Capability.REPLY in capabilities and not item.private:
        return NoticeRoute.REPLY, ""
    return NoticeRoute.NONE, _(
        "The platform allows neither a reply nor a direct message to the author."
    )


def notice_text(
    *, decision: Decision, kind: str, language: str, appeal: Appeal | None = None
) -> str:
    """The notice in the author's language: the house rule, and the way to appeal."""
    from tilstede.moderation.tasks import appeal_url

    with translation.override(language):
        if kind == NoticeKind.APPEAL_OUTCOME and appeal is not None:
            if appeal.outcome == AppealOutcome.OVERTURNED:
                text = _(
                    "Your appeal has been decided: the decision is reversed. Reason: %(reason)s"
                )
            else:
                text = _("Your appeal has been decided: the decision stands. Reason: %(reason)s")
            return text % {"reason": appeal.decision_reason}
        rule = decision.house_rule.title if decision.house_rule else ""
        if decision.verb == Verb.DELETE_AT_SOURCE:
            text = _(
                "Your comment was removed because it breaks the house rule “%(rule)s”. "
                "You can appeal the decision here: %(url)s"
            )
        else:
            text = _(
                "Your comment was hidden because it breaks the house rule “%(rule)s”. "
                "You can appeal the decision here: %(url)s"
            )
        return text % {"rule": rule, "url": appeal_url(decision)}


def notice_queue(
    *,
    decision: Decision,
    kind: str,
    appeal: Appeal | None = None,
    now: dt.datetime | None = None,
) -> Notice:
    """Queue a notice to the author, or record at once that none can reach them.

    Precondition: inside the decision's transaction. A platform's notice is sent by a
    task after commit; our comment field's waits for the author's browser to show it.
    An appeal's outcome goes by the route its removal notice took.
    """
    now = now or timezone.now()
    item = decision.item
    first = Notice.objects.filter(decision=decision, kind=NoticeKind.REMOVAL).first()
    route, reason = notice_route(item)
    if first is not None:
        route = first.route
    language = first.language if first is not None else notice_language(item)
    notice = Notice.objects.create(
        decision=decision,
        appeal=appeal,
        kind=kind,
        route=route,
        language=language,
        text=notice_text(decision=decision, kind=kind, language=language, appeal=appeal),
        created_at=now,
    )
    if route == NoticeRoute.NONE:
        _notice_failed(notice, reason, now)
        return notice
    audit_record(
        actor="system",
        verb="notice.queued",
        obj=item,
        details={"notice": notice.pk, "decision": decision.pk, "kind": kind, "route": route},
        at=now,
    )
    if route != NoticeRoute.COMMENT_FIELD:
        _notice_schedule(notice)
    return notice


def _notice_schedule(notice: Notice) -> None:
    from tilstede.moderation.tasks import notice_deliver

    transaction.on_commit(lambda: notice_deliver.enqueue(notice.pk))


def _notice_failed(notice: Notice, reason: str, now: dt.datetime, attempts: int = 0) -> None:
    Notice.objects.filter(pk=notice.pk).update(
        status=DeliveryStatus.FAILED, detail=reason[:2000], attempts=attempts
    )
    notice.status, notice.detail = DeliveryStatus.FAILED, reason[:2000]
    audit_record(
        actor=f"connector:{notice.decision.item.platform}"
        if notice.route not in (NoticeRoute.NONE, NoticeRoute.COMMENT_FIELD)
        else "system",
        verb="notice.not_delivered",
        obj=notice.decision.item,
        details={
            "notice": notice.pk,
            "decision": notice.decision_id,
            "kind": notice.kind,
            "route": notice.route,
            "reason": reason[:500],
        },
        at=now,
    )


@transaction.atomic
def notice_record_sent(
    *,
    notice: Notice,
    external_id: str = "",
    url: str = "",
    attempts: int = 1,
    now: dt.datetime | None = None,
) -> Notice:
    """The platform took the notice (its id and address), or the author's browser showed it."""
    now = now or timezone.now()
    notice = Notice.objects.select_for_update().select_related("decision__item").get(pk=notice.pk)
    if notice.delivered:
        return notice
    shown = notice.route == NoticeRoute.COMMENT_FIELD
    notice.status = DeliveryStatus.LOCAL if shown else DeliveryStatus.SENT
    notice.external_id, notice.url = external_id[:300], url[:1000]
    notice.attempts, notice.sent_at, notice.detail = attempts, now, ""
    notice.save(update_fields=["status", "external_id", "url", "attempts", "sent_at", "detail"])
    audit_record(
        actor="system" if shown else f"connector:{notice.decision.item.platform}",
        verb="notice.shown_in_comment_field" if shown else "notice.sent",
        obj=notice.decision.item,
        details={
            "notice": notice.pk,
            "decision": notice.decision_id,
            "kind": notice.kind,
            "route": notice.route,
            "external_id": external_id,
            "url": url,
        },
        at=now,
    )
    return notice


@transaction.atomic
def notice_record_failed(
    *, notice: Notice, detail: str, attempts: int = 1, now: dt.datetime | None = None
) -> Notice:
    """The notice did not reach the author: say so with the platform's reason."""
    now = now or timezone.now()
    notice = Notice.objects.select_for_update().select_related("decision__item").get(pk=notice.pk)
    if notice.delivered:
        return notice
    _notice_failed(notice, detail, now, attempts)
    return notice


@transaction.atomic
def notice_retry(*, notice: Notice, by: AbstractBaseUser, now: dt.datetime | None = None) -> Notice:
    """A person sends a failed notice again (after the platform recovered, say)."""
    now = now or timezone.now()
    notice = Notice.objects.select_for_update().select_related("decision__item").get(pk=notice.pk)
    if not item_can_moderate(by, notice.decision.item):
        raise PermissionDenied(_("You may not make this decision on this item."))
    if notice.status != DeliveryStatus.FAILED or notice.route in (
        NoticeRoute.NONE,
        NoticeRoute.COMMENT_FIELD,
    ):
        raise WrongState(_("Only a failed notice to a platform can be sent again."))
    notice.status = DeliveryStatus.RETRIED
    notice.save(update_fields=["status"])
    audit_record(
        actor=by,
        verb="notice.retry",
        obj=notice.decision.item,
        details={"notice": notice.pk, "decision": notice.decision_id},
        at=now,
    )
    _notice_schedule(notice)
    return notice
