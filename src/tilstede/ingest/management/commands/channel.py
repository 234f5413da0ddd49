"""``tilstede channel add|list|show|pause|resume``: manage channels from the command line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.text import slugify

from tilstede.cli.errors import BadInput
from tilstede.core.formatting import cli_datetime
from tilstede.core.models import (
    Channel,
    ChannelKind,
    ModerationMode,
    Organisation,
    Platform,
    Purpose,
)
from tilstede.core.services import audit_record
from tilstede.ingest.selectors import channel_by_name
from tilstede.ingest.services import channel_state

DEFAULT_KIND = {
    Platform.MASTODON: ChannelKind.MICROBLOG,
    Platform.BLUESKY: ChannelKind.MICROBLOG,
    Platform.RSS: ChannelKind.BLOG,
    Platform.FACEBOOK: ChannelKind.SOCIAL_NETWORK,
    Platform.WEBCOMMENTS: ChannelKind.DISCUSSION_FORUM,
}
# Which command-line option fills which connector setting or secret, per platform.
CONFIG_OPTIONS = {
    Platform.MASTODON: {"url": "base_url", "account_id": "account_id"},
    Platform.BLUESKY: {"handle": "handle", "url": "service"},
    Platform.RSS: {"url": "feed_url", "comments_url": "comments_feed_url"},
    Platform.FACEBOOK: {
        "page_id": "page_id",
        "graph_version": "graph_version",
        "url": "base_url",
    },
    Platform.WEBCOMMENTS: {"url": "page_url"},
}
SECRET_NAMES = {
    Platform.MASTODON: "access_token",
    Platform.BLUESKY: "app_password",
    Platform.FACEBOOK: "page_access_token",
}


def _health(channel: Channel, state: Any) -> str:
    if not channel.active:
        return "paused"
    if state.consecutive_failures:
        return f"failing ({state.consecutive_failures}x)"
    if state.last_poll_partial:
        return "partly working (a part of the last poll failed)"
    return "ok"


def _when(value: dt.datetime | None) -> str:
    return cli_datetime(value)


class Command(BaseCommand):
    help = "Add, list, show, pause or resume channels."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="register a channel")
        add.add_argument("--platform", required=True, choices=Platform.values)
        add.add_argument("--name", required=True)
        add.add_argument("--slug", help="short name (default: from the name)")
        add.add_argument(
            "--organisation", "--org", help="slug of the organisation (default: the only one)"
        )
        add.add_argument("--url", help="feed URL, instance URL or page address")
        add.add_argument("--comments-url", help="RSS: a comments feed URL")
        add.add_argument("--handle", help="Bluesky: the account handle")
        add.add_argument("--account-id", help="Mastodon: the agency's account id")
        add.add_argument("--page-id", help="Facebook: the page id")
        add.add_argument("--graph-version", help="Facebook: Graph API version, e.g. v21.0")
        add.add_argument(
            "--token-env", help="name of the environment variable that holds the token"
        )
        add.add_argument("--kind", choices=ChannelKind.values)
        add.add_argument("--purpose", choices=Purpose.values, default=Purpose.COMMUNICATION)
        add.add_argument(
            "--mode",
            choices=ModerationMode.values,
            default=None,
            help="default: the organisation's default moderation mode",
        )
        add.add_argument(
            "--response-hours",
            type=float,
            default=None,
            help="default: the organisation's default promise",
        )
        add.add_argument("--poll-minutes", type=float, default=5.0)
        sub.add_parser("list", help="all channels with their health")
        for verb in ("show", "pause", "resume"):
            p = sub.add_parser(verb, help=f"{verb} one channel")
            p.add_argument("name")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"do_{action}")(**options)

    def _channel(self, name: str) -> Channel:
        try:
            return channel_by_name(name)
        except Channel.DoesNotExist:
            raise BadInput(f"no channel named {name!r}") from None

    @transaction.atomic
    def do_add(self, **o: Any) -> None:
        platform = o["platform"]
        if o["organisation"]:
            org = Organisation.objects.filter(slug=o["organisation"]).first()
            if org is None:
                raise BadInput(f"no organisation {o['organisation']!r}")
        else:
            orgs = list(Organisation.objects.all()[:2])
            if len(orgs) != 1:
                raise BadInput("say which organisation with --organisation SLUG")
            org = orgs[0]
        config = {
            key: o[option]
            for option, key in CONFIG_OPTIONS.get(platform, {}).items()
            if o.get(option)
        }
        if platform == Platform.RSS and "feed_url" not in config:
            raise BadInput("an RSS channel needs --url with the feed's address")
        channel = Channel(
            organisation=org,
            name=o["name"],
            slug=o["slug"] or slugify(o["name"])[:60],
            platform=platform,
            kind=o["kind"] or DEFAULT_KIND[platform],
            purpose=o["purpose"],
            moderation_mode=o["mode"] or org.moderation_mode,
            response_time=(
                dt.timedelta(hours=o["response_hours"])
                if o["response_hours"] is not None
                else org.response_time
            ),
            opening_hours=dict(org.opening_hours or {}),
            url=o["url"] or "",
            config=config,
        )
        if o["token_env"]:
            if platform not in SECRET_NAMES:
                raise BadInput(f"a {platform} channel takes no token")
            channel.set_secret_from_env(SECRET_NAMES[platform], o["token_env"])
        try:
            channel.full_clean()
        except ValidationError as exc:
            raise BadInput(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        channel.save()
        state = channel_state(channel)
        state.poll_interval = dt.timedelta(minutes=o["poll_minutes"])
        state.save()
        audit_record(
            actor="cli", verb="channel.create", obj=channel, details={"platform": platform}
        )
        self.stdout.write(self.style.SUCCESS(f"added channel {channel.slug} ({platform})"))

    def do_list(self, **o: Any) -> None:
        rows = Channel.objects.select_related("state").order_by("slug")
        if not rows:
            self.stdout.write("no channels yet; add one with `tilstede channel add`")
        for c in rows:
            state = getattr(c, "state", None)
            health = _health(c, state) if state else ("paused" if not c.active else "ok")
            health = health.split(" (a part")[0]
            self.stdout.write(
                f"{c.slug:<24} {c.platform:<12} {c.moderation_mode:<14} {health:<14} "
                f"last success {_when(state.last_success_at if state else None)}"
            )

    def do_show(self, name: str, **o: Any) -> None:
        c = self._channel(name)
        state = channel_state(c)
        lines = [
            ("name", c.name),
            ("short name", c.slug),
            ("platform", c.platform),
            ("kind / purpose", f"{c.kind} / {c.purpose}"),
            ("moderation mode", c.moderation_mode),
            (
                "response promise",
                f"{c.response_time} ({'24/7' if c.around_the_clock else 'opening hours'})",
            ),
            ("active", "yes" if c.active else "paused"),
            ("settings", ", ".join(f"{k}={v}" for k, v in c.config.items()) or "—"),
            ("credentials", ", ".join(c.credentials) or "—"),
            ("items received", str(c.items.count())),
            ("last poll", _when(state.last_poll_at)),
            ("last success", _when(state.last_success_at)),
            ("last error", f"{_when(state.last_error_at)} {state.last_error}".strip()),
            ("failures in a row", str(state.consecutive_failures)),
            ("items waiting", "yes" if state.items_behind else "no"),
            ("next poll", _when(state.next_poll_at)),
            ("health", _health(c, state)),
            ("items skipped", str(state.items_skipped)),
            ("problems last poll", str(state.last_poll_problems)),
            ("recheck window", f"{state.recheck_window.days} days"),
            ("last recheck", _when(state.last_recheck_at)),
            ("next recheck", _when(state.next_recheck_at)),
            ("items rechecked", str(state.items_rechecked)),
        ]
        width = max(len(k) for k, _ in lines)
        for key, value in lines:
            self.stdout.write(f"{key:<{width}}  {value}")
        problems = list(c.problems.all()[:10])
        if problems:
            self.stdout.write("recent problems:")
        for problem in problems:
            where = f" ({problem.url})" if problem.url else ""
            self.stdout.write(
                f"  {_when(problem.seen_at)}  {problem.get_kind_display()}: {problem.reason}{where}"
            )

    def _set_active(self, name: str, active: bool) -> None:
        c = self._channel(name)
        c.active = active
        c.save(update_fields=["active"])
        audit_record(actor="cli", verb="channel.resume" if active else "channel.pause", obj=c)
        self.stdout.write(f"{c.slug} {'resumed' if active else 'paused'}")

    def do_pause(self, name: str, **o: Any) -> None:
        self._set_active(name, False)

    def do_resume(self, name: str, **o: Any) -> None:
        self._set_active(name, True)
