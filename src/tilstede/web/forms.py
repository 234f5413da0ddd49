"""Forms of the web desk: they validate and convert; the services act."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tilstede.core.categories import category_choices
from tilstede.core.models import (
    Channel,
    HouseRule,
    Organisation,
    ResponseState,
    Team,
    Topic,
    Visibility,
)
from tilstede.core.readmodel import InboxFilters, Sort
from tilstede.desk.models import RoutingRule, SavedReply
from tilstede.moderation.models import WatchedWord
from tilstede.webcomments.models import Site

LANGUAGE_CHOICES = [
    ("", _("Any language")),
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
    ("se", _("Northern Sami")),
]


class OptionSelect(forms.Select):
    """A select that writes its options in its own template: Django's renders two
    templates for every option (the option and its attributes), about a twentieth of the
    inbox page's work for the filter form's sixty options. For selects without option
    groups or option attributes (only ``selected`` is written)."""

    template_name = "web/widgets/select.html"


class InboxFilterForm(forms.Form):
    """The inbox's filters, search and order; an unknown value is simply not applied."""

    text = forms.CharField(
        label=_("Search the text"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    channel = forms.ChoiceField(widget=OptionSelect, label=_("Channel"), required=False)
    state = forms.ChoiceField(
        widget=OptionSelect,
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *Visibility.choices],
    )
    response = forms.ChoiceField(
        widget=OptionSelect,
        label=_("Answer"),
        required=False,
        choices=[("", _("Any")), *ResponseState.choices],
    )
    assignee = forms.ChoiceField(widget=OptionSelect, label=_("Assigned to"), required=False)
    category = forms.ChoiceField(
        widget=OptionSelect,
        label=_("Personal data found"),
        required=False,
        choices=[("", _("Any or none")), *category_choices()],
    )
    language = forms.ChoiceField(
        widget=OptionSelect, label=_("Language"), required=False, choices=LANGUAGE_CHOICES
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    failed = forms.BooleanField(label=_("Only failed deliveries"), required=False)
    sort = forms.ChoiceField(
        widget=OptionSelect,
        label=_("Order"),
        required=False,
        choices=[("newest", _("Newest first")), ("due", _("Due first (oldest due time)"))],
    )

    def __init__(self, *args: Any, channels: Any = (), people: Any = (), **kwargs: Any) -> None:
        """``channels`` and ``people``: those the person may filter by (querysets)."""
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            ("", _("All channels")),
            *((c.slug, c.name) for c in channels),
        ]
        self.fields["assignee"].choices = [
            ("", _("Anyone or no one")),
            ("me", _("Me")),
            ("none", _("No one")),
            *((u.get_username(), u.get_full_name() or u.get_username()) for u in people),
        ]

    def filters(self) -> tuple[InboxFilters, Sort]:
        """The filters and order asked for; nothing for a form that is not valid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        filters = InboxFilters(
            channel=data.get("channel") or "",
            state=data.get("state") or "",
            response=data.get("response") or "",
            assignee=data.get("assignee") or "",
            category=data.get("category") or "",
            language=data.get("language") or "",
            overdue=True if data.get("overdue") else None,
            failed=bool(data.get("failed")),
            text=(data.get("text") or "").strip(),
        )
        return filters, "due" if data.get("sort") == "due" else "newest"


class DecisionForm(forms.Form):
    verb = forms.ChoiceField(
        choices=[
            (v, v)
            for v in (
                "approve",
                "hide",
                "unhide",
                "escalate",
                "mark_irrelevant",
                "assign",
                "delete_at_source",
            )
        ]
    )
    house_rule = forms.IntegerField(required=False)
    reason = forms.CharField(required=False, max_length=5000)
    assignee = forms.CharField(required=False, max_length=150)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), max_length=5000, widget=forms.Textarea)
    saved_reply = forms.IntegerField(required=False, widget=forms.HiddenInput)


class BulkForm(forms.Form):
    items = forms.TypedMultipleChoiceField(coerce=int, choices=())  # set per request
    action = forms.ChoiceField(
        label=_("Action"), choices=[("approve", _("Approve")), ("hide", _("Hide"))]
    )
    house_rule = forms.CharField(label=_("House rule, for hiding"), required=False)
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        raw = self.data.getlist("items") if hasattr(self.data, "getlist") else []
        self.fields["items"].choices = [(v, v) for v in raw if str(v).isdigit()][:200]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("action") == "hide" and not data.get("house_rule"):
            self.add_error("house_rule", _("Choose the house rule the items break."))
        return data


class ChannelForm(forms.ModelForm):
    """A channel's recorded decisions [2.1-2.3, 3.4, 3.5]; the promise in hours."""

    response_hours = forms.DecimalField(
        label=_("Promised response time (hours)"),
        min_value=0.25,
        max_value=24 * 14,
        decimal_places=2,
    )

    class Meta:
        model = Channel
        fields = [
            "organisation",
            "name",
            "slug",
            "platform",
            "kind",
            "purpose",
            "audiences",
            "owner_team",
            "contact",
            "url",
            "moderation_mode",
            "around_the_clock",
            "house_rules_intro",
            "active",
        ]
        widgets = {
            "audiences": forms.Textarea(attrs={"rows": 3}),
            "house_rules_intro": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["organisation"].queryset = orgs
        self.fields["owner_team"].queryset = self.fields["owner_team"].queryset.filter(
            organisation__in=orgs
        )
        if self.instance.pk:
            self.fields["response_hours"].initial = round(
                self.instance.response_time.total_seconds() / 3600, 2
            )
        elif len(orgs) == 1:
            # A new channel starts with what its organisation decided for all channels.
            org = orgs[0]
            self.fields["moderation_mode"].initial = org.moderation_mode
            self.fields["response_hours"].initial = round(
                org.response_time.total_seconds() / 3600, 2
            )
        self.order_fields(
            [
                "organisation",
                "name",
                "slug",
                "platform",
                "kind",
                "purpose",
                "audiences",
                "owner_team",
                "contact",
                "url",
                "moderation_mode",
                "response_hours",
                "around_the_clock",
                "house_rules_intro",
                "active",
            ]
        )

    def clean(self) -> dict:
        """Refuse to switch a channel on whose connector cannot be built, with the reason."""
        from tilstede.ingest.services import channel_activation_problem

        data = super().clean()
        was_active = (
            bool(self.instance.pk)
            and Channel.objects.filter(pk=self.instance.pk, active=True).exists()
        )
        if data.get("active") and not was_active and not self.errors:
            # _post_clean has not copied the form's values to the instance yet.
            probe = Channel(
                platform=data.get("platform") or self.instance.platform,
                slug=data.get("slug") or self.instance.slug,
                config=self.instance.config,
                credentials=self.instance.credentials,
            )
            problem = channel_activation_problem(channel=probe)
            if problem:
                self.add_error(
                    "active",
                    _("The channel cannot be switched on: %(problem)s") % {"problem": problem},
                )
        return data

    def save(self, commit: bool = True) -> Channel:
        self.instance.response_time = dt.timedelta(hours=float(self.cleaned_data["response_hours"]))
        if self.instance.pk is None:
            # Business hours are the organisation's, set on its own page.
            self.instance.opening_hours = dict(self.cleaned_data["organisation"].opening_hours)
        return super().save(commit=commit)


HouseRuleFormSet = forms.inlineformset_factory(
    Channel,
    HouseRule,
    fields=["code", "title", "text", "order"],
    extra=1,
    can_delete=True,
    widgets={"text": forms.Textarea(attrs={"rows": 2})},
)


class _OrgScoped(forms.ModelForm):
    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["organisation"].queryset = orgs
        self.fields["organisation"].empty_label = None


class SavedReplyForm(_OrgScoped):
    class Meta:
        model = SavedReply
        fields = ["organisation", "code", "language", "purpose", "title", "text", "order", "active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class WatchedWordForm(_OrgScoped):
    class Meta:
        model = WatchedWord
        fields = ["organisation", "word", "action", "house_rule_code"]


class RoutingRuleForm(_OrgScoped):
    class Meta:
        model = RoutingRule
        fields = [
            "organisation",
            "name",
            "order",
            "active",
            "channel",
            "keywords",
            "language",
            "topic",
            "team",
            "assignee",
        ]
        widgets = {"keywords": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, organisations=organisations, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        for name in ("channel", "topic", "team"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(organisation__in=orgs)
        self.fields["assignee"].queryset = (
            get_user_model().objects.filter(organisations__in=orgs).distinct()
        )


class AuditFilterForm(forms.Form):
    verb = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "verbs"}),
    )
    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    item = forms.IntegerField(label=_("Item number"), required=False, min_value=1)
    since = forms.DateField(
        label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]


class OrganisationForm(forms.ModelForm):
    """The organisation's own settings; business hours as an opening and closing time a day.

    A day with both times empty is closed. Norwegian public holidays are always closed
    (``tilstede.desk.business_hours``).
    """

    response_hours = forms.DecimalField(
        label=_("Default promised response time (hours)"),
        min_value=0.25,
        max_value=24 * 14,
        decimal_places=2,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "org_number",
            "website",
            "case_contact",
            "secure_contact_url",
            "moderation_mode",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["response_hours"].initial = round(
            self.instance.response_time.total_seconds() / 3600, 2
        )
        hours = self.instance.opening_hours or {}
        self.initial["opening_hours"] = hours
        for day, name in enumerate(WEEKDAYS):
            span = hours.get(str(day)) or ["", ""]
            for i, (which, label) in enumerate((("open", _("opens")), ("close", _("closes")))):
                self.fields[f"day_{day}_{which}"] = forms.TimeField(
                    label=f"{name} {label}",
                    required=False,
                    initial=span[i],
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )

    def day_rows(self) -> list[tuple[object, forms.BoundField, forms.BoundField]]:
        return [
            (name, self[f"day_{day}_open"], self[f"day_{day}_close"])
            for day, name in enumerate(WEEKDAYS)
        ]

    def clean(self) -> dict:
        data = super().clean()
        hours: dict[str, list[str]] = {}
        for day, name in enumerate(WEEKDAYS):
            opens, closes = data.get(f"day_{day}_open"), data.get(f"day_{day}_close")
            if opens is None and closes is None:
                continue
            if opens is None or closes is None or opens >= closes:
                self.add_error(
                    f"day_{day}_open",
                    _("%(day)s: give both times, opening before closing, or neither.")
                    % {"day": name},
                )
                continue
            hours[str(day)] = [opens.strftime("%H:%M"), closes.strftime("%H:%M")]
        self.instance.opening_hours = hours
        if "response_hours" in data:
            self.instance.response_time = dt.timedelta(hours=float(data["response_hours"]))
        return data

    @property
    def changed_data(self) -> list[str]:
        """Business hours count as one field in the audit log, not fourteen."""
        changed = [n for n in super().changed_data if not n.startswith("day_")]
        if any(n.startswith("day_") for n in super().changed_data):
            changed.append("opening_hours")
        return changed


class PersonAddForm(forms.Form):
    """A new person: their e-mail is their sign-in name; roles as checkboxes."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    email = forms.EmailField(label=_("E-mail address"))
    name = forms.CharField(label=_("Full name"), max_length=150)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=[], widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        from tilstede.core.roles import role_choices

        super().__init__(*args, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["organisation"].queryset = orgs
        self.fields["roles"].choices = role_choices()


class PersonRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=[], widget=forms.CheckboxSelectMultiple, required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        from tilstede.core.roles import role_choices

        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


def _org_members(orgs):
    return get_user_model().objects.filter(organisations__in=orgs, is_active=True).distinct()


class TeamForm(_OrgScoped):
    class Meta:
        model = Team
        fields = ["organisation", "name", "contact_email", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, organisations=organisations, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["members"].queryset = _org_members(orgs)


class TopicForm(_OrgScoped):
    class Meta:
        model = Topic
        fields = ["organisation", "name", "keywords", "team", "responders"]
        widgets = {
            "keywords": forms.Textarea(attrs={"rows": 3}),
            "responders": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, organisations=organisations, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["team"].queryset = Team.objects.filter(organisation__in=orgs)
        self.fields["responders"].queryset = _org_members(orgs)

    def clean(self) -> dict:
        data = super().clean()
        team, org = data.get("team"), data.get("organisation")
        if team is not None and org is not None and team.organisation_id != org.pk:
            self.add_error("team", _("The team belongs to another organisation."))
        return data


class SiteForm(forms.Form):
    """A new comment field for one of the organisation's websites (its own channel)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    allowed_origins = forms.CharField(
        label=_("Allowed origins"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. https://www.fjordvik.kommune.no (no path)."),
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["organisation"].queryset = orgs


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["name", "allowed_origins", "new_commenter_holds", "active"]
        widgets = {"allowed_origins": forms.Textarea(attrs={"rows": 3})}


class ConnectForm(forms.Form):
    """Connecting a channel's account [issue 21]: where, who, and where to start."""

    instance = forms.URLField(
        label=_("Address of the Mastodon server"),
        required=False,
        help_text=_("For example https://mastodon.social"),
    )
    handle = forms.CharField(label=_("Bluesky handle"), max_length=253, required=False)
    app_password = forms.CharField(
        label=_("App password"),
        max_length=100,
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Made under Settings, App passwords in Bluesky; never the account's password."),
    )
    service = forms.URLField(
        label=_("Bluesky server"), required=False, initial="https://bsky.social"
    )
    start = forms.ChoiceField(
        label=_("Where to start"),
        choices=[("now", _("From now on")), ("history", _("Fetch the last days too"))],
        initial="now",
        widget=forms.RadioSelect,
    )
    history_days = forms.IntegerField(
        label=_("Days back"),
        min_value=1,
        max_value=90,
        required=False,
        initial=7,
        help_text=_("Items from before connecting are kept as history and are never overdue."),
    )

    def __init__(self, *args, platform: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.platform = platform
        keep = {"start", "history_days"} | {
            "mastodon": {"instance"},
            "bluesky": {"handle", "app_password", "service"},
        }.get(platform, set())
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        required = {
            "mastodon": ["instance"],
            "bluesky": ["handle", "app_password", "service"],
        }.get(self.platform, [])
        for name in required:
            if not data.get(name):
                self.add_error(name, _("This field is required."))
        if data.get("start") == "history" and not data.get("history_days"):
            self.add_error("history_days", _("Say how many days back."))
        return data

    @property
    def days(self) -> int:
        if self.cleaned_data.get("start") != "history":
            return 0
        return int(self.cleaned_data.get("history_days") or 0)


# --- sign-in (issue 22) ---------------------------------------------------------------------


class RoleMappingForm(forms.ModelForm):
    """A value of an identity provider's roles claim that gives a role in an organisation."""

    class Meta:
        from tilstede.signin.models import RoleMapping

        model = RoleMapping
        fields = ["organisation", "provider", "claim_value", "role"]
        labels = {
            "organisation": _("Organisation"),
            "provider": _("Identity provider"),
            "claim_value": _("Value of the groups or roles claim"),
            "role": _("Role"),
        }
        help_texts = {
            "claim_value": _(
                "For Entra ID the group's object ID (or an app role's value); for "
                "Ansattporten the value your Altinn resource gives."
            ),
        }

    def __init__(self, *args, organisations=None, providers=(), **kwargs) -> None:
        from tilstede.core.roles import role_choices

        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations if organisations is not None else Organisation.objects.none()
        field.empty_label = None
        self.fields["provider"] = forms.ChoiceField(
            label=_("Identity provider"), choices=list(providers)
        )
        self.fields["role"] = forms.ChoiceField(label=_("Role"), choices=role_choices())


class SignInPolicyForm(forms.ModelForm):
    class Meta:
        from tilstede.signin.models import SignInPolicy

        model = SignInPolicy
        fields = ["two_factor_required"]
        labels = {
            "two_factor_required": _(
                "Require two-factor sign-in for administrators and moderators (the roles "
                "that may reveal personal data)"
            )
        }


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class FiguresPeriodForm(forms.Form):
    """The figures page's period: this week, month, quarter or year, or from and to."""

    period = forms.ChoiceField(
        label=_("Period"),
        choices=(),  # set from tilstede.desk.figures.PERIODS
        initial="month",
        widget=forms.RadioSelect,
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        from tilstede.desk.figures import PERIODS

        super().__init__(*args, **kwargs)
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = list(PERIODS.items())

    def clean(self) -> dict[str, Any]:
        from tilstede.desk.figures import LONGEST

        data = super().clean() or {}
        if data.get("period") == "custom":
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                raise forms.ValidationError(_("Give both the first and the last day."))
            if end < start:
                raise forms.ValidationError(_("The last day comes before the first."))
            if end - start > LONGEST:
                raise forms.ValidationError(_("Choose at most three years."))
        return data
