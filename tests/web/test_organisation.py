"""The organisation's settings and its people, as an administrator manages them in the desk."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.conftest import make_user
from tilstede.core import roles
from tilstede.core.models import AuditEvent
from tilstede.core.services import PeopleError, person_roles_set


def _events(verb: str):
    return AuditEvent.objects.filter(verb=verb).order_by("id")


def test_an_administrator_changes_the_settings_with_before_and_after_in_the_log(world, client):
    client.force_login(world.admin)
    url = reverse("organisation_edit", args=[world.org.slug])
    data = {
        "name": world.org.name,
        "slug": world.org.slug,
        "case_contact": "Servicetorget, 12 34 56 78",
        "response_hours": "24",
        "moderation_mode": "pre_moderate",
        "day_0_open": "09:00",
        "day_0_close": "15:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert world.org.moderation_mode == "pre_moderate"
    assert world.org.response_time == dt.timedelta(hours=24)
    assert world.org.opening_hours == {"0": ["09:00", "15:00"]}
    event = _events("organisation.change").get()
    assert event.actor_label == "admin"
    changes = event.details["changes"]
    assert changes["moderation_mode"] == {"before": "post_moderate", "after": "pre_moderate"}
    assert changes["case_contact"]["after"] == "Servicetorget, 12 34 56 78"
    assert "opening_hours" in changes


def test_it_refuses_business_hours_that_close_before_they_open(world, client):
    client.force_login(world.admin)
    url = reverse("organisation_edit", args=[world.org.slug])
    response = client.post(
        url,
        {
            "name": world.org.name,
            "slug": world.org.slug,
            "response_hours": "8",
            "moderation_mode": "post_moderate",
            "day_2_open": "16:00",
            "day_2_close": "08:00",
        },
    )
    assert response.status_code == 400
    assert not _events("organisation.change").exists()


@pytest.mark.parametrize("who", ["moderator", "reader", "responder"])
def test_only_administrators_change_the_settings(world, client, who):
    client.force_login(getattr(world, who))
    url = reverse("organisation_edit", args=[world.org.slug])
    assert client.post(url, {"name": "X", "slug": "x"}).status_code == 403


def test_an_administrator_adds_a_person_who_sets_their_own_password(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("person_new"),
        {
            "organisation": world.org.pk,
            "email": "Nina.Ny@Testvik.example",
            "name": "Nina Ny",
            "roles": [roles.MODERATOR],
        },
    )
    assert response.status_code == 200
    person = User.objects.get(username="nina.ny@testvik.example")
    assert not person.has_usable_password()
    assert person.groups.filter(name=roles.MODERATOR).exists()
    assert world.org.members.filter(pk=person.pk).exists()
    event = _events("person.add").get()
    assert event.actor_label == "admin"
    assert event.details["roles"] == {"before": [], "after": ["moderator"]}
    link = re.search(r'value="(http[^"]+/password/[^"]+)"', response.content.decode()).group(1)
    path = link.split("127.0.0.1:8000", 1)[1]
    client.logout()
    page = client.get(path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path
    done = client.post(
        form_url, {"new_password1": "Fjord-Stein-2026!", "new_password2": "Fjord-Stein-2026!"}
    )
    assert done.status_code == 302
    assert client.login(username="nina.ny@testvik.example", password="Fjord-Stein-2026!")
    assert _events("person.password_set").filter(object_id=str(person.pk)).exists()
    client.logout()
    used = client.get(path, follow=True)
    assert "har gått ut" in used.content.decode() or "run out" in used.content.decode()


def test_an_address_that_has_an_account_is_refused(world, client):
    client.force_login(world.admin)
    world.outsider.email = "ute@annet.example"
    world.outsider.save()
    response = client.post(
        reverse("person_new"),
        {"organisation": world.org.pk, "email": "ute@annet.example", "name": "Ute Annen"},
    )
    assert response.status_code == 400
    assert not world.org.members.filter(pk=world.outsider.pk).exists()


def test_roles_are_given_and_taken_with_a_reason(world, client):
    client.force_login(world.admin)
    url = reverse("person_roles", args=[world.reader.pk])
    client.post(url, {"roles": [roles.READER, roles.ARCHIVIST], "reason": "Arkivansvarlig"})
    assert world.reader.groups.filter(name=roles.ARCHIVIST).exists()
    event = _events("person.roles").get()
    assert event.details == {
        "roles": {"before": ["reader"], "after": ["archivist", "reader"]},
        "reason": "Arkivansvarlig",
    }
    client.post(url, {"roles": [roles.ARCHIVIST]})  # no reason: refused
    assert world.reader.groups.filter(name=roles.READER).exists()


def test_an_administrator_cannot_take_their_own_administrator_role(world):
    with pytest.raises(PeopleError):
        person_roles_set(person=world.admin, roles=[roles.READER], reason="x", by=world.admin)


def test_a_person_in_two_organisations_is_the_operators_to_change(world, client):
    world.other_org.members.add(world.moderator)
    client.force_login(world.admin)
    url = reverse("person_roles", args=[world.moderator.pk])
    response = client.post(url, {"roles": [roles.ADMINISTRATOR], "reason": "x"})
    assert response.status_code == 403
    assert not world.moderator.groups.filter(name=roles.ADMINISTRATOR).exists()


def test_a_deactivated_person_is_signed_out_at_once(world, client):
    other = client.__class__()  # the moderator's own browser
    other.force_login(world.moderator)
    assert other.get(reverse("inbox")).status_code == 200
    client.force_login(world.admin)
    response = client.post(
        reverse("person_active", args=[world.moderator.pk]), {"active": "0", "reason": "Sluttet"}
    )
    assert response.status_code == 302
    world.moderator.refresh_from_db()
    assert not world.moderator.is_active
    assert other.get(reverse("inbox")).status_code == 302
    event = _events("person.deactivate").get()
    assert event.details["reason"] == "Sluttet"


def test_teams_and_topics_are_managed_in_the_desk_and_audited(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("config_new", args=["teams"]),
        {
            "organisation": world.org.pk,
            "name": "Vaktlaget",
            "contact_email": "vakt@testvik.example",
            "members": [world.moderator.pk],
        },
    )
    assert response.status_code == 302
    event = _events("team.create").get()
    assert event.details["changes"]["members"]["after"] == ["moderator"]
    stranger = make_user("stranger", roles.MODERATOR, world.other_org)
    response = client.post(
        reverse("config_new", args=["topics"]),
        {"organisation": world.org.pk, "name": "Havn", "responders": [stranger.pk]},
    )
    assert response.status_code == 400  # someone of another organisation is not a choice


def test_a_house_rule_change_is_audited_with_before_and_after(world, client):
    from tilstede.core.models import HouseRule

    rule = HouseRule.objects.create(
        channel=world.channel, code="saklig", title="Hold deg til saken", order=1
    )
    client.force_login(world.admin)
    url = reverse("channel_edit", args=[world.channel.slug])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, (list, dict))
    }
    data.update(
        organisation=world.org.pk,
        response_hours="8",
        moderation_mode="pre_moderate",
        **{
            "rules-TOTAL_FORMS": "1",
            "rules-INITIAL_FORMS": "1",
            "rules-0-id": rule.pk,
            "rules-0-code": "saklig",
            "rules-0-title": "Hold deg til saken, vær saklig",
            "rules-0-order": "1",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = _events("channel.change").get()
    assert event.details["changes"]["moderation_mode"] == {
        "before": "post_moderate",
        "after": "pre_moderate",
    }
    assert event.details["house_rule_changes"]["saklig"]["title"] == {
        "before": "Hold deg til saken",
        "after": "Hold deg til saken, vær saklig",
    }


def test_an_administrator_adds_a_comment_field_and_changes_its_origins(world, client):
    from tilstede.webcomments.models import Site

    client.force_login(world.admin)
    response = client.post(
        reverse("site_new"),
        {
            "organisation": world.org.pk,
            "name": "Kommuneplanen",
            "allowed_origins": "https://www.testvik.example",
        },
    )
    site = Site.objects.get()
    assert response["Location"] == reverse("site", args=[site.pk])
    assert site.channel.organisation == world.org
    assert site.channel.moderation_mode == "pre_moderate"
    assert _events("webcomments.site_created").get().actor_label == "admin"
    page = client.get(reverse("site", args=[site.pk]))
    assert f"data-site=&quot;{site.key}&quot;" in page.content.decode()
    client.post(
        reverse("site", args=[site.pk]),
        {
            "name": "Kommuneplanen",
            "allowed_origins": "https://www.testvik.example\nhttps://plan.testvik.example",
            "new_commenter_holds": "0",
            "active": "on",
        },
    )
    event = _events("webcomments.site_change").get()
    assert event.details["changes"]["new_commenter_holds"] == {"before": 2, "after": 0}
    bad = client.post(
        reverse("site_new"),
        {"organisation": world.org.pk, "name": "X", "allowed_origins": "https://x.example/sti"},
    )
    assert bad.status_code == 400
    client.force_login(world.reader)
    assert client.post(reverse("site", args=[site.pk]), {"name": "Y"}).status_code == 403


def test_the_promised_response_time_reads_as_words_in_the_readers_language(world, client):
    """Not "8.0 hours" from a float, nor Python's "8:00:00": the formatter's words."""
    world.org.response_time = dt.timedelta(hours=8, minutes=30)
    world.org.save(update_fields=["response_time"])
    client.force_login(world.admin)
    page = client.get(reverse("organisation", args=[world.org.slug])).content.decode()
    assert "8 timer og 30 minutter" in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("organisation", args=[world.org.slug])).content.decode()
    assert "8 hours and 30 minutes" in page
