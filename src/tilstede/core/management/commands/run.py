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

from tilstede.cli.preflight import services_check


class Command(BaseCommand):
    help = "Run the web server and the task worker together (development and small setups)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port to listen on")

    def handle(self, *args: Any, addr: str, **options: Any) -> None:
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
            # Production-like serving (issue 6): two processes use two cores, and threads
            # let a request wait on the database while another one runs.
            web = [
                gunicorn,
                "tilstede.config.wsgi",
                "--bind",
                addr,
                "--workers",
                "2",
                "--threads",
                "4",
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
