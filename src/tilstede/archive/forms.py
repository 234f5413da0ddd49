"""Forms of the archivist's workspace: they validate and convert; the archive services act."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from tilstede.archive.models import ArchivePeriod, ArchiveRule, RequestKind
from tilstede.core.models import Channel, Organisation

DATE = forms.DateInput(attrs={"type": "date"})


class _Scoped(forms.Form):
    """A form with an organisation field limited to the person's own organisations, and
    channel fields limited to those organisations' channels."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["organisation"].queryset = orgs
        if "channel" in self.fields:
            self.fields["channel"].queryset = Channel.objects.filter(organisation__in=orgs)

    def clean(self) -> dict:
        data = super().clean()
        channel, org = data.get("channel"), data.get("organisation")
        if channel is not None and org is not None and channel.organisation_id != org.pk:
            self.add_error("channel", _("The channel belongs to another organisation."))
        start, end = data.get("start"), data.get("end")
        if start and end and start >= end:
            self.add_error("end", _("The end must come after the start."))
        return data


class ArchiveRuleForm(forms.ModelForm):
    class Meta:
        model = ArchiveRule
        fields = [
            "organisation",
            "channel",
            "kind",
            "direction",
            "condition",
            "value",
            "retention_days",
            "priority",
            "reason",
            "active",
        ]

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["organisation"].queryset = orgs
        self.fields["organisation"].empty_label = None
        self.fields["channel"].queryset = Channel.objects.filter(organisation__in=orgs)

    def clean(self) -> dict:
        data = super().clean()
        channel, org = data.get("channel"), data.get("organisation")
        if channel is not None and org is not None and channel.organisation_id != org.pk:
            self.add_error("channel", _("The channel belongs to another organisation."))
        return data


class LegalHoldForm(_Scoped):
    reason = forms.CharField(label=_("Reason"), max_length=300)
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=Channel.objects.none(), required=False
    )
    item = forms.IntegerField(label=_("Item number"), required=False, min_value=1)
    start = forms.DateField(label=_("From date"), required=False, widget=DATE)
    end = forms.DateField(label=_("To date (exclusive)"), required=False, widget=DATE)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class PeriodCloseForm(_Scoped):
    month = forms.CharField(
        label=_("Month"),
        help_text=_("A month that has ended, e.g. 2026-11."),
        widget=forms.TextInput(attrs={"type": "month"}),
    )
    channel = forms.ModelChoiceField(
        label=_("Channel (empty: all channels)"), queryset=Channel.objects.none(), required=False
    )

    def clean_month(self) -> tuple[dt.date, dt.date]:
        raw = self.cleaned_data["month"]
        try:
            year, month = (int(part) for part in raw.split("-"))
            start = dt.date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Give a month as YYYY-MM.")) from None
        end = dt.date(year + (month == 12), month % 12 + 1, 1)
        return start, end


class ThreadCloseForm(forms.Form):
    item = forms.IntegerField(label=_("Item number (any item of the thread)"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ExportForm(forms.Form):
    periods = forms.ModelMultipleChoiceField(
        label=_("Closed periods"),
        queryset=ArchivePeriod.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations if organisations is not None else Organisation.objects.none()
        self.fields["periods"].queryset = ArchivePeriod.objects.filter(
            organisation__in=orgs, status="closed"
        ).order_by("-start")

    def clean_periods(self):
        periods = self.cleaned_data["periods"]
        if len({p.organisation_id for p in periods}) > 1:
            raise forms.ValidationError(_("One export holds one organisation's periods."))
        return periods


class InnsynForm(_Scoped):
    reference = forms.CharField(
        label=_("Reference"), max_length=200, help_text=_("e.g. the request's saksnummer")
    )
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    subject_handle = forms.CharField(
        label=_("The data subject's handle"),
        max_length=300,
        required=False,
        help_text=_("Data subject requests: this person's own items are given in full."),
    )
    text = forms.CharField(label=_("Text contains"), max_length=200, required=False)
    handle = forms.CharField(label=_("Author handle"), max_length=300, required=False)
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=Channel.objects.none(), required=False
    )
    start = forms.DateField(label=_("From date"), required=False, widget=DATE)
    end = forms.DateField(label=_("To date (exclusive)"), required=False, widget=DATE)
