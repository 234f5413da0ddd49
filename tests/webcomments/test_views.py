"""The comment field's JSON endpoints, called the way widget.js calls them."""

from __future__ import annotations

import json

import pytest

from tests.webcomments.conftest import ORIGIN, PAGE, SECURE, Api, make_site
from tilstede.core.models import AuditEvent, Item, ModerationMode, Visibility
from tilstede.webcomments.models import Comment, Site


def _body(response) -> str:
    return response.content.decode()


# Key and origin


def test_it_answers_404_for_an_unknown_key(client, site):
    response = client.get("/c/no-such-key/config.json", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 404
    assert "Fant ikke kommentarfeltet" in response.json()["message"]


def test_it_answers_404_for_a_closed_site(api, site):
    Site.objects.filter(pk=site.pk).update(active=False)
    assert api.get("config.json").status_code == 404


def test_it_refuses_another_origin_and_sends_it_no_cors_header(api):
    response = api.get("config.json", origin="https://evil.example")
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response
    response = api.comment(origin="https://evil.example")
    assert response.status_code == 403
    assert Item.objects.count() == 0


def test_it_refuses_a_post_without_origin(api):
    assert api.comment(origin="").status_code == 403


def test_it_serves_the_config_to_a_plain_get_without_cors(api):
    response = api.get("config.json", origin="")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_it_answers_the_preflight_for_allowed_origins_only(client, api, site):
    response = client.options(
        api.url("comments"),
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "Content-Type"
    assert "Origin" in response["Vary"]
    assert "Access-Control-Allow-Credentials" not in response
    other = client.options(api.url("comments"), HTTP_ORIGIN="https://evil.example")
    assert other.status_code == 403
    assert "Access-Control-Allow-Origin" not in other


def test_it_matches_origins_without_regard_to_case_or_default_port(client, world):
    site = make_site(world, origins=["https://www.testvik.kommune.no"])
    api = Api(client, site, origin="https://WWW.Testvik.kommune.no:443")
    assert api.get("config.json").status_code == 200


# The config: house rules and privacy warning before the form [2.5, 3.4]


def test_the_config_gives_house_rules_privacy_warning_and_secure_channel(api):
    response = api.get("config.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    data = response.json()
    assert data["privacy"]["title"] == "Ikke del personopplysninger"
    assert "fødselsnummer" in data["privacy"]["text"]
    assert [r["title"] for r in data["house_rules"]["rules"]] == [
        "Hold deg til saken",
        "Ikke del personopplysninger",
    ]
    assert data["secure_contact"]["url"] == SECURE
    assert data["moderation"]["mode"] == ModerationMode.PRE_MODERATE
    assert "før de publiseres" in data["moderation"]["notices"][0]
    assert data["response_time"] == "Vi svarer vanligvis innen 8 timer i åpningstiden på hverdager."


# Pre-moderation, the default


def test_a_comment_awaits_moderation_and_nothing_is_public(api, site):
    response = api.comment("Når åpner lekeplassen?")
    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    data = response.json()
    assert data["status"] == "awaiting_moderation"
    assert "venter på moderering" in data["message"]
    assert "lekeplassen" not in _body(response)
    item = Item.objects.get(external_id=data["id"])
    assert item.visibility == Visibility.HELD
    assert item.kind == "comment"
    assert item.url == PAGE
    assert item.channel == site.channel
    assert item.versions.count() == 1
    assert Comment.objects.get(item=item).site == site
    assert api.page_comments().json() == {"comments": []}


def test_the_email_is_kept_but_never_public(api):
    data = api.comment("Hei!", author_email="kari@example.no").json()
    item = Item.objects.get(external_id=data["id"])
    assert item.webcomment.author_email == "kari@example.no"
    assert "kari@example.no" not in json.dumps(item.raw)
    item.visibility = Visibility.VISIBLE  # a moderator approves it
    item.save()
    assert "kari@example.no" not in _body(api.page_comments())


# Post-moderation and the new-commenter rule


def _post_moderated(site: Site, holds: int) -> None:
    site.channel.moderation_mode = ModerationMode.POST_MODERATE
    site.channel.save()
    site.new_commenter_holds = holds
    site.save()


TOKEN = "browser-id-0123456789abcdef"


def test_it_holds_a_new_commenters_first_comment_in_post_moderation(api, site):
    _post_moderated(site, holds=1)
    first = api.comment("Første kommentar", commenter=TOKEN).json()
    assert first["status"] == "awaiting_moderation"
    item = Item.objects.get(external_id=first["id"])
    assert item.visibility == Visibility.HELD
    event = AuditEvent.objects.get(verb="item.held", object_id=str(item.pk))
    assert event.details["rule"] == "webcomments.new_commenter"
    assert event.details["threshold"] == 1
    # A moderator approves it; from then on this browser's comments go straight out.
    item.visibility = Visibility.VISIBLE
    item.save()
    second = api.comment("Andre kommentar", commenter=TOKEN).json()
    assert second["status"] == "published"
    assert "publisert" in second["message"]
    shown = [c["text"] for c in api.page_comments().json()["comments"]]
    assert shown == ["Første kommentar", "Andre kommentar"]


def test_a_comment_without_browser_id_always_counts_as_new(api, site):
    _post_moderated(site, holds=1)
    assert api.comment("En").json()["status"] == "awaiting_moderation"
    Item.objects.update(visibility=Visibility.VISIBLE)
    assert api.comment("To").json()["status"] == "awaiting_moderation"


def test_post_moderation_without_the_rule_publishes_at_once(api, site):
    _post_moderated(site, holds=0)
    data = api.comment("Flott!").json()
    assert data["status"] == "published"
    comments = api.page_comments().json()["comments"]
    assert [(c["author"], c["text"]) for c in comments] == [("Kari", "Flott!")]
    assert api.page_comments(page_url=ORIGIN + "/annen-side").json() == {"comments": []}


# Personal data


def test_it_holds_a_comment_with_a_fodselsnummer_and_never_serves_its_text(api, site, fnr):
    _post_moderated(site, holds=0)
    text = f"Fødselsnummeret mitt er {fnr}, hvorfor har jeg ikke fått svar?"
    check = api.post("check", {"text": text})
    assert check.status_code == 200
    verdict = check.json()
    assert [f["category"] for f in verdict["findings"]] == ["national_id"]
    assert verdict["findings"][0]["label"] == "fødselsnummer eller D-nummer"
    assert verdict["ok"] is False
    response = api.comment(text)
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "awaiting_moderation"
    assert "personopplysninger" in data["message"]
    assert Item.objects.get(external_id=data["id"]).visibility == Visibility.HELD
    public = [check, response, api.page_comments(), api.get("config.json")]
    for answer in public:
        assert fnr not in _body(answer)
        assert "Fødselsnummeret mitt" not in _body(answer)


def test_the_check_says_when_a_draft_looks_like_a_case_request(api):
    verdict = api.post("check", {"text": "Hva er status på byggesaken min, saksnummer 2024/1234?"})
    data = verdict.json()
    assert data["case_request"] is True
    assert "2024/1234" not in _body(verdict)


def test_the_check_passes_an_ordinary_draft(api):
    data = api.post("check", {"text": "Så fint at parken blir pusset opp."}).json()
    assert data == {"ok": True, "findings": [], "case_request": False}


def test_the_check_stores_nothing(api, fnr):
    api.post("check", {"text": f"Mitt fødselsnummer er {fnr}"})
    assert Item.objects.count() == 0
    assert not AuditEvent.objects.filter(details__icontains=fnr).exists()


# Replies


def test_a_reply_to_a_visible_comment_is_linked_and_shown_under_it(api, site):
    _post_moderated(site, holds=0)
    parent = api.comment("Når åpner den?").json()["id"]
    reply = api.comment("Jeg lurer på det samme.", parent=parent).json()
    assert reply["status"] == "published"
    item = Item.objects.get(external_id=reply["id"])
    assert item.kind == "reply"
    assert item.parent.external_id == parent
    assert item.thread.external_id == parent
    shown = {c["id"]: c["parent"] for c in api.page_comments().json()["comments"]}
    assert shown == {parent: "", reply["id"]: parent}


def test_a_reply_to_a_held_comment_is_refused(api, site):
    parent = api.comment("Venter på moderering").json()["id"]
    response = api.comment("Svar", parent=parent)
    assert response.status_code == 400
    assert "parent" in response.json()["fields"]


def test_a_reply_to_a_comment_on_another_page_is_refused(api, site):
    _post_moderated(site, holds=0)
    parent = api.comment("Her").json()["id"]
    response = api.comment("Der", parent=parent, page_url=ORIGIN + "/annen-side")
    assert response.status_code == 400


def test_a_visible_reply_under_a_held_comment_does_not_point_to_it(api, site):
    _post_moderated(site, holds=0)
    parent = api.comment("Først synlig").json()["id"]
    reply = api.comment("Svar", parent=parent).json()["id"]
    Item.objects.filter(external_id=parent).update(visibility=Visibility.HIDDEN)
    comments = api.page_comments().json()["comments"]
    assert [(c["id"], c["parent"]) for c in comments] == [(reply, "")]


# Spam: honeypot and rate limit


def test_a_filled_honeypot_is_answered_like_success_and_stored_nowhere(api, site):
    response = api.comment("Kjøp billige klokker", website="https://spam.example")
    assert response.status_code == 202
    assert response.json()["status"] == "awaiting_moderation"
    assert Item.objects.count() == 0
    assert Comment.objects.count() == 0
    site.refresh_from_db()
    assert site.spam_rejected == 1


def test_it_limits_comments_per_address_and_site(api):
    for n in range(5):
        assert api.comment(f"Kommentar {n}").status_code == 201
    response = api.comment("En for mye")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "Retry-After" in response["Access-Control-Expose-Headers"]
    assert "Vent litt og prøv igjen" in response.json()["message"]
    assert Item.objects.count() == 5
    assert api.comment("Fra en annen adresse", ip="198.51.100.7").status_code == 201


def test_it_limits_checks_more_loosely(api):
    for _ in range(60):
        assert api.post("check", {"text": "Hei"}).status_code == 200
    assert api.post("check", {"text": "Hei"}).status_code == 429


# Bad requests


def test_malformed_json_gets_a_clear_400(api):
    response = api.post("comments", "{not json")
    assert response.status_code == 400
    assert response.json()["message"] == "Forespørselen er ikke gyldig JSON."
    assert response["Access-Control-Allow-Origin"] == ORIGIN


def test_json_that_is_not_an_object_gets_a_400(api):
    response = api.post("comments", [1, 2])
    assert response.status_code == 400
    assert response.json()["message"] == "Forespørselen må være et JSON-objekt."


def test_missing_fields_are_named_in_bokmal(api):
    response = api.post("comments", {"page_url": PAGE})
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields == {"author_name": "Skriv navnet ditt.", "text": "Skriv en kommentar."}


def test_an_oversized_comment_gets_a_400_with_the_limit(api):
    response = api.comment("x" * 5001)
    assert response.status_code == 400
    assert "høyst 5000 tegn" in response.json()["fields"]["text"]
    assert api.comment("x" * 5000).status_code == 201


def test_a_body_over_64_kb_is_refused(api):
    response = api.post("comments", {"text": "x" * 70_000})
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"author_email": "ikke-en-adresse"}, "author_email"),
        ({"author_name": "x" * 81}, "author_name"),
        ({"text": 42}, "text"),
        ({"page_url": "javascript:alert(1)"}, "page_url"),
        ({"parent": "not-a-comment"}, "parent"),
    ],
)
def test_bad_fields_are_refused(api, fields, field):
    response = api.comment(**fields)
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_a_page_on_another_origin_is_refused(api):
    response = api.comment(page_url="https://evil.example/side")
    assert response.status_code == 400
    assert "hører ikke til" in response.json()["fields"]["page_url"]


def test_listing_needs_the_page_address(api):
    assert api.get("comments").status_code == 400


def test_a_wrong_method_is_refused(client, api):
    response = client.delete(api.url("comments"), HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 405


# The script and the demo page


def test_the_widget_script_and_styles_are_served_for_other_origins(client):
    script = client.get("/c/widget.js")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("text/javascript")
    assert script["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert b"innerHTML" not in script.content
    css = client.get("/c/widget.css")
    assert css["Content-Type"].startswith("text/css")


def test_the_demo_page_exists_only_in_debug(client, site, settings):
    assert client.get(f"/c/demo/{site.key}/").status_code == 404
    settings.DEBUG = True
    response = client.get(f"/c/demo/{site.key}/")
    assert response.status_code == 200
    assert f'data-site="{site.key}"' in response.content.decode()


def test_in_debug_tilstedes_own_origin_may_post_for_the_demo(client, site, settings):
    settings.DEBUG = True
    own = "http://testserver"
    api = Api(client, site, origin=own)
    response = api.comment(page_url=f"{own}/c/demo/{site.key}/")
    assert response.status_code == 201


def test_a_nul_character_is_refused_with_a_clear_message(api):
    response = api.post("comments", '{"page_url": "x", "author_name": "K", "text": "a\\u0000b"}')
    assert response.status_code == 400 and response.json()["message"]
