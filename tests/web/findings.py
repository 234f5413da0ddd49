"""Test data for the web tests: screened versions with fødselsnummer findings."""

from __future__ import annotations

from tilstede.ingest.models import Finding, VersionScreening


def screen(version, *spans: tuple[int, int], case_request: bool = False) -> None:
    """Screen ``version`` with a national_id finding over each [start, end)."""
    screening = VersionScreening.objects.create(
        version=version, redacted="", case_request=case_request
    )
    for start, end in spans:
        Finding.objects.create(
            screening=screening,
            category="national_id",
            start=start,
            end=end,
            confidence=1.0,
            detector="test",
            explanation="gyldige kontrollsiffer for fødselsnummer",
        )


def add_fodselsnummer_finding(item, start: int, end: int, *, case_request: bool = False) -> None:
    """Screen ``item``'s only version with one national_id finding over [start, end)."""
    screen(item.versions.get(), (start, end), case_request=case_request)
