"""People's decisions: each with actor, time and reason, reversible, one at a time."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from tests.conftest import make_item
from tilstede.core.models import AuditEvent, HouseRule, ResponseState, Visibility
from tilstede.moderation.models import AppealOutcome, Claim, Decision, PlatformStatus, Verb
from tilstede.moderation.services import (
    ClaimConflict,
    ReasonRequired,
    WrongState,
    appeal_decide,
    appeal_submit,
    decision_record,
    decision_reverse,
    item_claim,
)


@pytest.fixture
def rule(world):
    return HouseRule.objects.create(channel=world.channel, code="harassment", title="Trakassering")


@pytest.fixture
def held(world):
    return make_item(world.channel, "Du er en idiot", visibility=Visibility.HELD)


def test_approve_makes_a_held_item_visible_and_is_logged(world, held):
    decision = decision_record(item=held, verb=Verb.APPROVE, by=world.moderator)
    held.refresh_from_db()
    assert held.visibility == Visibility.VISIBLE
    assert decision.by == world.moderator and decision.at
    event = AuditEvent.objects.get(verb="item.approve")
    assert event.actor_id == world.moderator.pk and event.details["decision"] == decision.pk


def test_hiding_needs_a_house_rule_of_the_channel(world, held, rule):
    with pytest.raises(ReasonRequired):
        decision_record(item=held, verb=Verb.HIDE, by=world.moderator)
    other_rule = HouseRule.objects.create(channel=world.other_channel, code="spam", title="Spam")
    with pytest.raises(ReasonRequired):
        decision_record(item=held, verb=Verb.HIDE, by=world.moderator, house_rule=other_rule)
    decision = decision_record(
        item=held, verb=Verb.HIDE, by=world.moderator, house_rule=rule, reason="personangrep"
    )
    held.refresh_from_db()
    assert held.visibility == Visibility.HIDDEN
    assert decision.house_rule == rule
    assert AuditEvent.objects.get(verb="item.hide").details["house_rule"] == "harassment"


def test_mastodon_cannot_hide_at_the_source_and_the_decision_says_so(world, held, rule):
    decision = decision_record(item=held, verb=Verb.HIDE, by=world.moderator, house_rule=rule)
    assert decision.platform_status == PlatformStatus.NOT_SUPPORTED


def test_facebook_hide_is_carried_out_after_commit(world, django_capture_on_commit_callbacks):
    from tests.conftest import make_channel

    facebook = make_channel(world.org, "fb", platform="facebook")
    rule = HouseRule.objects.create(channel=facebook, code="spam", title="Spam")
    held = make_item(facebook, "Kjøp billig", visibility=Visibility.HELD)
    with django_capture_on_commit_callbacks() as callbacks:
        decision = decision_record(item=held, verb=Verb.HIDE, by=world.moderator, house_rule=rule)
    assert decision.platform_status == PlatformStatus.PENDING
    # Carry out at the source, and tell the author (the audit checkpoint's log line too).
    own = [c for c in callbacks if "_checkpoint_write" not in c.__qualname__]
    assert len(own) == 2


def test_a_hide_is_reversed_by_an_unhide_that_points_back(world, held, rule):
    hide = decision_record(item=held, verb=Verb.HIDE, by=world.moderator, house_rule=rule)
    with pytest.raises(ReasonRequired):
        decision_reverse(decision=hide, by=world.admin, reason=" ")
    undo = decision_reverse(decision=hide, by=world.admin, reason="Feilvurdering")
    held.refresh_from_db()
    assert held.visibility == Visibility.VISIBLE
    assert undo.verb == Verb.UNHIDE and undo.reverses == hide


def test_an_approval_is_reversed_back_to_held(world, held):
    approve = decision_record(item=held, verb=Verb.APPROVE, by=world.moderator)
    decision_reverse(decision=approve, by=world.moderator, reason="oversett personopplysning")
    held.refresh_from_db()
    assert held.visibility == Visibility.HELD


def test_a_deletion_at_the_source_cannot_be_undone(world, held, rule):
    delete = decision_record(
        item=held, verb=Verb.DELETE_AT_SOURCE, by=world.moderator, house_rule=rule
    )
    held.refresh_from_db()
    assert held.visibility == Visibility.REMOVED
    with pytest.raises(WrongState):
        decision_reverse(decision=delete, by=world.moderator, reason="angrer")
    with pytest.raises(WrongState):
        decision_record(item=held, verb=Verb.APPROVE, by=world.moderator)


def test_escalate_mark_irrelevant_and_assign(world, held):
    decision_record(item=held, verb=Verb.ESCALATE, by=world.moderator, reason="til juridisk")
    held.refresh_from_db()
    assert held.response_state == ResponseState.ESCALATED
    decision_record(item=held, verb=Verb.MARK_IRRELEVANT, by=world.moderator)
    held.refresh_from_db()
    assert held.response_state == ResponseState.NOT_NEEDED
    with pytest.raises(ReasonRequired):
        decision_record(item=held, verb=Verb.ASSIGN, by=world.moderator)
    assign = decision_record(
        item=held, verb=Verb.ASSIGN, by=world.moderator, assignee=world.responder
    )
    held.refresh_from_db()
    assert held.assignee == world.responder
    decision_reverse(decision=assign, by=world.moderator, reason="feil person")
    held.refresh_from_db()
    assert held.assignee is None


def test_wrong_state_is_refused_with_a_message(world, held, rule):
    with pytest.raises(WrongState, match="«vis igjen» kan ikke brukes"):
        decision_record(item=held, verb=Verb.UNHIDE, by=world.moderator)
    with pytest.raises(WrongState):
        decision_record(item=held, verb=Verb.HOLD, by=world.moderator)


@pytest.mark.parametrize("persona", ["reader", "responder", "outsider"])
def test_only_moderators_decide(world, held, persona):
    with pytest.raises(PermissionDenied):
        decision_record(item=held, verb=Verb.APPROVE, by=getattr(world, persona))
    assert not Decision.objects.exists()


def test_a_claimed_item_cannot_be_decided_by_another_moderator(world, held):
    from tests.conftest import make_user

    second = make_user("moderator2", "moderator", world.org)
    item_claim(item=held, by=world.moderator)
    with pytest.raises(ClaimConflict):
        item_claim(item=held, by=second)
    with pytest.raises(ClaimConflict):
        decision_record(item=held, verb=Verb.APPROVE, by=second)
    decision_record(item=held, verb=Verb.APPROVE, by=world.moderator)
    assert not Claim.objects.exists()  # the decision releases the claim


def test_an_expired_claim_can_be_taken_over(world, held):
    import datetime as dt

    from django.utils import timezone

    from tests.conftest import make_user

    second = make_user("moderator2", "moderator", world.org)
    item_claim(item=held, by=world.moderator, now=timezone.now() - dt.timedelta(minutes=10))
    assert item_claim(item=held, by=second).by == second


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_at_once_cannot_both_win(world, held, rule):
    """Two threads race to decide on the same held item; the row lock lets one through."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers itself; the race needs PostgreSQL's row locks")
    from tests.conftest import make_user

    second = make_user("moderator2", "moderator", world.org)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def decide(user, verb, **kw):
        from django.db import connections

        try:
            barrier.wait()
            decision_record(item=held, verb=verb, by=user, **kw)
            results.append("ok")
        except (WrongState, ClaimConflict) as exc:
            results.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(world.moderator, Verb.APPROVE)),
        threading.Thread(
            target=decide, args=(second, Verb.DELETE_AT_SOURCE), kwargs={"house_rule": rule}
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count("ok") >= 1
    held.refresh_from_db()
    # Whatever order they ran in, the item's state matches exactly the decisions recorded.
    verbs = list(Decision.objects.filter(item=held).order_by("id").values_list("verb", flat=True))
    assert len(verbs) == results.count("ok")
    expected = {Verb.APPROVE: Visibility.VISIBLE, Verb.DELETE_AT_SOURCE: Visibility.REMOVED}[
        verbs[-1]
    ]
    assert held.visibility == expected


def test_an_appeal_is_decided_by_another_moderator(world, held, rule):
    from tests.conftest import make_user

    second = make_user("moderator2", "moderator", world.org)
    hide = decision_record(item=held, verb=Verb.HIDE, by=world.moderator, house_rule=rule)
    appeal = appeal_submit(
        decision=hide, text="Jeg mente det ikke slik", contact="innbygger@example.com"
    )
    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, by=world.moderator, overturn=True, reason="x")
    appeal = appeal_decide(appeal=appeal, by=second, overturn=True, reason="Ikke trakassering")
    held.refresh_from_db()
    assert appeal.outcome == AppealOutcome.OVERTURNED and appeal.decided_by == second
    assert held.visibility == Visibility.VISIBLE
    assert AuditEvent.objects.filter(verb="appeal.overturned").exists()
    with pytest.raises(WrongState):
        appeal_decide(appeal=appeal, by=second, overturn=False, reason="again")


def test_only_removals_can_be_appealed(world, held):
    approve = decision_record(item=held, verb=Verb.APPROVE, by=world.moderator)
    with pytest.raises(WrongState):
        appeal_submit(decision=approve, text="hvorfor")
