"""The operator's admin speaks the operator's language: model names and the columns
Tilstede adds go through gettext, so they are translated, never shown as code."""

from __future__ import annotations

from django.apps import apps
from django.contrib.admin.sites import site
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
