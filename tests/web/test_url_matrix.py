"""Every URL of the desk, the API and the admin, for every role: the expected answer.

Personas: anonymous, reader, responder, moderator, archivist and administrator of the
first organisation (Testvik), the installation's operator (superuser), and an
administrator of a second organisation (Annet), who must reach nothing of the first:
their answers are checked for the first organisation's name, channel and citizen text.

A URL added to the project fails ``test_every_url_is_in_the_matrix`` until it is given
its row here. Object URLs point at the first organisation's objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver

from tests.archive.helpers import build_thread, close
from tests.conftest import make_user
from tests.screening.made_up_numbers import fodselsnummer
from tilstede.archive.innsyn import Search, innsyn_request_record
from tilstede.archive.models import ArchiveExport, ArchiveRule, ExportStatus
from tilstede.archive.services import legal_hold_place
from tilstede.core import roles
from tilstede.core.models import HouseRule, Item, Team
from tilstede.desk.models import RoutingRule, SavedReply
from tilstede.moderation.models import WatchedWord
from tilstede.moderation.services import decision_record
from tilstede.moderation.tasks import appeal_token
from tilstede.publishing import services as publishing
from tilstede.signin.models import RoleMapping
from tilstede.webcomments.services import site_create

PERSONAS = (
    "anonymous",
    "reader",
    "responder",
    "moderator",
    "archivist",
    "administrator",
    "superuser",
    "other_admin",
)
DESK = PERSONAS[1:7]  # the first organisation's people and the operator

# The answer to a GET, per persona in the order of PERSONAS. 302 for anonymous visitors is
# the login redirect; 405 is a POST-only URL (its POST is tried in the attack tests below).
EXPECTED: dict[str, list[int]] = {
    "home": [302, 200, 302, 200, 302, 200, 200, 200],
    "favicon": [301, 301, 301, 301, 301, 301, 301, 301],
    "figures": [302, 200, 403, 200, 403, 200, 200, 200],
    "figures_csv": [302, 200, 403, 200, 403, 200, 200, 200],
    "figures_pdf": [302, 200, 403, 200, 403, 200, 200, 200],
    "transparency_csv": [200, 200, 200, 200, 200, 200, 200, 200],
    "transparency": [200, 200, 200, 200, 200, 200, 200, 200],
    "api:api-root": [404, 404, 404, 404, 404, 404, 404, 404],
    "api:figures_response": [401, 200, 403, 200, 403, 200, 200, 200],
    "api:figures_transparency": [401, 200, 403, 200, 403, 200, 200, 200],
    "api:items_list": [401, 200, 200, 200, 200, 200, 200, 200],
    "api:item_detail": [401, 200, 404, 200, 200, 200, 200, 404],
    "api:item_claim_view": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:item_decide": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:item_reply": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:item_reveal": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:item_saved_replies": [401, 403, 404, 200, 403, 200, 200, 404],
    "api:openapi-json": [200, 200, 200, 200, 200, 200, 200, 200],
    "api:crises_list": [401, 200, 403, 200, 403, 200, 200, 200],
    "api:crisis_declare": [401, 200, 403, 200, 403, 200, 200, 200],
    "api:crisis_detail": [401, 200, 403, 200, 403, 200, 200, 404],
    "api:crisis_end": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:crisis_log": [401, 200, 403, 200, 403, 200, 200, 404],
    "api:crisis_resume": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:crisis_suspend": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:crisis_template_publish": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:posts_compose": [401, 200, 403, 200, 403, 200, 200, 200],
    "api:posts_list": [401, 200, 403, 200, 403, 200, 200, 200],
    "api:post_change": [401, 200, 403, 200, 403, 200, 200, 404],
    "api:post_detail": [401, 200, 403, 200, 403, 200, 200, 404],
    "api:post_approve": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:delivery_retry": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:post_image_add": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:post_publish": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:post_reject": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:post_schedule": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:post_submit": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:posts_check": [405, 405, 405, 405, 405, 405, 405, 405],
    "api:template_create": [401, 200, 403, 200, 403, 200, 200, 200],
    "api:templates_list": [401, 200, 403, 200, 403, 200, 200, 200],
    "api:template_approve": [405, 405, 405, 405, 405, 405, 405, 405],
    "archive_home": [302, 403, 403, 403, 200, 200, 200, 200],
    "archive_close_period": [302, 405, 405, 405, 405, 405, 405, 405],
    "archive_close_thread": [302, 405, 405, 405, 405, 405, 405, 405],
    "archive_exports": [302, 403, 403, 403, 200, 200, 200, 200],
    "archive_export": [302, 403, 403, 403, 200, 200, 200, 404],
    "archive_export_download": [302, 403, 403, 403, 404, 403, 404, 403],
    "archive_holds": [302, 403, 403, 403, 200, 200, 200, 200],
    "archive_hold_release": [302, 405, 405, 405, 405, 405, 405, 405],
    "archive_innsyn": [302, 403, 403, 403, 200, 200, 200, 200],
    "archive_innsyn_detail": [302, 403, 403, 403, 200, 200, 200, 404],
    "archive_innsyn_download": [302, 403, 403, 403, 404, 403, 404, 403],
    "archive_retention": [302, 403, 403, 403, 200, 200, 200, 200],
    "archive_rules": [302, 403, 403, 403, 200, 200, 200, 200],
    "archive_rule_edit": [302, 403, 403, 403, 200, 403, 200, 403],
    "archive_rule_new": [302, 403, 403, 403, 200, 403, 200, 403],
    "audit": [302, 200, 403, 200, 200, 200, 200, 200],
    "webcomments:check": [405, 405, 405, 405, 405, 405, 405, 405],
    "webcomments:comments": [400, 400, 400, 400, 400, 400, 400, 400],
    "webcomments:config": [200, 200, 200, 200, 200, 200, 200, 200],
    "webcomments:demo": [404, 404, 404, 404, 404, 404, 404, 404],
    "webcomments:widget_css": [200, 200, 200, 200, 200, 200, 200, 200],
    "webcomments:widget_js": [200, 200, 200, 200, 200, 200, 200, 200],
    "channels": [302, 200, 200, 200, 200, 200, 200, 200],
    "channel": [302, 200, 200, 200, 200, 200, 200, 404],
    "channel_edit": [302, 403, 403, 403, 403, 200, 200, 404],
    "channel_health": [302, 200, 200, 200, 200, 200, 200, 200],
    # Connecting an account: administrators; the callback without a started connection
    # in the session is a bad request (400), never another organisation's channel.
    "channel_connect": [302, 403, 403, 403, 403, 200, 200, 404],
    "channel_connect_callback": [302, 403, 403, 403, 403, 400, 400, 400],
    "channel_new": [302, 403, 403, 403, 403, 200, 200, 200],
    "healthz": [200, 200, 200, 200, 200, 200, 200, 200],
    "set_language": [302, 302, 302, 302, 302, 302, 302, 302],
    "inbox": [302, 200, 200, 200, 200, 200, 200, 200],
    "inbox_bulk": [302, 405, 405, 405, 405, 405, 405, 405],
    "item": [302, 200, 404, 200, 200, 200, 200, 404],
    "item_decide": [302, 405, 405, 405, 405, 405, 405, 405],
    "item_reply": [302, 405, 405, 405, 405, 405, 405, 405],
    "item_reveal": [302, 405, 405, 405, 405, 405, 405, 405],
    "item_thread": [302, 200, 404, 200, 200, 200, 200, 404],
    "appeal": [200, 200, 200, 200, 200, 200, 200, 200],
    "login": [200, 302, 302, 302, 302, 302, 302, 302],
    "logout": [405, 405, 405, 405, 405, 405, 405, 405],
    "organisation_home": [302, 302, 403, 302, 302, 302, 302, 302],
    "organisation": [302, 200, 403, 200, 200, 200, 200, 404],
    "organisation_edit": [302, 403, 403, 403, 403, 200, 200, 404],
    "password_set": [200, 200, 200, 200, 200, 200, 200, 200],
    "people": [302, 403, 403, 403, 403, 200, 200, 200],
    "person": [302, 403, 403, 403, 403, 200, 200, 404],
    "person_active": [302, 405, 405, 405, 405, 405, 405, 405],
    "person_link": [302, 405, 405, 405, 405, 405, 405, 405],
    "person_roles": [302, 405, 405, 405, 405, 405, 405, 405],
    "person_new": [302, 403, 403, 403, 403, 200, 200, 200],
    "publishing:posts": [302, 200, 403, 200, 403, 200, 200, 200],
    "publishing:post": [302, 200, 403, 200, 403, 200, 200, 404],
    "publishing:reject": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:image": [302, 404, 403, 404, 403, 404, 404, 404],
    "publishing:edit": [302, 403, 403, 200, 403, 200, 200, 404],
    "publishing:approve": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:retry": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:schedule": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:publish": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:submit": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:channels": [302, 200, 403, 200, 403, 200, 200, 200],
    "publishing:crisis": [302, 200, 403, 200, 403, 200, 200, 200],
    "publishing:crisis_end": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:crisis_resume": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:crisis_csv": [302, 302, 403, 302, 403, 302, 302, 404],
    "publishing:crisis_pdf": [302, 302, 403, 302, 403, 302, 302, 404],
    "publishing:crisis_log": [302, 200, 403, 200, 403, 200, 200, 404],
    "publishing:crisis_publish": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:crisis_suspend": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:crisis_declare": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:template_approve": [302, 405, 405, 405, 405, 405, 405, 405],
    "publishing:template_new": [302, 403, 403, 403, 403, 200, 200, 200],
    "publishing:compose": [302, 403, 403, 200, 403, 200, 200, 200],
    "config": [302, 200, 403, 200, 200, 200, 200, 200],
    "config_edit": [302, 403, 403, 403, 403, 200, 200, 404],
    "config_delete": [302, 405, 405, 405, 405, 405, 405, 405],
    "api:appeals_list": [401, 403, 403, 200, 403, 200, 200, 200],
    "api:appeal_decide_endpoint": [405, 405, 405, 405, 405, 405, 405, 405],
    "appeals": [302, 403, 403, 200, 403, 200, 200, 200],
    "appeal_decide": [302, 405, 405, 405, 405, 405, 405, 405],
    "webcomments:mine": [405, 405, 405, 405, 405, 405, 405, 405],
    "demo_platform": [302, 404, 404, 404, 404, 404, 404, 404],
    "notice_retry": [302, 405, 405, 405, 405, 405, 405, 405],
    "reply_retry": [302, 405, 405, 405, 405, 405, 405, 405],
    "sites": [302, 200, 200, 200, 200, 200, 200, 200],
    "site_new": [302, 403, 403, 403, 403, 200, 200, 200],
    "site": [302, 200, 200, 200, 200, 200, 200, 404],
    "config_new": [302, 403, 403, 403, 403, 200, 200, 200],
    # Sign-in (issue 22): the desk's settings, and django-allauth's pages under accounts/.
    "mfa_index": [302, 200, 200, 200, 200, 200, 200, 200],
    "mfa_authenticate": [302, 302, 302, 302, 302, 302, 302, 302],
    "mfa_reauthenticate": [302, 302, 302, 302, 302, 302, 302, 302],
    "mfa_view_recovery_codes": [302, 404, 404, 404, 404, 404, 404, 404],
    "mfa_download_recovery_codes": [302, 404, 404, 404, 404, 404, 404, 404],
    "mfa_generate_recovery_codes": [302, 302, 302, 302, 302, 302, 302, 302],
    "mfa_activate_totp": [302, 302, 302, 302, 302, 302, 302, 302],
    "mfa_deactivate_totp": [302, 404, 404, 404, 404, 404, 404, 404],
    "mfa_list_webauthn": [302, 200, 200, 200, 200, 200, 200, 200],
    "mfa_add_webauthn": [302, 302, 302, 302, 302, 302, 302, 302],
    "mfa_edit_webauthn": [302, 302, 302, 302, 302, 302, 302, 302],
    "mfa_remove_webauthn": [302, 302, 302, 302, 302, 302, 302, 302],
    "mfa_reauthenticate_webauthn": [302, 302, 302, 302, 302, 302, 302, 302],
    "socialaccount_login_cancelled": [200, 200, 200, 200, 200, 200, 200, 200],
    "socialaccount_login_error": [401, 401, 401, 401, 401, 401, 401, 401],
    "socialaccount_signup": [302, 302, 302, 302, 302, 302, 302, 302],
    "account_inactive": [200, 200, 200, 200, 200, 200, 200, 200],
    "account_login": [200, 302, 302, 302, 302, 302, 302, 302],
    "account_logout": [405, 405, 405, 405, 405, 405, 405, 405],
    "openid_connect_login": [404, 404, 404, 404, 404, 404, 404, 404],
    "openid_connect_callback": [404, 404, 404, 404, 404, 404, 404, 404],
    "account_reauthenticate": [302, 200, 200, 200, 200, 200, 200, 200],
    "person_sessions_end": [302, 405, 405, 405, 405, 405, 405, 405],
    "signin_settings": [302, 403, 403, 403, 403, 200, 200, 200],
    "signin_mapping_new": [302, 405, 405, 405, 405, 405, 405, 405],
    "signin_mapping_delete": [302, 405, 405, 405, 405, 405, 405, 405],
    "signin_policy": [302, 405, 405, 405, 405, 405, 405, 405],
}

# What only the first organisation's data contains (names, slugs, handles, texts).
MARKERS = re.compile(r"testvik", re.IGNORECASE)


@dataclass
class Data:
    kw: dict[str, dict[str, object]]  # url name -> URL keyword arguments
    people: dict[str, User | None]
    fnr: str


@pytest.fixture
def data(world, settings, tmp_path) -> Data:
    settings.TILSTEDE_ARCHIVE_EXPORT_DIR = str(tmp_path / "exports")
    thread = build_thread(world)
    close(world)
    fnr = fodselsnummer(24, 12, 77)
    from tests.archive.helpers import raw
    from tilstede.ingest.services import items_receive

    items_receive(
        channel=world.channel,
        raw_items=[
            raw("held", f"Fødselsnummer {fnr}. Hull i Testvikveien", minutes=30),
        ],
    )
    held = Item.objects.get(external_id="held")
    archivist = make_user("archivist", roles.ARCHIVIST, world.org)
    operator = User.objects.create_superuser("operator", "op@example.test", "pw-operator")
    other_admin = make_user("other_admin", roles.ADMINISTRATOR, world.other_org)
    team = Team.objects.create(organisation=world.org, name="Testvik drift")
    word = WatchedWord.objects.create(organisation=world.org, word="testvikord", action="flag")
    SavedReply.objects.create(
        organisation=world.org, code="testvik", title="Testvik svar", text="Hei", language="nb"
    )
    RoutingRule.objects.create(organisation=world.org, name="Testvik rute", order=1)
    rule = ArchiveRule.objects.create(
        organisation=world.org, value="store", reason="Testvik arkivregel"
    )
    hold = legal_hold_place(organisation=world.org, reason="Testvik hold", by=world.admin)
    export = ArchiveExport.objects.create(
        organisation=world.org, created_by=world.admin, status=ExportStatus.DONE
    )
    innsyn = innsyn_request_record(
        organisation=world.org,
        kind="innsyn",
        reference="2026/1 testvik",
        search=Search(text="brøyting"),
        by=world.admin,
    )
    mapping = RoleMapping.objects.create(
        organisation=world.org, provider="local", claim_value="testvik-moderators", role="moderator"
    )
    rule_of_house = HouseRule.objects.create(channel=world.channel, code="saklig", title="Saklig")
    decision = decision_record(
        item=thread.chatter, verb="hide", by=world.moderator, house_rule=rule_of_house
    )
    from tilstede.desk.models import OutgoingReply
    from tilstede.desk.services import reply_send
    from tilstede.moderation.models import Notice
    from tilstede.moderation.services import appeal_submit

    appeal = appeal_submit(decision=decision, text="Testvik klage")
    reply_send(item=thread.phone, text="Testvik svar", by=world.moderator)
    outgoing = OutgoingReply.objects.first()
    notice = Notice.objects.first()
    site = site_create(
        name="Testvik nettsted", allowed_origins=["https://testvik.example"], organisation=world.org
    )
    post = publishing.post_compose(
        organisation=world.org,
        by=world.admin,
        text="Testvik melding",
        channels=[world.channel],
        language="nb",
    )
    crisis = publishing.crisis_declare(
        organisation=world.org, name="Testvik flom", channels=[world.channel], by=world.admin
    )
    template = publishing.crisis_template_save(
        organisation=world.org, by=world.admin, name="Testvik mal", text="Flom", language="nb"
    )
    org, ch = world.org.slug, world.channel.slug
    kw: dict[str, dict[str, object]] = {
        "item": {"pk": held.pk},
        "item_thread": {"pk": held.pk},
        "item_decide": {"pk": held.pk},
        "item_reveal": {"pk": held.pk},
        "item_reply": {"pk": held.pk},
        "channel": {"slug": ch},
        "channel_edit": {"slug": ch},
        "channel_connect": {"slug": ch},
        "config": {"kind": "teams"},
        "config_new": {"kind": "teams"},
        "config_edit": {"kind": "teams", "pk": team.pk},
        "config_delete": {"kind": "words", "pk": word.pk},
        "organisation": {"slug": org},
        "organisation_edit": {"slug": org},
        "person": {"pk": world.moderator.pk},
        "person_roles": {"pk": world.moderator.pk},
        "person_active": {"pk": world.moderator.pk},
        "person_link": {"pk": world.moderator.pk},
        "person_sessions_end": {"pk": world.moderator.pk},
        "signin_mapping_delete": {"pk": mapping.pk},
        "signin_policy": {"slug": org},
        "mfa_edit_webauthn": {"pk": 1},
        "mfa_remove_webauthn": {"pk": 1},
        "openid_connect_login": {"provider_id": "local"},
        "openid_connect_callback": {"provider_id": "local"},
        "password_set": {"uidb64": "MQ", "token": "not-a-token"},
        "archive_rule_edit": {"pk": rule.pk},
        "archive_hold_release": {"pk": hold.pk},
        "archive_export": {"pk": export.pk},
        "archive_export_download": {"pk": export.pk},
        "archive_innsyn_detail": {"pk": innsyn.pk},
        "archive_innsyn_download": {"pk": innsyn.pk, "kind": "pdf"},
        "transparency": {"org": org},
        "transparency_csv": {"org": org},
        "appeal": {"token": appeal_token(decision)},
        "webcomments:demo": {"key": site.key},
        "site": {"pk": site.pk},
        "webcomments:mine": {"key": site.key},
        "appeal_decide": {"pk": appeal.pk},
        "api:appeal_decide_endpoint": {"appeal_id": appeal.pk},
        "reply_retry": {
            "pk": outgoing.item_id if outgoing else held.pk,
            "reply": getattr(outgoing, "pk", 1),
        },
        "notice_retry": {"pk": thread.chatter.pk, "notice": getattr(notice, "pk", 1)},
        "demo_platform": {"slug": ch},
        "webcomments:config": {"key": site.key},
        "webcomments:check": {"key": site.key},
        "webcomments:comments": {"key": site.key},
        "publishing:post": {"pk": post.pk},
        "publishing:edit": {"pk": post.pk},
        "publishing:submit": {"pk": post.pk},
        "publishing:approve": {"pk": post.pk},
        "publishing:reject": {"pk": post.pk},
        "publishing:schedule": {"pk": post.pk},
        "publishing:publish": {"pk": post.pk},
        "publishing:retry": {"pk": post.pk, "channel": ch},
        "publishing:image": {"pk": post.pk, "image": 1},
        "publishing:crisis_end": {"pk": crisis.pk},
        "publishing:crisis_suspend": {"pk": crisis.pk},
        "publishing:crisis_resume": {"pk": crisis.pk},
        "publishing:crisis_publish": {"pk": crisis.pk, "template": template.pk},
        "publishing:crisis_log": {"pk": crisis.pk},
        "publishing:crisis_csv": {"pk": crisis.pk},
        "publishing:crisis_pdf": {"pk": crisis.pk},
        "publishing:template_approve": {"pk": template.pk},
        "api:item_detail": {"item_id": held.pk},
        "api:item_reveal": {"item_id": held.pk},
        "api:item_decide": {"item_id": held.pk},
        "api:item_claim_view": {"item_id": held.pk},
        "api:item_reply": {"item_id": held.pk},
        "api:item_saved_replies": {"item_id": held.pk},
        "api:post_detail": {"post_id": post.pk},
        "api:post_change": {"post_id": post.pk},
        "api:post_image_add": {"post_id": post.pk},
        "api:post_submit": {"post_id": post.pk},
        "api:post_approve": {"post_id": post.pk},
        "api:post_reject": {"post_id": post.pk},
        "api:post_schedule": {"post_id": post.pk},
        "api:post_publish": {"post_id": post.pk},
        "api:delivery_retry": {"post_id": post.pk, "channel": ch},
        "api:crisis_detail": {"crisis_id": crisis.pk},
        "api:crisis_end": {"crisis_id": crisis.pk},
        "api:crisis_template_publish": {"crisis_id": crisis.pk, "template_id": template.pk},
        "api:crisis_suspend": {"crisis_id": crisis.pk},
        "api:crisis_resume": {"crisis_id": crisis.pk},
        "api:crisis_log": {"crisis_id": crisis.pk},
        "api:template_approve": {"template_id": template.pk},
    }
    people = {
        "anonymous": None,
        "reader": world.reader,
        "responder": world.responder,
        "moderator": world.moderator,
        "archivist": archivist,
        "administrator": world.admin,
        "superuser": operator,
        "other_admin": other_admin,
    }
    return Data(kw=kw, people=people, fnr=fnr)


def _patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _patterns(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace else (p.name or "")
            yield prefix + str(p.pattern), name


def _path(route: str, kwargs: dict[str, object]) -> str:
    def fill(match: re.Match) -> str:
        return str(kwargs[match.group(2)])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def _desk_routes():
    return sorted({(r, n) for r, n in _patterns() if not r.startswith("admin/")})


def test_every_url_is_in_the_matrix():
    names = {name for route, name in _desk_routes()}
    assert names - set(EXPECTED) == set(), "give each new URL its row in EXPECTED"
    assert set(EXPECTED) - names == set(), "a URL in EXPECTED is gone"


def _login(client, person) -> None:
    client.logout()
    if person is not None:
        client.force_login(person)


def test_each_role_gets_what_the_matrix_says(data, client):
    wrong = []
    for route, name in _desk_routes():
        path = _path(route, data.kw.get(name, {}))
        for persona, expected in zip(PERSONAS, EXPECTED[name], strict=True):
            _login(client, data.people[persona])
            response = client.get(path)
            if response.status_code != expected:
                wrong.append(f"{persona} GET {path}: {response.status_code}, not {expected}")
                continue
            if persona == "anonymous" and expected == 302 and name != "set_language":
                assert response["Location"].startswith("/login/"), path
            if persona == "other_admin" and response.status_code == 200:
                body = response.content.decode(errors="replace")
                leak = MARKERS.search(body)
                public = ("transparency", "api:openapi", "appeal", "webcomments:")
                if leak and not name.startswith(public):
                    wrong.append(f"other_admin GET {path} shows {leak.group(0)!r}")
            if response.status_code == 200 and persona != "superuser":
                assert data.fnr not in response.content.decode(errors="replace"), (persona, path)
    assert not wrong, "\n".join(wrong)


def _admin_paths(data) -> list[str]:
    """Every admin URL; object pages ask for id 1, the first organisation's first object."""
    kwargs = {"object_id": "1", "id": "1", "app_label": "core", "content_type_id": "1", "url": "x"}
    return sorted(
        {_path(route, kwargs) for route, _name in _patterns() if route.startswith("admin/")}
    )


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "superuser"])
def test_the_admin_answers_nobody_but_the_operator(data, client, persona):
    _login(client, data.people[persona])
    for path in _admin_paths(data):
        response = client.get(path)
        if persona == "anonymous":
            assert response.status_code == 302, path
            # Django's admin sends a logout without a session to its index, then to login.
            assert "/login/" in response["Location"] or path == "/admin/logout/", path
        else:
            assert response.status_code == 403, (path, response.status_code)


def test_the_operator_reaches_the_admin_without_server_errors(data, client):
    _login(client, data.people["superuser"])
    for path in _admin_paths(data):
        assert client.get(path).status_code < 500, path


# --- the second organisation's administrator, attacking the first ---------------------------


def test_another_organisations_administrator_changes_nothing_of_the_first(data, client, world):
    from tilstede.archive.models import ArchivePeriod, LegalHold
    from tilstede.core.models import AuditEvent, Organisation

    _login(client, data.people["other_admin"])
    events = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    held = Item.objects.get(external_id="held")
    kw = data.kw
    attempts = [
        ("item_decide", {"verb": "approve"}),
        ("item_reveal", {}),
        ("item_reply", {"text": "Hei"}),
        ("channel_edit", {"name": "Overtatt", "organisation": world.other_org.pk}),
        ("config_edit", {"name": "Overtatt", "organisation": world.other_org.pk}),
        ("config_delete", {}),
        ("organisation_edit", {"name": "Overtatt", "slug": "overtatt"}),
        ("person_roles", {"roles": ["administrator"], "reason": "x"}),
        ("person_active", {"active": "0", "reason": "x"}),
        ("person_link", {}),
        ("appeal_decide", {"outcome": "upheld", "reason": "x"}),
        ("reply_retry", {}),
        ("notice_retry", {}),
        ("site", {"name": "Overtatt", "allowed_origins": "https://x.example"}),
        ("archive_rule_edit", {"reason": "x", "value": "discard"}),
        ("archive_hold_release", {"reason": "x"}),
        ("archive_export_download", None),
        ("archive_innsyn_download", None),
    ]
    from django.urls import reverse

    for name, post in attempts:
        url = reverse(name, kwargs=kw[name])
        response = client.get(url) if post is None else client.post(url, post)
        assert response.status_code in (403, 404), (name, response.status_code)
    creates = [
        ("person_new", {"organisation": world.org.pk, "email": "x@x.test", "name": "X Y"}),
        ("config_new", {"organisation": world.org.pk, "name": "Inn"}, {"kind": "teams"}),
        ("channel_new", {"organisation": world.org.pk, "name": "Inn", "slug": "inn"}),
        ("archive_holds", {"organisation": world.org.pk, "reason": "x"}),
        ("archive_innsyn", {"organisation": world.org.pk, "reference": "x", "kind": "innsyn"}),
        ("archive_close_period", {"organisation": world.org.pk, "month": "2026-10"}),
        ("archive_close_thread", {"item": held.pk}),
    ]
    for name, post, *kwargs in creates:
        client.post(reverse(name, kwargs=kwargs[0] if kwargs else None), post)
    world.org.refresh_from_db()
    assert world.org.name == "Testvik kommune"
    assert not world.org.members.filter(pk=data.people["other_admin"].pk).exists()
    assert not Organisation.objects.get(pk=world.org.pk).teams.filter(name="Inn").exists()
    assert not LegalHold.objects.filter(organisation=world.org, reason="x").exists()
    assert not ArchivePeriod.objects.filter(organisation=world.org, title__contains="10").exists()
    held.refresh_from_db()
    assert held.visibility == "held"
    assert data.people["moderator"].groups.filter(name="moderator").exists()
    assert User.objects.get(pk=data.people["moderator"].pk).is_active
    # Nothing happened to the first organisation, so nothing of it was logged.
    new = AuditEvent.objects.filter(pk__gt=events)
    assert not new.filter(actor_label="other_admin").exclude(verb__startswith="person.").exists()
    assert not new.filter(verb__startswith="person.", object_id=str(data.people["moderator"].pk))


def test_the_api_refuses_another_organisations_item(data, client):
    _login(client, data.people["other_admin"])
    held = Item.objects.get(external_id="held")
    for path in (f"/api/items/{held.pk}/reveal", f"/api/items/{held.pk}/claim"):
        assert client.post(path, content_type="application/json").status_code in (403, 404)
    response = client.post(
        f"/api/items/{held.pk}/decisions",
        {"verb": "approve"},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)
    held.refresh_from_db()
    assert held.visibility == "held"
