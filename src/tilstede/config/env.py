"""Typed readers for settings that come from the environment.

Each reader fails loudly with ``ImproperlyConfigured`` naming the variable, so that a
wrong value stops the start with one clear line instead of a traceback later on.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_database(name: str, default: str) -> dict:
    """Parse DATABASE_URL with dj-database-url, translating its errors to one line."""
    import dj_database_url

    raw = os.environ.get(name, default).strip()
    scheme = urlsplit(raw).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{name} must start with sqlite:// or postgres://, not {redact_url(raw)!r}"
        )
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    if config["ENGINE"].endswith("sqlite3"):
        # Connections are kept between requests (CONN_MAX_AGE as for PostgreSQL): a new
        # one parses the schema again and runs the pragmas below, a quarter of an inbox
        # page's time (issue 6). In WAL mode an idle connection holds no lock.
        config.setdefault("OPTIONS", {})
        # WAL lets the worker write while web requests read, and a busy timeout
        # makes a writer wait for the other instead of failing at once.
        config["OPTIONS"].update(
            {
                # A checkpoint every 10,000 pages (40 MB) rather than 1,000: an ingest
                # batch rewrites the same index pages, which a checkpoint then writes to
                # the database file and syncs once instead of many times (issue 4).
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA wal_autocheckpoint=10000; PRAGMA journal_size_limit=67108864;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            }
        )
    return config


def redact_url(url: str) -> str:
    """Hide the password in a URL before it is printed."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


# --- single sign-on (OpenID Connect) -------------------------------------------------------

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def env_oidc_providers(name: str = "TILSTEDE_OIDC_PROVIDERS") -> list[dict]:
    """The OpenID Providers people sign in through, one per short name in ``name``.

    For each NAME (letters, digits, ``-``) the provider's own variables are read:
    ``TILSTEDE_OIDC_<NAME>_ISSUER`` (the issuer URL; discovery is read from its
    ``/.well-known/openid-configuration``), ``_CLIENT_ID``, ``_SECRET``, ``_SCOPES``
    (space-separated, ``openid`` always among them), ``_LABEL`` (the button's text) and
    ``_ROLES_CLAIM`` (the claim whose values are mapped to roles; a dotted path walks
    into objects and lists) and ``_AUTHORIZATION_ORIGIN`` (where the provider's
    authorization endpoint is, when not on the issuer's host: the login page's CSP
    must let its buttons go there). The issuer must be https, except on a loopback
    address (tests, development).
    """
    raw = os.environ.get(name, "")
    providers = []
    for short in [part.strip().lower() for part in raw.split(",") if part.strip()]:
        if not short.replace("-", "").isalnum():
            raise ImproperlyConfigured(f"{name} holds {short!r}: use letters, digits and -")
        prefix = f"TILSTEDE_OIDC_{short.upper().replace('-', '_')}_"
        issuer = os.environ.get(prefix + "ISSUER", "").strip().rstrip("/")
        parts = urlsplit(issuer)
        if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOOPBACK):
            raise ImproperlyConfigured(
                f"{prefix}ISSUER must be the provider's https:// issuer URL, not {issuer!r}"
            )
        client_id = os.environ.get(prefix + "CLIENT_ID", "").strip()
        if not client_id:
            raise ImproperlyConfigured(f"{prefix}CLIENT_ID must be set")
        authorization = os.environ.get(prefix + "AUTHORIZATION_ORIGIN", "").strip().rstrip("/")
        if authorization and urlsplit(authorization).scheme != "https":
            raise ImproperlyConfigured(
                f"{prefix}AUTHORIZATION_ORIGIN must be an https:// origin, not {authorization!r}"
            )
        scopes = os.environ.get(prefix + "SCOPES", "openid profile email").split()
        if "openid" not in scopes:
            scopes.insert(0, "openid")
        providers.append(
            {
                "id": short,
                "label": os.environ.get(prefix + "LABEL", "").strip() or short,
                "issuer": issuer,
                "client_id": client_id,
                "secret": os.environ.get(prefix + "SECRET", ""),
                "scopes": scopes,
                "roles_claim": os.environ.get(prefix + "ROLES_CLAIM", "groups").strip(),
                "authorization_origin": authorization,
            }
        )
    return providers


def oidc_socialaccount_providers(providers: list[dict]) -> dict:
    """django-allauth's ``SOCIALACCOUNT_PROVIDERS`` for these providers: each an app of
    the desk's OpenID Connect provider (``tilstede.signin.provider``), with PKCE on."""
    return {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": p["id"],
                    "name": p["label"],
                    "client_id": p["client_id"],
                    "secret": p["secret"],
                    "settings": {
                        "server_url": p["issuer"],
                        "issuer": p["issuer"],
                        "scope": p["scopes"],
                        "oauth_pkce_enabled": True,
                        "roles_claim": p["roles_claim"],
                        "authorization_origin": p.get("authorization_origin", ""),
                    },
                }
                for p in providers
            ],
        }
    }
