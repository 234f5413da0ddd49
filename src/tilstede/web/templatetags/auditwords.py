"""Filters that put the audit log's codes into words (``tilstede.web.auditwords``)."""

from __future__ import annotations

from typing import Any

from django import template

from tilstede.web import auditwords

register = template.Library()


@register.filter
def verb_words(verb: str) -> str:
    return auditwords.verb_words(verb or "")


@register.filter
def actor_words(label: str) -> str:
    return auditwords.actor_words(label or "")


@register.filter
def reason_words(reason: str) -> str:
    return auditwords.reason_words(reason or "")


@register.filter
def detail_rows(details: Any) -> list[tuple[str, str]]:
    return auditwords.detail_rows(details) if isinstance(details, dict) else []


@register.simple_tag
def object_words(object_type: str, object_id: str) -> str:
    return auditwords.object_words(object_type or "", object_id or "")
