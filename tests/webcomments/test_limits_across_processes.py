"""The comment field's rate limit holds across web processes (issue 16).

Two real gunicorn processes serve one SQLite database with the settings' default cache
(a table in that database); fourteen comments from one address, sent at once and spread
over both, may pass no more than the limit. Before the shared cache each process
counted on its own and ten of fourteen passed a limit of five.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tilstede.webcomments.services import COMMENT_LIMIT

ORIGIN = "https://www.testvik.kommune.no"

SETUP = f"""
from tilstede.core.models import Organisation
from tilstede.webcomments.services import site_create
org = Organisation.objects.create(name="Testvik kommune", slug="testvik")
site = site_create(name="Nettsted", allowed_origins=["{ORIGIN}"], organisation=org)
print("SITE", site.key)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(tmp_path: Path) -> dict[str, str]:
    unset = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "TILSTEDE_TASKS"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    src = str(Path(__file__).resolve().parents[2] / "src")
    env.update(
        TILSTEDE_VAR_DIR=str(tmp_path),
        DEBUG="true",
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join([src, env.get("PYTHONPATH", "")]),
    )
    return env


def tilstede(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tilstede.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def wait_until_up(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the web process ended"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the web process did not start")


def post_comment(port: int, key: str, n: int) -> int:
    body = json.dumps(
        {"page_url": ORIGIN + "/nyheter", "author_name": "Kari", "text": f"Kommentar nummer {n}"}
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/c/{key}/comments",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Origin": ORIGIN},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_fourteen_comments_through_two_web_processes_pass_at_most_the_limit(tmp_path):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    assert gunicorn, "gunicorn is a dependency of Tilstede"
    env = environment(tmp_path)
    tilstede(env, "migrate", "--noinput")
    key = next(
        line.split()[1]
        for line in tilstede(env, "shell", "-c", SETUP).splitlines()
        if "SITE" in line
    )
    ports = [free_port(), free_port()]
    procs = [
        subprocess.Popen(  # noqa: S603
            [gunicorn, "tilstede.config.wsgi", "--bind", f"127.0.0.1:{p}", "--workers", "1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in ports
    ]
    try:
        for port, proc in zip(ports, procs, strict=True):
            wait_until_up(port, proc)
        limit, window = COMMENT_LIMIT
        if window - time.time() % window < 30:  # not across the limit's window boundary
            time.sleep(window - time.time() % window + 1)
        with ThreadPoolExecutor(max_workers=14) as pool:
            answers = list(pool.map(lambda n: post_comment(ports[n % 2], key, n), range(14)))
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)
    accepted = [a for a in answers if a in (201, 202)]
    assert len(accepted) == limit, str(answers)
    assert answers.count(429) == 14 - limit, str(answers)


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
