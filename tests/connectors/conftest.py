"""Shared test helpers: payload fixtures on disk and a retry policy that never sleeps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tilstede.connectors.http import RetryPolicy

PAYLOADS = Path(__file__).parent / "payloads"


def payload(name: str) -> Any:
    """A JSON payload modelled on the platform's documented format."""
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


def payload_bytes(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


class Sleeper:
    """Records the waits the retry policy asks for instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeper() -> Sleeper:
    return Sleeper()


@pytest.fixture
def retry(sleeper: Sleeper) -> RetryPolicy:
    return RetryPolicy(max_attempts=3, base_delay=1.0, jitter=lambda: 1.0, sleep=sleeper)
