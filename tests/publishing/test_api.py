"""The publishing API: every endpoint against every role, and the flow end to end."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.publishing.helpers import approved, compose
from tilstede.api.models import ApiToken
from tilstede.publishing import services
from tilstede.publishing.models import Post, PostState

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
BODY = {
    "text": "Brua er stengt i helga.",
    "language": "nb",
    "channels": ["testvik-mastodon"],
    "link": "https://www.testvik.kommune.no/brua",
    "information": True,
}


def call(client, user, method, url, body=None):
    headers = {}
    if user is not None:
        _token, key = ApiToken.issue(user=user, name="test")
        headers["Authorization"] = f"Bearer {key}"
    kwargs = (
        {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
    )
    return getattr(client, method)(url, headers=headers, **kwargs)


@pytest.fixture
def data(world, org, channels):
    draft = compose(world, [channels["mastodon"]])
    waiting = compose(world, [channels["mastodon"]])
    services.post_submit(post=waiting, by=world.moderator)
    ready = approved(world, [channels["mastodon"]])
    own = services.crisis_template_save(
        organisation=org,
        by=world.admin,
        name="Vann",
        text="Kok vannet.",
        language="nb",
        link="https://www.testvik.kommune.no/vann",
    )
    pre = services.crisis_template_save(
        organisation=org,
        by=world.admin,
        name="Storm",
        text="Hold deg inne.",
        language="nb",
        link="https://www.testvik.kommune.no/storm",
    )
    services.crisis_template_approve(template=pre, by=world.moderator)
    ended = services.crisis_declare(
        organisation=org, name="Øvelse", channels=[channels["mastodon"]], by=world.admin
    )
    ended = services.crisis_end(crisis=ended, by=world.admin)
    return {
        "draft": draft.pk,
        "waiting": waiting.pk,
        "ready": ready.pk,
        "template": own.pk,
        "pre": pre.pk,
        "ended": ended.pk,
    }


def active(world, org, channels) -> int:
    return services.crisis_declare(
        organisation=org, name="Storm", channels=[channels["mastodon"]], by=world.admin
    ).pk


P = "/api/publishing"
EVERYONE = {"admin", "moderator", "reader", "outsider"}  # lists: the outsider sees their own
DESK = {"admin", "moderator"}
READ = {"admin", "moderator", "reader"}
LATER = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).isoformat()

# (method, url, body, roles that get a 2xx)
ENDPOINTS = [
    ("get", f"{P}/posts", None, EVERYONE),
    ("post", f"{P}/posts/check", BODY, DESK),
    ("post", f"{P}/posts", BODY, DESK),
    ("get", P + "/posts/{draft}", None, READ),
    ("patch", P + "/posts/{draft}", {"text": "Endret."}, DESK),
    ("post", P + "/posts/{draft}/submit", {}, DESK),
    # The moderator wrote it: the four-eyes rule leaves the administrator.
    ("post", P + "/posts/{waiting}/approve", {}, {"admin"}),
    ("post", P + "/posts/{waiting}/reject", {"reason": "Nei"}, DESK),
    ("post", P + "/posts/{ready}/schedule", {"at": LATER}, DESK),
    ("post", P + "/posts/{ready}/publish", {}, DESK),
    ("get", f"{P}/crises", None, EVERYONE),
    ("post", f"{P}/crises", {"name": "Flom", "channels": ["testvik-mastodon"]}, {"admin"}),
    ("get", P + "/crises/{crisis}", None, READ),
    ("post", P + "/crises/{crisis}/templates/{pre}/publish", {}, DESK),
    ("post", P + "/crises/{crisis}/suspend", {}, DESK),
    ("post", P + "/crises/{crisis}/resume", {}, DESK),
    ("post", P + "/crises/{crisis}/end", {}, {"admin"}),
    ("get", P + "/crises/{crisis}/log", None, READ),
    ("get", P + "/crises/{ended}/log?format=csv", None, READ),
    ("get", f"{P}/templates", None, EVERYONE),
    ("post", f"{P}/templates", {"name": "Ny", "text": "Tekst", "language": "nb"}, {"admin"}),
    # The administrator wrote it: a second person approves.
    ("post", P + "/templates/{template}/approve", {}, {"moderator"}),
]


@pytest.mark.parametrize("persona", ["admin", "moderator", "responder", "reader", "outsider", None])
@pytest.mark.parametrize(("method", "url", "body", "allowed"), ENDPOINTS)
def test_every_endpoint_checks_the_role(
    client, world, org, channels, data, persona, method, url, body, allowed
):
    ids = dict(data)
    if "{crisis}" in url:
        ids["crisis"] = active(world, org, channels)
    url = url.format(**ids)
    user = getattr(world, persona) if persona else None
    response = call(client, user, method, url, body)
    if persona is None:
        assert response.status_code == 401
    elif persona in allowed:
        assert response.status_code in (200, 201), response.content
    else:
        assert response.status_code in (403, 404), (response.status_code, response.content)
        assert "detail" in response.json()


def test_compose_returns_previews_and_problems(client, world, channels):
    body = {**BODY, "channels": ["testvik-mastodon", "testvik-bluesky"], "text": "ø" * 290}
    response = call(client, world.moderator, "post", f"{P}/posts", body)
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["state"] == "draft" and not out["ready"]
    lengths = {p["channel"]: p["length"] for p in out["previews"]}
    assert lengths == {"testvik-bluesky": 290 + 2 + len(BODY["link"]), "testvik-mastodon": 315}
    assert [(p["code"], p["channel"]) for p in out["problems"]] == [("too_long", "testvik-bluesky")]
    submit = call(client, world.moderator, "post", f"{P}/posts/{out['id']}/submit", {})
    assert submit.status_code == 400
    assert submit.json()["problems"][0]["code"] == "too_long"


def test_the_flow_through_the_api(client, world, channels):
    out = call(client, world.moderator, "post", f"{P}/posts", BODY).json()
    url = f"{P}/posts/{out['id']}"
    assert call(client, world.moderator, "post", f"{url}/submit", {}).status_code == 200
    refused = call(client, world.moderator, "post", f"{url}/approve", {})
    assert refused.status_code == 403 and "Fireøyneprinsippet" in refused.json()["detail"]
    assert call(client, world.admin, "post", f"{url}/approve", {}).json()["state"] == "approved"
    # A wall-clock time without offset is Oslo time: 09:00 in summer is 07:00 UTC.
    scheduled = call(client, world.moderator, "post", f"{url}/schedule", {"at": "2030-06-03T09:00"})
    at = dt.datetime.fromisoformat(scheduled.json()["scheduled_for"])
    assert at == dt.datetime(2030, 6, 3, 7, 0, tzinfo=dt.UTC)
    missing = call(client, world.moderator, "post", f"{url}/schedule", {"at": "2030-03-31T02:30"})
    assert missing.status_code == 400 and "finnes ikke i Norge" in missing.json()["detail"]
    published = call(client, world.moderator, "post", f"{url}/publish", {}).json()
    assert published["state"] == "publishing"
    assert [d["status"] for d in published["deliveries"]] == ["pending"]


def test_an_image_without_alt_text_blocks_submission(client, world, channels):
    out = call(client, world.moderator, "post", f"{P}/posts", BODY).json()
    _token, key = ApiToken.issue(user=world.moderator, name="test")
    response = client.post(
        f"{P}/posts/{out['id']}/images",
        {"file": SimpleUploadedFile("kart.png", PNG, content_type="image/png")},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 201, response.content
    assert [p["code"] for p in response.json()["problems"]] == ["alt_text_missing"]
    submit = call(client, world.moderator, "post", f"{P}/posts/{out['id']}/submit", {})
    assert submit.status_code == 400
    assert Post.objects.get(pk=out["id"]).state == PostState.DRAFT


def test_the_log_is_exported_only_when_the_crisis_has_ended(client, world, org, channels):
    crisis = active(world, org, channels)
    csv_url = f"{P}/crises/{crisis}/log?format=csv"
    assert call(client, world.admin, "get", csv_url).status_code == 409
    assert call(client, world.admin, "post", f"{P}/crises/{crisis}/end", {}).status_code == 200
    response = call(client, world.admin, "get", csv_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "Crisis declared" in response.content.decode() or "Krise" in response.content.decode()
    pdf = call(client, world.reader, "get", f"{P}/crises/{crisis}/log?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
