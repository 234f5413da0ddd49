"""What an organisation decides about sign-in: which values of the identity provider's
groups or roles claim give which role, and whether its people who may reveal personal
data must use two-factor."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import Organisation
from tilstede.core.roles import ROLES


class RoleMapping(models.Model):
    """A value of a provider's roles claim (an Entra ID group's object id, an app role, an
    Altinn resource) that gives its holders ``role`` in ``organisation``.

    Read at every sign-in through that provider: someone no longer holding the value
    loses the role (and the membership) then.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="role_mappings",
        verbose_name=_("organisation"),
    )
    provider = models.CharField(_("identity provider"), max_length=50)
    claim_value = models.CharField(_("claim value"), max_length=255)
    role = models.CharField(_("role"), max_length=20, choices=[(r, r) for r in ROLES])

    class Meta:
        verbose_name = _("role mapping")
        verbose_name_plural = _("role mappings")
        ordering = ["organisation__name", "provider", "claim_value", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "provider", "claim_value", "role"],
                name="signin_rolemapping_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.claim_value} → {self.role}"


class SignInPolicy(models.Model):
    """An organisation's sign-in rules; absent means the defaults (no two-factor)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="signin_policy",
        verbose_name=_("organisation"),
    )
    two_factor_required = models.BooleanField(
        _("require two-factor for roles that may reveal personal data"), default=False
    )

    class Meta:
        verbose_name = _("sign-in policy")
        verbose_name_plural = _("sign-in policies")

    def __str__(self) -> str:
        return f"{self.organisation}: two-factor {'on' if self.two_factor_required else 'off'}"
