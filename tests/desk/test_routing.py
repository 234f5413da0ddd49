"""Who answers what [3.2] and what needs an answer: routing and due times on arrival."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import make_channel
from tests.desk.conftest import oslo
from tilstede.connectors.base import RawItem
from tilstede.core.models import Item, ResponseState, Team
from tilstede.desk.models import NeedsAnswer, ResponsePromise, RoutingRule
from tilstede.desk.services import is_question, items_route_and_promise
from tilstede.ingest.services import items_receive


@pytest.fixture
def teams(world):
    roads_team = Team.objects.create(organisation=world.org, name="Samferdsel")
    international = Team.objects.create(organisation=world.org, name="Internasjonalt")
    world.roads.team = roads_team
    world.roads.save()
    return roads_team, international


@pytest.mark.parametrize(
    "text",
    [
        "Når blir vei 12 brøytet?",
        "Hvordan søker jeg om parkeringstillatelse",
        "@kommunen Korleis søkjer eg om barnehageplass",
        "Thanks. Where do I send my application",
        "Kan dere sende meg skjemaet",
    ],
)
def test_it_takes_questions_as_needing_an_answer(text):
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "Takk for god hjelp!",
        "Flott arrangement i helga.",
        "Veien er endelig åpen igjen.",
        "Kan anbefale det nye biblioteket.",
    ],
)
def test_it_takes_praise_and_statements_as_needing_no_answer(text):
    assert not is_question(text)


def test_a_question_is_routed_by_topic_keywords_to_the_topics_team(world, teams, receive):
    item = receive(world.channel, "Når blir vei 12 brøytet?")
    assert item.topic == world.roads
    assert item.response_state == ResponseState.AWAITING
    promise = item.promise
    assert promise.reason == NeedsAnswer.QUESTION
    assert promise.team == teams[0]
    assert item.assignee is None


def test_praise_gets_a_topic_but_no_due_time(world, receive):
    item = receive(world.channel, "Takk for at dere brøytet vei 12 så raskt!")
    assert item.topic == world.roads
    assert item.response_state == ResponseState.NOT_NEEDED
    assert not ResponsePromise.objects.filter(item=item).exists()


def test_a_case_request_needs_an_answer(world, receive):
    item = receive(
        world.channel,
        "Jeg søkte om byggetillatelse i mars og har ikke hørt noe. Kan dere sjekke hvor saken min står?",
    )
    assert item.promise.reason == NeedsAnswer.CASE_REQUEST


def test_direct_messages_and_mentions_need_an_answer(world, receive):
    dm = receive(world.channel, "Hei", kind="direct_message", private=True)
    mention = receive(world.channel, "Fin tur med @testvik i dag", kind="mention")
    assert dm.promise.reason == NeedsAnswer.DIRECT_MESSAGE
    assert mention.promise.reason == NeedsAnswer.MENTION


def test_a_rule_routes_by_language_to_a_team_and_a_person(world, teams, receive):
    RoutingRule.objects.create(
        organisation=world.org,
        name="English",
        language="en",
        team=teams[1],
        assignee=world.moderator,
    )
    english = receive(world.channel, "How do I apply for a parking permit?", language="en-GB")
    norwegian = receive(world.channel, "Hvordan søker jeg om parkeringstillatelse?")
    assert english.promise.team == teams[1]
    assert english.assignee == world.moderator
    assert english.promise.routing_rule.name == "English"
    assert norwegian.assignee is None and norwegian.promise.routing_rule is None


def test_the_first_matching_rule_wins_and_keywords_take_a_star(world, teams, receive):
    RoutingRule.objects.create(
        organisation=world.org,
        name="Brøyting",
        order=1,
        keywords="brøyt*",
        assignee=world.responder,
    )
    RoutingRule.objects.create(
        organisation=world.org, name="Alt annet", order=2, assignee=world.moderator
    )
    snow = receive(world.channel, "Når brøytes Storgata?")
    other = receive(world.channel, "Når åpner biblioteket?")
    assert snow.assignee == world.responder
    assert other.assignee == world.moderator


def test_a_rule_for_another_channel_does_not_apply(world, teams, receive):
    facebook = make_channel(world.org, "testvik-fb", platform="facebook")
    RoutingRule.objects.create(
        organisation=world.org, name="Facebook", channel=facebook, assignee=world.moderator
    )
    item = receive(world.channel, "Når åpner biblioteket?")
    assert item.assignee is None


def test_a_friday_afternoon_question_is_due_on_monday(world, receive):
    item = receive(world.channel, "Når blir vei 12 brøytet?", at=oslo(2026, 11, 6, 15, 0))
    assert item.promise.due_at == oslo(2026, 11, 9, 15, 15)


def test_a_question_before_easter_is_due_after_easter(world, receive):
    item = receive(world.channel, "Er svømmehallen åpen i påsken?", at=oslo(2027, 3, 24, 11, 0))
    assert item.promise.due_at == oslo(2027, 3, 30, 15, 0)


def test_a_question_before_17_may_is_due_on_the_18th(world, receive):
    item = receive(world.channel, "Hvor går barnetoget?", at=oslo(2027, 5, 14, 15, 0))
    assert item.promise.due_at == oslo(2027, 5, 18, 15, 15)


def test_a_channel_open_around_the_clock_counts_every_hour(world, receive):
    world.channel.around_the_clock = True
    world.channel.response_time = dt.timedelta(hours=2)
    world.channel.save()
    item = receive(world.channel, "Er fergen i rute?", at=oslo(2026, 11, 7, 23, 0))
    assert item.promise.due_at == oslo(2026, 11, 8, 1, 0)
    assert item.promise.around_the_clock


def test_a_feed_gets_no_due_times(world, receive):
    feed = make_channel(world.org, "testvik-rss", platform="rss")
    item = receive(feed, "Hva skjer i kommunestyret?", kind="post")
    assert not ResponsePromise.objects.filter(item=item).exists()


def test_routing_twice_changes_nothing(world, receive):
    item = receive(world.channel, "Når blir vei 12 brøytet?")
    items_route_and_promise(items=[item], now=oslo(2026, 11, 10, 10, 0))
    assert ResponsePromise.objects.filter(item=item).count() == 1


def test_a_reply_written_on_the_platform_counts_as_the_first_response(world, receive):
    question = receive(world.channel, "Når blir vei 12 brøytet?", at=oslo(2026, 11, 9, 10, 0))
    answer = receive(
        world.channel,
        "I løpet av dagen.",
        at=oslo(2026, 11, 9, 11, 30),
        direction="out",
        parent_external_id=question.external_id,
    )
    question.refresh_from_db()
    assert answer.parent == question
    assert question.response_state == ResponseState.ANSWERED
    assert question.promise.first_response == answer
    assert question.promise.response_seconds == 90 * 60


def test_a_batch_of_two_hundred_takes_a_few_queries(world, teams, django_assert_max_num_queries):
    RoutingRule.objects.create(
        organisation=world.org, name="Brøyting", keywords="brøyt*", assignee=world.responder
    )
    at = oslo(2026, 11, 9, 10, 0)
    texts = ["Når brøytes Storgata?", "Takk for innsatsen!", "Hvordan søker jeg?", "Bra jobba"]
    raws = [
        RawItem(
            external_id=f"bulk-{n}",
            kind="comment",
            direction="in",
            author_handle=f"c{n}",
            author_name="",
            text=texts[n % 4] + f" ({n})",
            url="",
            created_at=at,
        )
        for n in range(200)
    ]
    items_receive(channel=world.channel, raw_items=raws, now=at)
    items = list(Item.objects.filter(external_id__startswith="bulk-"))
    with django_assert_max_num_queries(8):
        items_route_and_promise(items=items, now=at)
    assert ResponsePromise.objects.filter(item__in=items).count() == 100
