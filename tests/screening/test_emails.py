"""E-mail addresses."""

from __future__ import annotations

import pytest

from tilstede.screening import screen


def found(text: str) -> list[tuple[str, str]]:
    return [(f.category, f.text) for f in screen(text).findings]


@pytest.mark.parametrize(
    "address",
    [
        "kari.nordmann@example.no",
        "ola+nav@post.example.com",
        "o'neil@example.ie".replace("'", ""),
        "anon.oslo.84@proton.me",
        "første.etternavn@eksempel.no",
    ],
)
def test_it_finds_an_email_address(address):
    assert found(f"Svar meg på {address}, takk.") == [("email", address)]


def test_it_finds_an_address_written_with_at_in_brackets():
    assert found("kari (at) example.no") == [("email", "kari (at) example.no")]


@pytest.mark.parametrize(
    "text",
    ["Møt meg @ biblioteket kl 12", "Følg @nav_no på X", "e-post@ikke", "@@@@ @@ @", "a@b"],
)
def test_it_ignores_at_signs_that_are_not_addresses(text):
    assert found(text) == []


def test_an_email_wins_over_a_phone_number_inside_it():
    assert found("skriv til kari91234567@example.no") == [("email", "kari91234567@example.no")]
