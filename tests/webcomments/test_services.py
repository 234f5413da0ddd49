"""Services and models of the comment field: sites, origins, the limit, the texts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.webcomments.conftest import ORIGIN, PAGE, make_site
from tilstede.core.models import AuditEvent, Item, ModerationMode, Platform, Visibility
from tilstede.webcomments import texts
from tilstede.webcomments.models import Site, origin_of
from tilstede.webcomments.services import (
    CommentInput,
    InvalidInput,
    comment_post,
    comment_validate,
    draft_check,
    rate_limit_take,
    site_create,
)


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://www.Example.no/side?x=1#a", "https://www.example.no"),
        ("https://example.no:443/", "https://example.no"),
        ("http://127.0.0.1:8000/c/", "http://127.0.0.1:8000"),
        ("http://[::1]:8000/", "http://[::1]:8000"),
        ("javascript:alert(1)", ""),
        ("ftp://example.no/", ""),
        ("https://example.no:99999/", ""),
        ("", ""),
    ],
)
def test_origin_of(url, origin):
    assert origin_of(url) == origin


def test_a_new_site_gets_a_pre_moderated_web_comment_channel(world):
    site = make_site(world)
    assert site.channel.platform == Platform.WEBCOMMENTS
    assert site.channel.moderation_mode == ModerationMode.PRE_MODERATE
    assert site.channel.organisation == world.org
    assert len(site.key) >= 20
    assert AuditEvent.objects.filter(verb="webcomments.site_created").count() == 1
    other = make_site(world)
    assert other.channel.slug != site.channel.slug
    assert other.key != site.key


def test_a_site_can_share_an_existing_channel(world):
    site = make_site(world)
    second = site_create(
        name="Beta", allowed_origins=["https://beta.testvik.no"], channel=site.channel
    )
    assert second.channel == site.channel


def test_allowed_origins_must_be_origins(world):
    with pytest.raises(ValidationError):
        make_site(world, origins=["https://www.testvik.kommune.no/nyheter"])
    with pytest.raises(ValidationError):
        make_site(world, origins=[])


def test_a_site_refuses_a_channel_of_another_platform(world):
    site = Site(channel=world.channel, name="Feil", allowed_origins=ORIGIN)
    with pytest.raises(ValidationError):
        site.full_clean()


def test_validate_reads_and_trims_a_comment():
    data = comment_validate(
        {
            "page_url": PAGE + "#kommentarer",
            "author_name": "  Kari   Nordmann ",
            "text": "Hei\r\npå deg ",
            "commenter": "too-short",
            "language": "nb",
            "extra": "ignored",
        }
    )
    assert data == CommentInput(
        page_url=PAGE, author_name="Kari Nordmann", text="Hei\npå deg", language="nb"
    )


def test_validate_collects_every_problem():
    with pytest.raises(InvalidInput) as caught:
        comment_validate({})
    assert set(caught.value.fields) == {"page_url", "author_name", "text"}


def test_the_honeypot_counts_and_stores_nothing(world):
    site = make_site(world)
    result = comment_post(
        site=site,
        data=CommentInput(page_url=PAGE, author_name="Bot", text="Spam", honeypot=True),
    )
    assert result.spam and not result.visible
    assert result.message == texts.AWAITS_MODERATION
    assert Item.objects.count() == 0


def test_comment_post_uses_ingest_and_screens(world, fnr):
    site = make_site(world)
    result = comment_post(
        site=site,
        data=CommentInput(page_url=PAGE, author_name="Ola", text=f"Mitt fnr er {fnr}"),
        origin=ORIGIN,
    )
    item = Item.objects.get(external_id=result.external_id)
    assert result.held_because == "personal_data"
    assert item.visibility == Visibility.HELD
    assert item.versions.get().screening.findings.get().category == "national_id"


def test_draft_check_lists_each_category_once():
    verdict = draft_check(text="Ring 912 34 567 eller 913 45 678")
    assert verdict.categories == ["phone"]
    assert verdict.as_dict()["findings"][0]["label"] == "telefonnummer"


def test_the_rate_limit_counts_per_client_and_window(world):
    site = make_site(world)
    limit = (2, 600)
    t = 1_000_000.0 * 600  # the start of a window
    assert rate_limit_take(scope="x", site=site, client="a", limit=limit, now=t) is None
    assert rate_limit_take(scope="x", site=site, client="a", limit=limit, now=t + 1) is None
    assert rate_limit_take(scope="x", site=site, client="a", limit=limit, now=t + 100) == 500
    assert rate_limit_take(scope="x", site=site, client="b", limit=limit, now=t + 100) is None
    assert rate_limit_take(scope="y", site=site, client="a", limit=limit, now=t + 100) is None
    assert rate_limit_take(scope="x", site=site, client="a", limit=limit, now=t + 600) is None


@pytest.mark.parametrize(
    ("language", "delta", "clock", "text"),
    [
        (
            "nb",
            dt.timedelta(hours=8),
            False,
            "Vi svarer vanligvis innen 8 timer i åpningstiden på hverdager.",
        ),
        ("nb", dt.timedelta(hours=1), True, "Vi svarer vanligvis innen 1 time."),
        # Opening hours are counted in hours, as the desk counts the promise.
        (
            "nb",
            dt.timedelta(days=3),
            False,
            "Vi svarer vanligvis innen 72 timer i åpningstiden på hverdager.",
        ),
        ("nb", dt.timedelta(days=2), True, "Vi svarer vanligvis innen 2 døgn."),
        ("nb", dt.timedelta(minutes=30), True, "Vi svarer vanligvis innen 30 minutter."),
        (
            "nn",
            dt.timedelta(hours=8),
            False,
            "Vi svarar vanlegvis innan 8 timar i opningstida på kvardagar.",
        ),
        ("nn", dt.timedelta(minutes=90), True, "Vi svarar vanlegvis innan 1 time og 30 minutt."),
        (
            "en",
            dt.timedelta(hours=8),
            False,
            "We usually answer within 8 hours during opening hours on weekdays.",
        ),
        ("en", dt.timedelta(hours=1), True, "We usually answer within 1 hour."),
    ],
)
def test_the_response_time_promise_in_each_language(language, delta, clock, text):
    with texts.in_language(language):
        assert texts.response_time(delta, around_the_clock=clock) == text


@pytest.mark.parametrize(
    ("language", "seconds", "text"),
    [
        ("nb", 30, "prøv igjen om 1 minutt."),
        ("nb", 61, "prøv igjen om 2 minutter."),
        ("nn", 61, "prøv igjen om 2 minutt."),
        ("en", 61, "try again in 2 minutes."),
    ],
)
def test_the_rate_limit_says_how_long_to_wait_in_whole_minutes(language, seconds, text):
    with texts.in_language(language):
        assert texts.rate_limited(seconds).endswith(text)


@pytest.mark.parametrize(
    ("tag", "language"),
    [("nb", "nb"), ("nb-NO", "nb"), ("no", "nb"), ("NN_no", "nn"), ("en-GB", "en"), ("de", "")],
)
def test_a_language_tag_is_read_as_one_of_the_fields_languages(tag, language):
    assert texts.language_of(tag) == language
