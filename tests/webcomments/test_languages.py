"""The comment field in bokmål, nynorsk and English (issue 24): every answer is in the
language the widget asks for with ``?lang=``, never the browser's; a comment is recorded
in the field's language unless its text is clearly in another, and the notices and the
appeal page about it follow."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import make_user
from tests.webcomments.conftest import PAGE, Api
from tilstede.core import roles
from tilstede.core.models import HouseRule, Item, ModerationMode
from tilstede.moderation.models import Notice, Verb
from tilstede.moderation.services import appeal_decide, appeal_submit, decision_record
from tilstede.webcomments import texts

MINE = "A" * 24


def _api(client, site, language: str) -> Api:
    return Api(client, site, language=language)


# What the widget shows, per language


@pytest.mark.parametrize(
    ("language", "heading", "privacy", "send", "moderation", "response_time"),
    [
        (
            "nb",
            "Kommentarer",
            "Ikke del personopplysninger",
            "Send kommentar",
            "En moderator leser alle kommentarer før de publiseres.",
            "Vi svarer vanligvis innen 8 timer i åpningstiden på hverdager.",
        ),
        (
            "nn",
            "Kommentarar",
            "Ikkje del personopplysningar",
            "Send kommentar",
            "Ein moderator les alle kommentarar før dei blir publiserte.",
            "Vi svarar vanlegvis innan 8 timar i opningstida på kvardagar.",
        ),
        (
            "en",
            "Comments",
            "Do not share personal data",
            "Send comment",
            "A moderator reads every comment before it is published.",
            "We usually answer within 8 hours during opening hours on weekdays.",
        ),
    ],
)
def test_the_config_is_in_the_language_asked_for(
    client, site, language, heading, privacy, send, moderation, response_time
):
    response = _api(client, site, language).get("config.json")
    assert response.status_code == 200
    assert response["Content-Language"] == language
    data = response.json()
    assert data["language"] == language
    assert data["texts"]["heading"] == heading
    assert data["texts"]["send"] == send
    assert data["privacy"]["title"] == privacy
    assert data["moderation"]["notices"][0] == moderation
    assert data["response_time"] == response_time
    # The switcher names each language in itself, whatever the field's language.
    assert data["languages"] == [
        {"code": "nb", "name": "Norsk bokmål"},
        {"code": "nn", "name": "Norsk nynorsk"},
        {"code": "en", "name": "English"},
    ]
    # What the agency wrote is shown as written.
    assert data["house_rules"]["rules"][0]["title"] == "Hold deg til saken"


@pytest.mark.parametrize("lang", ["", "de", "nb-NO", "no"])
def test_the_config_is_in_bokmal_unless_nynorsk_or_english_is_asked_for(client, site, lang):
    response = client.get(
        f"/c/{site.key}/config.json",
        {"lang": lang} if lang else {},
        HTTP_ORIGIN="https://www.testvik.kommune.no",
        HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9",  # the browser's language does not count
    )
    assert response["Content-Language"] == "nb"
    assert response.json()["texts"]["heading"] == "Kommentarer"


def test_the_language_is_in_the_address_so_a_cached_config_is_one_languages(client, site):
    nn = _api(client, site, "nn").get("config.json")
    en = _api(client, site, "en").get("config.json")
    assert nn["Cache-Control"] == en["Cache-Control"] == "public, max-age=300"
    assert nn.json()["texts"]["heading"] != en.json()["texts"]["heading"]


@pytest.mark.parametrize(
    ("language", "label", "explanation"),
    [
        ("nb", "fødselsnummer eller D-nummer", "skal aldri stå offentlig"),
        ("nn", "fødselsnummer eller D-nummer", "skal aldri stå offentleg"),
        ("en", "national identity number or D number", "must never be public"),
    ],
)
def test_the_nudge_names_what_was_found_in_the_language(
    client, site, fnr, language, label, explanation
):
    response = _api(client, site, language).post(
        "check", {"text": f"Fødselsnummeret mitt er {fnr}.", "language": language}
    )
    [finding] = response.json()["findings"]
    assert finding["label"] == label
    assert explanation in finding["explanation"]
    assert fnr not in response.content.decode()


@pytest.mark.parametrize("tag", ["nb-NO", "nn-NO", "en-GB", "de"])
def test_a_regional_or_unknown_language_tag_is_screened_not_refused(api, tag):
    """The old widget sent the host page's <html lang>, often "nb-NO"; screening takes
    only nb, nn and en, and must never fail on the tag."""
    check = api.post("check", {"text": "Ring meg på 912 34 567", "language": tag})
    assert check.status_code == 200
    assert [f["category"] for f in check.json()["findings"]] == ["phone"]
    response = api.comment("Fint at lekeplassen blir ferdig!", language=tag)
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("language", "name_missing", "thanks"),
    [
        ("nb", "Skriv navnet ditt.", "Takk! Kommentaren din venter på moderering."),
        ("nn", "Skriv namnet ditt.", "Takk! Kommentaren din ventar på moderering."),
        ("en", "Write your name.", "Thank you! Your comment is awaiting moderation."),
    ],
)
def test_answers_to_a_posted_comment_are_in_the_language(
    client, site, language, name_missing, thanks
):
    api = _api(client, site, language)
    refused = api.comment(author_name="", language=language)
    assert refused.status_code == 400
    assert refused.json()["fields"]["author_name"] == name_missing
    accepted = api.comment(language=language)
    assert accepted.json()["message"] == thanks


def test_the_rate_limit_message_is_in_the_language(client, site):
    api = _api(client, site, "en")
    for _ in range(5):
        api.comment(language="en")
    response = api.comment(language="en")
    assert response.status_code == 429
    assert response.json()["message"].startswith("You have sent many comments")
    assert "minute" in response.json()["message"]


@pytest.mark.parametrize(
    ("language", "when"),
    [("nb", "7. des 2026 15:05"), ("nn", "7. des 2026 15:05"), ("en", "7 Dec 2026, 15:05")],
)
def test_a_comments_time_is_written_in_the_language_in_oslo_time(client, site, language, when):
    site.channel.moderation_mode = ModerationMode.POST_MODERATE
    site.channel.save()
    site.new_commenter_holds = 0
    site.save()
    api = _api(client, site, language)
    api.comment(language=language)
    # 14:05 UTC is 15:05 in Oslo in December.
    Item.objects.update(created_at=dt.datetime(2026, 12, 7, 14, 5, tzinfo=dt.UTC))
    [comment] = api.page_comments().json()["comments"]
    assert comment["created_at_text"] == when


# The comment's language, and the notices about it


@pytest.mark.parametrize(
    ("field", "text", "recorded"),
    [
        ("nb", "Så fint at lekeplassen blir ferdig i mai!", "nb"),
        ("nn", "Så fint at leikeplassen blir ferdig i mai!", "nn"),
        ("en", "Lovely news about the playground!", "en"),
        # Clearly another language than the field's: the text's.
        ("nb", "When will the playground open? I can't find it on the website.", "en"),
        ("en", "Eg skjønar ikkje kvifor det tek så lang tid, kva er planen no?", "nn"),
        ("nn", "Jeg skjønner ikke hvorfor det tar så lang tid, hva er planen nå?", "nb"),
        # Norwegian, but not clearly bokmål or nynorsk: the field's Norwegian stands.
        ("nn", "Det er fint at det skal bli en lekeplass her", "nn"),
        # Too short to tell: the field's.
        ("nb", "OK!", "nb"),
    ],
)
def test_a_comment_is_recorded_in_the_fields_language_unless_clearly_in_another(
    client, site, field, text, recorded
):
    _api(client, site, field).comment(text, language=field)
    assert Item.objects.get(text=text).language == recorded


@pytest.mark.parametrize(
    ("language", "hidden", "appeal_page", "upheld"),
    [
        (
            "en",
            "Your comment was hidden because it breaks the house rule “Hold deg til saken”.",
            "Appeal",
            "Your appeal has been decided: the decision stands. Reason: Off topic.",
        ),
        (
            "nn",
            "Kommentaren din er skjult fordi han bryt husregelen «Hold deg til saken».",
            "Klag",
            "Klaga di er avgjord: avgjerda står ved lag. Grunngiving: Off topic.",
        ),
    ],
)
def test_a_hidden_comment_posted_through_the_field_gets_notices_in_its_language(
    client, site, world, language, hidden, appeal_page, upheld
):
    """Posted through the widget's API in English or nynorsk, hidden by a moderator: the
    notice, the state the field shows, the appeal page and the appeal's outcome are all
    in the comment's language."""
    api = _api(client, site, language)
    text = "Lovely news about the playground!" if language == "en" else "Kva tid opnar han?"
    api.comment(text, commenter=MINE, language=language)
    item = Item.objects.get(text=text)
    assert item.language == language
    decision_record(item=item, verb=Verb.APPROVE, by=world.moderator)
    rule = HouseRule.objects.get(channel=site.channel, code="saklig")
    decision = decision_record(item=item, verb=Verb.HIDE, by=world.moderator, house_rule=rule)

    notice = Notice.objects.get(decision=decision)
    assert notice.language == language
    assert notice.text.startswith(hidden)

    [own] = api.post("mine", {"commenter": MINE, "page_url": PAGE}).json()["comments"]
    assert own["state_text"] == (
        "Hidden because it breaks the house rule “Hold deg til saken”."
        if language == "en"
        else "Skjult fordi han bryt husregelen «Hold deg til saken»."
    )
    page = client.get(own["appeal_url"].removeprefix("http://testserver"))
    assert page["Content-Language"] == language
    assert appeal_page in page.content.decode()

    appeal = appeal_submit(decision=decision, text="No")
    [own] = api.post("mine", {"commenter": MINE, "page_url": PAGE}).json()["comments"]
    assert own["appeal_text"] == (
        "Your appeal has been received and will be decided by another moderator."
        if language == "en"
        else "Klaga di er motteken og blir avgjord av ein annan moderator."
    )
    second = make_user("moderator2", roles.MODERATOR, world.org)
    appeal_decide(appeal=appeal, by=second, overturn=False, reason="Off topic.")
    [own] = api.post("mine", {"commenter": MINE, "page_url": PAGE}).json()["comments"]
    assert own["appeal_text"] == upheld
    outcome = Notice.objects.get(appeal=appeal)
    assert (outcome.language, outcome.text) == (language, upheld)


@pytest.mark.parametrize(
    ("language", "awaiting", "published"),
    [
        ("nb", "Venter på moderering.", "Publisert."),
        ("nn", "Ventar på moderering.", "Publisert."),
        ("en", "Awaiting moderation.", "Published."),
    ],
)
def test_the_states_of_ones_own_comments_are_in_the_language(
    client, site, world, language, awaiting, published
):
    api = _api(client, site, language)
    api.comment("Første kommentar.", commenter=MINE, language=language)
    api.comment("Andre kommentar.", commenter=MINE, language=language)
    decision_record(
        item=Item.objects.get(text="Andre kommentar."), verb=Verb.APPROVE, by=world.moderator
    )
    mine = api.post("mine", {"commenter": MINE, "page_url": PAGE}).json()["comments"]
    assert [c["state_text"] for c in mine] == [awaiting, published]
    assert all(c["created_at_text"] for c in mine)


@pytest.mark.parametrize(
    ("language", "state", "text"),
    [
        ("nb", "hidden", "Skjult av en moderator."),
        ("nn", "removed", "Fjerna av ein moderator."),
        ("en", "hidden", "Hidden by a moderator."),
    ],
)
def test_a_removal_without_a_house_rule_says_a_moderator_made_it(language, state, text):
    with texts.in_language(language):
        assert texts.own_comment_words({"state": state, "house_rule": ""})["state_text"] == text
