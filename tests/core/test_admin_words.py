"""The operator's admin speaks the operator's language: model names and the columns
Tilstede adds go through gettext, so they are translated, never shown as code."""

from __future__ import annotations

import io
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.utils import translation
from django.utils.functional import Promise


def _ours(model) -> bool:
    return model.__module__.startswith("tilstede.")


def test_every_model_of_tilstede_has_translated_names() -> None:
    untranslated = [
        f"{model._meta.label}.{attr}"
        for model in apps.get_models()
        if _ours(model)
        for attr in ("verbose_name", "verbose_name_plural")
        if not isinstance(model._meta.original_attrs.get(attr), Promise)
    ]
    assert untranslated == []


def test_every_column_tilstede_adds_to_the_admin_has_a_translated_heading() -> None:
    untranslated = []
    for model, model_admin in site._registry.items():
        if not _ours(model):
            continue
        for name in model_admin.list_display:
            if callable(name) or name == "__str__":
                continue
            if name in {f.name for f in model._meta.get_fields()}:
                continue
            found = getattr(model_admin, name, None) or getattr(model, name, None)
            description = getattr(found, "short_description", None) or getattr(
                getattr(found, "fget", None), "short_description", None
            )
            if not isinstance(description, Promise):
                untranslated.append(f"{model._meta.label}: {name}")
    assert untranslated == []


LOCALE = Path(__file__).resolve().parents[2] / "src" / "tilstede" / "locale"


def _translated(language: str) -> set[str]:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return {e.msgid for e in catalogue.translated_entries() if not e.obsolete}


def test_every_field_of_tilstede_has_a_translated_name() -> None:
    """A field's name heads its admin column and labels its form field: a plain string
    (Django's default, made from the attribute's name) would show English there."""
    fields = [
        field
        for model in apps.get_models()
        if _ours(model)
        for field in model._meta.get_fields(include_hidden=True)
        if getattr(field, "concrete", False) and field.model is model and not field.auto_created
    ]
    assert len(fields) > 300  # the walk found the models' fields
    not_lazy = [str(f) for f in fields if not isinstance(f.verbose_name, Promise)]
    assert not_lazy == []
    with translation.override(None):
        msgids = {str(f): str(f.verbose_name) for f in fields}
    for language in ("nb", "nn"):
        translated = _translated(language)
        missing = sorted(f"{f}: {m}" for f, m in msgids.items() if m not in translated)
        assert missing == [], language


@pytest.mark.django_db(transaction=True)  # SQLite: no schema editor inside a transaction
@pytest.mark.parametrize(
    ("app", "migration"),
    [
        ("archive", "0005_field_verbose_names"),
        ("publishing", "0003_field_verbose_names"),
        ("signin", "0003_field_verbose_names"),
    ],
)
def test_naming_the_fields_changes_no_table(app, migration) -> None:
    """The migrations that only name fields emit no SQL on this database (the test run
    covers SQLite and PostgreSQL): on SQLite a rebuilt table would lose its triggers, as
    core_item would lose the FTS5 triggers of core 0012."""
    out = io.StringIO()
    call_command("sqlmigrate", app, migration, stdout=out)
    statements = [
        line
        for line in out.getvalue().splitlines()
        if line.strip() and not line.startswith("--") and line.strip() not in {"BEGIN;", "COMMIT;"}
    ]
    assert statements == []
