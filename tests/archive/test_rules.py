"""The archive value rules [2.8], as plain functions over facts (no database)."""

from __future__ import annotations

from dataclasses import dataclass

from tilstede.archive.models import ArchiveClass, Condition
from tilstede.archive.rules import ItemFacts, assess, default_policy


def facts(**kw) -> ItemFacts:
    base = dict(
        channel_id=1,
        kind="comment",
        direction="in",
        visibility="visible",
        response_state="not_needed",
        case_request=False,
        answered_by_us=False,
        parent_case_work=False,
    )
    return ItemFacts(**{**base, **kw})


@dataclass
class Rule:
    pk: int | None = 1
    channel_id: int | None = None
    kind: str = ""
    direction: str = ""
    condition: str = Condition.ANY
    value: str = ArchiveClass.STORE
    retention_days: int | None = None
    reason: str = "regel"


def test_it_stores_the_agencys_own_posts() -> None:
    assert default_policy(facts(kind="post", direction="out")).value == ArchiveClass.STORE


def test_it_journals_a_comment_that_was_answered_and_the_answer() -> None:
    assert default_policy(facts(answered_by_us=True)).value == ArchiveClass.JOURNAL
    answer = facts(kind="reply", direction="out", parent_case_work=True)
    assert default_policy(answer).value == ArchiveClass.JOURNAL


def test_it_journals_a_case_request_even_before_an_answer() -> None:
    assert default_policy(facts(case_request=True)).value == ArchiveClass.JOURNAL


def test_it_discards_chatter_and_spam() -> None:
    assert default_policy(facts()).value == ArchiveClass.DISCARD
    assert default_policy(facts(visibility="removed")).value == ArchiveClass.DISCARD


def test_the_first_matching_rule_wins_over_the_default() -> None:
    rules = [
        Rule(pk=1, channel_id=2, value=ArchiveClass.JOURNAL, reason="other channel"),
        Rule(pk=2, condition=Condition.NO_CASE_WORK, value=ArchiveClass.STORE, reason="keep all"),
        Rule(pk=3, value=ArchiveClass.DISCARD),
    ]
    verdict = assess(facts(), rules)
    assert (verdict.value, verdict.reason) == (ArchiveClass.STORE, "keep all")
    assert assess(facts(answered_by_us=True), rules[:2]).value == ArchiveClass.JOURNAL
