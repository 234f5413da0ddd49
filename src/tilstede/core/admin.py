"""The Django admin: the installation operator's tool, never an agency's.

Only active superusers get in (``OperatorAdminSite``); every desk role, whatever its
rights, is refused with 403, and sign-in goes through the desk's own login page. Even the
operator cannot change what citizens wrote or what the desk decided here: items,
versions, decisions, appeals, promises and deliveries are read-only, citizen text is
shown redacted as in the desk and is never searched. What the operator may edit
(organisations, channels, people, settings) is written to the audit log with
before/after, as the desk's own pages do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import (
    AuditEvent,
    Channel,
    HouseRule,
    Item,
    ItemVersion,
    Organisation,
    Team,
    Topic,
)
from tilstede.core.services import SECRET_FIELDS, audit_record, form_changes

# ModelAdmin is generic in django-stubs only; at run time Django's class takes no
# parameters.
if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
else:
    ModelAdmin = admin.ModelAdmin


class ReadOnlyAdmin(ModelAdmin):
    """For records nobody edits by hand: decisions, promises, logs, citizen content."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(ModelAdmin):
    """An editable admin whose every save and delete goes to the audit log.

    The verb is ``admin.<model>.<create|change|delete>`` with the operator as actor and
    the before/after of each changed field (many-to-many fields included), written in
    the same transaction as the change.
    """

    def _verb(self, obj: Any, action: str) -> str:
        return f"admin.{obj._meta.model_name}.{action}"

    @transaction.atomic
    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        changes = form_changes(form)
        inlines = sorted(
            {f"{fs.model._meta.model_name}:{o}" for fs in formsets for o in fs.new_objects}
            | {f"{fs.model._meta.model_name}:{o}" for fs in formsets for o, _ in fs.changed_objects}
            | {f"{fs.model._meta.model_name}:{o}" for fs in formsets for o in fs.deleted_objects}
        )
        details: dict[str, Any] = {"via": "admin", "changes": changes}
        if inlines:
            details["related"] = inlines
        audit_record(
            actor=request.user,
            verb=self._verb(form.instance, "change" if change else "create"),
            obj=form.instance,
            details=details,
        )

    @transaction.atomic
    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_record(
            actor=request.user,
            verb=self._verb(obj, "delete"),
            obj=obj,
            details={"via": "admin", "was": str(obj)},
        )
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            audit_record(
                actor=request.user,
                verb=self._verb(obj, "delete"),
                obj=obj,
                details={"via": "admin", "was": str(obj)},
            )
        super().delete_queryset(request, queryset)


def latest_redacted_text(item: Item) -> str:
    """The text the desk shows without the reveal right: the screened, redacted version.

    An item that has not been screened yet shows nothing of its text here.
    """
    version = item.versions.order_by("-number").select_related("screening").first()
    return version_redacted_text(version) if version else ""


def version_redacted_text(version: ItemVersion) -> str:
    screening = getattr(version, "screening", None)
    if screening is None:
        return str(_("(not screened yet: text not shown)"))
    return screening.redacted if screening.redacted else version.text


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "slug", "org_number", "website"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    filter_horizontal = ["members"]


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "contact_email"]
    list_filter = ["organisation"]
    filter_horizontal = ["members"]


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "team"]
    list_filter = ["organisation", "team"]
    filter_horizontal = ["responders"]


class HouseRuleInline(admin.TabularInline):
    model = HouseRule
    extra = 0


@admin.register(Channel)
class ChannelAdmin(AuditedAdmin):
    list_display = [
        "name",
        "platform",
        "kind",
        "purpose",
        "moderation_mode",
        "response_time",
        "around_the_clock",
        "active",
    ]
    list_filter = ["organisation", "platform", "moderation_mode", "active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HouseRuleInline]
    fieldsets = [
        (None, {"fields": ["organisation", "name", "slug", "platform", "url", "active"]}),
        (
            _("Why and for whom [2.1-2.3]"),
            {"fields": ["kind", "purpose", "audiences", "owner_team", "contact"]},
        ),
        (
            _("Moderation and response [3.4, 3.5]"),
            {
                "fields": [
                    "moderation_mode",
                    "response_time",
                    "around_the_clock",
                    "opening_hours",
                    "house_rules_intro",
                ]
            },
        ),
        (_("Platform"), {"fields": ["config", "credential_names"]}),
    ]
    readonly_fields = ["credential_names"]

    @admin.display(description=_("stored credentials"))
    def credential_names(self, obj: Channel) -> str:
        # Names and where they come from; never the values.
        return (
            ", ".join(
                f"{name} ({'env ' + ref['env'] if 'env' in ref else _('encrypted')})"
                for name, ref in obj.credentials.items()
            )
            or "—"
        )


class ItemVersionInline(admin.TabularInline):
    model = ItemVersion
    extra = 0
    can_delete = False
    fields = ["number", "redacted_text", "seen_at", "edited_at_source"]
    readonly_fields = fields

    @admin.display(description=_("text (redacted)"))
    def redacted_text(self, obj: ItemVersion) -> str:
        return version_redacted_text(obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    """Items are shown, never changed: decisions go through the desk and its audit log.

    The list and the page show the redacted text; neither the text nor the author is
    searched (a search would reveal who wrote what without the reveal right).
    """

    list_display = [
        "created_at",
        "channel",
        "kind",
        "direction",
        "short_text",
        "visibility",
        "response_state",
    ]
    list_filter = ["channel", "kind", "direction", "visibility", "response_state", "language"]
    search_fields = ["external_id"]
    date_hierarchy = "created_at"
    fields = [
        "channel",
        "platform",
        "external_id",
        "kind",
        "direction",
        "redacted",
        "language",
        "created_at",
        "received_at",
        "visibility",
        "response_state",
        "topic",
        "assignee",
    ]
    readonly_fields = fields
    inlines = [ItemVersionInline]
    list_select_related = ["channel"]

    @admin.display(description=_("text (redacted)"))
    def redacted(self, obj: Item) -> str:
        return latest_redacted_text(obj)

    @admin.display(description=_("text (redacted)"))
    def short_text(self, obj: Item) -> str:
        return latest_redacted_text(obj)[:80]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "at", "actor_label", "verb", "object_type", "object_id"]
    list_filter = ["verb", "object_type"]
    search_fields = ["actor_label", "object_id", "verb"]
    date_hierarchy = "at"


User = get_user_model()


class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    """People and their roles, as the operator manages them; every change audited."""

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            person = User._default_manager.get(pk=id)
            audit_record(
                actor=request.user,
                verb="admin.user.password_set",
                obj=person,
                details={"via": "admin"},
            )
        return response


class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    """The roles' permissions; a change here changes what every holder of the role may do."""


for model, model_admin in ((User, AuditedUserAdmin), (Group, AuditedGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


# --- Every other app's admin ------------------------------------------------------------
#
# Apps that come with their own admin (django-allauth's sign-in providers, accounts,
# tokens and two-factor devices) register plain ModelAdmins: without more, an operator's
# change there would reach no audit log and their secrets would show in the page.


class _SecretInput(forms.PasswordInput):
    """A secret is written, never shown: the field comes back empty on every page."""

    def __init__(self) -> None:
        super().__init__(render_value=False, attrs={"autocomplete": "new-password"})


class SecretsWriteOnly(ModelAdmin):
    """Secret fields (``SECRET_FIELDS``) are write-only: an empty field keeps the stored
    value, and no list, page or audit event shows one."""

    def get_list_display(self, request: HttpRequest) -> Any:
        shown = super().get_list_display(request)
        return [
            name
            for name in shown
            if name not in SECRET_FIELDS and not str(name).endswith(("_token", "_secret"))
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [n for n in super().get_readonly_fields(request, obj) if n not in SECRET_FIELDS]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kw: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kw)
        secrets = [n for n in form.base_fields if n in SECRET_FIELDS]
        if not secrets:
            return form

        class KeepSecrets(form):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                data: dict[str, Any] = super().clean()
                for name in secrets:
                    if self.instance.pk and not data.get(name):
                        data[name] = getattr(self.instance, name)
                        if name in self.changed_data:
                            self.changed_data.remove(name)
                return data

        # After subclassing: the form's metaclass makes the fields anew from its Meta.
        for name in secrets:
            field = KeepSecrets.base_fields[name]
            field.widget = _SecretInput()
            field.required = obj is None and field.required
            field.help_text = _("Left empty, the stored value is kept.") if obj else ""
        return KeepSecrets


class ReadOnlySecrets(ReadOnlyAdmin, SecretsWriteOnly):
    """Records that come from sign-in itself (tokens, two-factor devices): the operator
    sees that they exist, not what they hold; a device may be removed (audited), e.g.
    for a person who lost their phone."""

    def _shown(self) -> list[str]:
        return [
            f.name
            for f in self.model._meta.fields
            if f.editable and not f.primary_key and f.name not in SECRET_FIELDS
        ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self._shown()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # ReadOnlyAdmin refuses deletes; removing a lost device is the operator's to do.
        return ModelAdmin.has_delete_permission(self, request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self._shown()


def audit_every_admin(site: admin.AdminSite) -> None:
    """Re-register every admin that neither audits nor is read-only as an audited one with
    write-only secrets; records holding sign-in secrets (tokens, two-factor devices) are
    read-only without them. Called once the apps' admin modules have registered."""
    from_sign_in = {("socialaccount", "socialtoken"), ("mfa", "authenticator")}
    for model, model_admin in list(site._registry.items()):
        meta = model._meta
        cls = type(model_admin)
        if (meta.app_label, meta.model_name) in from_sign_in:
            new = type(
                f"ReadOnly{cls.__name__}",
                (ReadOnlySecrets, AuditedAdmin, cls),
                {"__module__": __name__},
            )
        elif isinstance(model_admin, AuditedAdmin | ReadOnlyAdmin):
            continue
        else:
            new = type(
                f"Audited{cls.__name__}",
                (SecretsWriteOnly, AuditedAdmin, cls),
                {"__module__": __name__},
            )
        site.unregister(model)
        site.register(model, new)
