from __future__ import annotations

import pytest
from django.core import management
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.conftest import make_channel, make_item
from tilstede.core.crypto import CredentialError
from tilstede.core.models import HardDeleteForbidden, Item, ItemVersion


def test_it_stores_a_platform_id_once(world):
    make_item(world.channel, external_id="109876543210")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_item(world.channel, external_id="109876543210")


def test_it_allows_the_same_id_on_another_platform(world):
    rss = make_channel(world.org, "feed", platform="rss")
    make_item(world.channel, external_id="42")
    make_item(rss, external_id="42")
    assert Item.objects.filter(external_id="42").count() == 2


def test_it_takes_the_platform_from_the_channel(world):
    item = make_item(world.channel)
    assert item.platform == "mastodon"


def test_it_refuses_to_hard_delete_an_item(world):
    item = make_item(world.channel)
    with pytest.raises(HardDeleteForbidden):
        item.delete()
    assert Item.objects.filter(pk=item.pk).exists()


def test_it_refuses_to_bulk_delete_items(world):
    make_item(world.channel)
    with pytest.raises(HardDeleteForbidden):
        Item.objects.all().delete()
    with pytest.raises(HardDeleteForbidden):
        Item.objects.filter(channel=world.channel).delete()
    assert Item.objects.count() == 1


def test_it_keeps_every_version_with_its_hash(world):
    item = make_item(world.channel, "Første tekst")
    ItemVersion.objects.create(item=item, number=2, text="Rettet tekst")
    assert [v.text for v in item.versions.all()] == ["Første tekst", "Rettet tekst"]
    assert item.current_version.number == 2
    v2 = item.versions.get(number=2)
    assert (
        len(v2.content_hash) == 64 and v2.content_hash != item.versions.get(number=1).content_hash
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemVersion.objects.create(item=item, number=2, text="dup")


def test_it_never_stores_a_token_in_clear_text(world, capsys):
    token = "mastodon-token-0123456789abcdef"
    world.channel.set_secret("access_token", token)
    world.channel.save()
    management.call_command("dumpdata", "core.channel", stdout=None)
    dump = capsys.readouterr().out
    assert token not in dump
    world.channel.refresh_from_db()
    assert world.channel.secrets() == {"access_token": token}


def test_it_resolves_a_credential_from_the_environment(world, monkeypatch):
    world.channel.set_secret_from_env("access_token", "TILSTEDE_TEST_TOKEN")
    monkeypatch.setenv("TILSTEDE_TEST_TOKEN", "from-env")
    assert world.channel.secrets() == {"access_token": "from-env"}
    monkeypatch.delenv("TILSTEDE_TEST_TOKEN")
    with pytest.raises(CredentialError, match="TILSTEDE_TEST_TOKEN"):
        world.channel.secrets()


def test_it_says_when_credentials_were_saved_under_another_key(world, settings):
    world.channel.set_secret("access_token", "abc")
    settings.TILSTEDE_CREDENTIALS_KEY = "a-different-key"
    with pytest.raises(CredentialError, match="changed"):
        world.channel.secrets()


@pytest.mark.parametrize(
    "hours",
    [{"7": ["08:00", "16:00"]}, {"0": ["16:00", "08:00"]}, {"0": ["8 o'clock", "16:00"]}],
)
def test_it_rejects_wrong_opening_hours(world, hours):
    world.channel.opening_hours = hours
    with pytest.raises(ValidationError):
        world.channel.full_clean()


def test_default_opening_hours_are_weekdays(world):
    world.channel.full_clean()
    assert sorted(world.channel.opening_hours) == ["0", "1", "2", "3", "4"]
