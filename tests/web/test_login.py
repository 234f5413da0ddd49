from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse


def test_the_login_page_is_in_bokmal(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "Logg inn i Tilstede" in html and "Brukernavn" in html


def test_the_login_page_switches_to_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html and "Log in to Tilstede" in html


def test_the_demo_login_works_and_shows_the_channels(client, db):
    call_command("demo-data", stdout=None)
    response = client.post(reverse("login"), {"username": "moderator", "password": "demo"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Fjordvik kommune på Facebook" in html


def test_a_wrong_password_is_refused_with_a_message(client, db):
    call_command("demo-data", stdout=None)
    response = client.post(reverse("login"), {"username": "moderator", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_the_overview_needs_a_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_admin_shows_demo_content_in_bokmal(client, db):
    call_command("demo-data", stdout=None)
    client.login(username="operator", password="demo")
    html = client.get(reverse("admin:core_item_changelist")).content.decode()
    assert "Fjordvik" in html
    assert "Velg" in html or "element" in html  # Django's own bokmål admin strings


def test_healthz_answers(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
