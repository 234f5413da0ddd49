"""The rules that run on every new version, through ingest as in production."""

from __future__ import annotations

import random

import pytest

from tests.ingest.fakes import raw
from tilstede.core.models import AuditEvent, Item, ModerationMode, ResponseState, Visibility
from tilstede.demo.synthetic import fodselsnummer
from tilstede.ingest.services import items_receive
from tilstede.moderation.models import Decision, PlatformStatus, Verb, WatchAction, WatchedWord


def receive(channel, *items):
    return items_receive(channel=channel, raw_items=list(items))


def decisions(ext: str) -> list[tuple[str, str]]:
    return list(Decision.objects.filter(item__external_id=ext).values_list("verb", "rule"))


def test_personal_data_holds_the_item_and_says_which_rule(world):
    receive(world.channel, raw(1, f"Fnr {fodselsnummer(random.Random(1))}"))
    assert Item.objects.get(external_id="1").visibility == Visibility.HELD
    assert decisions("1") == [(Verb.HOLD, "screening:national_id")]
    assert AuditEvent.objects.filter(
        verb="item.hold", actor_label="rule:screening:national_id"
    ).exists()


def test_personal_data_is_hidden_at_the_source_where_the_platform_can(
    world, django_capture_on_commit_callbacks
):
    world.channel.platform = "facebook"
    world.channel.save()
    with django_capture_on_commit_callbacks() as callbacks:
        receive(world.channel, raw(1, f"Fnr {fodselsnummer(random.Random(2))}"))
    decision = Decision.objects.get(item__external_id="1")
    assert decision.platform_status == PlatformStatus.PENDING
    assert callbacks  # the hide task is enqueued after commit


def test_mastodon_cannot_hide_so_nothing_is_scheduled(world):
    receive(world.channel, raw(1, f"Fnr {fodselsnummer(random.Random(3))}"))
    assert Decision.objects.get(item__external_id="1").platform_status == PlatformStatus.NONE


@pytest.mark.parametrize(
    ("action", "visibility", "verb"),
    [
        (WatchAction.BLOCK, Visibility.HIDDEN, Verb.BLOCK),
        (WatchAction.HOLD, Visibility.HELD, Verb.HOLD),
        (WatchAction.FLAG, Visibility.VISIBLE, Verb.FLAG),
    ],
)
def test_watched_words_act_as_configured(world, action, visibility, verb):
    WatchedWord.objects.create(
        organisation=world.org, word="svindel*", action=action, house_rule_code="illegal"
    )
    receive(world.channel, raw(1, "Dette er SVINDELEN ingen snakker om"))
    item = Item.objects.get(external_id="1")
    assert item.visibility == visibility
    assert (verb, "watched_word:svindel*") in decisions("1")


def test_a_watched_word_matches_whole_words_only(world):
    WatchedWord.objects.create(organisation=world.org, word="idiot", action=WatchAction.HOLD)
    receive(world.channel, raw(1, "idiotsikker løsning"), raw(2, "for en idiot!"))
    assert Item.objects.get(external_id="1").visibility == Visibility.VISIBLE
    assert Item.objects.get(external_id="2").visibility == Visibility.HELD


def test_another_organisations_watched_words_do_not_apply(world):
    WatchedWord.objects.create(
        organisation=world.other_org, word="brøyting", action=WatchAction.BLOCK
    )
    receive(world.channel, raw(1, "Takk for brøyting"))
    assert Item.objects.get(external_id="1").visibility == Visibility.VISIBLE


def test_many_links_hold_a_comment_as_spam(world):
    receive(world.channel, raw(1, "Kjøp nå https://a.example https://b.example www.c.example"))
    assert Item.objects.get(external_id="1").visibility == Visibility.HELD
    assert (Verb.HOLD, "spam:links") in decisions("1")


def test_the_same_author_posting_the_same_text_again_is_held_as_spam(world):
    text = "Vinn en iPhone! Klikk på lenken i profilen min nå"
    receive(world.channel, raw(1, text, author_handle="@a@x"))
    receive(world.channel, raw(2, text, author_handle="@a@x"))
    assert Item.objects.get(external_id="2").visibility == Visibility.HELD
    assert (Verb.HOLD, "spam:repeated") in decisions("2")


def test_many_citizens_sending_one_text_is_flagged_not_held(world):
    text = "Jeg sier nei til nedleggelse av skolen i Sandvika!"
    receive(world.channel, raw(1, text, author_handle="@a@x"))
    receive(world.channel, raw(2, text, author_handle="@b@x"), raw(3, text, author_handle="@c@x"))
    for ext in ("2", "3"):
        assert Item.objects.get(external_id=ext).visibility == Visibility.VISIBLE
        assert (Verb.FLAG, "campaign:same_text") in decisions(ext)


def test_a_new_authors_burst_is_held(world):
    items = [
        raw(n, f"Innlegg nummer {n} om et helt annet tema {n}", author_handle="@burst@x")
        for n in range(6)
    ]
    receive(world.channel, *items)
    held = Item.objects.filter(author_handle="@burst@x", visibility=Visibility.HELD).count()
    assert held == 6
    assert (Verb.HOLD, "spam:burst") in decisions("5")


def test_pre_moderation_holds_and_says_so(world):
    world.channel.moderation_mode = ModerationMode.PRE_MODERATE
    world.channel.save()
    receive(world.channel, raw(1, "Fin dag"))
    assert decisions("1") == [(Verb.HOLD, "mode:pre_moderate")]


def test_our_own_posts_are_not_held(world):
    world.channel.moderation_mode = ModerationMode.PRE_MODERATE
    world.channel.save()
    receive(world.channel, raw(1, "Vi har åpent i dag", direction="out", kind="post"))
    assert Item.objects.get(external_id="1").visibility == Visibility.VISIBLE


def test_a_case_request_awaits_an_answer(world):
    receive(
        world.channel,
        raw(
            1,
            "Jeg har søkt om startlån og venter fortsatt på svar på søknaden min, når får jeg vedtak?",
        ),
    )
    assert Item.objects.get(external_id="1").response_state == ResponseState.AWAITING


def test_an_approved_item_stays_approved_after_a_harmless_edit(world):
    world.channel.moderation_mode = ModerationMode.PRE_MODERATE
    world.channel.save()
    receive(world.channel, raw(1, "Fin dag"))
    from tilstede.moderation.services import decision_record

    decision_record(item=Item.objects.get(external_id="1"), verb=Verb.APPROVE, by=world.moderator)
    receive(world.channel, raw(1, "Fin dag i dag"))
    assert Item.objects.get(external_id="1").visibility == Visibility.VISIBLE
