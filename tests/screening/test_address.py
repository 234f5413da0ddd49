"""Street addresses with house numbers, post boxes, and roads and numbers that are not addresses."""

from __future__ import annotations

import pytest

from tilstede.screening import screen


def addresses(text: str) -> list[str]:
    return [f.text for f in screen(text).findings if f.category == "address"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Jeg bor i Storgata 5, 0150 Oslo og har fått brev", "Storgata 5, 0150 Oslo"),
        ("Adressen er Kirkeveien 12B.", "Kirkeveien 12B"),
        ("Søppelet er ikke hentet i Bjørkelia 22 på tre uker", "Bjørkelia 22"),
        ("send det til Karl Johans gate 22", "Karl Johans gate 22"),
        ("Vi bor i Nedre Slottsgate 3, 0157 Oslo", "Nedre Slottsgate 3, 0157 Oslo"),
        ("Hei, bor i Vestre Rosten 69, 7075 Tiller i 7 år", "Vestre Rosten 69, 7075 Tiller"),
        ("Vannet er brunt i Fjellveien 12 A, 5019 Bergen", "Fjellveien 12 A, 5019 Bergen"),
        ("I live at 22 Baker Street? No: Parkveien 33", "Parkveien 33"),
    ],
)
def test_it_finds_a_street_address(text, address):
    assert addresses(text) == [address]


def test_it_finds_a_post_box():
    assert addresses("Send klagen til Postboks 12, 0101 Oslo") == ["Postboks 12, 0101 Oslo"]


def test_it_finds_a_postnummer_and_poststed_after_an_address_word():
    assert addresses("Ny adresse: 0570 Oslo") == ["0570 Oslo"]


@pytest.mark.parametrize(
    "text",
    [
        "Fylkesvei 120 er stengt ved Hella",
        "Bruk Rv 164 som omkjøring, E18 er stengt",
        "Buss 31 går ikke i dag",
        "Etter § 8-4 i loven",
        "Vi trenger 30 plasser i barnehagen, ikke 12",
        "Jeg studerte i Australia 2021–2023",
        "Vannet er stengt i Kirkeveien fra nr 10 til nr 40",
        "Les mer på https://example.no/storgata 5",
    ],
)
def test_it_ignores_roads_and_numbers_that_are_not_addresses(text):
    assert addresses(text) == []
