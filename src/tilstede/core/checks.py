"""System checks that run on every start: settings that would be unsafe or unusable."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_production_secrets(app_configs: Any = None, **kwargs: Any) -> list:
    problems = []
    if settings.SECRET_KEY == settings.DEFAULT_SECRET_KEY:
        problems.append(
            Error(
                "SECRET_KEY is the public development default.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="tilstede.E001",
            )
        )
    if not settings.TILSTEDE_CREDENTIALS_KEY:
        problems.append(
            Warning(
                "TILSTEDE_CREDENTIALS_KEY is unset; channel credentials are encrypted under "
                "a key derived from SECRET_KEY, so rotating SECRET_KEY makes them unreadable.",
                hint="Set TILSTEDE_CREDENTIALS_KEY to its own long random value.",
                id="tilstede.W001",
            )
        )
    return problems


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list:
    """The rate limits count in the cache; a per-process cache lets N processes take N
    times the limit."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache", "FileBasedCache")):
        return [
            Warning(
                f"The cache ({backend}) is not shared by the web processes, so rate limits "
                "count per process.",
                hint="Leave CACHES to Tilstede's settings: Redis with REDIS_URL, else the "
                "database.",
                id="tilstede.W010",
            )
        ]
    return []
