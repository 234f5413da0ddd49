"""Load the demo agency: Fjordvik kommune, its channels, people and 30 days of traffic.

Idempotent: every object has a fixed natural key (user names, slugs, demo external ids),
and a second run adds nothing. Users get the password ``demo``; this happens here only,
never in a migration.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from tilstede.connectors.base import RawItem
from tilstede.core import roles
from tilstede.core.models import (
    Channel,
    ChannelKind,
    Direction,
    HouseRule,
    Item,
    ItemKind,
    ModerationMode,
    Organisation,
    Platform,
    Purpose,
    ResponseState,
    Team,
    Topic,
    Visibility,
)
from tilstede.core.services import audit_record
from tilstede.demo import content, synthetic
from tilstede.desk.models import RoutingRule
from tilstede.ingest.models import Finding
from tilstede.ingest.services import items_receive
from tilstede.moderation.models import Verb
from tilstede.moderation.services import decision_record
from tilstede.webcomments.models import Site
from tilstede.webcomments.services import site_create

DEMO_PASSWORD = "demo"  # noqa: S105  (the documented demo login)
SEED = 20260417
ITEM_COUNT = 340

HOUSE_RULES = [
    (
        "personal-data",
        "Personopplysninger",
        "Vi skjuler innlegg med fødselsnummer, helseopplysninger eller andre personopplysninger, for ditt eget vern.",
    ),
    (
        "harassment",
        "Trakassering og hets",
        "Vi fjerner personangrep, trusler og hatefulle ytringer.",
    ),
    ("spam", "Reklame og spam", "Vi fjerner reklame, kjedebrev og gjentatte innlegg."),
    ("off-topic", "Utenfor tema", "Innlegg som ikke har med saken å gjøre kan bli skjult."),
    ("illegal", "Ulovlig innhold", "Vi fjerner innhold som bryter norsk lov, og kan anmelde det."),
]

CHANNELS = [
    dict(
        slug="facebook",
        name="Fjordvik kommune på Facebook",
        platform=Platform.FACEBOOK,
        kind=ChannelKind.SOCIAL_NETWORK,
        purpose=Purpose.COMMUNICATION,
        audiences="Innbyggere i Fjordvik\nHytteeiere\nLokalpressen",
        moderation_mode=ModerationMode.POST_MODERATE,
        response_time=dt.timedelta(hours=8),
        around_the_clock=False,
        url="https://www.facebook.com/fjordvikkommune",
        config={"page_id": "100000000000001", "graph_version": "v21.0"},
        weight=5,
    ),
    dict(
        slug="mastodon",
        name="@fjordvik på Mastodon",
        platform=Platform.MASTODON,
        kind=ChannelKind.MICROBLOG,
        purpose=Purpose.COMMUNICATION,
        audiences="Innbyggere\nPresse\nAndre offentlige virksomheter",
        moderation_mode=ModerationMode.MONITOR,
        response_time=dt.timedelta(hours=24),
        around_the_clock=False,
        url="https://social.example.no/@fjordvik",
        config={"base_url": "https://social.example.no", "account_id": "109000000000000001"},
        weight=2,
    ),
    dict(
        slug="bluesky",
        name="Fjordvik kommune på Bluesky",
        platform=Platform.BLUESKY,
        kind=ChannelKind.MICROBLOG,
        purpose=Purpose.COMMUNICATION,
        audiences="Innbyggere\nPresse",
        moderation_mode=ModerationMode.POST_MODERATE,
        response_time=dt.timedelta(hours=4),
        around_the_clock=True,
        url="https://bsky.app/profile/fjordvik.kommune.no",
        config={"handle": "fjordvik.kommune.no"},
        weight=2,
    ),
    dict(
        slug="kommuneplan",
        name="Kommuneplanen – kommentarfelt",
        platform=Platform.WEBCOMMENTS,
        kind=ChannelKind.DISCUSSION_FORUM,
        purpose=Purpose.PROJECT,
        audiences="Innbyggere\nNæringsliv\nLag og foreninger",
        moderation_mode=ModerationMode.PRE_MODERATE,
        response_time=dt.timedelta(hours=16),
        around_the_clock=False,
        url="https://fjordvik.kommune.no/kommuneplan",
        config={"page_url": "https://fjordvik.kommune.no/kommuneplan"},
        weight=2,
    ),
    dict(
        slug="nyheter",
        name="Nyheter fra Fjordvik (RSS)",
        platform=Platform.RSS,
        kind=ChannelKind.BLOG,
        purpose=Purpose.KNOWLEDGE,
        audiences="Innbyggere\nAnsatte",
        moderation_mode=ModerationMode.MONITOR,
        response_time=dt.timedelta(hours=24),
        around_the_clock=False,
        url="https://fjordvik.kommune.no/nyheter",
        config={"feed_url": "https://fjordvik.kommune.no/nyheter.rss"},
        weight=1,
    ),
    # The sandbox platform: takes posts, replies and notices with no network, so that
    # compose, approve, publish and reply can be tried in the demo. Active.
    dict(
        slug="demo-plattform",
        name="Fjordvik på demoplattformen",
        platform=Platform.DEMO,
        kind=ChannelKind.SOCIAL_NETWORK,
        purpose=Purpose.COMMUNICATION,
        audiences="Alle som prøver Tilstede",
        moderation_mode=ModerationMode.POST_MODERATE,
        response_time=dt.timedelta(hours=8),
        around_the_clock=False,
        url="",
        config={},
        weight=0,
    ),
]

TOPICS = [
    ("Vei og trafikk", "vei\nveien\nstorgata\nbuss\nbrøyting\nomkjøring\nsykl", "Teknisk"),
    ("Barnehage og skole", "barnehage\nskole\nskule\nbarnehageplass\nassistent", "Oppvekst"),
    ("Helse og omsorg", "helsestasjon\nvaksine\nheimehjelp\nhjemmetjeneste\nhome care", "Helse"),
    ("Byggesak og eiendom", "byggesøknad\ngarasje\neiendomsskatt\nbygget ulovlig", "Teknisk"),
    ("Beredskap", "olje\nevakuer\ndrikkevann\nnordneset\nsandvika", "Kommunikasjon"),
]

# (user name, full name, role); the operator runs the installation (the Django admin)
# and works for no organisation, everyone else works for Fjordvik.
USERS = [
    ("admin", "Anne Admin", roles.ADMINISTRATOR),
    ("moderator", "Mona Moderator", roles.MODERATOR),
    ("responder", "Rune Responder", roles.RESPONDER),
    ("reader", "Randi Reader", roles.READER),
    ("archivist", "Arne Arkivar", roles.ARCHIVIST),
]
OPERATOR = ("operator", "Olav Operator")


@dataclass
class DemoCounts:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    @property
    def total(self) -> int:
        return sum(self.created.values())


@dataclass(frozen=True)
class DemoItem:
    external_id: str
    channel_slug: str
    kind: str
    direction: str
    lang: str
    text: str
    age: dt.timedelta
    parent_external_id: str
    author_handle: str
    author_name: str
    visibility: str
    response_state: str
    private: bool = False


PERSONAL_PLACEHOLDERS = ("ADDRESS", "NAME", "CHILD", "HEALTH", "SPECIAL", "FNR", "DNR")
PERSONAL_PLACEHOLDERS += ("PHONE", "ACCOUNT", "EMAIL")


def _fill(template: str, lang: str, rng: random.Random) -> tuple[str, bool]:
    """Fill placeholders; return the text and whether it carries personal data."""
    name = f"{rng.choice(content.FIRST_NAMES)} {rng.choice(content.SURNAMES)}"
    values = {
        "CASE": f"{rng.choice((24, 25, 26))}/{rng.randrange(100, 99999):05d}",
        "APPID": f"NO-{rng.randrange(100000, 999999)}",
        "ADDRESS": f"{rng.choice(content.STREETS)} {rng.randrange(1, 120)}, 9990 Fjordvik",
        "NAME": name,
        "CHILD": rng.choice(content.CHILD_NAMES),
        "HEALTH": rng.choice(content.HEALTH.get(lang) or content.HEALTH["nb"]),
        "SPECIAL": rng.choice(content.SPECIAL.get(lang) or content.SPECIAL["nb"]),
        "FNR": synthetic.fodselsnummer(rng),
        "DNR": synthetic.fodselsnummer(rng, d_number=True),
        "PHONE": synthetic.mobile(rng),
        "ACCOUNT": synthetic.kontonummer(rng),
        "EMAIL": f"{name.split()[0].lower()}.{rng.randrange(10, 99)}@example.com",
    }
    personal = any(f"{{{key}}}" in template for key in PERSONAL_PLACEHOLDERS)
    return template.format(**values), personal


def _author(rng: random.Random, platform: str) -> tuple[str, str]:
    first, last = rng.choice(content.FIRST_NAMES), rng.choice(content.SURNAMES)
    handle = f"{first.lower()}{last.lower()[:3]}{rng.randrange(1, 99)}"
    if platform == Platform.MASTODON:
        handle = f"@{handle}@social.example.no"
    elif platform == Platform.BLUESKY:
        handle = f"{handle}.bsky.social"
    return handle, f"{first} {last[0]}."


def demo_items(rng: random.Random) -> list[DemoItem]:
    """The whole demo traffic as plain data, the same on every run (seeded)."""
    items: list[DemoItem] = []
    channels = [c for c in CHANNELS if c["weight"]]  # the sandbox platform starts empty
    weights = [c["weight"] for c in channels]
    posts_by_channel: dict[str, list[str]] = {}
    for c in channels:
        posts = []
        for n, (lang, text) in enumerate(rng.sample(content.AGENCY_POSTS, 3)):
            ext = f"demo-{c['slug']}-post-{n}"
            items.append(
                DemoItem(
                    external_id=ext,
                    channel_slug=c["slug"],
                    kind=ItemKind.POST,
                    direction=Direction.OUT,
                    lang=lang,
                    text=text,
                    age=dt.timedelta(days=29 - n * 9, hours=rng.randrange(8, 15)),
                    parent_external_id="",
                    author_handle="fjordvik",
                    author_name="Fjordvik kommune",
                    visibility=Visibility.VISIBLE,
                    response_state=ResponseState.NOT_NEEDED,
                )
            )
            posts.append(ext)
        posts_by_channel[c["slug"]] = posts

    pools = [
        (content.PRAISE, 5, False),
        (content.QUESTIONS, 5, True),
        (content.CRITICISM, 4, False),
        (content.CRISIS_RUMOURS, 3, True),
        (content.OWN_CASE, 5, True),
    ]
    for n in range(ITEM_COUNT):
        c = rng.choices(channels, weights=weights)[0]
        pool, _w, needs_answer = rng.choices(pools, weights=[p[1] for p in pools])[0]
        lang, template = rng.choice(pool)
        text, personal = _fill(template, lang, rng)
        # People word the same thing their own way; identical texts from many authors
        # would (rightly) be flagged as a campaign.
        opening = {
            "en": ["", "Hi, ", "Hello! ", "Quick question: "],
            "nn": ["", "Hei, ", "Hallo! "],
        }
        text = rng.choice(opening.get(lang, ["", "Hei, ", "Hallo! ", "Heisann. "])) + text
        text += rng.choice(["", "", " 🙏", " 😡", " !!", " #fjordvik", " 🤔", " Mvh", " Takk."])
        private = c["platform"] == Platform.MASTODON and pool is content.OWN_CASE
        kind = ItemKind.DIRECT_MESSAGE if private else ItemKind.COMMENT
        if c["platform"] in (Platform.MASTODON, Platform.BLUESKY) and not private:
            kind = rng.choice([ItemKind.REPLY, ItemKind.MENTION])
        parent = (
            "" if private or kind == ItemKind.MENTION else rng.choice(posts_by_channel[c["slug"]])
        )
        handle, name = _author(rng, c["platform"])
        mode = c["moderation_mode"]
        if personal and mode != ModerationMode.MONITOR:
            visibility = Visibility.HELD
        elif mode == ModerationMode.PRE_MODERATE and rng.random() < 0.4:
            visibility = Visibility.HELD
        else:
            visibility = Visibility.VISIBLE
        age = dt.timedelta(minutes=rng.randrange(10, 30 * 24 * 60))
        if pool is content.CRISIS_RUMOURS:
            age = dt.timedelta(days=rng.uniform(5, 8))
        answered = needs_answer and age > dt.timedelta(days=2) and rng.random() < 0.7
        state = (
            ResponseState.ANSWERED
            if answered
            else ResponseState.AWAITING
            if needs_answer
            else ResponseState.NOT_NEEDED
        )
        ext = f"demo-{c['slug']}-{n:04d}"
        items.append(
            DemoItem(
                external_id=ext,
                channel_slug=c["slug"],
                kind=kind,
                direction=Direction.IN,
                lang=lang,
                text=text,
                age=age,
                parent_external_id=parent,
                author_handle=handle,
                author_name=name,
                visibility=visibility,
                response_state=state,
                private=private,
            )
        )
        if answered and not private:
            reply_lang = lang if lang in content.AGENCY_REPLIES else "nb"
            reply = rng.choice(content.AGENCY_REPLIES[reply_lang])
            if pool is content.OWN_CASE:
                reply = content.AGENCY_REPLIES[reply_lang][1]
            items.append(
                DemoItem(
                    external_id=f"{ext}-reply",
                    channel_slug=c["slug"],
                    kind=ItemKind.REPLY,
                    direction=Direction.OUT,
                    lang=reply_lang,
                    text=reply,
                    age=age - dt.timedelta(hours=rng.uniform(0.2, 30)),
                    parent_external_id=ext,
                    author_handle="fjordvik",
                    author_name="Fjordvik kommune",
                    visibility=Visibility.VISIBLE,
                    response_state=ResponseState.NOT_NEEDED,
                )
            )
    return items


def _route(text: str, topics: list[Topic]) -> Topic | None:
    lowered = text.lower()
    for topic in topics:
        if any(k and k in lowered for k in topic.keywords.splitlines()):
            return topic
    return None


@transaction.atomic
def demo_load(
    *, now: dt.datetime | None = None, progress: Callable[[str], None] = print
) -> DemoCounts:
    """Create whatever of the demo agency is missing; return what was created."""
    now = now or timezone.now()
    counts = DemoCounts()
    rng = random.Random(SEED)

    org, created = Organisation.objects.get_or_create(
        slug="fjordvik",
        defaults={
            "name": "Fjordvik kommune",
            "org_number": "999999999",
            "website": "https://fjordvik.kommune.no",
            "secure_contact_url": "https://fjordvik.kommune.no/sikker-melding",
        },
    )
    counts.add("organisation", int(created))

    User = get_user_model()
    users = {}
    for username, full_name, role in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            first, last = full_name.split()
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@fjordvik.example",
            )
            user.groups.add(Group.objects.get(name=role))
            org.members.add(user)
            counts.add("user")
        users[username] = user
    username, full_name = OPERATOR
    if not User.objects.filter(username=username).exists():
        first, last = full_name.split()
        User.objects.create_superuser(
            username=username,
            email=f"{username}@tilstede.example",
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
        )
        counts.add("user")

    teams = {}
    for name in ("Kommunikasjon", "Teknisk", "Oppvekst", "Helse"):
        team, created = Team.objects.get_or_create(
            organisation=org,
            name=name,
            defaults={"contact_email": f"{name.lower()}@fjordvik.example"},
        )
        if created:
            counts.add("team")
            team.members.add(users["moderator"] if name == "Kommunikasjon" else users["responder"])
        teams[name] = team

    topics = []
    for name, keywords, team_name in TOPICS:
        topic, created = Topic.objects.get_or_create(
            organisation=org, name=name, defaults={"keywords": keywords, "team": teams[team_name]}
        )
        if created:
            counts.add("topic")
            if team_name == "Teknisk":
                topic.responders.add(users["responder"])
        topics.append(topic)

    channels = {}
    for spec in CHANNELS:
        spec = {k: v for k, v in spec.items() if k != "weight"}
        slug = spec["slug"]
        if spec["platform"] == Platform.DEMO:
            page = settings.TILSTEDE_PUBLIC_URL.rstrip("/") + f"/demo-platform/{slug}/"
            spec["url"], spec["config"] = page, {"page_url": page}
        # Marked as the demo's, so that the desk says "demo (paused)", not "failing".
        spec["config"] = {**spec["config"], "demo": True}
        channel, created = Channel.objects.get_or_create(
            slug=spec.pop("slug"),
            defaults={
                **spec,
                # The accounts are made up: paused, so the worker never calls out for them.
                # The comment field and the sandbox platform need no account.
                "active": spec["platform"] in (Platform.WEBCOMMENTS, Platform.DEMO),
                "organisation": org,
                "owner_team": teams["Kommunikasjon"],
                "contact": "kommunikasjon@fjordvik.example",
                "house_rules_intro": (
                    "Vi ønsker en åpen og saklig debatt. Del ikke personopplysninger her, "
                    "og ta enkeltsaker med oss på https://fjordvik.kommune.no/sikker-melding."
                ),
            },
        )
        if created:
            counts.add("channel")
            for order, (code, title, text) in enumerate(HOUSE_RULES):
                HouseRule.objects.create(
                    channel=channel, code=code, title=title, text=text, order=order
                )
                counts.add("house rule")
            audit_record(actor="demo-data", verb="channel.create", obj=channel)
        channels[channel.slug] = channel

    if not Site.objects.filter(channel=channels["kommuneplan"]).exists():
        # The comment field under the municipal plan; in DEBUG its demo page is
        # /c/demo/<key>/ (see the site in the admin for the snippet).
        site_create(
            name="Fjordvik kommune – kommuneplanen",
            allowed_origins=["https://fjordvik.kommune.no"],
            channel=channels["kommuneplan"],
        )
        counts.add("comment field site")

    if not RoutingRule.objects.filter(organisation=org).exists():
        # English questions go to the communication unit, which answers in English.
        RoutingRule.objects.create(
            organisation=org,
            name="Engelsk til kommunikasjon",
            language="en",
            team=teams["Kommunikasjon"],
            assignee=users["moderator"],
            order=10,
        )
        counts.add("routing rule")

    planned = demo_items(rng)
    existing = set(
        Item.objects.filter(external_id__in=[d.external_id for d in planned]).values_list(
            "external_id", flat=True
        )
    )
    new = [d for d in planned if d.external_id not in existing]
    # Items enter the way every item does: through ingest, which versions and screens
    # them and lets the moderation rules hold what carries personal data.
    for slug, channel in channels.items():
        batch = [d for d in new if d.channel_slug == slug]
        if not batch:
            continue
        items_receive(
            channel=channel,
            raw_items=[
                RawItem(
                    external_id=d.external_id,
                    kind=d.kind,
                    direction=d.direction,
                    author_handle=d.author_handle,
                    author_name=d.author_name,
                    text=d.text,
                    url=f"{channel.url}/{d.external_id}",
                    created_at=now - d.age,
                    language=d.lang,
                    parent_external_id=d.parent_external_id,
                    private=d.private,
                )
                for d in batch
            ],
            now=now,
        )
        progress(
            "  "
            + ngettext("%(channel)s: %(n)s item", "%(channel)s: %(n)s items", len(batch))
            % {"channel": channel.name, "n": len(batch)}
        )
    # What people did in the demo's past: answered, approved in pre-moderation, routed.
    by_ext = {d.external_id: d for d in new}
    touched = []
    for item in Item.objects.filter(external_id__in=list(by_ext)).select_related("channel"):
        d = by_ext[item.external_id]
        item.received_at = item.created_at + dt.timedelta(minutes=2)
        item.response_state = d.response_state
        if item.direction == Direction.IN:
            item.topic = _route(item.text, topics)
        if item.visibility == Visibility.HELD and d.visibility == Visibility.VISIBLE:
            has_findings = Finding.objects.filter(screening__version__item=item).exists()
            if not has_findings:
                item.visibility = Visibility.VISIBLE  # approved by a moderator back then
        touched.append(item)
    Item.objects.bulk_update(touched, ["received_at", "response_state", "topic", "visibility"])
    counts.add("item", len(touched))
    if touched:
        counts.add("decision", _demo_decisions(rng, users["moderator"], touched))
    return counts


def _demo_decisions(rng: random.Random, moderator: object, items: list[Item]) -> int:
    """The moderators' past work: hidden personal data and insults, approved comments.

    Made through the real decision service, dated back to when they happened, so the
    audit log, the transparency report and the item histories show them.
    """
    made = 0
    held = [i for i in items if i.visibility == Visibility.HELD and i.direction == Direction.IN]
    rng.shuffle(held)
    rude = [
        i
        for i in items
        if i.visibility == Visibility.VISIBLE
        and i.direction == Direction.IN
        and any(w in i.text for w in ("Skam dere", "uakseptabelt", "ran av"))
    ]
    for n, item in enumerate(held[: len(held) // 2] + rude[:6]):
        when = item.created_at + dt.timedelta(hours=rng.uniform(0.3, 6))
        has_findings = Finding.objects.filter(screening__version__item=item).exists()
        if has_findings or item in rude:
            code = "personal-data" if has_findings else "harassment"
            rule = HouseRule.objects.get(channel=item.channel, code=code)
            verb = Verb.HIDE if n % 5 else Verb.DELETE_AT_SOURCE
            decision_record(
                item=item,
                verb=verb,
                by=moderator,
                house_rule=rule,
                now=when,
                reason="Skjult etter husreglene.",
            )
        else:
            decision_record(item=item, verb=Verb.APPROVE, by=moderator, now=when)
        made += 1
    return made
