"""Approval: draft -> awaiting approval -> approved, who may move each step, the four-eyes
rule per channel, and an AuditEvent for every step."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from tests.publishing.helpers import approved, compose
from tilstede.core.models import AuditEvent
from tilstede.publishing import services
from tilstede.publishing.models import PostState, PublishingSettings
from tilstede.publishing.services import PublishingError


def verbs(post):
    return list(
        AuditEvent.objects.filter(object_type="publishing.post", object_id=str(post.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )


def test_a_post_goes_from_draft_through_approval_with_an_audit_event_per_step(world, channels):
    post = compose(world, channels.values())
    assert post.state == PostState.DRAFT
    assert sorted(post.deliveries.values_list("channel__slug", flat=True)) == sorted(
        c.slug for c in channels.values()
    )
    services.post_submit(post=post, by=world.moderator)
    post.refresh_from_db()
    assert post.state == PostState.AWAITING_APPROVAL
    services.post_approve(post=post, by=world.admin)
    post.refresh_from_db()
    assert post.state == PostState.APPROVED and post.approved_by == world.admin
    assert verbs(post) == ["post.compose", "post.submit", "post.approve"]
    approval = AuditEvent.objects.get(verb="post.approve", object_id=str(post.pk))
    assert approval.actor == world.admin
    assert sorted(approval.details["four_eyes"]) == sorted(c.slug for c in channels.values())


@pytest.mark.parametrize("persona", ["responder", "reader", "outsider"])
def test_only_the_desk_may_compose(world, channels, persona):
    with pytest.raises(PermissionDenied):
        compose(world, [channels["mastodon"]], by=getattr(world, persona))


def test_a_post_that_fails_its_checks_cannot_be_submitted(world, channels):
    post = compose(world, [channels["bluesky"]], text="x" * 301, link="")
    with pytest.raises(PublishingError) as caught:
        services.post_submit(post=post, by=world.moderator)
    assert caught.value.status == 400
    assert {p.code for p in caught.value.problems} == {"too_long", "link_required"}
    post.refresh_from_db()
    assert post.state == PostState.DRAFT


def test_the_four_eyes_rule_stops_the_writer_approving_their_own_post(world, channels):
    post = compose(world, [channels["mastodon"]], by=world.admin)
    services.post_submit(post=post, by=world.admin)
    with pytest.raises(PermissionDenied, match="Fireøyneprinsippet"):
        services.post_approve(post=post, by=world.admin)
    services.post_approve(post=post, by=world.moderator)
    post.refresh_from_db()
    assert post.state == PostState.APPROVED


def test_a_channel_without_the_four_eyes_rule_lets_the_writer_approve(world, channels):
    PublishingSettings.objects.create(channel=channels["mastodon"], four_eyes=False)
    post = compose(world, [channels["mastodon"]], by=world.admin)
    services.post_submit(post=post, by=world.admin)
    services.post_approve(post=post, by=world.admin)
    assert AuditEvent.objects.get(verb="post.approve").details["own_post"] is True
    # One strict channel among relaxed ones is enough for the rule to apply.
    mixed = compose(world, [channels["mastodon"], channels["bluesky"]], by=world.admin)
    services.post_submit(post=mixed, by=world.admin)
    with pytest.raises(PermissionDenied, match="Bluesky"):
        services.post_approve(post=mixed, by=world.admin)


def test_the_last_editor_counts_as_a_writer(world, channels):
    post = compose(world, [channels["mastodon"]], by=world.moderator)
    services.post_update(post=post, by=world.admin, text="Brua er stengt i helga.")
    services.post_submit(post=post, by=world.moderator)
    with pytest.raises(PermissionDenied):
        services.post_approve(post=post, by=world.admin)


@pytest.mark.parametrize("persona", ["responder", "reader", "outsider"])
def test_others_may_not_approve(world, channels, persona):
    post = compose(world, [channels["mastodon"]])
    services.post_submit(post=post, by=world.moderator)
    with pytest.raises(PermissionDenied):
        services.post_approve(post=post, by=getattr(world, persona))


@pytest.mark.parametrize("persona", ["responder", "reader", "outsider"])
def test_others_may_not_publish_or_schedule(world, channels, persona):
    post = approved(world, [channels["mastodon"]])
    with pytest.raises(PermissionDenied):
        services.post_publish(post=post, by=getattr(world, persona))


def test_only_a_draft_can_be_edited_and_a_rejected_post_returns_to_draft(world, channels):
    post = compose(world, [channels["mastodon"]])
    services.post_submit(post=post, by=world.moderator)
    with pytest.raises(PublishingError):
        services.post_update(post=post, by=world.moderator, text="Endret etter innsending")
    with pytest.raises(PublishingError):
        services.post_publish(post=post, by=world.admin)  # not approved yet
    services.post_return_to_draft(post=post, by=world.admin, reason="Skriv dato")
    post.refresh_from_db()
    assert post.state == PostState.DRAFT and post.problem == "Skriv dato"
    services.post_update(post=post, by=world.moderator, text="Brua er stengt 3.-4. mai.")
    assert verbs(post)[-2:] == ["post.reject", "post.update"]


def test_a_channel_of_another_organisation_is_refused(world, channels):
    with pytest.raises(PermissionDenied):
        compose(world, [world.other_channel])
