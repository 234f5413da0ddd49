"""Every verb the code records in the audit log has human words, in every language.

The verbs are found in the source (every ``audit_record``, ``AuditEntry`` and publishing
``_audit`` call, and signin's ``_authenticator`` handlers), so a new verb without words
fails here; the verbs built at run time are listed with what they are built from.
"""

from __future__ import annotations

import ast
import functools
import pathlib

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tilstede.moderation.models import AppealOutcome, PlatformStatus, Verb
from tilstede.publishing.services import publishing_settings_change
from tilstede.web import auditwords
from tilstede.web.config import KINDS

SOURCE = pathlib.Path(__file__).resolve().parents[2] / "src" / "tilstede"
LOCALE = SOURCE / "locale"
CALLS = ("audit_record", "AuditEntry", "_audit", "_authenticator")

# The verbs built at run time, each with the source text that builds it. A new one must
# be added here and given words in ``auditwords``.
DYNAMIC = {
    "f\"{k.model._meta.model_name}.{('change' if pk else 'create')}\"",
    "f'{k.model._meta.model_name}.delete'",
    "f'appeal.{appeal.outcome}'",
    "f'item.{d.verb}'",
    "f'item.{verb}'",
    "f'source.{decision.verb}.{status}'",
    "self._verb(form.instance, 'change' if change else 'create')",
    "self._verb(obj, 'delete')",
    "verb",  # publishing's _audit passes its argument on
    "verb_used",  # signin: the authenticator's verb, or mfa.recovery_code_used
}


@functools.cache
def _source_trees() -> tuple[ast.Module, ...]:
    """The parsed source of every module but the migrations, read once for both scans."""
    return tuple(
        ast.parse(path.read_text(encoding="utf-8"))
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts
    )


def _recorded() -> tuple[set[str], set[str]]:
    literals: set[str] = set()
    built: set[str] = set()

    def take(node: ast.AST) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            literals.add(node.value)
        elif isinstance(node, ast.IfExp):
            take(node.body)
            take(node.orelse)
        else:
            built.add(ast.unparse(node))

    for tree in _source_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "verb_used" for t in node.targets
            ):
                take(node.value)
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func).rsplit(".", 1)[-1]
            if name not in CALLS:
                continue
            for keyword in node.keywords:
                if keyword.arg == "verb":
                    take(keyword.value)
            if name == "_audit" and len(node.args) >= 2:
                take(node.args[1])
            if name == "_authenticator" and node.args:
                take(node.args[0])
    return literals, built


def _dynamic_examples() -> set[str]:
    verbs = {f"item.{v}" for v in Verb.values}
    verbs |= {f"appeal.{o}" for o in AppealOutcome.values if o != AppealOutcome.PENDING}
    verbs |= {
        f"source.{v}.{s}"
        for v in (Verb.HIDE, Verb.UNHIDE, Verb.DELETE_AT_SOURCE)
        for s in PlatformStatus.values
        if s
    }
    for kind in KINDS.values():
        name = kind.model._meta.model_name
        verbs |= {f"{name}.create", f"{name}.change", f"{name}.delete"}
    verbs |= {
        f"admin.{m}.{a}" for m in ("user", "channel", "savedreply") for a in auditwords.CHANGES
    }
    return verbs


def test_the_scan_finds_the_verbs_and_knows_every_built_one() -> None:
    literals, built = _recorded()
    assert {"item.reveal", "notice.queued", "post.publish", "mfa.recovery_code_used"} <= literals
    assert built == DYNAMIC, "a verb built at run time is new: list it and give it words"


@pytest.mark.parametrize("language", ["en", "nb", "nn"])
def test_every_recorded_verb_has_words(language) -> None:
    literals, _built = _recorded()
    verbs = {v for v in literals if "." in v} | _dynamic_examples()
    with translation.override(language):
        missing = sorted(v for v in verbs if auditwords.verb_words(v) == v)
    assert missing == []
    if language != "en":
        with translation.override("en"):
            english = {v: auditwords.verb_words(v) for v in verbs}
        with translation.override(language):
            untranslated = sorted(v for v in verbs if auditwords.verb_words(v) == english[v])
        assert untranslated == []


def test_the_words_are_in_the_readers_language() -> None:
    with translation.override("en"):
        assert auditwords.verb_words("item.hide") == "Hidden"
        assert auditwords.verb_words("notice.queued") == "Notice to the author queued"
        assert auditwords.verb_words("savedreply.delete") == "Deleted: saved reply"
        assert (
            auditwords.verb_words("source.hide.failed")
            == "At the source: hidden – failed at the source"
        )
        assert (
            auditwords.verb_words("admin.user.change") == "Operator administration: Changed: user"
        )
    with translation.override("nb"):
        assert auditwords.verb_words("item.hide") == "Skjult"
        assert auditwords.verb_words("notice.queued") == "Melding til forfatteren lagt i kø"
    with translation.override("nn"):
        assert auditwords.verb_words("item.hide") == "Skjult"
        assert auditwords.verb_words("appeal.submit") == "Klaga er motteken"


def test_an_unknown_verb_is_shown_as_it_was_recorded() -> None:
    assert auditwords.verb_words("something.new") == "something.new"


def test_who_and_why_are_in_words() -> None:
    with translation.override("en"):
        assert auditwords.actor_words("rule:screening:national_id,phone") == (
            "Automatic rule: Personal data found: national identity number, phone number"
        )
        assert auditwords.actor_words("screening:national_id") == (
            "Automatic rule: Personal data found: national identity number"
        )
        assert auditwords.actor_words("connector:mastodon") == "The connection to Mastodon"
        assert auditwords.actor_words("kari") == "kari"
        assert auditwords.reason_words("saved reply: case-request") == (
            "Saved reply “case-request”"
        )
        assert auditwords.reason_words("watched_word:idiot") == "Watched word “idiot”"
        assert auditwords.reason_words("Breaks rule 2") == "Breaks rule 2"
    with translation.override("nb"):
        assert auditwords.reason_words("saved reply: case-request") == (
            "Standardsvar «case-request»"
        )
        assert auditwords.actor_words("system") == "Tilstede (automatisk)"


# --- The details' keys ---------------------------------------------------------------

# Details built from something other than a dict literal, with the keys each brings. A
# new one must be added here and its keys given words in ``auditwords.DETAILS``.
BUILT_DETAILS = {
    "_changed(form, formset)": {"fields", "changes", "house_rules", "house_rule_changes"},
    "{k: v for k, v in connected.details.items() if isinstance(v, str | list)}": {
        "scope",
        "tasks",
    },
}
# Dicts built up by name before the call (``details = {...}``, ``details["k"] = v``).
NAMED = {"details", "changes"}
FIXED = {"_audit": {"actor", "verb", "obj", "now"}, "_publish_start": {"actor", "now"}}


def _detail_keys() -> tuple[set[str], set[str]]:
    """The keys of every details dict the code records, and the expressions it builds
    details from that the scan cannot read."""
    keys: set[str] = set()
    built: set[str] = set()

    def take(node: ast.AST) -> None:
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    take(value)
                elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                    keys.add(key.value)
                else:
                    built.add(ast.unparse(key))
        elif isinstance(node, ast.IfExp):
            take(node.body)
            take(node.orelse)
        elif not (isinstance(node, ast.Name) and node.id in NAMED):
            built.add(ast.unparse(node))

    for tree in _source_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if (
                        isinstance(target, ast.Name)
                        and target.id == "details"
                        and isinstance(node.value, ast.Dict)
                    ):
                        take(node.value)
                    if (
                        isinstance(target, ast.Subscript)
                        and isinstance(target.value, ast.Name)
                        and target.value.id in NAMED
                        and isinstance(target.slice, ast.Constant)
                    ):
                        keys.add(target.slice.value)
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func).rsplit(".", 1)[-1]
            if name not in (*CALLS, "_publish_start"):
                continue
            for keyword in node.keywords:
                if keyword.arg == "details" or (name in FIXED and keyword.arg is None):
                    take(keyword.value)
                elif name in FIXED and keyword.arg not in FIXED[name]:
                    keys.add(keyword.arg)
    return keys, built


def test_the_scan_finds_the_detail_keys_and_knows_every_built_one() -> None:
    keys, built = _detail_keys()
    assert {"four_eyes", "codes_left", "failures", "scheduled", "reason", "via"} <= keys
    assert built == set(BUILT_DETAILS), "details built another way: list them here"


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_recorded_detail_key_has_words(language) -> None:
    keys, _built = _detail_keys()
    for brought in BUILT_DETAILS.values():
        keys |= brought
    assert sorted(keys - set(auditwords.DETAILS)) == []
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    translated = {e.msgid for e in catalogue.translated_entries() if not e.obsolete}
    with translation.override(None):
        msgids = {k: auditwords.detail_words(k) for k in keys}
    assert sorted(f"{k}: {m}" for k, m in msgids.items() if m not in translated) == []


def test_details_are_shown_in_words() -> None:
    details = {
        "four_eyes": ["web", "mastodon"],
        "own_post": False,
        "changes": {"name": {"before": "Gammel", "after": "Ny"}},
        "reason": "",
        "attempts": 0,
        "unknown_key": "kept",
    }
    with translation.override("en"):
        assert auditwords.detail_rows(details) == [
            ("Four-eyes rule", "web, mastodon"),
            ("Approved own post", "no"),
            ("Changes", "Name: Gammel → Ny"),
            ("Attempts", "0"),
            ("unknown_key", "kept"),
        ]
    with translation.override("nn"):
        assert auditwords.detail_rows({"own_post": True})[0][1] == "ja"
        assert auditwords.object_words("core.channel", "4") == "Kanal 4"
    with translation.override("en"):
        assert auditwords.object_words("publishing.post", "7") == "Post 7"
        assert auditwords.object_words("gone.model", "7") == "gone.model 7"


def test_the_audit_log_screen_shows_details_and_objects_in_words(world, client) -> None:
    publishing_settings_change(
        channel=world.channel, by=world.admin, four_eyes=False, max_characters=400
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    client.force_login(world.admin)
    html = client.get("/audit/?verb=channel.publishing_settings").content.decode()
    assert "Publiseringsinnstillinger endret" in html
    assert f"Kanal {world.channel.pk}" in html
    assert "Før: Fireøyneprinsippet: ja</span>" in html  # no length limit before: left out
    assert "Etter: Fireøyneprinsippet: nei; Lengdegrense: 400" in html
    assert "four_eyes" not in html and "core.channel" not in html
