"""What each category of personal data that screening finds is called: the one
definition, for the desk's findings, its filter, the API's documents and the checks
before publishing. (The comment field's advice to citizens, ``webcomments.texts``,
explains each category in plain words of its own; ``screening.LABELS`` are the
placeholders written into redacted text.)"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tilstede import screening

CATEGORY_LABELS: dict[str, Promise] = {
    screening.model.NATIONAL_ID: _("national identity number"),
    screening.model.PHONE: _("phone number"),
    screening.model.EMAIL: _("e-mail address"),
    screening.model.BANK_ACCOUNT: _("bank account number"),
    screening.model.ADDRESS: _("address"),
    screening.model.PERSON_NAME: _("name"),
    screening.model.HEALTH: _("health information"),
    screening.model.SPECIAL_CATEGORY: _("special category of personal data"),
    screening.model.CASE_REFERENCE: _("case number"),
}


def category_label(category: str) -> str:
    """The category's label in the active language; an unknown category as it is."""
    label = CATEGORY_LABELS.get(category)
    return str(label) if label is not None else category


def category_choices() -> list[tuple[str, Promise]]:
    """Every category with its label, in screening's order (for a form's choices)."""
    return [(c, CATEGORY_LABELS[c]) for c in screening.CATEGORIES]
