"""Every check a post passes before publishing, on plain data (no database)."""

from __future__ import annotations

import random

import pytest

from tilstede.core.categories import category_label
from tilstede.demo.synthetic import fodselsnummer
from tilstede.publishing.checks import (
    ChannelRules,
    Draft,
    ImageSpec,
    check_draft,
    graphemes,
)

MASTODON = ChannelRules.for_platform("mastodon", slug="m", name="Mastodon")
BLUESKY = ChannelRules.for_platform("bluesky", slug="b", name="Bluesky")
FACEBOOK = ChannelRules.for_platform("facebook", slug="f", name="Facebook")
SITE = "https://www.testvik.kommune.no"
THUMB = "👍🏽"  # thumbs up + skin tone: two code points, one grapheme
FAMILY = "👨‍👩‍👧"  # five code points joined by ZWJ, one grapheme
E_ACUTE = "e\u0301"  # e + combining acute accent, one grapheme


def check(text, channels=(MASTODON,), **fields):
    fields.setdefault("language", "nb")
    fields.setdefault("own_website", SITE)
    return check_draft(Draft(text=text, channels=list(channels), **fields))


def codes(result):
    return [p.code for p in result.problems]


def test_graphemes_count_what_a_reader_sees():
    assert graphemes(THUMB) == 1 and len(THUMB) == 2
    assert graphemes(FAMILY) == 1 and len(FAMILY) == 5
    assert graphemes(E_ACUTE) == 1 and len(E_ACUTE) == 2
    assert graphemes("🇳🇴") == 1
    assert graphemes("Blåbær") == 6


@pytest.mark.parametrize(("rules", "limit"), [(MASTODON, 500), (BLUESKY, 300), (FACEBOOK, 63_206)])
def test_a_post_at_the_limit_passes_and_one_over_fails(rules, limit):
    assert check("a" * limit, [rules]).ok
    over = check("a" * (limit + 1), [rules])
    assert codes(over) == ["too_long"]
    assert f"{limit + 1}" in over.problems[0].message and "1" in over.problems[0].message
    assert over.previews[0].length == limit + 1 and over.previews[0].over


@pytest.mark.parametrize("char", [THUMB, E_ACUTE])
def test_bluesky_counts_emoji_and_combining_marks_as_one(char):
    at_limit = check(char * 300, [BLUESKY])
    assert at_limit.ok, at_limit.problems
    assert at_limit.previews[0].length == 300
    assert codes(check(char * 301, [BLUESKY])) == ["too_long"]


def test_mastodon_counts_graphemes_too():
    assert check(THUMB * 500, [MASTODON]).ok
    assert codes(check(E_ACUTE * 501, [MASTODON])) == ["too_long"]


def test_bluesky_also_caps_the_bytes():
    # A family emoji is one grapheme but 18 bytes: 150 of them fit, 300 do not.
    assert check(FAMILY * 150, [BLUESKY]).previews[0].length == 150
    assert check(FAMILY * 150, [BLUESKY]).ok
    assert codes(check(FAMILY * 300, [BLUESKY])) == ["too_many_bytes"]


def test_links_count_as_each_platform_counts_them():
    link = "https://www.testvik.kommune.no/" + "a" * 100
    text = "x" * 450
    result = check(text, [MASTODON, BLUESKY, FACEBOOK], link=link)
    mastodon, bluesky, facebook = result.previews
    # Mastodon: the text, two line breaks, and the URL as 23.
    assert mastodon.length == 450 + 2 + 23 and not mastodon.over
    assert mastodon.text.endswith(link)
    # Bluesky: the link is part of the text and counts in full.
    assert bluesky.length == 450 + 2 + len(link) and bluesky.over
    # Facebook: the link goes as an attachment, not in the text.
    assert facebook.length == 450 and facebook.link_attached == link
    assert codes(result) == ["too_long"] and result.problems[0].channel == "b"


def test_a_url_inside_the_text_counts_as_23_on_mastodon():
    url = "https://example.org/" + "x" * 200 + "."
    assert check(f"Les {url}", [MASTODON]).previews[0].length == len("Les ") + 23 + 1


def test_the_instance_limit_replaces_the_default():
    wide = ChannelRules.for_platform("mastodon", slug="m", name="M", max_characters=1000)
    assert check("a" * 1000, [wide]).ok
    assert not check("a" * 1001, [wide]).ok


def test_a_mention_counts_by_its_local_part_on_mastodon():
    text = "@kari@a-very-long-instance-name.example.org " + "a" * 490
    assert check(text, [MASTODON]).previews[0].length == len("@kari ") + 490


def test_every_image_needs_alt_text():
    result = check(
        "Se bildene",
        images=[ImageSpec("kart.png", "Kart over stengte veier"), ImageSpec("bro.jpg", "  ")],
    )
    assert codes(result) == ["alt_text_missing"]
    assert "bro.jpg" in result.problems[0].message and result.problems[0].field == "image-2"


def test_an_information_post_needs_a_link_to_our_own_website():
    assert codes(check("Nye åpningstider", information=True)) == ["link_required"]
    assert codes(
        check("Nye åpningstider", information=True, link="https://elsewhere.example/x")
    ) == ["link_not_own_site"]
    assert check("Nye åpningstider", information=True, link=f"{SITE}/apningstider").ok
    assert check("Nye åpningstider", information=True, link="https://kart.testvik.kommune.no/x").ok
    assert check("Bare hei", information=False).ok


def test_the_language_must_be_set():
    assert codes(check("Hei", language="")) == ["language_missing"]
    assert codes(check("Hei", language="xx")) == ["language_unknown"]
    assert check("Buorre beaivi", language="se").ok


def test_personal_data_in_an_outgoing_post_blocks_with_an_explanation():
    fnr = fodselsnummer(random.Random(3))
    result = check(f"Vi har funnet lommeboka til eieren med fødselsnummer {fnr}.")
    assert codes(result) == ["personal_data"]
    message = result.problems[0].message
    assert fnr in message and category_label("national_id") in message


def test_personal_data_in_alt_text_blocks_too():
    result = check("Bilde", images=[ImageSpec("a.png", "Ring Kari på 912 34 567")])
    assert codes(result) == ["personal_data"] and result.problems[0].field == "image-1"


def test_our_own_contact_address_is_not_personal_data():
    assert check("Skriv til postmottak@testvik.kommune.no").ok
    assert codes(check("Skriv til kari.hansen@gmail.example")) == ["personal_data"]


def test_an_empty_post_without_channels_says_what_is_missing():
    assert codes(check("  ", channels=[])) == ["empty", "no_channels"]


def test_a_platform_that_cannot_publish_is_refused():
    rss = ChannelRules.for_platform("rss", slug="r", name="Nyheter (RSS)")
    assert codes(check("Hei", [rss])) == ["cannot_publish"]
