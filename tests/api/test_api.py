"""The JSON API: every endpoint against every role, and bad input gets a clear 4xx."""

from __future__ import annotations

import json
import random

import pytest

from tests.ingest.fakes import raw
from tilstede.api.models import ApiToken
from tilstede.core.models import AuditEvent, HouseRule, Item, Visibility
from tilstede.demo.synthetic import fodselsnummer
from tilstede.ingest.services import items_receive
from tilstede.moderation.models import Decision

FNR = fodselsnummer(random.Random(21))


@pytest.fixture
def data(world):
    HouseRule.objects.create(channel=world.channel, code="harassment", title="Trakassering")
    items_receive(
        channel=world.channel,
        raw_items=[
            raw(1, f"Fnr {FNR} og jeg venter på svar"),
            raw(2, "Hull i veien", parent="1"),
            raw(3, "Takk"),
        ],
    )
    Item.objects.filter(external_id="2").update(topic=world.roads)
    items_receive(channel=world.other_channel, raw_items=[raw("other-1", "Annen etat")])
    return world


def call(client, user, method, url, body=None):
    headers = {}
    if user is not None:
        _token, key = ApiToken.issue(user=user, name="test")
        headers["Authorization"] = f"Bearer {key}"
    kwargs = (
        {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
    )
    return getattr(client, method)(url, headers=headers, **kwargs)


def item_id(ext):
    return Item.objects.get(external_id=ext).pk


# Who may use what: (method, url, body) -> set of roles that get a 2xx.
def endpoints():
    return [
        ("get", "/api/items", None, {"admin", "moderator", "responder", "reader", "outsider"}),
        ("get", "/api/items/{held}", None, {"admin", "moderator", "reader"}),
        ("get", "/api/items/{roads}", None, {"admin", "moderator", "responder", "reader"}),
        ("post", "/api/items/{held}/reveal", {}, {"admin", "moderator"}),
        ("post", "/api/items/{held}/claim", {}, {"admin", "moderator"}),
        ("post", "/api/items/{held}/decisions", {"verb": "approve"}, {"admin", "moderator"}),
        # The outsider sees the figures of their own agency (test below), not ours.
        ("get", "/api/figures/transparency", None, {"admin", "moderator", "reader", "outsider"}),
        ("get", "/api/figures/response", None, {"admin", "moderator", "reader", "outsider"}),
        ("get", "/api/items/{roads}/saved-replies", None, {"admin", "moderator", "responder"}),
        (
            "post",
            "/api/items/{roads}/replies",
            {"text": "Takk, vi ser på det."},
            {"admin", "moderator", "responder"},
        ),
    ]


@pytest.mark.parametrize("persona", ["admin", "moderator", "responder", "reader", "outsider", None])
@pytest.mark.parametrize(("method", "url", "body", "allowed"), endpoints())
def test_every_endpoint_checks_the_role(client, data, persona, method, url, body, allowed):
    url = url.format(held=item_id("1"), roads=item_id("2"))
    user = getattr(data, persona) if persona else None
    response = call(client, user, method, url, body)
    if persona is None:
        assert response.status_code == 401
    elif persona in allowed:
        assert response.status_code in (200, 201), response.content
    else:
        assert response.status_code in (403, 404), response.content
        assert "detail" in response.json()


def test_figures_cover_only_the_callers_organisations(client, data):
    ours = {
        f["channel"] for f in call(client, data.reader, "get", "/api/figures/transparency").json()
    }
    theirs = {
        f["channel"] for f in call(client, data.outsider, "get", "/api/figures/transparency").json()
    }
    assert data.channel.name in ours and data.channel.name not in theirs
    assert theirs == {data.other_channel.name}


def test_the_list_shows_only_what_the_caller_may_see(client, data):
    ids = {
        i["external_id"] for i in call(client, data.moderator, "get", "/api/items").json()["items"]
    }
    assert ids == {"1", "2", "3"}
    ids = {
        i["external_id"] for i in call(client, data.responder, "get", "/api/items").json()["items"]
    }
    assert ids == {"2"}
    ids = {
        i["external_id"] for i in call(client, data.outsider, "get", "/api/items").json()["items"]
    }
    assert ids == {"other-1"}


def test_items_are_redacted_until_revealed_and_a_reveal_is_logged(client, data):
    listed = call(client, data.moderator, "get", "/api/items", None).json()["items"]
    held = next(i for i in listed if i["external_id"] == "1")
    assert FNR not in json.dumps(listed) and "[fødselsnummer]" in held["text_redacted"]
    assert held["categories"] == ["national_id"] and held["visibility"] == "held"
    revealed = call(client, data.moderator, "post", f"/api/items/{held['id']}/reveal", {}).json()
    assert FNR in revealed["text"]
    assert AuditEvent.objects.filter(verb="item.reveal", actor_label="moderator").exists()


def test_filters_and_keyset_paging(client, data):
    held = call(client, data.moderator, "get", "/api/items?state=held").json()["items"]
    assert [i["external_id"] for i in held] == ["1"]
    cat = call(client, data.moderator, "get", "/api/items?category=national_id").json()["items"]
    assert [i["external_id"] for i in cat] == ["1"]
    seen, cursor = [], ""
    while True:
        page = call(client, data.moderator, "get", f"/api/items?limit=1{cursor}").json()
        seen += [i["external_id"] for i in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert sorted(seen) == ["1", "2", "3"] and len(seen) == 3


def test_the_detail_has_thread_versions_findings_and_history(client, data):
    detail = call(client, data.moderator, "get", f"/api/items/{item_id('1')}").json()
    assert [t["external_id"] for t in detail["thread"]] == ["2"]
    assert detail["versions"][0]["findings"][0]["category"] == "national_id"
    assert FNR not in json.dumps(detail)
    assert any(h["verb"] == "item.hold" for h in detail["history"])
    assert detail["decisions"][0]["verb"] == "hold"


def test_a_decision_through_the_api(client, data):
    response = call(
        client,
        data.moderator,
        "post",
        f"/api/items/{item_id('3')}/decisions",
        {"verb": "hide", "house_rule": "harassment", "reason": "personangrep"},
    )
    assert response.status_code == 201
    assert Item.objects.get(external_id="3").visibility == Visibility.HIDDEN
    assert Decision.objects.get(pk=response.json()["id"]).by == data.moderator


@pytest.mark.parametrize(
    ("url", "body", "status", "message"),
    [
        ("/api/items/999999/decisions", {"verb": "approve"}, 404, ""),
        ("/api/items/{held}/decisions", {"verb": "hide"}, 400, "husregelen"),
        (
            "/api/items/{held}/decisions",
            {"verb": "hide", "house_rule": "nope"},
            400,
            "no house rule",
        ),
        ("/api/items/{held}/decisions", {"verb": "unhide"}, 409, "kan ikke"),
        ("/api/items/{held}/decisions", {"verb": "explode"}, 422, ""),
        (
            "/api/items/{held}/decisions",
            {"verb": "assign", "assignee": "nobody"},
            400,
            "no colleague",
        ),
        ("/api/items/{held}/decisions", {"verb": "approve", "reason": "x" * 5001}, 422, ""),
        ("/api/items/{held}/decisions", {"verb": 5}, 422, ""),
        ("/api/items/not-a-number", None, 422, ""),
        ("/api/items?cursor=garbage", None, 400, "cursor"),
        ("/api/items?limit=0", None, 422, ""),
        ("/api/figures/transparency?month=2026-13", None, 422, ""),
    ],
)
def test_bad_input_gets_a_clear_4xx(client, data, url, body, status, message):
    url = url.format(held=item_id("1"))
    method = "post" if body is not None else "get"
    response = call(client, data.moderator, method, url, body)
    assert response.status_code == status, response.content
    if message:
        assert message in response.json()["detail"]


def test_a_claim_conflict_is_409(client, data):
    from tests.conftest import make_user

    second = make_user("moderator2", "moderator", data.org)
    assert (
        call(client, data.moderator, "post", f"/api/items/{item_id('1')}/claim", {}).status_code
        == 200
    )
    response = call(
        client, second, "post", f"/api/items/{item_id('1')}/decisions", {"verb": "approve"}
    )
    assert response.status_code == 409 and "moderator" in response.json()["detail"]


def test_a_revoked_token_is_refused(client, data):
    token, key = ApiToken.issue(user=data.moderator, name="old")
    from django.utils import timezone

    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/items", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_session_posts_need_csrf(data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(data.moderator)
    assert client.get("/api/items").status_code == 200
    response = client.post(
        f"/api/items/{item_id('1')}/claim", content_type="application/json", data="{}"
    )
    assert response.status_code == 403


def test_the_openapi_document_is_served(client, db):
    doc = client.get("/api/openapi.json").json()
    assert doc["info"]["title"] == "Tilstede API" and "/api/items" in doc["paths"]


def test_the_overdue_filter_splits_by_the_desks_promise(client, data):
    def is_overdue(item: Item) -> bool:
        return Item.objects.with_overdue().get(pk=item.pk).is_overdue

    overdue = call(client, data.moderator, "get", "/api/items?overdue=true").json()["items"]
    rest = call(client, data.moderator, "get", "/api/items?overdue=false").json()["items"]
    assert overdue, "a question from weeks ago with no answer is overdue"
    assert all(is_overdue(Item.objects.get(pk=i["id"])) for i in overdue)
    assert not any(is_overdue(Item.objects.get(pk=i["id"])) for i in rest)
    assert len(overdue) + len(rest) == 3


def test_a_reply_through_the_api_lands_in_the_thread(client, data):
    response = call(
        client,
        data.responder,
        "post",
        f"/api/items/{item_id('2')}/replies",
        {"text": "Vi fikser hullet i morgen."},
    )
    assert response.status_code == 201, response.content
    reply = Item.objects.get(pk=response.json()["id"])
    assert reply.direction == "out" and reply.parent_id == item_id("2")
    assert response.json()["status"] == "pending"
    # Queued, not delivered: the item still awaits an answer.
    assert Item.objects.get(external_id="2").response_state != "answered"


def test_saved_replies_put_the_redirect_first_for_a_case_request(client, data):
    from tilstede.ingest.models import VersionScreening

    VersionScreening.objects.filter(version__item__external_id="2").update(case_request=True)
    replies = call(client, data.moderator, "get", f"/api/items/{item_id('2')}/saved-replies").json()
    assert replies and replies[0]["suggested"]
    assert (
        replies[0]["purpose"] in ("redirect_case", "case", "case_request")
        or "sak" in replies[0]["text"].lower()
    )


def test_response_figures_per_channel_and_week(client, data):
    figures = call(client, data.moderator, "get", "/api/figures/response?week=2026-11-02").json()
    ours = next(f for f in figures if f["channel"] == data.channel.slug)
    assert ours["week"] == 45 and ours["needing_answer"] >= 1
    assert (
        call(client, data.moderator, "get", "/api/figures/response?week=tomorrow").status_code
        == 422
    )
