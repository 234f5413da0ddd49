"""Health data and other special categories about an identifiable person, not in debate."""

from __future__ import annotations

import pytest

from tilstede.screening import screen


def found(text: str, category: str) -> list[str]:
    return [f.text for f in screen(text).findings if f.category == category]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Jeg har diabetes og bruker insulin hver dag", "diabetes"),
        ("Jeg har vært sykmeldt med depresjon i et år", "sykmeldt"),
        ("Sønnen min har ADHD og trenger assistent", "ADHD"),
        ("Eg er sjukmeld med angst sidan januar", "sjukmeld"),
        ("Mor mi har hjartesvikt og bur åleine", "hjartesvikt"),
        ("I was diagnosed with breast cancer last month", "breast cancer"),
        ("Min kone er gravid i uke 28", "gravid"),
        ("Jeg har fått påvist brystkreft", "brystkreft"),
        (
            "Fikk avslag fordi kreftbehandlingen er avsluttet, men jeg har senskader",
            "kreftbehandlingen",
        ),
        ("Har selv diabetes og er helt enig.", "diabetes"),
        ("Jeg går på Cipralex og har vært borte fra jobb", "Cipralex"),
        ("Jeg har fått diagnosen ME", "ME"),
    ],
)
def test_it_finds_health_information_about_a_person(text, term):
    assert any(term in t for t in found(text, "health"))


@pytest.mark.parametrize(
    "text",
    [
        "Regjeringen må gjøre mer for folk med depresjon.",
        "Psykisk helsevern for barn og unge har altfor lange ventetider.",
        "Kreftforeningen samler inn penger i hele mars.",
        "Mange med diabetes sliter med å få time.",
        "Behandlingen av søknaden tar for lang tid.",
        "Jeg er avhengig av at bussen går i rute.",
        "alle slags folk møtte opp",
    ],
)
def test_it_ignores_health_words_in_debate_and_ordinary_speech(text):
    assert found(text, "health") == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Jeg er muslim og vil ha fri på id", "muslim"),
        ("Eg er katolikk og ønskjer fri frå KRLE", "katolikk"),
        ("Hei, vi er pinsevenner og ønsker fritak", "pinsevenner"),
        ("Jeg er medlem av Rødt og fikk beskjed av lederen min", "medlem av Rødt"),
        ("eg er medlem av Fagforbundet og tillitsvald", "medlem av Fagforbundet"),
        ("Jeg er LO-medlem og lurer på kontingenten", "LO-medlem"),
        ("Jeg er homofil og redd for å bli sendt tilbake", "homofil"),
        ("Jeg er dømt for vold for 8 år siden", "dømt"),
        ("Jeg er same og vil ha samisk navn i passet", "er same"),
        ("I'm a Sikh and need a photo with my head covered", "Sikh"),
    ],
)
def test_it_finds_special_category_data_about_a_person(text, term):
    assert any(term in t for t in found(text, "special_category"))


@pytest.mark.parametrize(
    "text",
    [
        "Rødt, SV og MDG vil ha mer penger til NAV. FrP og Høyre vil kutte.",
        "Kriminalomsorgen får for lite penger.",
        "Samisk språk må styrkjast i heile landet.",
        "Fagforbundet og LO krever at sykelønnen ikke røres.",
        "NAV-direktør Hans Christian Holte sa i går at køene skal bort.",
        "Kven skal eg sende rekninga til?",
        "Det stemmer at kontoret er stengt.",
    ],
)
def test_it_ignores_special_category_words_in_debate(text):
    assert found(text, "special_category") == []
