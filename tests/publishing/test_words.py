"""What the publishing pages say fits the channel and the count."""

from __future__ import annotations

from django.utils import translation

from tilstede.core.models import Platform
from tilstede.publishing.forms import ChannelSettingsForm


def test_the_length_hint_names_mastodon_only_on_a_mastodon_channel() -> None:
    with translation.override("en"):
        bluesky = ChannelSettingsForm(platform=Platform.BLUESKY, prefix="c1")
        mastodon = ChannelSettingsForm(platform=Platform.MASTODON, prefix="c2")
        assert "Mastodon" not in str(bluesky.fields["max_characters"].help_text)
        assert "Mastodon" in str(mastodon.fields["max_characters"].help_text)


def test_the_suspension_message_counts_in_the_right_number() -> None:
    from django.utils.translation import ngettext

    with translation.override("nb"):
        one = ngettext(
            "%(n)d scheduled post is suspended.", "%(n)d scheduled posts are suspended.", 1
        ) % {"n": 1}
        many = ngettext(
            "%(n)d scheduled post is suspended.", "%(n)d scheduled posts are suspended.", 4
        ) % {"n": 4}
    assert one == "1 planlagt innlegg er satt på vent."
    assert many == "4 planlagte innlegg er satt på vent."
