"""Human words for what the audit log and the decisions record in code.

The log keeps its codes (``item.hide``, ``notice.queued``, ``rule:screening:national_id``,
``saved reply: case-request``, the details' keys such as ``four_eyes``): they are hashed
into the chain and read by programs. A person reads them through these tables, in their
own language. ``tests/web/test_auditwords`` finds every verb and every detail key the code
records and fails when one has no words here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import Platform
from tilstede.moderation.models import AppealOutcome, PlatformStatus, Verb
from tilstede.web.markup import category_label

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

VERBS: dict[str, _StrPromise] = {
    # Items and decisions
    "item.reveal": _("Personal data shown"),
    "item.reverse": _("Earlier decision reversed"),
    "items.export": _("Items exported"),  # a channel's, by ``tilstede items export``
    "item.acknowledge": _("Receipt acknowledged"),
    "item.needs_answer": _("Marked as needing an answer"),
    "item.held": _("Held for moderation"),
    "item.hidden_at_source": _("Hidden at the source"),
    "item.shown_at_source": _("Shown again at the source"),
    "item.deleted_at_source": _("Deleted at the source"),
    "item.answered_at_source": _("Answered at the source"),
    "appeal.submit": _("Appeal received"),
    # Replies and notices to the author
    "reply.queued": _("Reply queued"),
    "reply.sent": _("Reply sent"),
    "reply.failed": _("Reply failed"),
    "reply.retry": _("Reply tried again"),
    "notice.queued": _("Notice to the author queued"),
    "notice.sent": _("Notice to the author sent"),
    "notice.shown_in_comment_field": _("Notice shown to the author in the comment field"),
    "notice.not_delivered": _("Notice to the author not delivered"),
    "notice.retry": _("Notice to the author tried again"),
    # Channels and comment fields
    "channel.create": _("Channel added"),
    "channel.change": _("Channel changed"),
    "channel.connect": _("Channel connected to its account"),
    "channel.pause": _("Channel paused"),
    "channel.resume": _("Channel resumed"),
    "channel.publishing_settings": _("Publishing settings changed"),
    "webcomments.site_created": _("Comment field added"),
    "webcomments.site_change": _("Comment field changed"),
    # Organisation, people and sign-in
    "organisation.create": _("Organisation added"),
    "organisation.change": _("Organisation changed"),
    "person.add": _("Person added"),
    "person.roles": _("Roles changed"),
    "person.roles_from_provider": _("Roles given by the identity provider"),
    "person.activate": _("Person activated"),
    "person.deactivate": _("Person deactivated"),
    "person.password_link": _("Password link made"),
    "person.password_set": _("Password chosen"),
    "person.sessions_end": _("Sessions ended"),
    "signin.policy_change": _("Sign-in rules changed"),
    "signin.mapping_add": _("Role mapping added"),
    "signin.mapping_remove": _("Role mapping removed"),
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Log-in failed"),
    "auth.login_refused": _("Log-in refused"),
    "auth.lockout": _("Log-in locked after too many attempts"),
    "auth.sso_login": _("Logged in through single sign-on"),
    "auth.sso_failed": _("Single sign-on failed"),
    "auth.mfa_failed": _("Wrong second factor"),
    "mfa.added": _("Second factor added"),
    "mfa.removed": _("Second factor removed"),
    "mfa.reset": _("Second factor reset"),
    "mfa.used": _("Second factor used"),
    "mfa.recovery_code_used": _("Recovery code used"),
    "token.create": _("API key made"),
    "token.revoke": _("API key revoked"),
    "admin.user.password_set": _("Operator administration: password set"),
    # Publishing and crisis mode
    "post.compose": _("Post written"),
    "post.update": _("Post changed"),
    "post.submit": _("Post sent for approval"),
    "post.approve": _("Post approved"),
    "post.reject": _("Post sent back"),
    "post.schedule": _("Post scheduled"),
    "post.publish": _("Post being published"),
    "post.published": _("Post published"),
    "post.stopped": _("Post stopped"),
    "post.suspend": _("Post suspended"),
    "post.resume": _("Post resumed"),
    "post.crisis_publish": _("Crisis post published"),
    "post.delivery_failed": _("Post not delivered to a channel"),
    "post.delivery_retry": _("Post delivery tried again"),
    "crisis.declare": _("Crisis declared"),
    "crisis.end": _("Crisis ended"),
    "crisis.template_save": _("Crisis template saved"),
    "crisis.template_approve": _("Crisis template approved"),
    # Archive
    "archive.override": _("Archive value set by hand"),
    "archive.rule_create": _("Archive rule added"),
    "archive.rule_change": _("Archive rule changed"),
    "archive.period_close": _("Period closed"),
    "archive.thread_close": _("Thread closed"),
    "archive.legal_hold": _("Legal hold placed"),
    "archive.legal_hold_release": _("Legal hold released"),
    "archive.export": _("Archive export made"),
    "archive.export_start": _("Archive export started"),
    "archive.export_done": _("Archive export finished"),
    "archive.export_failed": _("Archive export failed"),
    "archive.export_download": _("Archive export downloaded"),
    "archive.retention_delete": _("Deleted by the retention rules"),
    "archive.innsyn_request": _("Access request registered"),
    "archive.innsyn_export": _("Access request answered"),
    "archive.innsyn_download": _("Access answer downloaded"),
    # The installation
    "task.stuck": _("Background task stopped and tried again"),
}

# What a moderator or a rule did to an item (``item.<decision verb>``).
DECISIONS: dict[str, _StrPromise] = {
    Verb.APPROVE: _("Approved"),
    Verb.HIDE: _("Hidden"),
    Verb.UNHIDE: _("Shown again"),
    Verb.DELETE_AT_SOURCE: _("Deleted at the source"),
    Verb.MARK_IRRELEVANT: _("Marked as needing no answer"),
    Verb.ESCALATE: _("Escalated"),
    Verb.ASSIGN: _("Assigned"),
    Verb.REPLY: _("Replied"),
    Verb.REVERSE: _("Earlier decision reversed"),
    Verb.HOLD: _("Held for moderation"),
    Verb.FLAG: _("Flagged for attention"),
    Verb.BLOCK: _("Blocked"),
}

CHANGES = {
    "create": _("Added: %(thing)s"),
    "change": _("Changed: %(thing)s"),
    "delete": _("Deleted: %(thing)s"),
}

_MODEL_NAMES: dict[str, Any] = {}  # verbose names, lazy: translated when read


def _thing(model_name: str) -> str:
    """A model's verbose name from its ``model_name`` ("savedreply" -> "saved reply")."""
    if not _MODEL_NAMES:
        for model in apps.get_models():
            if model._meta.model_name:
                _MODEL_NAMES.setdefault(model._meta.model_name, model._meta.verbose_name)
    return str(_MODEL_NAMES.get(model_name, model_name))


def verb_words(verb: str) -> str:
    """The words for an audit event's verb; the code itself when there are none."""
    if verb in VERBS:
        return str(VERBS[verb])
    head, _dot, rest = verb.partition(".")
    if head == "item" and rest in DECISIONS:
        return str(DECISIONS[rest])
    if head == "appeal" and rest in AppealOutcome.values:
        return gettext("Appeal decided: %(outcome)s") % {"outcome": AppealOutcome(rest).label}
    if head == "source":
        action, _dot, status = rest.rpartition(".")
        if action in DECISIONS and status in PlatformStatus.values:
            return gettext("At the source: %(action)s – %(status)s") % {
                "action": str(DECISIONS[action]).lower(),
                "status": PlatformStatus(status).label,
            }
    if head == "admin":
        model_name, _dot, action = rest.rpartition(".")
        if action in CHANGES:
            return gettext("Operator administration: %(change)s") % {
                "change": CHANGES[action] % {"thing": _thing(model_name)}
            }
    if rest in CHANGES and head in _settings_models():
        return str(CHANGES[rest] % {"thing": _thing(head)})
    return verb


def _settings_models() -> set[str]:
    """The models the desk's settings pages change (``<model>.create|change|delete``)."""
    from tilstede.web.config import KINDS

    return {name for kind in KINDS.values() if (name := kind.model._meta.model_name)}


# --- Who did it, and why ------------------------------------------------------------

_RULE = re.compile(r"^(screening|watched_word|spam|campaign|mode):(.*)$", re.S)


def rule_words(rule: str) -> str:
    """An automatic rule's code in words (``screening:national_id,phone`` and the like)."""
    match = _RULE.match(rule)
    if match is None:
        return rule
    kind, value = match.groups()
    if kind == "screening":
        found = ", ".join(category_label(c) for c in value.split(",") if c)
        return gettext("Personal data found: %(categories)s") % {"categories": found}
    if kind == "watched_word":
        return gettext("Watched word “%(word)s”") % {"word": value}
    if rule == "spam:links":
        return gettext("Spam: many links")
    if rule == "spam:repeated":
        return gettext("Spam: the same text again from the same author")
    if rule == "campaign:same_text":
        return gettext("The same text from several authors")
    if rule == "mode:pre_moderate":
        return gettext("Pre-moderation: every comment is read before it is shown")
    return rule


_ACTORS = {
    "system": _("Tilstede (automatic)"),
    "appellant": _("The author (appeal)"),
    "anonymous": _("Not signed in"),
    "cli": _("Command line"),
    "desk:acknowledge": _("Automatic acknowledgement"),
    "publishing:scheduler": _("Publishing schedule"),
}


def actor_words(label: str) -> str:
    """Who an event or a decision names: a person's user name stays as it is."""
    if label in _ACTORS:
        return str(_ACTORS[label])
    kind, _colon, rest = label.partition(":")
    if kind == "rule" and rest:
        return gettext("Automatic rule: %(rule)s") % {"rule": rule_words(rest)}
    if kind == "connector" and rest in Platform.values:
        return gettext("The connection to %(platform)s") % {"platform": Platform(rest).label}
    if kind == "webcomments" and rest:
        return gettext("The comment field")
    if kind == "ingest" and rest:
        return gettext("Ingest from %(channel)s") % {"channel": rest}
    if _RULE.match(label):
        return gettext("Automatic rule: %(rule)s") % {"rule": rule_words(label)}
    return label


def reason_words(reason: str) -> str:
    """A decision's recorded reason: the code's prefix in words, the rest as written."""
    if reason.startswith("saved reply: "):
        return gettext("Saved reply “%(code)s”") % {"code": reason[len("saved reply: ") :]}
    if reason.startswith("appeal: "):
        return gettext("Appeal: %(reason)s") % {"reason": reason[len("appeal: ") :]}
    if _RULE.match(reason):
        return rule_words(reason)
    return reason


# --- What the details say --------------------------------------------------------------

# The keys of an event's details, each in words. A key without words is shown as it was
# recorded (the tests find every key the code writes).
DETAILS: dict[str, _StrPromise] = {
    # Who, where and how
    "account": _("Account"),
    "address": _("IP address"),
    "by": _("By"),
    "email": _("E-mail address"),
    "issuer": _("Issuer"),
    "name": _("Name"),
    "new_account": _("New account"),
    "organisation": _("Organisation"),
    "organisations": _("Organisations"),
    "provider": _("Identity provider"),
    "reauthentication": _("Confirming an action"),
    "roles": _("Roles"),
    "sessions": _("Sessions ended"),
    "slug": _("Short name"),
    "subject": _("Subject at the identity provider"),
    "type": _("Kind of second factor"),
    "codes_left": _("Recovery codes left"),
    "user": _("User"),
    "username": _("User name"),
    "via": _("Through"),
    "where": _("Where"),
    "claim_values": _("Values in the claim"),
    "failures": _("Failed attempts"),
    "locked_out": _("Locked"),
    "is_active": _("Active"),
    # Changes
    "after": _("After"),
    "before": _("Before"),
    "changed": _("Changed"),
    "changes": _("Changes"),
    "fields": _("Fields changed"),
    "from": _("From"),
    "to": _("To"),
    "related": _("Related records"),
    "was": _("Was"),
    "house_rules": _("House rules changed"),
    "house_rule_changes": _("Changes to the house rules"),
    # Items, decisions, replies and notices
    "assignee": _("Assigned to"),
    "channel": _("Channel"),
    "channels": _("Channels"),
    "decision": _("Decision"),
    "detail": _("Detail"),
    "due": _("Answer due"),
    "error": _("Error"),
    "external_id": _("Id at the platform"),
    "house_rule": _("House rule"),
    "in_reply_to": _("In reply to item"),
    "item": _("Item"),
    "items": _("Items"),
    "kind": _("Kind"),
    "notice": _("Notice"),
    "platform": _("Platform"),
    "reason": _("Reason"),
    "redacted": _("Personal data hidden"),
    "reply": _("Reply"),
    "reverses": _("Reverses decision"),
    "route": _("Route"),
    "rule": _("Rule"),
    "url": _("Address"),
    "version": _("Version"),
    "attempts": _("Attempts"),
    "attempts_before": _("Attempts before"),
    "next_attempt_at": _("Next attempt"),
    # Channels and comment fields
    "expires_at": _("Access expires"),
    "history_days": _("Days of history fetched"),
    "scope": _("Access granted"),
    "tasks": _("Tasks allowed"),
    "origins": _("Web addresses"),
    "approved_before": _("Comments approved before"),
    "known_commenter": _("Known commenter"),
    "threshold": _("Held until approved (comments)"),
    # Publishing and crisis mode
    "approval": _("Approval"),
    "approved_at": _("Approved"),
    "approved_by": _("Approved by"),
    "at": _("Time (UTC)"),
    "local": _("Time (Norwegian time)"),
    "crisis": _("Crisis"),
    "duty_team": _("Duty team"),
    "four_eyes": _("Four-eyes rule"),  # the rule, or the channels it applies to
    "max_characters": _("Length limit"),
    "images": _("Images"),
    "information": _("Information"),
    "language": _("Language"),
    "own_post": _("Approved own post"),
    "poll_seconds": _("Checked every (seconds)"),
    "rescheduled": _("Scheduled again"),
    "scheduled": _("As scheduled"),
    "still_suspended": _("Posts still suspended"),
    "summary": _("Summary"),
    "template": _("Template"),
    # Archive
    "amendment": _("Registrering after archiving"),
    "amendments": _("Registreringer after archiving"),
    "archived": _("Archived"),
    "arkivuttrekk_sha256": _("SHA-256 of arkivuttrekk.xml"),
    "blanked": _("Blanked"),
    "check_ok": _("Check passed"),
    "created_at": _("Created"),
    "discard": _("To be discarded (kasseres)"),
    "discard_after": _("Discard after"),
    "documents": _("Documents"),
    "end": _("End"),
    "file": _("File"),
    "files": _("Files"),
    "format": _("Format"),
    "hold_reason": _("Reason for the legal hold"),
    "journal": _("Journalposter"),
    "journalposter": _("Journalposter"),
    "legal_basis": _("Legal basis"),
    "mapper": _("Mapper"),
    "mode": _("How"),
    "out": _("Written to"),
    "package_sha256": _("SHA-256 of the package"),
    "periods": _("Periods"),
    "query": _("Search"),
    "reference": _("Reference"),
    "registreringer": _("Registreringer"),
    "start": _("Start"),
    "store": _("To be kept (arkiveres)"),
    "threads_closed": _("Threads closed"),
    "versions_sha256": _("SHA-256 of the versions"),
    # The installation
    "retried_as": _("Tried again as"),
    "started_at": _("Started"),
    "task": _("Task"),
    "workers": _("Workers"),
}


def object_words(object_type: str, object_id: str) -> str:
    """What an event is about: the model's name in words ("core.channel" -> "Channel 4")."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return f"{object_type} {object_id}".strip()
    return f"{capfirst(model._meta.verbose_name)} {object_id}".strip()


def detail_words(key: str) -> str:
    """The words for a key of an event's details; the key itself when there are none."""
    return str(DETAILS[key]) if key in DETAILS else key


def detail_value(value: Any) -> str:
    """A detail's value as a person reads it: yes or no, a list as a list, a change as
    before → after, and the keys inside a value in words too."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list | tuple):
        return ", ".join(detail_value(v) for v in value)
    if isinstance(value, dict):
        if value and set(value) <= {"before", "after"}:
            return "{} → {}".format(
                detail_value(value.get("before")) or "–", detail_value(value.get("after")) or "–"
            )
        return "; ".join(
            f"{detail_words(str(k))}: {detail_value(v)}" for k, v in value.items() if v or v == 0
        )
    return str(value)


def detail_rows(details: dict[str, Any]) -> list[tuple[str, str]]:
    """An event's details in words, in the order recorded, leaving out empty values."""
    return [
        (detail_words(key), detail_value(value))
        for key, value in details.items()
        if value or value == 0
    ]
