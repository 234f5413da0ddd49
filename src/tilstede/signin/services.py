"""Sign-in rules: roles from the identity provider's claim, the organisation's sign-in
settings, who may use the password form, who must use two-factor.

Every change is written to the audit log in the same transaction, with before/after.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from tilstede.core.models import Organisation
from tilstede.core.roles import REVEAL, ROLES
from tilstede.core.services import PeopleError, audit_record, form_changes
from tilstede.signin.models import RoleMapping, SignInPolicy


def claim_values(claims: dict[str, Any], path: str) -> set[str]:
    """The strings at ``path`` in ``claims``: a claim name, or a dotted path that walks
    into objects and lists (``authorization_details.resource``). A single string counts
    as one value; anything else that is not a string is ignored."""
    found: list[Any] = [claims]
    for part in path.split("."):
        step: list[Any] = []
        for value in found:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and part in item:
                    step.append(item[part])
        found = step
    values: set[str] = set()
    for value in found:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item:
                values.add(item)
    return values


def _roles_of(person: Any) -> list[str]:
    return sorted(person.groups.filter(name__in=ROLES).values_list("name", flat=True))


def _organisations_of(person: Any) -> list[str]:
    return sorted(Organisation.objects.filter(members=person).values_list("slug", flat=True))


@transaction.atomic
def person_sync_from_provider(*, person: Any, provider: str, values: set[str]) -> dict[str, Any]:
    """Set ``person``'s memberships and roles from the values of their roles claim, as
    the organisations' mappings for ``provider`` say; called at every sign-in.

    Only organisations with mappings for ``provider`` are managed this way: someone
    loses the membership of such an organisation when no value maps to it any more, and
    keeps memberships the operator gave elsewhere. With ``TILSTEDE_SSO_ROLES=claims``
    the mapped roles replace the person's roles; with ``administrator`` the mapping only
    makes the person a member, and an administrator gives the roles in the desk.
    Returns what changed, as ``{"roles": …, "organisations": …}`` with before/after.
    """
    mappings = list(RoleMapping.objects.filter(provider=provider).select_related("organisation"))
    managed = {m.organisation_id: m.organisation for m in mappings}
    matched = [m for m in mappings if m.claim_value in values]
    wanted = {m.organisation_id for m in matched}
    before_orgs = _organisations_of(person)
    for org_id, organisation in managed.items():
        if org_id in wanted:
            organisation.members.add(person)
        else:
            organisation.members.remove(person)
    changes: dict[str, Any] = {}
    after_orgs = _organisations_of(person)
    if after_orgs != before_orgs:
        changes["organisations"] = {"before": before_orgs, "after": after_orgs}
    if settings.TILSTEDE_SSO_ROLES == "claims":
        before = _roles_of(person)
        roles = sorted({m.role for m in matched})
        keep = person.groups.exclude(name__in=ROLES)
        person.groups.set([*keep, *Group.objects.filter(name__in=roles)])
        after = _roles_of(person)
        if after != before:
            changes["roles"] = {"before": before, "after": after}
    if changes:
        audit_record(
            actor=f"identity provider {provider}",
            verb="person.roles_from_provider",
            obj=person,
            details={**changes, "provider": provider, "claim_values": sorted(values)},
        )
    return changes


# --- the organisation's sign-in settings (the desk's page) --------------------------------


def _check_administers(organisation: Organisation, by: Any) -> None:
    from tilstede.core.roles import MANAGE_PEOPLE

    if by.is_superuser:
        return
    if (
        not by.has_perm(f"core.{MANAGE_PEOPLE}")
        or not organisation.members.filter(pk=by.pk).exists()
    ):
        raise PeopleError("you may only change the sign-in settings of your own organisation")


@transaction.atomic
def role_mapping_add(*, form: Any, by: Any) -> RoleMapping:
    """Save a new mapping from the desk's form; the audit log has its values."""
    _check_administers(form.cleaned_data["organisation"], by)
    mapping: RoleMapping = form.save()
    audit_record(
        actor=by,
        verb="signin.mapping_add",
        obj=mapping,
        details={
            "organisation": mapping.organisation.slug,
            "changes": form_changes(form),
        },
    )
    return mapping


@transaction.atomic
def role_mapping_remove(*, mapping: RoleMapping, reason: str, by: Any) -> None:
    """Remove a mapping; its people lose the role at their next sign-in."""
    _check_administers(mapping.organisation, by)
    details = {
        "organisation": mapping.organisation.slug,
        "changes": {
            "provider": {"before": mapping.provider, "after": None},
            "claim_value": {"before": mapping.claim_value, "after": None},
            "role": {"before": mapping.role, "after": None},
        },
        "reason": reason,
    }
    pk = mapping.pk
    mapping.delete()
    audit_record(
        actor=by,
        verb="signin.mapping_remove",
        object_type="signin.rolemapping",
        object_id=pk,
        details=details,
    )


@transaction.atomic
def signin_policy_update(*, form: Any, by: Any) -> SignInPolicy:
    """Save an organisation's sign-in policy form, with before/after in the audit log."""
    _check_administers(form.instance.organisation, by)
    changes = form_changes(form)
    policy: SignInPolicy = form.save()
    if changes:
        audit_record(
            actor=by,
            verb="signin.policy_change",
            obj=policy.organisation,
            details={"changes": changes},
        )
    return policy


# --- who may sign in how ------------------------------------------------------------------


def password_signin_allowed(username: str) -> bool:
    """Whether the password form may be used by ``username``: always, unless single
    sign-on is required; then only by the operator's break-glass account."""
    if not settings.TILSTEDE_SSO_REQUIRED:
        return True
    glass = settings.TILSTEDE_BREAK_GLASS_USER
    return bool(glass) and username == glass


def two_factor_required(person: Any) -> bool:
    """Whether ``person`` must have a second factor: they may reveal personal data and
    one of their organisations requires two-factor for that."""
    if not person.is_authenticated or not person.has_perm(f"core.{REVEAL}"):
        return False
    return SignInPolicy.objects.filter(
        organisation__members=person, two_factor_required=True
    ).exists()
