"""Settings from the environment: refusals and one-line errors, run as a real command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from tilstede.config import env

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-tests-only-" + "x" * 20,
    "TILSTEDE_CREDENTIALS_KEY": "credentials-key-for-tests-only",
    "TILSTEDE_AUDIT_KEY": "a" * 20 + "-audit-key-for-tests-only-" + "z" * 20,
    "ALLOWED_HOSTS": "desk.example.no",
}


def tilstede(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    unset = {
        "DATABASE_URL",
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "REDIS_URL",
        "TILSTEDE_AUDIT_KEY",
    }
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tilstede.cli.main", *args],
        env={**base, **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_it_refuses_the_default_secret_key_without_debug(tmp_path):
    result = tilstede("check", DEBUG="false", TILSTEDE_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_passes_the_deploy_check_with_production_settings(tmp_path):
    result = tilstede(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, TILSTEDE_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_names_database_url_when_the_database_is_unreachable(tmp_path):
    url = f"postgres://tilstede:secret@127.0.0.1:{closed_port()}/tilstede"
    result = tilstede("migrate", DATABASE_URL=url, TILSTEDE_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DATABASE_URL" in lines[0]
    assert "secret" not in lines[0]  # the password is not printed


def test_it_names_database_url_when_the_scheme_is_wrong(tmp_path):
    result = tilstede("migrate", DATABASE_URL="mysql://db/x", TILSTEDE_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "tilstede: error: configuration: DATABASE_URL must start with sqlite:// or "
        "postgres://, not 'mysql://db/x'"
    ]


def test_it_names_redis_url_when_redis_is_unreachable(tmp_path):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    result = tilstede("run", TILSTEDE_TASKS="rq", REDIS_URL=url, TILSTEDE_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "REDIS_URL" in lines[0] and url in lines[0]


def test_it_names_a_wrong_task_backend(tmp_path):
    result = tilstede("check", TILSTEDE_TASKS="celery", TILSTEDE_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "TILSTEDE_TASKS" in result.stderr


@pytest.mark.parametrize(
    ("name", "raw"), [("TILSTEDE_WEB_WORKERS", "0"), ("TILSTEDE_WEB_THREADS", "four")]
)
def test_it_names_a_wrong_web_server_setting(tmp_path, name, raw):
    result = tilstede("check", TILSTEDE_VAR_DIR=str(tmp_path), **{name: raw})
    assert result.returncode == 2
    assert name in result.stderr


def test_the_web_server_runs_one_sync_process_per_cpu_unless_told_otherwise():
    import os

    from django.conf import settings

    from tilstede.core.management.commands.run import gunicorn_command

    assert settings.TILSTEDE_WEB_WORKERS == (os.cpu_count() or 1)
    assert settings.TILSTEDE_WEB_THREADS == 1
    sync = gunicorn_command("gunicorn", "127.0.0.1:8000", 2, 1)
    assert sync[sync.index("--workers") + 1] == "2" and "--threads" not in sync
    threaded = gunicorn_command("gunicorn", "127.0.0.1:8000", 2, 4)
    assert threaded[threaded.index("--threads") + 1] == "4"


@pytest.mark.parametrize(
    ("reader", "raw", "message"),
    [
        (lambda: env.env_bool("DEBUG", True), "perhaps", "DEBUG must be true or false"),
        (lambda: env.env_int("SECURE_HSTS_SECONDS", 0, minimum=0), "-5", "at least 0"),
        (lambda: env.env_int("SECURE_HSTS_SECONDS", 0), "a year", "whole number"),
    ],
)
def test_env_readers_name_the_variable(monkeypatch, reader, raw, message):
    for name in ("DEBUG", "SECURE_HSTS_SECONDS"):
        monkeypatch.setenv(name, raw)
    with pytest.raises(ImproperlyConfigured, match=message):
        reader()


def test_it_hides_passwords_in_urls():
    assert env.redact_url("postgres://u:pw@h:5432/db") == "postgres://u:***@h:5432/db"
    assert env.redact_url("sqlite:///var/x.sqlite3") == "sqlite:///var/x.sqlite3"


def test_it_refuses_production_without_an_audit_key(tmp_path):
    production = {k: v for k, v in PRODUCTION.items() if k != "TILSTEDE_AUDIT_KEY"}
    result = tilstede("check", **production, TILSTEDE_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "TILSTEDE_AUDIT_KEY" in result.stderr


SHOW_CACHE = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


def test_rate_limits_count_in_redis_when_redis_url_is_set(tmp_path):
    result = tilstede(
        "shell",
        "-c",
        SHOW_CACHE,
        REDIS_URL="redis://10.0.0.9:6379/2",
        TILSTEDE_VAR_DIR=str(tmp_path),
    )
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"


def test_rate_limits_count_in_the_database_without_redis(tmp_path):
    result = tilstede("shell", "-c", SHOW_CACHE, TILSTEDE_VAR_DIR=str(tmp_path))
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.db.DatabaseCache"


def test_migrate_creates_the_cache_table(tmp_path):
    tilstede("migrate", "--noinput", TILSTEDE_VAR_DIR=str(tmp_path))
    import sqlite3

    with sqlite3.connect(tmp_path / "tilstede.sqlite3") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "tilstede_cache" in tables


def test_the_deploy_check_warns_on_a_per_process_cache(settings):
    from tilstede.core.checks import check_shared_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in check_shared_cache()] == ["tilstede.W010"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}
    }
    assert check_shared_cache() == []
