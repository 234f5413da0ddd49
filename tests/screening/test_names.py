"""Names of private persons, and names that are public figures, places, organisations or words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tilstede.screening import names as names_module
from tilstede.screening import screen
from tilstede.screening.lexicon import read_list


def names(text: str) -> list[str]:
    return [f.text for f in screen(text).findings if f.category == "person_name"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jeg heter Silje Marie Johansen og har fått avslag", "Silje Marie Johansen"),
        ("Hei, eg heiter Ánde Somby", "Ánde Somby"),
        ("saksbehandleren min Ingrid Berg har ikke svart", "Ingrid Berg"),
        ("Min sønn Aleksander (12) har fått plass", "Aleksander"),
        ("Sonen min Ánde skal begynne i barnehagen", "Ánde"),
        ("My colleague Mikko Virtanen was driving", "Mikko Virtanen"),
        ("Kursleder Stig Hoel sa at det var sendt inn", "Stig Hoel"),
        ("Fikk melding om at Kari fra NAV har ringt meg", "Kari"),
        ("Mamma heiter Linda og det er greitt", "Linda"),
        ("Kan dere sette inn pengene? Mvh Trond Eide", "Trond Eide"),
        ("Per her, 67 år. Jeg får ikke søkt", "Per"),
        ("Er det lov? Lan Nguyen, lan.nguyen@example.no", "Lan Nguyen"),
        ("Who can I contact?? Priya Nair", "Priya Nair"),
        ("Jeg har MS og kan ikke stå i kø. Mvh Hege Nilsen", "Hege Nilsen"),
    ],
)
def test_it_finds_the_name_of_a_private_person(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Statsminister Jonas Gahr Støre sa i dag at skatten skal ned.",
        "Erna Solberg hadde et godt poeng i debatten",
        "Ordfører Marianne Borgen har gjort en god jobb for byen.",
        "Kari Hansen (Ap) mener at bompengene må ned",
        "King Harald and Queen Sonja visited Tromsø today.",
        "Ola Nordmann har ikke sjans til å forstå brevene deres.",
    ],
)
def test_it_ignores_public_figures_and_placeholder_names(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Per i dag er det ingen kø på kontoret.",
        "Dag etter dag venter vi på svar.",
        "Solgte en sofa på Finn.no i går",
        "Finn ikkje skjemaet på nettsida.",
        "Bjørn sett ved Stryn sentrum i natt!",
        "Ekstremværet Hans har gjort store skader i Valdres.",
        "Olav Thon Gruppen bygger nytt kjøpesenter.",
        "Møtet er på Haukeland sykehus i Bergen.",
        "Even if the office is closed, you can call.",
        "Liv og helse er viktigst.",
    ],
)
def test_it_ignores_places_organisations_and_names_that_are_words(text):
    assert names(text) == []


def test_the_name_lists_state_their_source():
    for filename in (
        "fornavn.txt",
        "etternavn.txt",
        "offentlige_personer.txt",
        "tvetydige_navn.txt",
    ):
        from importlib import resources

        header = resources.files("tilstede.screening").joinpath("data", filename).read_text("utf-8")
        assert header.startswith("#")
        assert len(read_list(filename)) > 50 or filename == "tvetydige_navn.txt"
    assert "SSB" in resources.files("tilstede.screening").joinpath("data", "fornavn.txt").read_text(
        "utf-8"
    )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["jeg", "eg", "i", "j", "e", "er", "am", "ja", "meg", "x", "_", "1"])
        | st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", ".", "'", "-", "é"]),
        max_size=20,
    ).map("".join)
)
def test_it_finds_i_am_where_the_pattern_as_first_written_does(text: str) -> None:
    original = re.compile(r"(?<!\w)(?:j?eg\s+er|i\s+am)(?!\w)")
    faster = sorted(
        m.span()
        for rule in (names_module._I_AM, names_module._I_AM_EN)
        for m in rule.pattern.finditer(text)
    )
    assert faster == [m.span() for m in original.finditer(text)]
