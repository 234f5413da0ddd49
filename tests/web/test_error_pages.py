"""Django's error pages in the desk's style and the reader's language, never a bare
English "403 Forbidden"."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.views.defaults import server_error


def _client(language: str, **kwargs) -> Client:
    client = Client(**kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _assert_desk_page(response, status: int, language: str, heading: str) -> None:
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'href="/static/tilstede/tilstede.css"' in html or "tilstede.css" in html
    assert f"<h1>{heading}</h1>" in html
    assert "Forbidden" not in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Page not found"), ("nb", "Fant ikke siden"), ("nn", "Fann ikkje sida")],
)
def test_an_unknown_address_gets_the_desks_404(db, language, heading) -> None:
    response = _client(language).get("/no-such-page/")
    _assert_desk_page(response, 404, language, heading)


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "You do not have access to this page"),
        ("nb", "Du har ikke tilgang til denne siden"),
        ("nn", "Du har ikkje tilgang til denne sida"),
    ],
)
def test_a_role_without_access_gets_the_desks_403(world, language, heading) -> None:
    client = _client(language)
    client.force_login(world.responder)
    response = client.get("/audit/")
    _assert_desk_page(response, 403, language, heading)


def test_a_bad_request_gets_the_desks_400(db) -> None:
    response = _client("en").get("/", HTTP_HOST="not-this-installation.example")
    _assert_desk_page(response, 400, "en", "The request could not be read")


def test_a_refused_csrf_check_says_what_to_do(world) -> None:
    client = _client("en", enforce_csrf_checks=True)
    client.force_login(world.moderator)
    response = client.post("/logout/")
    _assert_desk_page(response, 403, "en", "The form had expired")
    assert "reload the page" in response.content.decode()


def test_a_server_error_gets_the_desks_500(db) -> None:
    from django.utils import translation

    request = RequestFactory().get("/")
    with translation.override("en"):
        response = server_error(request)
    _assert_desk_page(response, 500, "en", "Something went wrong")
