"""Case references (saksnummer) and whether a comment is a request about the writer's own case."""

from __future__ import annotations

import pytest

from tilstede.screening import screen


def refs(text: str) -> list[str]:
    return [f.text for f in screen(text).findings if f.category == "case_reference"]


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Har fått avslag (saksnummer 2024/118734).", "2024/118734"),
        ("Ref. 23/4567-3. Jeg har ikke råd.", "23/4567-3"),
        ("Søknads-ID 9920481", "9920481"),
        ("Deres ref: 23/14422-5. Mvh Gro", "23/14422-5"),
        ("sak nr. 21/998 er fortsatt åpen", "21/998"),
        ("Hei UDI, søknad WP-24-118822 gjelder arbeidstillatelse", "WP-24-118822"),
        ("anmeldelsesnummer 14872093", "14872093"),
        ("My DUF number is 2039 319725 48.", "2039 319725 48"),
        ("Application no. FAM-90448445.", "FAM-90448445"),
        ("reference HPR-SØK-725976. Any update?", "HPR-SØK-725976"),
        ("Det gjelder 2024/55301 fra i fjor", "2024/55301"),
    ],
)
def test_it_finds_a_case_reference(text, ref):
    assert refs(text) == [ref]


@pytest.mark.parametrize(
    "text",
    [
        "Ordrenummer 45144684 er sendt",
        "Fakturanr 0112203438 må betales",
        "Målernummer 15105426705 viser feil",
        "Betal med KID 3484099795",
        "Det er åpent 24/7 og 50/50 sjanse",
        "Skoleåret 2023/2024 starter snart",
        "Gyldig til 12/2025",
        "Kommunestyret behandler saken 24.10.2024 kl. 18.00.",
        "Etter § 8-4 og § 21-3 i loven",
        "Se https://example.no/sak/2024/12345",
        "Veiarbeid på E18 mellom Lysaker og Sandvika",
    ],
)
def test_it_ignores_numbers_that_are_not_case_references(text):
    assert refs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hei! Jeg har ventet på svar på søknaden om dagpenger i snart 7 uker. Kan noen se på det?",
        "Når kommer pengene mine??? Skulle vært utbetalt den 20.",
        "saksbehandleren min har ikke svart siden mars. hvem kan jeg klage til?",
        "Jeg søkte om foreldrepenger 2. april og har fortsatt ikke fått svar.",
        "Kan dere sette inn sykepengene på nytt kontonummer? 3201.29.01738",
        "My caseworker was really rude to me on the phone. I want to file a complaint.",
        "Eg har søkt om løyve til å drive sal av alkohol. Når blir det behandla?",
        "Søppelet er ikke hentet på tre uker i Lerkeveien 14! Hva skjer??",
    ],
)
def test_it_recognises_a_request_about_the_writers_own_case(text):
    result = screen(text)
    assert result.case_request, result.case_request_score


@pytest.mark.parametrize(
    "text",
    [
        "Bra jobba NAV, endelig en nettside det går an å finne fram på 👍",
        "BSU burde heves til 50 000 i året. Ungdom har ingen sjans på boligmarkedet.",
        "Når trer de nye reglene for dagpenger i kraft? Finner ingenting om det på nav.no",
        "Hvorfor tar det 14 uker å behandle en søknad om uføretrygd? Folk venter jo uten inntekt",
        "Rødt, SV og MDG vil ha mer penger til NAV. FrP og Høyre vil kutte.",
        "Takk for info 🙏",
        "The Labour Party has lost touch with working people. Just my opinion.",
        "Veiarbeid i Storgata hele neste uke, stengt for gjennomkjøring.",
    ],
)
def test_it_does_not_take_opinion_praise_or_general_questions_for_a_case(text):
    result = screen(text)
    assert not result.case_request, result.case_request_score


def test_the_score_is_a_probability():
    for text in ("", "Hei", "Jeg har søkt om bostøtte og venter på svar. Fnr 01019012345?"):
        assert 0.0 <= screen(text).case_request_score <= 1.0
