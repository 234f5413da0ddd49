"""Deciding an item's archive value [2.8]: plain functions over facts, no database.

The default policy follows Arkivverket's and Digdir's guidance that content decides:
the agency's own posts are its publications and are archived (arkiveres); a comment or
message that led to case work or an answer is a case document and is journaled
(journalføres, inngående), as is the agency's answer to it (utgående); everything else
received (chatter, spam, noise) is kept only for a retention period and then deleted
(kasseres).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from tilstede.archive.models import ArchiveClass, Condition
from tilstede.core.models import Direction, ItemKind, ResponseState, Visibility


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What the rules may look at for one item."""

    channel_id: int
    kind: str
    direction: str
    visibility: str
    response_state: str
    case_request: bool  # screening read any version as a case request
    answered_by_us: bool  # the agency replied to it
    parent_case_work: bool  # for our replies: the item answered was case work

    @property
    def case_work(self) -> bool:
        if self.direction == Direction.OUT:
            return self.parent_case_work
        return (
            self.case_request
            or self.answered_by_us
            or self.response_state in (ResponseState.ANSWERED, ResponseState.ESCALATED)
        )

    @property
    def moderated_away(self) -> bool:
        return self.visibility in (Visibility.HIDDEN, Visibility.REMOVED)


class RuleLike(Protocol):
    pk: int | None
    channel_id: int | None
    kind: str
    direction: str
    condition: str
    value: str
    retention_days: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class Verdict:
    value: str
    reason: str
    rule: RuleLike | None = None
    retention_days: int | None = None


def rule_matches(rule: RuleLike, facts: ItemFacts) -> bool:
    if rule.channel_id is not None and rule.channel_id != facts.channel_id:
        return False
    if rule.kind and rule.kind != facts.kind:
        return False
    if rule.direction and rule.direction != facts.direction:
        return False
    return {
        Condition.ANY: True,
        Condition.CASE_WORK: facts.case_work,
        Condition.NO_CASE_WORK: not facts.case_work,
        Condition.MODERATED_AWAY: facts.moderated_away,
    }[Condition(rule.condition)]


def default_policy(facts: ItemFacts) -> Verdict:
    if facts.direction == Direction.OUT:
        if facts.kind != ItemKind.POST and facts.parent_case_work:
            return Verdict(ArchiveClass.JOURNAL, "Svar i en sak journalføres (utgående dokument)")
        return Verdict(ArchiveClass.STORE, "Virksomhetens egne innlegg arkiveres")
    if facts.case_work:
        return Verdict(
            ArchiveClass.JOURNAL,
            "Henvendelse som ble saksbehandlet eller besvart journalføres (inngående dokument)",
        )
    if facts.moderated_away:
        return Verdict(ArchiveClass.DISCARD, "Skjult eller fjernet innhold uten saksbehandling")
    return Verdict(ArchiveClass.DISCARD, "Kommentar uten saksbehandling kasseres etter fristen")


def assess(facts: ItemFacts, rules: Sequence[RuleLike]) -> Verdict:
    """The first matching rule (rules come sorted by priority), else the default policy."""
    for rule in rules:
        if rule_matches(rule, facts):
            return Verdict(rule.value, rule.reason, rule, rule.retention_days)
    return default_policy(facts)
