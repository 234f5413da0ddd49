from __future__ import annotations

import re
from collections import Counter
from importlib import import_module
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import translation
from stdnum.no import fodselsnummer, kontonr

from tilstede.core.models import Channel, Direction, Item, ItemVersion, Visibility

_command = import_module("tilstede.core.management.commands.demo-data")
COUNTED, counted = _command.COUNTED, _command.counted


def test_it_builds_a_realistic_demo_agency(db, capsys):
    call_command("demo-data")
    channels = Channel.objects.all()
    assert channels.count() >= 4
    assert len({c.platform for c in channels}) >= 4
    assert len({c.moderation_mode for c in channels}) == 3
    assert all(c.house_rules.exists() for c in channels)

    items = Item.objects.all()
    assert items.count() >= 300
    langs = Counter(items.values_list("language", flat=True))
    assert {"nb", "nn", "en"} <= set(langs)
    assert items.filter(direction=Direction.OUT, parent__isnull=False).exists()  # replies
    assert items.filter(visibility=Visibility.HELD).exists()
    assert ItemVersion.objects.count() == items.count()

    numbers = [
        m for t in items.values_list("text", flat=True) for m in re.findall(r"\b\d{11}\b", t)
    ]
    # Every 11-digit number is synthetic with valid control digits: a fødselsnummer or
    # D-nummer, or a kontonummer.
    assert numbers and all(fodselsnummer.is_valid(n) or kontonr.is_valid(n) for n in numbers)
    assert any(fodselsnummer.is_valid(n) for n in numbers)
    assert "Demoinnlogging" in capsys.readouterr().out  # LANGUAGE_CODE: nb


def test_a_second_run_adds_nothing(db, capsys):
    call_command("demo-data")
    before = (Item.objects.count(), Channel.objects.count(), ItemVersion.objects.count())
    call_command("demo-data")
    after = (Item.objects.count(), Channel.objects.count(), ItemVersion.objects.count())
    assert before == after
    assert "ingenting lagt til" in capsys.readouterr().out


def test_each_role_has_a_demo_login(db):
    call_command("demo-data")
    for username, group in [
        ("admin", "administrator"),
        ("moderator", "moderator"),
        ("responder", "responder"),
        ("reader", "reader"),
        ("archivist", "archivist"),
    ]:
        user = authenticate(username=username, password="demo")
        assert user is not None, username
        assert user.groups.filter(name=group).exists()
        assert not user.is_staff and not user.is_superuser  # the admin is the operator's
    operator = authenticate(username="operator", password="demo")
    assert operator.is_superuser and not operator.organisations.exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["1 organisation,", "users,", "teams,", "Demo login"]),
        ("nb", ["1 virksomhet,", "brukere,", "team,", "Demoinnlogging"]),
        ("nn", ["1 verksemd,", "brukarar,", "team,", "Demoinnlogging"]),
    ],
)
def test_the_summary_counts_in_the_right_plural(db, capsys, language, words):
    """The loader's summary once said "4 user, 4 team": every count has its plural."""
    with translation.override(language):
        call_command("demo-data")
    out = capsys.readouterr().out
    assert all(w in out for w in words), out
    assert not re.search(r"\b1 \w+(s|er|ar)\b", out), out  # no "1 channels"


@pytest.mark.parametrize("language", ["en", "nb", "nn"])
def test_every_count_the_loader_makes_has_words(language):
    import tilstede.demo.loader as loader

    made = set(re.findall(r'counts\.add\("([^"]+)"', Path(loader.__file__).read_text()))
    assert {"user", "team", "item", "decision"} <= made
    assert made == set(COUNTED)
    with translation.override(language):
        for what in made:
            one, four = counted(what, 1), counted(what, 4)
            assert one.startswith("1 ") and four.startswith("4 ")
            if language == "en":  # every English kind has its own plural
                assert four[2:] != one[2:]
