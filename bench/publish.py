"""Publishing one post to 10 channels at once: how much of the time is our own.

Usage: python bench/publish.py [--channels 10] [--rounds 5]

In this process, with a fresh SQLite database in a temporary TILSTEDE_VAR_DIR (DEBUG off,
tasks run at once after commit as ``TILSTEDE_TASKS=immediate``): an organisation, 10
channels (Mastodon, Bluesky and Facebook in turn) pointed at fake platform servers on
loopback that answer at once (``tests/publishing/fakeplatforms.py``), and per round one
approved post to all of them. The timed part is ``post_publish`` from the call until
every channel's task has run: the final checks, the ten connector calls over HTTP, ingest
storing each result as an outgoing Item (versioned, screened, ruled on) and the audit
events. "Our own time" is that wall time less the time the fake servers spent building
their answers.

Target (issue 8): under 2 s of our own time for 10 channels.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0
PLATFORMS = ("mastodon", "bluesky", "facebook")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--channels", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="tilstede-bench-publish-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tilstede.config.settings",
            "TILSTEDE_VAR_DIR": tmp,
            "TILSTEDE_TASKS": "immediate",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "TILSTEDE_AUDIT_KEY": secrets.token_urlsafe(40),
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    for path in (ROOT / "src", ROOT):
        sys.path.insert(0, str(path))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import transaction

    from tests.publishing.fakeplatforms import FakePlatforms, configure, connector_for_fakes
    from tilstede.core.models import Channel, ChannelKind, Organisation, Purpose
    from tilstede.publishing import services, tasks
    from tilstede.publishing.models import PostState, PublishingSettings
    from tilstede.publishing.permissions import ROLE_CODENAMES

    call_command("migrate", verbosity=0, interactive=False)
    fake = FakePlatforms()
    tasks._connector = connector_for_fakes  # Facebook's Graph address is not a setting

    org = Organisation.objects.create(
        name="Fjordvik kommune (bench)", slug="fjordvik", website="https://www.fjordvik.kommune.no"
    )
    writer = User.objects.create_superuser("writer", password=None)
    approver = User.objects.create_superuser("approver", password=None)
    org.members.add(writer, approver)
    assert ROLE_CODENAMES  # superusers hold every permission the roles would get
    channels = []
    for n in range(args.channels):
        platform = PLATFORMS[n % len(PLATFORMS)]
        channel = Channel.objects.create(
            organisation=org,
            name=f"Kanal {n + 1} ({platform})",
            slug=f"kanal-{n + 1}",
            platform=platform,
            kind=ChannelKind.MICROBLOG,
            purpose=Purpose.COMMUNICATION,
        )
        configure(channel, fake.url)
        PublishingSettings.objects.create(channel=channel, limits_checked_at=django_now())
        channels.append(channel)

    walls, own = [], []
    for round_ in range(args.rounds + 1):  # round 0 warms imports and connections
        post = services.post_compose(
            organisation=org,
            by=writer,
            text=f"Runde {round_}: vannet i Nordhavna er trygt å drikke igjen. Les mer her.",
            language="nb",
            link="https://www.fjordvik.kommune.no/vann",
            information=True,
            channels=channels,
        )
        services.post_submit(post=post, by=writer)
        services.post_approve(post=post, by=approver)
        busy_before = fake.busy
        started = time.perf_counter()
        with transaction.atomic():
            services.post_publish(post=post, by=approver)
        wall = time.perf_counter() - started
        platform_time = fake.busy - busy_before
        post.refresh_from_db()
        if post.state != PostState.PUBLISHED:
            print(f"round {round_}: post ended {post.state}", file=sys.stderr)
            return 1
        if round_:
            walls.append(wall)
            own.append(wall - platform_time)

    fake.close()
    print(f"publish to {args.channels} channels, {args.rounds} rounds (SQLite, tasks immediate)")
    print(f"  wall time:      median {statistics.median(walls):.3f} s, max {max(walls):.3f} s")
    print(f"  our own time:   median {statistics.median(own):.3f} s, max {max(own):.3f} s")
    ok = max(own) < TARGET_SECONDS
    print(f"  target: < {TARGET_SECONDS:.1f} s of our own time: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def django_now():
    from django.utils import timezone

    return timezone.now()


if __name__ == "__main__":
    raise SystemExit(main())
