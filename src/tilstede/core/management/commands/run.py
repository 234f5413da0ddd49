"""``tilstede run``: web server, task worker and poll scheduler together, stopped together.

Used by ``make run``. Checks the database (and Redis with TILSTEDE_TASKS=rq) first so a
wrong setting gives one clear line, then starts both processes and stops both when
either ends or on Ctrl-C.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tilstede.cli.errors import BadInput
from tilstede.cli.preflight import services_check


class Command(BaseCommand):
    help = "Run the web server and the task worker together (development and small setups)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port to listen on")

    def handle(self, *args: Any, addr: str, **options: Any) -> None:
        host, _, port = addr.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise BadInput(f"--addr must be host:port, such as 127.0.0.1:8000, not {addr!r}")
        services_check()
        exe = [sys.executable, "-m", "tilstede.cli.main"]
        if settings.TILSTEDE_TASKS == "rq":
            worker = [*exe, "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
        else:
            worker = [*exe, "db_worker", "--interval", "1", "--no-reload"]
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
        if settings.DEBUG or gunicorn is None:
            web = [*exe, "runserver", "--noreload", addr]
        else:
            web = [
                *gunicorn_command(
                    gunicorn, addr, settings.TILSTEDE_WEB_WORKERS, settings.TILSTEDE_WEB_THREADS
                ),
                "--access-logfile",
                "-",
            ]
        scheduler = [*exe, "schedule"]
        procs = [subprocess.Popen(cmd) for cmd in (worker, scheduler, web)]  # noqa: S603
        self.stdout.write(f"Tilstede is running on http://{addr}/ (Ctrl-C stops it all)")
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 10
            for p in procs:
                try:
                    p.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    p.kill()


def gunicorn_command(gunicorn: str, addr: str, workers: int, threads: int) -> list[str]:
    """How the desk is served (``tilstede run``, and ``bench/web.py`` measures the same).

    By default one process per CPU, each serving one request at a time (gunicorn's sync
    worker, which wants a buffering proxy in front, as the README's setup has): on the
    2-core bench machine this served the inbox a quarter to a third more requests per
    second than two processes of four threads, whose threads waited on each other for
    Python's interpreter lock at every database round trip (issue 6). With more than
    one thread (``TILSTEDE_WEB_THREADS``) each process keeps connections open and runs
    that many requests at once (gunicorn's gthread worker).
    """
    command = [gunicorn, "tilstede.config.wsgi", "--bind", addr, "--workers", str(workers)]
    if threads > 1:
        command += ["--threads", str(threads)]
    return command
