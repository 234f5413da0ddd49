"""Health information: terms phrased in many ways, always about a particular person.

Every sentence here is written for these tests (not taken from the development corpus):
injuries built from body parts, nynorsk and English forms, and general debate that names an
illness without anyone it is about.
"""

from __future__ import annotations

import pytest

from tilstede.screening import screen


def health(text: str) -> list[str]:
    return [f.text for f in screen(text).findings if f.category == "health"]


@pytest.mark.parametrize(
    "text",
    [
        "Jeg fikk en broken back etter fallet og kan ikke jobbe.",
        "Eg fekk frostskader på fingrane i vinter og kan ikkje bruke tastatur.",
        "Mor mi hadde hoftebrot i fjor og treng heimehjelp.",
        "I broke my wrist skiing and need to move my driving test.",
        "Datteren min har fått hjernerystelse etter fotballkampen.",
        "Jeg har vært sykmeldt pga. whiplash siden bilulykken.",
        "Jeg har knust kneet og venter på operasjon.",
        "Jeg brakk ankelen på isen utenfor rådhuset.",
        "Jeg har frostskader i føttene etter turen.",
        "Eg har brote handleddet og kan ikkje køyre.",
        "Jeg skadet skulderen på jobb og har vært sykmeldt i tre måneder.",
        "Jeg er brukket i foten og kan ikke gå til NAV-kontoret.",
    ],
)
def test_it_finds_injuries_built_from_body_parts(text):
    assert health(text)


@pytest.mark.parametrize(
    "text",
    [
        "Far har dårleg hjarte og orkar ikkje trappene.",
        "Eg er sjukmeld på grunn av utbrentheit sidan påske.",
        "Kona mi er gravid i uke 20 og har bekkenløsning.",
        "Eg har hatt fødselsdepresjon etter at veslejenta kom.",
        "Ho er blind og treng følgje til kontoret, skriv eg for mor mi.",
        "Eg har fått diagnosen bipolar liding.",
        "Kjæresten min slit med spiseforstyrring og får ikkje plass på BUP.",
        "Gutten vår er autist og har ikke fått skoleplass.",
        "Etter ulykka har eg hatt hovudpine og svimmelheit kvar dag.",
        "Eg har diabetes og går på insulinpumpe.",
        "Venninna mi har MS og brukar rullator.",
        "Sonen vår er utviklingshemma og treng avlasting.",
        "Kona mi har termin i august.",
        "Eg er gravid i femte månad.",
    ],
)
def test_it_finds_nynorsk_forms(text):
    assert health(text)


@pytest.mark.parametrize(
    "text",
    [
        "My husband has a bad back and cannot lift anything.",
        "Svigerfaren min har fått Alzheimer og kjenner ikke oss igjen.",
        "Han fikk hjerneslag i mars, og nå sitter min far i rullestol.",
        "I'm on chemo for lymphoma until June.",
        "She was diagnosed with epilepsy last year, my daughter is 9.",
        "Min sønn går på Ritalin og har ADHD.",
        "Sjukmeld med migrene igjen denne veka.",
        "Har fått påvist høyt blodtrykk og må ta medisiner.",
        "Naboen min ligger på dialyse tre dager i uka.",
        "Min bror er rusavhengig og trenger hjelp.",
        "My mum is deaf and needs an interpreter.",
        "Jeg har angst og depresjon og klarer ikke å ringe.",
        "We are expecting a baby in May, my wife is pregnant with twins.",
        "Mannen min har hjartesvikt og KOLS.",
        "Etter utbrenthet har jeg vært borte fra jobb i et år.",
        "Min mann har hatt to hjerteinfarkt og er nå ufør.",
        "My son was born premature and has cerebral palsy.",
        "Bestemor har demens og bor på sykehjem.",
        "I suffer from severe migraines and can't look at screens.",
        "Jeg lider av kroniske ryggsmerter etter prolaps.",
        "Han er innlagt på psykiatrisk etter et selvmordsforsøk, skriver jeg som mor.",
        "Jeg er hørselshemmet og får ikke med meg det som sies på møtene.",
        "Min far ble operert for prostatakreft i fjor.",
        "I have a heart condition and take blood thinners.",
        "Har slitt med alkoholproblemer i mange år, men er rusfri nå.",
        "Tvillingene våre har astma og allergi mot nøtter.",
        "Jeg har dårlig syn og klarer ikke lese brevene.",
        "My wife had a miscarriage last week.",
        "Etter kneoperasjonen går jeg med krykker.",
    ],
)
def test_it_finds_conditions_treatment_and_pregnancy_of_a_person(text):
    assert health(text)


@pytest.mark.parametrize(
    "text",
    [
        "Angst er en folkesykdom.",
        "Psykisk helse må tas på alvor i skolen.",
        "Jeg skjønner ikke hvorfor ME fortsatt ikke tas på alvor.",
        "Depresjon rammer mange unge i dag.",
        "Cancer is a public health issue and deserves more funding.",
        "Vi må snakke mer om psykisk helse blant eldre.",
        "Kreft koster samfunnet milliarder hvert år.",
        "Regjeringen bør bruke mer penger på forebygging av diabetes.",
        "Jeg mener demens er en av de største utfordringene for kommunene.",
        "Alle med astma bør få gratis medisiner.",
        "Mange eldre sitter i rullestol og kommer seg ikke på bussen.",
        "Folk som er sykmeldte med angst får for lite oppfølging.",
        "Hunden vår har brukket beinet, hvilken veterinær er åpen?",
        "Det var et kontraktsbrudd fra leverandøren sin side.",
        "Vi hadde strømbrudd i hele går.",
        "Jeg synes artikkelen om kreft var god.",
        "Jeg står på venteliste for å bytte fastlege.",
        "Fikk brev om neste termin på studielånet.",
        "I was expecting an answer by now.",
        "Sykehuset i Bodø trenger flere sykepleiere.",
        "Depression is common among students, I think we should help them.",
        "Vi burde ha mer fokus på angst hos unge.",
        "Jeg jobber på sykehuset og ser hvor travelt det er.",
        "Overdosedødsfall øker, og regjeringen gjør ingenting.",
        "Er ME en ekte sykdom?",
        "Kreftforeningen gjør en viktig jobb, jeg har gitt penger selv.",
        "Jeg er lei av at politikerne ikke gjør noe med psykiatrien.",
        "Det trengs flere psykologer i kommunen, sier jeg.",
        "Jeg synes ADHD-medisiner skrives ut altfor lett.",
        "Autisme er ikke en sykdom, det er en annen måte å tenke på.",
        "Jeg håper regjeringen prioriterer behandling av kreft.",
        "Skadene på veien etter flommen er store, jeg kjørte der i går.",
        "Bilen min fikk skade på støtfangeren.",
        "Jeg stemte for mer penger til demensomsorg.",
        "Min erfaring er at diabetes tas mer på alvor enn før.",
        "I think mental health should be taught in schools.",
        "Vi trenger flere rullestolramper i sentrum.",
        "Jeg leste at antidepressiva brukes mer enn før.",
        "Heia Brann! Vi knuste dem i går.",
        "Dårlig vær i dag, jeg blir inne.",
        "Jeg har dårlig tid, kan dere svare raskt?",
        "Hvorfor må gravide betale for ultralyd?",
        "My colleague said cancer screening is free now.",
    ],
)
def test_it_ignores_health_words_in_general_debate(text):
    assert health(text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Eg er sjukmeld på grunn av utbrentheit sidan påske.", "sjukmeld på grunn av utbrentheit"),
        ("Jeg har vært sykmeldt pga. whiplash siden januar.", "sykmeldt pga. whiplash"),
        ("Jeg har diabetes og bruker insulin hver morgen.", "diabetes og bruker insulin"),
        ("I broke my wrist on the ice outside the library.", "broke my wrist"),
        ("Eg fekk frostskader på fingrane i vinter.", "frostskader på fingrane"),
    ],
)
def test_one_piece_of_information_is_one_finding(text, phrase):
    assert health(text) == [phrase]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Psykisk helse er viktig for alle.", []),
        ("Min psykiske helse har blitt mye verre etter flyttingen.", ["psykiske helse"]),
        ("Mental health matters.", []),
        ("My mental health got worse after the divorce.", ["mental health"]),
    ],
)
def test_mental_health_as_a_topic_needs_a_possessive(text, expected):
    assert health(text) == expected


def test_the_illness_me_is_not_the_pronoun_me():
    assert health("Er ME en ekte sykdom?") == []
    assert health("Eg har ME og har vore sjukmeld i to år.")


def test_a_person_in_another_sentence_does_not_anchor_a_statement():
    text = "Jeg har skrevet til dere før. Angst er en folkesykdom som rammer mange."
    assert health(text) == []


def test_a_name_anchors_the_term():
    assert health("Har noen hjulpet Ingrid Solberg? Ingrid Solberg har fått kreft i lungene.")
