"""Kill ingest in the middle of a batch; the next run ends with every item exactly once.

Runs ingest in a child process on its own SQLite file and kills it with SIGKILL while a
batch's transaction is open (during screening of the 75th item, halfway through the
second page of 50), as a power cut or an OOM kill would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import os, signal, sys
import django
django.setup()
from tilstede import screening
from tilstede.core.models import Channel, Organisation
from tilstede.ingest.services import channel_poll
from tests.ingest.fakes import FakeConnector, raw

org, _ = Organisation.objects.get_or_create(slug="crash", defaults={"name": "Crash kommune"})
channel, _ = Channel.objects.get_or_create(
    slug="crash", defaults=dict(organisation=org, name="Crash", platform="mastodon",
                                kind="microblog", purpose="communication"))
kill_at = int(sys.argv[1])
real_screen, calls = screening.screen, [0]

def screen(text, lang=None):
    calls[0] += 1
    if calls[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_screen(text, lang)

screening.screen = screen
pages = [[raw(n) for n in range(p * 50, p * 50 + 50)] for p in range(4)]
pages[2].append(raw(10, "Kommentar nummer 10 om brøytingen"))  # a repeat across pages
report = channel_poll(channel=channel, connector=FakeConnector(pages), limit=50)
print(report.created, report.error)
"""

COUNT = """
import django
django.setup()
from tilstede.core.models import Item, ItemVersion
from tilstede.ingest.models import ChannelState, VersionScreening
ids = list(Item.objects.values_list("external_id", flat=True))
print(len(ids), len(set(ids)), ItemVersion.objects.count(), VersionScreening.objects.count(),
      ChannelState.objects.get().cursor)
"""


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tilstede.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'crash.sqlite3'}",
        "TILSTEDE_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_a_killed_batch_is_fetched_again_and_every_item_stored_once(tmp_path):
    assert run(tmp_path, "-m", "tilstede.cli.main", "migrate", "-v0").returncode == 0

    killed = run(tmp_path, "-c", CHILD, "75")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    items, unique, versions, screenings, cursor = run(tmp_path, "-c", COUNT).stdout.split()
    assert (items, versions, screenings, cursor) == ("50", "50", "50", "1")  # page 1 only

    again = run(tmp_path, "-c", CHILD, "0")
    assert again.returncode == 0, again.stderr
    assert again.stdout.split() == ["150"]  # the three pages after the committed one
    items, unique, versions, screenings, cursor = run(tmp_path, "-c", COUNT).stdout.split()
    assert items == unique == versions == screenings == "200"
    assert cursor == "4"
