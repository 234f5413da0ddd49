"""Turn the usual startup failures into one line that names the setting to fix."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def explain_startup_error(exc: BaseException) -> str | None:
    """Return a one-line explanation for a configuration or connection error, else None."""
    from django.conf import settings
    from django.db.utils import OperationalError as DjangoOperationalError

    from tilstede.config.env import redact_url

    if isinstance(exc, ImproperlyConfigured):
        return f"configuration: {_first_line(exc)}"
    if isinstance(exc, DjangoOperationalError) or exc.__class__.__name__ == "OperationalError":
        url = redact_url(_database_url())
        return f"cannot use the database given by DATABASE_URL ({url}): {_first_line(exc)}"
    try:
        import redis.exceptions
    except ImportError:  # pragma: no cover - redis is a dependency
        return None
    if isinstance(exc, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError):
        url = redact_url(getattr(settings, "REDIS_URL", ""))
        return f"cannot reach Redis given by REDIS_URL ({url}): {_first_line(exc)}"
    return None


def _database_url() -> str:
    import os

    from django.conf import settings

    raw = os.environ.get("DATABASE_URL")
    if raw:
        return raw
    db = settings.DATABASES["default"]
    return f"sqlite:///{db['NAME']}" if "sqlite" in db["ENGINE"] else db.get("NAME", "")


def services_check() -> None:
    """Connect to the database and, when Redis is in use (tasks or cache), ping it; raise
    on failure. Also creates the database cache's table when that is the cache."""
    from django.conf import settings
    from django.db import connection

    connection.ensure_connection()
    cache_table_ensure()
    if settings.TILSTEDE_TASKS == "rq" or settings.REDIS_URL_SET:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()


def cache_table_ensure(database: str = "default") -> None:
    """Create the database cache's table if the cache is in the database (idempotent).

    Runs after every ``migrate`` (a post_migrate handler, so the test database gets it
    too) and at ``tilstede run``: the rate limits count in that table.
    """
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=database, verbosity=0)
