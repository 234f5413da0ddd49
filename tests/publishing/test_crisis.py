"""Crisis mode [2.2] from declaration to the exported log: more frequent polling, a
pre-approved template published to every crisis channel in one step, other scheduled
posts suspended and resumed, crisis items first in the inbox, the timeline as CSV and PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io

import lxml.html
import pikepdf
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from freezegun import freeze_time
from pypdf import PdfReader

from tests.conftest import make_user
from tests.languages import BOKMAL_ONLY, bokmal_phrases, phrases_in, words_in
from tests.publishing.helpers import approved, compose
from tilstede.connectors.base import RawItem
from tilstede.core import roles
from tilstede.core.models import AuditEvent, Item, Team
from tilstede.ingest.services import channel_state, items_receive
from tilstede.publishing import services
from tilstede.publishing.export import crisis_log_csv, crisis_log_html, crisis_log_pdf
from tilstede.publishing.models import PostState
from tilstede.publishing.selectors import crisis_item_ids, items_with_crisis_flag
from tilstede.publishing.services import PublishingError

T0 = dt.datetime(2026, 11, 9, 6, 0, tzinfo=dt.UTC)  # 07:00 in Oslo


def incoming(channel, n, text, at):
    items_receive(
        channel=channel,
        raw_items=[
            RawItem(
                external_id=f"in-{n}",
                kind="mention",
                direction="in",
                author_handle=f"innbygger{n}@social.example",
                author_name="Innbygger",
                text=text,
                url=f"https://social.example/{n}",
                created_at=at,
            )
        ],
        now=at,
    )
    return Item.objects.get(external_id=f"in-{n}")


@pytest.fixture
def duty(world):
    team = Team.objects.create(organisation=world.org, name="Kriseledelse")
    team.members.add(world.moderator)
    return team


@pytest.fixture
def template(world, org):
    saved = services.crisis_template_save(
        organisation=org,
        by=world.admin,
        name="Stengt vannverk",
        text="Kok drikkevannet før bruk inntil videre. Vi oppdaterer nettsiden løpende.",
        language="nb",
        link="https://www.testvik.kommune.no/krise/vann",
    )
    return services.crisis_template_approve(template=saved, by=world.moderator)


def test_a_crisis_from_declaration_to_the_exported_log(
    world, org, channels, duty, template, platforms, worker
):
    mastodon, bluesky, facebook = channels["mastodon"], channels["bluesky"], channels["facebook"]
    # Before the crisis: an ordinary post is scheduled for the afternoon, and a comment
    # arrives that is not part of the crisis.
    with freeze_time(T0 - dt.timedelta(hours=1)):
        ordinary = approved(world, [mastodon], text="Biblioteket har åpent til 20 i dag.")
        worker.act(
            services.post_schedule, post=ordinary, by=world.moderator, at=T0 + dt.timedelta(hours=8)
        )
        before = incoming(mastodon, 1, "Hei, når åpner svømmehallen?", T0 - dt.timedelta(hours=1))
    for channel in channels.values():
        state = channel_state(channel)
        state.poll_interval = dt.timedelta(minutes=10)
        state.save()

    # Declaration by an administrator; the moderator may not declare.
    with pytest.raises(PermissionDenied):
        services.crisis_declare(
            organisation=org, name="Vannforurensning", channels=[mastodon], by=world.moderator
        )
    with freeze_time(T0):
        crisis = services.crisis_declare(
            organisation=org,
            name="Vannforurensning",
            channels=[mastodon, bluesky, facebook],
            duty_team=duty,
            by=world.admin,
        )
    for channel in channels.values():
        state = channel_state(channel)
        assert state.poll_interval == dt.timedelta(minutes=1)
        assert state.next_poll_at == T0
    with pytest.raises(PublishingError, match="allerede erklært"):
        services.crisis_declare(
            organisation=org, name="En til", channels=[mastodon], by=world.admin
        )

    # Suspend the scheduled post that is not a crisis post.
    with freeze_time(T0 + dt.timedelta(minutes=2)):
        assert worker.act(services.posts_suspend, crisis=crisis, by=world.moderator) == 1
    ordinary.refresh_from_db()
    assert ordinary.state == PostState.SUSPENDED
    # Its task, if it fires, does nothing while suspended.
    with freeze_time(T0 + dt.timedelta(hours=8)):
        assert worker.run() == ["stale"]

    # The duty team publishes the pre-approved template to all crisis channels at once.
    off_duty = make_user("off-duty", roles.MODERATOR, org)
    with pytest.raises(PermissionDenied, match="vaktteamet"):
        services.crisis_template_publish(crisis=crisis, template=template, by=off_duty)
    with pytest.raises(PermissionDenied):
        services.crisis_template_publish(crisis=crisis, template=template, by=world.reader)
    with freeze_time(T0 + dt.timedelta(minutes=5)):
        post = worker.act(
            services.crisis_template_publish, crisis=crisis, template=template, by=world.moderator
        )
        assert worker.run() == ["published"] * 3
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED and post.crisis == crisis
    assert post.approved_by == world.moderator  # the template's approver, ahead of time
    event = AuditEvent.objects.get(verb="post.crisis_publish")
    assert event.details["approval"] == "pre-approved crisis template"
    assert event.details["template"] == "Stengt vannverk"
    assert not AuditEvent.objects.filter(verb="post.approve", object_id=str(post.pk)).exists()

    # Citizens answer; crisis items come first in the inbox.
    with freeze_time(T0 + dt.timedelta(minutes=9)):
        question = incoming(
            bluesky,
            2,
            "Gjelder det Nordhavna også? Ring meg på 912 34 567",
            T0 + dt.timedelta(minutes=9),
        )
    assert crisis_item_ids() == {question.pk}
    ordered = items_with_crisis_flag(Item.objects.filter(direction="in")).order_by(
        "-in_crisis", "-received_at"
    )
    assert [i.pk for i in ordered] == [question.pk, before.pk]

    # End: polling goes back, crisis items are no longer flagged, posts resume.
    with freeze_time(T0 + dt.timedelta(hours=3)):
        crisis = services.crisis_end(crisis=crisis, by=world.admin)
        assert worker.act(services.posts_resume, crisis=crisis, by=world.admin) == (1, 0)
    for channel in channels.values():
        assert channel_state(channel).poll_interval == dt.timedelta(minutes=10)
    assert crisis_item_ids() == set()
    ordinary.refresh_from_db()
    assert ordinary.state == PostState.SCHEDULED
    with freeze_time(T0 + dt.timedelta(hours=8)):
        assert "published" in worker.run()

    # The log: everything published and received during the crisis, redacted, in order.
    rows = list(csv.DictReader(io.StringIO(crisis_log_csv(crisis))))
    kinds = [r["type"] for r in rows]
    assert kinds[0] == "Hendelse" and rows[0]["tekst"] == "Krise erklært"
    assert kinds.count("Publisert") == 3
    assert kinds.count("Mottatt") == 1
    assert [r["tekst"] for r in rows[-2:]] == ["Krise avsluttet", "Planlagt innlegg gjenopptatt"]
    assert rows[1]["tid_oslo"] == "2026-11-09 07:02:00"  # the suspension, Oslo time
    received = next(r for r in rows if r["type"] == "Mottatt")
    assert "912 34 567" not in received["tekst"] and "[telefonnummer]" in received["tekst"]
    assert "Hei, når åpner svømmehallen" not in "".join(r["tekst"] for r in rows)
    assert "Biblioteket" not in "".join(r["tekst"] for r in rows)

    with pikepdf.open(io.BytesIO(crisis_log_pdf(crisis))) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"  # PDF/A-2b, for the archive
        assert len(pdf.pages) >= 1


def test_a_template_needs_a_second_person_to_approve_it(world, org):
    saved = services.crisis_template_save(
        organisation=org,
        by=world.admin,
        name="Evakuering",
        text="Følg politiets anvisninger.",
        language="nb",
        link="https://www.testvik.kommune.no/krise",
    )
    with pytest.raises(PermissionDenied):
        services.crisis_template_approve(template=saved, by=world.admin)
    services.crisis_template_approve(template=saved, by=world.moderator)
    # A changed text needs a new approval.
    changed = services.crisis_template_save(
        organisation=org,
        by=world.admin,
        name="Evakuering",
        text="Følg politiets anvisninger og hold deg inne.",
        language="nb",
        link="https://www.testvik.kommune.no/krise",
        template=saved,
    )
    assert not changed.approved


def test_an_unapproved_template_cannot_be_published(world, org, channels):
    crisis = services.crisis_declare(
        organisation=org, name="Storm", channels=[channels["mastodon"]], by=world.admin
    )
    draft = services.crisis_template_save(
        organisation=org,
        by=world.admin,
        name="Storm",
        text="Hold deg inne.",
        language="nb",
        link="https://www.testvik.kommune.no/storm",
    )
    with pytest.raises(PublishingError, match="ikke godkjent"):
        services.crisis_template_publish(crisis=crisis, template=draft, by=world.admin)


def test_a_crisis_post_composed_as_usual_is_not_suspended(world, org, channels, worker):
    crisis = services.crisis_declare(
        organisation=org, name="Storm", channels=[channels["mastodon"]], by=world.admin
    )
    post = compose(world, [channels["mastodon"]], crisis=crisis)
    services.post_submit(post=post, by=world.moderator)
    services.post_approve(post=post, by=world.admin)
    worker.act(
        services.post_schedule,
        post=post,
        by=world.admin,
        at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
    )
    assert services.posts_suspend(crisis=crisis, by=world.admin) == 0


def test_a_post_whose_time_passed_while_suspended_waits_for_a_new_time(
    world, org, channels, worker
):
    with freeze_time(T0):
        post = approved(world, [channels["mastodon"]])
        worker.act(
            services.post_schedule, post=post, by=world.moderator, at=T0 + dt.timedelta(hours=1)
        )
        crisis = services.crisis_declare(
            organisation=org, name="Storm", channels=[channels["mastodon"]], by=world.admin
        )
        services.posts_suspend(crisis=crisis, by=world.admin)
    with freeze_time(T0 + dt.timedelta(hours=2)):
        assert services.posts_resume(crisis=crisis, by=world.admin) == (0, 1)
    post.refresh_from_db()
    assert post.state == PostState.APPROVED and "nytt tidspunkt" in post.problem


@pytest.mark.parametrize(
    ("language", "heading", "words"),
    [
        ("nn", "Kriselogg: Flaum", ["Kanalar:", "avslutta", "Hending", "Kven"]),
        ("en", "Crisis log: Flaum", ["Channels:", "ended", "Event", "Who"]),
    ],
)
def test_the_crisis_log_pdf_is_in_the_readers_language(world, org, language, heading, words):
    with freeze_time(T0):
        crisis = services.crisis_declare(
            organisation=org, name="Flaum", channels=[world.channel], by=world.admin
        )
    with freeze_time(T0 + dt.timedelta(hours=1)):
        services.crisis_end(crisis=crisis, by=world.admin)
    crisis.refresh_from_db()
    with translation.override(language):
        html = crisis_log_html(crisis)
        pdf = crisis_log_pdf(crisis)
    text = lxml.html.fromstring(html).body.text_content()
    assert phrases_in(text, bokmal_phrases(language)) == []
    assert words_in(text, BOKMAL_ONLY) == []
    assert all(w in text for w in words), text
    assert f'<html lang="{language}">' in html
    assert heading in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
