"""Test data for the web tests: a screened version with a fødselsnummer finding."""

from __future__ import annotations

from tilstede.ingest.models import Finding, VersionScreening


def add_fodselsnummer_finding(item, start: int, end: int, *, case_request: bool = False) -> None:
    """Screen ``item``'s only version with one national_id finding over [start, end)."""
    screening = VersionScreening.objects.create(
        version=item.versions.get(), redacted="", case_request=case_request
    )
    Finding.objects.create(
        screening=screening,
        category="national_id",
        start=start,
        end=end,
        confidence=1.0,
        detector="test",
        explanation="gyldige kontrollsiffer for fødselsnummer",
    )
