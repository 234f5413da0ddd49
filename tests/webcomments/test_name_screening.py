"""The display name is screened like the text: held when it carries personal data, shown
to the moderator as typed (redacted like the text until revealed), and to the public only
as screened.
"""

from __future__ import annotations

import pytest

from tests.webcomments.conftest import PAGE
from tilstede.core.models import AuditEvent, Item, ModerationMode, Visibility
from tilstede.moderation.models import Decision, Verb
from tilstede.moderation.services import decision_record
from tilstede.webcomments.models import Comment
from tilstede.webcomments.services import draft_check, name_screen

NBSP, ZWSP = "\u00a0", "\u200b"


def _post_moderated(site):
    site.channel.moderation_mode = ModerationMode.POST_MODERATE
    site.channel.save()
    site.new_commenter_holds = 0
    site.save()


def test_it_does_not_take_a_name_for_a_finding():
    assert name_screen(name="Kari Nordmann").findings == []
    assert name_screen(name="Kari Nordmann").redacted == "Kari Nordmann"


@pytest.mark.parametrize("sep", [" ", NBSP, ZWSP])
def test_it_finds_a_fodselsnummer_in_a_name_whatever_the_separator(fnr, sep):
    typed = f"Per Hansen {fnr[:6]}{sep}{fnr[6:]} Storgata 5"
    result = name_screen(name=typed)
    assert "national_id" in {f.category for f in result.findings}
    assert fnr[:6] not in result.redacted
    assert result.redacted.startswith("Per Hansen [fødselsnummer]")


def test_a_name_with_personal_data_holds_a_clean_comment_in_post_moderation(api, site, fnr):
    _post_moderated(site)
    typed = f"Per Hansen {fnr} Storgata 5"
    response = api.comment("Fint at lekeplassen blir ferdig!", author_name=typed)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "awaiting_moderation"
    assert fnr not in response.content.decode()

    item = Item.objects.get()
    assert item.visibility == Visibility.HELD
    assert fnr not in item.author_name
    assert item.author_name.startswith("Per Hansen [fødselsnummer]")
    comment = Comment.objects.get(item=item)
    assert comment.author_name == typed  # kept as typed, for the moderator
    [finding] = [f for f in comment.name_findings if f["category"] == "national_id"]
    assert typed[finding["start"] : finding["end"]] == fnr
    assert "text" not in finding  # the clear text is not copied into the findings
    decision = Decision.objects.get(item=item, verb=Verb.HOLD)
    assert decision.rule.startswith("screening:author_name:")
    assert "national_id" in decision.rule
    assert AuditEvent.objects.filter(verb="item.hold", object_id=str(item.pk)).exists()


def test_a_clean_name_changes_nothing(api, site):
    _post_moderated(site)
    response = api.comment("Fint at lekeplassen blir ferdig!", author_name="Kari Nordmann")
    assert response.json()["status"] == "published"
    item = Item.objects.get()
    assert item.author_name == "Kari Nordmann"
    assert Comment.objects.get(item=item).name_findings == []
    assert not Decision.objects.filter(item=item, verb=Verb.HOLD).exists()


def test_after_approval_the_page_shows_only_the_screened_name(api, site, world, fnr):
    typed = f"Per Hansen {fnr[:6]}{NBSP}{fnr[6:]}"
    api.comment("Fint at lekeplassen blir ferdig!", author_name=typed)
    item = Item.objects.get()
    assert item.visibility == Visibility.HELD
    assert api.page_comments().json()["comments"] == []

    decision_record(item=item, verb=Verb.APPROVE, by=world.moderator)
    comments = api.page_comments().json()["comments"]
    assert [c["author"] for c in comments] == ["Per Hansen [fødselsnummer]"]
    assert fnr[:6] not in api.page_comments().content.decode()


def test_the_moderator_sees_the_name_as_typed_redacted_until_revealed(
    api, site, world, client, fnr
):
    typed = f"Per Hansen {fnr} Storgata 5"
    api.comment("Fint at lekeplassen blir ferdig!", author_name=typed)
    item = Item.objects.get()
    client.force_login(world.moderator)

    page = client.get(f"/items/{item.pk}/").content.decode()
    assert "Per Hansen" in page
    assert fnr not in page
    assert 'data-category="national_id"' in page

    revealed = client.post(f"/items/{item.pk}/reveal/", {"reason": "Sjekker navnet"})
    assert revealed.status_code == 200, revealed.status_code
    assert fnr in revealed.content.decode()


def test_the_outsider_never_sees_the_typed_name(api, site, world, client, fnr):
    api.comment("Hei", author_name=f"Per {fnr}")
    item = Item.objects.get()
    client.force_login(world.outsider)
    response = client.get(f"/items/{item.pk}/")
    assert response.status_code == 404
    assert fnr not in response.content.decode()


def test_the_draft_check_nudges_about_the_name_too(fnr):
    verdict = draft_check(text="Fint at lekeplassen blir ferdig!", author_name=f"Per {fnr}")
    assert "national_id" in verdict.categories
    assert draft_check(text="Fint!", author_name="Kari Nordmann").categories == []


def test_the_check_endpoint_reads_the_name_and_never_echoes_it(api, fnr):
    response = api.post(
        "check", {"text": "Fint at lekeplassen blir ferdig!", "author_name": f"Per {fnr}"}
    )
    assert response.status_code == 200
    assert [f["category"] for f in response.json()["findings"]] == ["national_id"]
    assert fnr not in response.content.decode()


def test_a_comment_field_post_for_the_page_uses_the_page_url(api):
    # The helper posts to PAGE; a guard that the fixtures above talk about the same page.
    assert api.comment("Hei", author_name="Kari").status_code == 201
    assert Comment.objects.get().page_url == PAGE


def test_the_operators_admin_never_shows_the_name_as_typed(api, site, fnr, client):
    from django.contrib.auth.models import User
    from django.urls import reverse

    _post_moderated(site)
    api.comment("Fint at lekeplassen blir ferdig!", author_name=f"Per Hansen {fnr}")
    comment = Comment.objects.get()
    operator = User.objects.create_superuser("operator", "op@example.test", "pw")
    client.force_login(operator)
    for url in (
        reverse("admin:webcomments_comment_change", args=[comment.pk]),
        reverse("admin:webcomments_comment_changelist"),
        reverse("admin:core_item_change", args=[comment.item_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert fnr not in response.content.decode(), url
