"""The publishing pages: who sees what, compose with preview, the approval buttons, crisis."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.publishing.helpers import LINK, approved, compose
from tests.publishing.test_api import PNG
from tilstede.publishing.models import Post, PostState


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


# The outsider works for another agency: their own (empty) lists, none of our posts.
PAGES = [
    ("/publisering/", {"admin", "moderator", "reader", "outsider"}),
    ("/publisering/ny/", {"admin", "moderator", "outsider"}),
    ("/publisering/{post}/", {"admin", "moderator", "reader"}),
    ("/publisering/{post}/endre/", {"admin", "moderator"}),
    ("/publisering/krise/", {"admin", "moderator", "reader", "outsider"}),
    ("/publisering/krise/maler/ny/", {"admin"}),
    ("/publisering/kanaler/", {"admin", "moderator", "reader", "outsider"}),
]


@pytest.mark.parametrize("persona", ["admin", "moderator", "responder", "reader", "outsider"])
@pytest.mark.parametrize(("url", "allowed"), PAGES)
def test_every_page_checks_the_role(login, world, channels, persona, url, allowed):
    post = compose(world, [channels["mastodon"]])
    response = login(getattr(world, persona)).get(url.format(post=post.pk))
    if persona in allowed:
        assert response.status_code == 200
        if persona == "outsider":
            assert "Brua over Fjordelva" not in response.content.decode()
            assert "Testvik-Mastodon" not in response.content.decode()
    else:
        assert response.status_code in (403, 404)


def test_the_preview_shows_each_channel_and_what_to_fix(login, world, channels):
    client = login(world.moderator)
    response = client.post(
        "/publisering/ny/",
        {
            "text": "ø" * 290,
            "link": LINK,
            "information": "on",
            "language": "nb",
            "channels": [channels["mastodon"].pk, channels["bluesky"].pk],
            "image_1": SimpleUploadedFile("kart.png", PNG, content_type="image/png"),
            "image_1_alt": "",
            "action": "preview",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Testvik-Mastodon" in page and "Testvik-Bluesky" in page
    assert "315" in page and "500" in page  # Mastodon: 290 + 2 + 23 of 500
    assert "kart.png" in page
    assert not Post.objects.exists()  # a preview stores nothing


def test_compose_save_and_send_for_approval(login, world, channels):
    client = login(world.moderator)
    response = client.post(
        "/publisering/ny/",
        {
            "text": "Brua er stengt i helga.",
            "link": LINK,
            "information": "on",
            "language": "nb",
            "channels": [channels["mastodon"].pk],
            "image_1": SimpleUploadedFile("bro.png", PNG, content_type="image/png"),
            "image_1_alt": "Brua over Fjordelva med sperringer",
            "action": "submit",
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302 and response.url == f"/publisering/{post.pk}/"
    assert post.state == PostState.AWAITING_APPROVAL
    image = post.images.get()
    assert image.alt_text == "Brua over Fjordelva med sperringer"
    assert client.get(f"/publisering/{post.pk}/bilde/{image.pk}/").status_code == 200
    # The writer sees why they cannot approve; a colleague can.
    page = client.get(f"/publisering/{post.pk}/").content.decode()
    assert "fireøyneprinsippet" in page.lower()
    admin = login(world.admin)
    admin.post(f"/publisering/{post.pk}/godkjenn/")
    post.refresh_from_db()
    assert post.state == PostState.APPROVED


def test_schedule_in_oslo_time_from_the_page(login, world, channels):
    post = approved(world, [channels["mastodon"]])
    client = login(world.moderator)
    client.post(f"/publisering/{post.pk}/planlegg/", {"at": "2030-06-03T09:00"})
    post.refresh_from_db()
    assert post.state == PostState.SCHEDULED
    assert post.scheduled_for.isoformat() == "2030-06-03T07:00:00+00:00"


def test_a_reader_cannot_act(login, world, channels):
    post = approved(world, [channels["mastodon"]])
    assert login(world.reader).post(f"/publisering/{post.pk}/publiser/").status_code == 403


def test_crisis_pages(login, world, org, channels):
    client = login(world.admin)
    client.post(
        "/publisering/krise/erklaer/",
        {"name": "Flom", "channels": [channels["mastodon"].pk], "poll_minutes": 2},
    )
    crisis = org.crises.get()
    assert crisis.active
    page = client.get("/publisering/krise/").content.decode()
    assert "Flom" in page
    assert client.get(f"/publisering/krise/{crisis.pk}/logg/").status_code == 200
    assert client.get(f"/publisering/krise/{crisis.pk}/logg.csv").status_code == 302
    client.post(f"/publisering/krise/{crisis.pk}/avslutt/")
    response = client.get(f"/publisering/krise/{crisis.pk}/logg.csv")
    assert response.status_code == 200 and response.content.startswith(b"tid_oslo,")
    assert login(world.reader).get(f"/publisering/krise/{crisis.pk}/logg.pdf").status_code == 200


def test_an_administrator_sets_the_four_eyes_rule_per_channel(login, world, channels):
    from tilstede.core.models import AuditEvent
    from tilstede.publishing.models import PublishingSettings

    mastodon = channels["mastodon"]
    form = {"channel": mastodon.pk, f"c{mastodon.pk}-max_characters": "1000"}
    assert login(world.moderator).post("/publisering/kanaler/", form).status_code == 403
    login(world.admin).post("/publisering/kanaler/", form)  # four_eyes unticked
    settings = PublishingSettings.objects.get(channel=mastodon)
    assert not settings.four_eyes and settings.max_characters == 1000
    assert AuditEvent.objects.filter(verb="channel.publishing_settings").exists()
