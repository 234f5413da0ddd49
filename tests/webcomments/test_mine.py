"""A browser's own comments with their state (issue 19): only that browser's id gets
them, never another commenter's; hidden ones come with the rule and the appeal link."""

from __future__ import annotations

from tests.webcomments.conftest import PAGE
from tilstede.core.models import AuditEvent, HouseRule, Item
from tilstede.moderation.models import Verb
from tilstede.moderation.services import appeal_submit, decision_record

MINE = "A" * 24
THEIRS = "B" * 24


def test_it_shows_a_browser_its_own_comments_only_with_their_state(api, site, world):
    api.comment("Min kommentar om lekeplassen.", commenter=MINE)
    api.comment("Noen andres kommentar.", commenter=THEIRS)
    mine = api.post("mine", {"commenter": MINE, "page_url": PAGE}).json()["comments"]
    assert [(c["text"], c["state"]) for c in mine] == [
        ("Min kommentar om lekeplassen.", "awaiting_moderation")
    ]
    assert api.post("mine", {"commenter": "C" * 24, "page_url": PAGE}).json() == {"comments": []}


def test_a_hidden_comment_comes_with_the_rule_the_link_and_then_the_appeal(api, site, world):
    api.comment("Dette er tull.", commenter=MINE)
    item = Item.objects.get(text="Dette er tull.")
    decision_record(item=item, verb=Verb.APPROVE, by=world.moderator)
    rule = HouseRule.objects.get(channel=site.channel, code="saklig")
    decision = decision_record(item=item, verb=Verb.HIDE, by=world.moderator, house_rule=rule)
    [own] = api.post("mine", {"commenter": MINE, "page_url": PAGE}).json()["comments"]
    assert own["state"] == "hidden" and own["house_rule"] == "Hold deg til saken"
    assert "/klage/" in own["appeal_url"]
    assert AuditEvent.objects.filter(verb="notice.shown_in_comment_field").count() == 1
    appeal_submit(decision=decision, text="Nei")
    [own] = api.post("mine", {"commenter": MINE, "page_url": PAGE}).json()["comments"]
    assert own["appeal"]["state"] == "pending" and own["appeal_url"] == ""


def test_bad_input_gets_a_clear_400(api):
    for body in ([], {"commenter": MINE}, {"commenter": 5, "page_url": PAGE}, "not json"):
        response = api.post("mine", body)
        assert response.status_code == 400, body
        assert response.json()["message"]


def test_personal_data_is_never_echoed_back_even_to_the_author(api, site, fnr):
    api.comment(f"Fødselsnummeret mitt er {fnr}.", commenter=MINE)
    response = api.post("mine", {"commenter": MINE, "page_url": PAGE})
    [own] = response.json()["comments"]
    assert own["text_withheld"] and own["text"] == ""
    assert fnr not in response.content.decode()
