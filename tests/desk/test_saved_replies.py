"""Saved replies: the standard ones in three languages, filled in, the best fit first."""

from __future__ import annotations

import datetime as dt

from tilstede.desk.models import ReplyPurpose, SavedReply
from tilstede.desk.services import saved_replies_for
from tilstede.desk.texts import response_time_words

CASE_REQUEST = (
    "Jeg søkte om byggetillatelse i mars og har ikke hørt noe. Kan dere sjekke hvor saken min står?"
)


def test_the_standard_replies_ship_in_bokmal_nynorsk_and_english(db):
    codes = set(SavedReply.objects.filter(organisation=None).values_list("code", "language"))
    for code in ("thanks", "personal-data", "case-request", "delayed"):
        assert {(code, "nb"), (code, "nn"), (code, "en")} <= codes


def test_a_case_request_gets_the_redirect_reply_first(world, receive):
    world.org.secure_contact_url = "https://testvik.example/skjema"
    world.org.save()
    item = receive(world.channel, CASE_REQUEST)
    replies = saved_replies_for(item)
    assert replies[0].saved_reply.purpose == ReplyPurpose.CASE_REDIRECT
    assert replies[0].suggested
    assert "https://testvik.example/skjema" in replies[0].text
    assert "{" not in replies[0].text
    assert all(r.saved_reply.purpose != ReplyPurpose.DELAYED for r in replies)


def test_a_plain_question_gets_the_replies_in_their_own_order(world, receive):
    item = receive(world.channel, "Når blir vei 12 brøytet?")
    replies = saved_replies_for(item)
    assert [r.saved_reply.code for r in replies] == ["case-request", "personal-data", "thanks"]
    assert not any(r.suggested for r in replies)


def test_the_promise_is_written_out_in_the_items_language(world, receive):
    nynorsk = receive(world.channel, "Kva tid opnar biblioteket?", language="nn")
    english = receive(world.channel, "When does the library open?", language="en")
    thanks_nn = next(r for r in saved_replies_for(nynorsk) if r.saved_reply.code == "thanks")
    thanks_en = next(r for r in saved_replies_for(english) if r.saved_reply.code == "thanks")
    assert (
        thanks_nn.text == "Takk for at du tok kontakt! Vi svarar deg innan 8 timar i opningstida."
    )
    assert thanks_en.text.endswith("within 8 hours during opening hours.")


def test_an_organisations_own_reply_replaces_the_standard_one(world, receive):
    SavedReply.objects.create(
        organisation=world.org,
        code="thanks",
        language="nb",
        purpose=ReplyPurpose.ACKNOWLEDGE,
        title="Takk",
        text="Takk! Hilsen {organisation}.",
    )
    item = receive(world.channel, "Når blir vei 12 brøytet?")
    thanks = [r for r in saved_replies_for(item) if r.saved_reply.code == "thanks"]
    assert [r.text for r in thanks] == ["Takk! Hilsen Testvik kommune."]


def test_response_times_read_naturally():
    def words(hours: float, clock: bool, lang: str) -> str:
        return response_time_words(dt.timedelta(hours=hours), around_the_clock=clock, language=lang)

    assert words(8, False, "nb") == "8 timer i åpningstiden"
    assert words(1.5, True, "nb") == "1 time og 30 minutter"
    assert words(48, True, "nn") == "2 døgn"
    assert words(1, True, "en") == "1 hour"
