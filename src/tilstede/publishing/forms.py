"""Forms of the publishing pages: they validate and convert; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import Channel, Platform, Team
from tilstede.publishing.checks import LANGUAGES
from tilstede.publishing.images import CleanImage, ImageRefused, image_clean
from tilstede.publishing.models import Post
from tilstede.publishing.services import NewImage

NEW_IMAGES = 3
IMAGE_TYPES = "image/png,image/jpeg,image/gif,image/webp"


class PostForm(forms.Form):
    """Compose or edit: the text once, the channels, and up to three new images."""

    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=70_000,
        help_text=_("Written once; the preview shows it as each channel will."),
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("To the page on our own website where the information is."),
    )
    information = forms.BooleanField(
        label=_("This is information (needs a link to our website)"), required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Choose a language")), *LANGUAGES], required=False
    )
    channels = forms.ModelMultipleChoiceField(
        label=_("Channels"),
        queryset=Channel.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    crisis = forms.BooleanField(label=_("Crisis post (not suspended)"), required=False)

    def __init__(
        self,
        *args: object,
        channels: QuerySet[Channel],
        post: Post | None = None,
        crisis_active: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = channels
        self.fields["channels"].label_from_instance = lambda c: (
            f"{c.name} ({c.get_platform_display()})"
        )
        if not crisis_active:
            del self.fields["crisis"]
        self.post = post
        self.existing = list(post.images.all()) if post else []
        for image in self.existing:
            self.fields[f"alt_{image.pk}"] = forms.CharField(
                label=_("Alt text for %(name)s") % {"name": image.name},
                required=False,
                max_length=1500,
                initial=image.alt_text,
            )
            self.fields[f"remove_{image.pk}"] = forms.BooleanField(
                label=_("Remove %(name)s") % {"name": image.name}, required=False
            )
        for n in range(1, NEW_IMAGES + 1):
            self.fields[f"image_{n}"] = forms.FileField(
                label=_("Image %(n)d") % {"n": n},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
            )
            self.fields[f"image_{n}_alt"] = forms.CharField(
                label=_("Alt text for image %(n)d") % {"n": n},
                required=False,
                max_length=1500,
                help_text=_("Describe what the image shows, for those who cannot see it."),
            )

    def clean_channels(self) -> list[Channel]:
        chosen = list(self.cleaned_data["channels"])
        if len({c.organisation_id for c in chosen}) > 1:
            raise forms.ValidationError(_("Choose channels of one organisation."))
        return chosen

    def clean(self) -> dict:
        data = super().clean()
        self._clean_images: dict[int, CleanImage] = {}
        for n in range(1, NEW_IMAGES + 1):
            upload = data.get(f"image_{n}")
            if upload:
                try:
                    self._clean_images[n] = image_clean(upload)
                except ImageRefused as exc:
                    self.add_error(f"image_{n}", str(exc))
        return data

    def existing_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"alt_{i.pk}"], self[f"remove_{i.pk}"]) for i in self.existing]

    def new_image_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"image_{n}"], self[f"image_{n}_alt"]) for n in range(1, NEW_IMAGES + 1)]

    def new_images(self) -> list[NewImage]:
        images = []
        for n in range(1, NEW_IMAGES + 1):
            upload = self.cleaned_data.get(f"image_{n}")
            if upload:
                alt = self.cleaned_data.get(f"image_{n}_alt", "")
                clean = self._clean_images[n]
                images.append(NewImage(file=upload, alt_text=alt, name=clean.name, clean=clean))
        return images

    def alt_texts(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"alt_{i.pk}", "") for i in self.existing}

    def removed(self) -> list[int]:
        return [i.pk for i in self.existing if self.cleaned_data.get(f"remove_{i.pk}")]


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Publish at (Norwegian time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_at(self) -> dt.datetime:
        # Read as a wall-clock time; the service turns it into Europe/Oslo.
        return self.cleaned_data["at"].replace(tzinfo=None)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("What should be changed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CrisisForm(forms.Form):
    name = forms.CharField(label=_("Name of the crisis"), max_length=200)
    channels = forms.ModelMultipleChoiceField(
        label=_("Crisis channels"),
        queryset=Channel.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    duty_team = forms.ModelChoiceField(
        label=_("Duty team"), queryset=Team.objects.none(), required=False
    )
    poll_minutes = forms.IntegerField(
        label=_("Check the channels every (minutes)"), min_value=1, max_value=60, initial=1
    )

    def __init__(
        self, *args: object, channels: QuerySet[Channel], teams: QuerySet[Team], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = channels
        self.fields["duty_team"].queryset = teams


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    link = forms.URLField(label=_("Link"), required=False, max_length=1000, assume_scheme="https")
    information = forms.BooleanField(
        label=_("This is information (needs a link to our website)"), required=False, initial=True
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="nb")


class ChannelSettingsForm(forms.Form):
    four_eyes = forms.BooleanField(label=_("Four-eyes rule"), required=False)
    max_characters = forms.IntegerField(
        label=_("Length limit"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Empty: the platform's own limit."),
    )

    def __init__(self, *args: Any, platform: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only a Mastodon instance sets its own limit; other platforms have one each.
        if platform == Platform.MASTODON:
            self.fields["max_characters"].help_text = _(
                "Empty: the platform's own (for Mastodon, what the instance says)."
            )
