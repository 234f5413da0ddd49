"""A small fixed-window rate limit on the cache, for public endpoints.

Written by hand because the candidates (django-ratelimit) add a dependency for twenty
lines, and because the answer must be a 429 with Retry-After and a bokmål message rather
than a 403.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac


def client_ip(request: HttpRequest) -> str:
    """The visitor's address for rate limits.

    Behind N trusted reverse proxies (``TILSTEDE_PROXY_COUNT``), the Nth address from
    the right of X-Forwarded-For is the one the first proxy saw; entries further left are
    whatever the client wrote and are ignored. Without proxies, REMOTE_ADDR.
    """
    proxies = settings.TILSTEDE_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [a for a in chain if a]
        if len(chain) >= proxies:
            return chain[-proxies]
    return remote


def hit(key: str, *, limit: int, per: dt.timedelta, now: float | None = None) -> int | None:
    """Count one request under ``key``; return seconds to wait when over the limit.

    A fixed window in Django's cache, which the settings make shared by every web
    process (Redis, or the database; ``check --deploy`` warns on a per-process one). The
    key is hashed, so the cache holds no IP addresses.
    """
    window = int(per.total_seconds())
    now = time.time() if now is None else now
    digest = salted_hmac("tilstede.ratelimit", key, algorithm="sha256").hexdigest()[:32]
    bucket = f"rl:{digest}:{int(now // window)}"
    count = _count(bucket, timeout=window + 5)
    if count > limit:
        return max(1, int(window - now % window))
    return None


def _count(bucket: str, *, timeout: int) -> int:
    """Add one to the bucket's count and return it, atomically across processes.

    Redis's and the local-memory cache's ``incr`` are atomic; the database cache's is a
    read and a write, so two processes could both read 3 and both write 4. For it the
    read and write run in one transaction holding a lock: on SQLite the transaction's
    immediate mode takes the write lock at its start, on PostgreSQL an advisory lock
    on the bucket serialises the writers.
    """
    cache = caches["default"]  # the backend itself: ``django.core.cache.cache`` is a proxy
    if not isinstance(cache, DatabaseCache):
        cache.add(bucket, 0, timeout=timeout)
        try:
            return cache.incr(bucket)
        except ValueError:  # expired between add and incr
            cache.set(bucket, 1, timeout=timeout)
            return 1
    alias = router.db_for_write(cache.cache_model_class)
    with transaction.atomic(using=alias):
        connection = connections[alias]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [bucket])
        count = int(cache.get(bucket, 0)) + 1
        cache.set(bucket, count, timeout=timeout)
        return count


def rate_limited(
    scope: str, *, limit: int, per: dt.timedelta, methods: tuple[str, ...] = ("POST",)
) -> Callable:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                wait = hit(f"{scope}:{client_ip(request)}", limit=limit, per=per)
                if wait is not None:
                    response = HttpResponse(
                        "For mange forespørsler. Vent litt og prøv igjen.",
                        status=429,
                        content_type="text/plain; charset=utf-8",
                    )
                    response["Retry-After"] = str(wait)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
