"""Publishing fixtures: the roles get publishing's permissions, channels on three platforms,
and a fake platform per channel put in place of ``publishing.tasks._connector``.

``core.roles`` does not grant publishing's permissions yet, so they are granted here
exactly as ``publishing.permissions.ROLE_CODENAMES`` proposes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, Permission

from tests.conftest import make_channel
from tilstede.connectors.base import RawItem
from tilstede.core.models import Channel, Platform
from tilstede.publishing import tasks
from tilstede.publishing.permissions import ROLE_CODENAMES

_ids = itertools.count(1000)


@pytest.fixture(autouse=True)
def publishing_roles(db):
    for role, codenames in ROLE_CODENAMES.items():
        group = Group.objects.get(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="publishing", codename__in=codenames)
        )


@pytest.fixture
def org(world):
    world.org.website = "https://www.testvik.kommune.no"
    world.org.save()
    return world.org


@pytest.fixture
def channels(world, org) -> dict[str, Channel]:
    """One channel per platform that publishes, plus the world's Mastodon channel."""
    bluesky = make_channel(org, "testvik-bluesky", platform=Platform.BLUESKY)
    facebook = make_channel(org, "testvik-facebook", platform=Platform.FACEBOOK)
    return {"mastodon": world.channel, "bluesky": bluesky, "facebook": facebook}


class FakePlatform:
    """Answers ``publish`` at once, or raises the error queued for its channel."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.errors: list[Exception] = []
        self.published: list[dict] = []

    def publish(self, *, text: str, language: str = "", link: str = "") -> RawItem:
        if self.errors:
            raise self.errors.pop(0)
        n = next(_ids)
        self.published.append({"text": text, "language": language, "link": link})
        return RawItem(
            external_id=f"{self.channel.platform}-{n}",
            kind="post",
            direction="out",
            author_handle="testvik",
            author_name="",
            text=f"{text}\n\n{link}" if link else text,
            url=f"https://{self.channel.platform}.example/{n}",
            created_at=dt.datetime.now(dt.UTC),
            language=language,
        )


@pytest.fixture
def platforms(monkeypatch) -> dict[str, FakePlatform]:
    fakes: dict[str, FakePlatform] = {}

    def connector(channel: Channel) -> FakePlatform:
        if channel.slug not in fakes:
            fakes[channel.slug] = FakePlatform(channel)
        return fakes[channel.slug]

    monkeypatch.setattr(tasks, "_connector", connector)
    return fakes


@pytest.fixture
def dummy_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    return default_task_backend


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


Run = Callable[..., None]


class Worker:
    """Runs what the services queued, as the task worker would, one task at a time.

    Tasks go to django-tasks' DummyBackend; ``run`` executes those whose ``run_after``
    has come (by the frozen or real clock), with on-commit callbacks run as after a real
    commit, so a task that queues more tasks feeds this same queue.
    """

    def __init__(self, backend, capture) -> None:
        self.backend = backend
        self.capture = capture

    def act(self, fn, *args, **kwargs):
        """Call a service as a request would: its on-commit callbacks run at the end."""
        with self.capture(execute=True):
            return fn(*args, **kwargs)

    def queued(self, name: str | None = None) -> list:
        return [r for r in self.backend.results if name is None or r.task.name == name]

    def run(self, *, now=None, limit: int = 100) -> list:
        from django.utils import timezone

        outcomes = []
        for _ in range(limit):
            moment = now or timezone.now()
            due = [
                r
                for r in self.backend.results
                if r.task.run_after is None or r.task.run_after <= moment
            ]
            if not due:
                break
            result = due[0]
            self.backend.results.remove(result)
            outcomes.append(self.act(result.task.call, *result.args, **result.kwargs))
        return outcomes


@pytest.fixture
def worker(dummy_tasks, django_capture_on_commit_callbacks) -> Worker:
    return Worker(dummy_tasks, django_capture_on_commit_callbacks)


@pytest.fixture(autouse=True)
def _images_in_tmp(settings, tmp_path):
    """Uploaded images go to a temporary TILSTEDE_VAR_DIR, not the checkout's var/."""
    settings.VAR_DIR = tmp_path
