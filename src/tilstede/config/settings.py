"""Tilstede's settings, read from the environment (see .env.example for every variable).

The defaults make a fresh clone run with nothing set: SQLite under ./var, tasks in the
database, DEBUG on. With DEBUG off the defaults that are unsafe in production refuse to
start (see ``tilstede.core.checks``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tilstede.config.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_oidc_providers,
    env_str,
    oidc_socialaccount_providers,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("TILSTEDE_VAR_DIR", str(Path.cwd() / "var"))).resolve()

# The default key is public (it is in this file); checks refuse it when DEBUG is off.
DEFAULT_SECRET_KEY = "insecure-tilstede-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the public development default; set SECRET_KEY to a long random "
        "value before running with DEBUG off"
    )

INSTALLED_APPS = [
    "tilstede.core.apps.OperatorAdminConfig",  # the admin, for the operator only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "tilstede.core",
    "tilstede.ingest",
    "tilstede.moderation",
    "tilstede.desk",
    "tilstede.webcomments",
    "tilstede.archive",
    "tilstede.api",
    "tilstede.publishing",
    "tilstede.web",
    # Sign-in: single sign-on through OpenID Connect and two-factor (issue 22). After
    # tilstede.web, so that the desk's templates style allauth's pages.
    "tilstede.signin",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.mfa",
    "django.contrib.humanize",  # allauth's two-factor pages load it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A person whose organisation requires two-factor enrols before anything else.
    "tilstede.signin.middleware.TwoFactorRequired",
    # No page that can show personal data is kept by a cache (issue 16).
    "tilstede.web.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tilstede.config.urls"
WSGI_APPLICATION = "tilstede.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,  # through Django's cached loader, its default since 4.1
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # Durations, numbers and dates in the reader's language (core.formatting).
            "builtins": ["tilstede.core.templatetags.formatting"],
        },
    },
]

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tilstede.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# On PostgreSQL, Django's server-side binding lets psycopg prepare a statement run five
# times. A pooler in transaction mode (PgBouncer before 1.21) cannot keep those: turn off.
TILSTEDE_PG_PREPARE = env_bool("TILSTEDE_PG_PREPARE", True)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": TILSTEDE_PG_PREPARE, "prepare_threshold": 5}
    )

# `tilstede run`'s web server: processes (one per CPU) and requests at once in each.
TILSTEDE_WEB_WORKERS = env_int("TILSTEDE_WEB_WORKERS", os.cpu_count() or 1, minimum=1)
TILSTEDE_WEB_THREADS = env_int("TILSTEDE_WEB_THREADS", 1, minimum=1)

# Tasks: in the database by default, on Redis through RQ for scale-out.
TILSTEDE_TASKS = env_choice("TILSTEDE_TASKS", "database", ("database", "rq", "immediate"))
REDIS_URL_SET = bool(env_str("REDIS_URL", "").strip())
REDIS_URL = env_str("REDIS_URL", "") if REDIS_URL_SET else "redis://127.0.0.1:6379/0"
if TILSTEDE_TASKS == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
elif TILSTEDE_TASKS == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The cache backs every rate limit (comments, appeals) and so must be shared by every web
# process: Redis when REDIS_URL is set (or tasks are on Redis anyway), else a table in
# the database (``tilstede migrate`` and ``tilstede run`` create it). Never per-process
# memory in production: ``check --deploy`` warns (tilstede.W010).
if REDIS_URL_SET or TILSTEDE_TASKS == "rq":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tilstede_cache",
        }
    }

# A task RUNNING longer than this is taken to have lost its worker (killed, restarted):
# `tilstede schedule` fails it with that reason and retries it once (tilstede.core.taskwatch).
TILSTEDE_TASK_TIMEOUT_MINUTES = env_int("TILSTEDE_TASK_TIMEOUT_MINUTES", 60, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's own database sessions (revoked by deleting the row) and ModelBackend;
# django-axes first: it refuses a locked-out account or address before any password
# check (it logs nobody in itself).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AUTHENTICATION_BACKENDS = [
    "tilstede.web.logins.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
    # Signs in people who come back from single sign-on (django-allauth).
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "login"
# A refused CSRF check gets the desk's page in the reader's language, not Django's bare one.
CSRF_FAILURE_VIEW = "tilstede.web.errors.csrf_failure"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes, attempts in the database, so shared by every process):
# after TILSTEDE_LOGIN_FAILURE_LIMIT failed logins an account is locked, and so is the
# address they came from, each counted on its own, for TILSTEDE_LOGIN_LOCKOUT_MINUTES.
# Logins, failures and lockouts go to the audit log (tilstede.web.logins).
AXES_FAILURE_LIMIT = env_int("TILSTEDE_LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("TILSTEDE_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "tilstede.web.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "tilstede.web.logins.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The audit log is the record of logins; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
# A lockout ends when its time is up, even if the guessing goes on meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# --- Sign-in: single sign-on (OpenID Connect) and two-factor, through django-allauth ---
# The identity providers (issuer, client, scopes, the claim mapped to roles): see
# .env.example and README. People from a provider are matched by issuer and subject
# (sub), never by e-mail alone; their roles come from the claim, mapped per organisation
# on the desk's sign-in settings page (TILSTEDE_SSO_ROLES=claims), or the mapping makes
# them members and an administrator gives the roles (administrator).
TILSTEDE_OIDC_PROVIDERS = env_oidc_providers()
SOCIALACCOUNT_PROVIDERS = oidc_socialaccount_providers(TILSTEDE_OIDC_PROVIDERS)
TILSTEDE_SSO_ROLES = env_choice("TILSTEDE_SSO_ROLES", "claims", ("claims", "administrator"))
# With single sign-on required, the password form refuses everyone but the operator's
# break-glass account (a superuser kept for when the identity provider is down).
TILSTEDE_SSO_REQUIRED = env_bool("TILSTEDE_SSO_REQUIRED", False)
TILSTEDE_BREAK_GLASS_USER = env_str("TILSTEDE_BREAK_GLASS_USER", "").strip()
if TILSTEDE_SSO_REQUIRED and not TILSTEDE_OIDC_PROVIDERS:
    raise ImproperlyConfigured(
        "TILSTEDE_SSO_REQUIRED is on but TILSTEDE_OIDC_PROVIDERS names no identity provider"
    )
ACCOUNT_ADAPTER = "tilstede.signin.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "tilstede.signin.adapters.SocialAccountAdapter"
MFA_ADAPTER = "tilstede.signin.adapters.MFAAdapter"  # second-factor secrets encrypted at rest
ACCOUNT_EMAIL_VERIFICATION = "none"
# Accounts are never joined by e-mail: a provider's person is its issuer and subject.
ACCOUNT_UNIQUE_EMAIL = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # a sign-in starts with a POST from the login page
# Two-factor for local accounts: TOTP with recovery codes, and WebAuthn security keys
# and passkeys (as a second factor). WebAuthn needs https, except on localhost in DEBUG.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Tilstede"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_PASSKEY_LOGIN_ENABLED = False

# Norwegian bokmål by default, nynorsk and English available; times shown in Europe/Oslo.
# LANGUAGE_CODE is also the archive's language (tilstede.archive.conf.archive_language).
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "nb")
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be nb, nn or en, not {LANGUAGE_CODE!r}")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Oslo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security headers. Production (DEBUG off) gets HTTPS-only cookies and HSTS; a proxy in
# front terminates TLS and says so with X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preload binds every subdomain of the agency's domain to HTTPS for good; that is the
# operator's decision (SECURE_HSTS_PRELOAD), so the reminder is silenced by default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# Channel credentials are encrypted at rest with a key derived from this value (or from
# SECRET_KEY when unset), so a database dump alone does not reveal platform tokens.
TILSTEDE_CREDENTIALS_KEY = env_str("TILSTEDE_CREDENTIALS_KEY", "")

# The audit log's checkpoints (the chain's head, signed) are keyed with this value, kept
# outside the database so that whoever can rewrite the database cannot forge them.
# Required with DEBUG off; in development a key derived from SECRET_KEY stands in.
TILSTEDE_AUDIT_KEY = env_str("TILSTEDE_AUDIT_KEY", "")
if not DEBUG and len(TILSTEDE_AUDIT_KEY) < 32:
    raise ImproperlyConfigured(
        "TILSTEDE_AUDIT_KEY must be set to a random value of at least 32 characters "
        "before running with DEBUG off (it signs the audit log's checkpoints)"
    )

# Uploaded images (publishing): the largest file accepted, in megabytes, and the most
# pixels (width times height) an image may have once decoded.
TILSTEDE_UPLOAD_MAX_MB = env_int("TILSTEDE_UPLOAD_MAX_MB", 10, minimum=1)
TILSTEDE_UPLOAD_MAX_PIXELS = env_int("TILSTEDE_UPLOAD_MAX_PIXELS", 40_000_000, minimum=1)

# Archive (Noark 5). The official schemas to validate exports against (the package's own
# copies are always used too); how the document format is written (PRONOM id, or the
# file extension for depots that ask); days after a period ends before discard-class
# items are deleted.
TILSTEDE_NOARK5_SCHEMAS = env_str(
    "TILSTEDE_NOARK5_SCHEMAS", str(BASE_DIR.parent.parent.parent / "shared" / "noark5" / "schemas")
)
TILSTEDE_ARCHIVE_FORMAT = env_choice("TILSTEDE_ARCHIVE_FORMAT", "pronom", ("pronom", "extension"))
TILSTEDE_ARCHIVE_DISCARD_DAYS = str(env_int("TILSTEDE_ARCHIVE_DISCARD_DAYS", 90, minimum=0))

# How many reverse proxies in front of Tilstede append to X-Forwarded-For; rate limits on
# public endpoints count per visitor address behind them. 0: use the connection's address.
TILSTEDE_PROXY_COUNT = env_int("TILSTEDE_PROXY_COUNT", 0, minimum=0)

# Where people reach this installation; used in links sent to citizens (appeals).
TILSTEDE_PUBLIC_URL = env_str("TILSTEDE_PUBLIC_URL", "http://127.0.0.1:8000")

# Connecting Facebook pages from the desk: the installation's own Meta app, and where the
# Graph API and the Login dialog are (a setting, so tests and proxies can point elsewhere).
TILSTEDE_FACEBOOK_APP_ID = env_str("TILSTEDE_FACEBOOK_APP_ID", "")
TILSTEDE_FACEBOOK_APP_SECRET = env_str("TILSTEDE_FACEBOOK_APP_SECRET", "")
TILSTEDE_FACEBOOK_GRAPH_URL = env_str("TILSTEDE_FACEBOOK_GRAPH_URL", "https://graph.facebook.com")
TILSTEDE_FACEBOOK_DIALOG_URL = env_str("TILSTEDE_FACEBOOK_DIALOG_URL", "https://www.facebook.com")

# The task worker's routine lines (a task started, a task finished) are shown from this
# level up; its failures are WARNING and above (tilstede.config.logfilters).
TILSTEDE_TASK_LOG_LEVEL = env_choice(
    "TILSTEDE_TASK_LOG_LEVEL", "warning", ("debug", "info", "warning", "error")
).upper()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {
        "tasks": {
            "()": "tilstede.config.logfilters.TaskLogLevel",
            "level": TILSTEDE_TASK_LOG_LEVEL,
        },
        "forbidden": {"()": "tilstede.config.logfilters.ForbiddenWithoutTraceback"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["tasks", "forbidden"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every font lookup at INFO while rendering archive PDFs.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The audit log records logins, failures and lockouts (tilstede.web.logins).
        "axes": {"level": "WARNING"},
    },
}

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: a bare host means https

os.makedirs(STATIC_ROOT, exist_ok=True)
