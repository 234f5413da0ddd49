"""Pages that can show personal data are never stored by a cache (issue 16)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_item
from tilstede.api.models import ApiToken


@pytest.mark.parametrize("page", ["/", "/inbox/", "/audit/", "/channels/"])
def test_desk_pages_are_no_store(client, world, page):
    client.force_login(world.admin)
    response = client.get(page)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_an_item_page_is_no_store(client, world):
    item = make_item(world.channel, "Ring meg på 912 34 567")
    client.force_login(world.moderator)
    response = client.get(reverse("item", args=[item.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_api_answers_are_no_store(client, world):
    token = ApiToken.issue(user=world.moderator, name="t")[1]
    response = client.get("/api/items", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get("/api/items")["Cache-Control"]  # the refusal too


def test_public_widget_files_keep_their_own_caching(client, db):
    response = client.get(reverse("webcomments:widget_js"))
    assert response["Cache-Control"] == "public, max-age=3600"
