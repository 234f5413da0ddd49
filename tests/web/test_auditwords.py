"""Every verb the code records in the audit log has human words, in every language.

The verbs are found in the source (every ``audit_record``, ``AuditEntry`` and publishing
``_audit`` call, and signin's ``_authenticator`` handlers), so a new verb without words
fails here; the verbs built at run time are listed with what they are built from.
"""

from __future__ import annotations

import ast
import pathlib

import pytest
from django.utils import translation

from tilstede.moderation.models import AppealOutcome, PlatformStatus, Verb
from tilstede.web import auditwords
from tilstede.web.config import KINDS

SOURCE = pathlib.Path(__file__).resolve().parents[2] / "src" / "tilstede"
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

    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
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
