"""A real installation starts from the command line, with no demo data and no admin."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tilstede.core.models import AuditEvent, Channel, Organisation


def test_org_user_and_channel_on_an_empty_database(db, capsys, client):
    assert not Organisation.objects.exists()
    call_command("org", "add", "--name", "Fjordvik kommune", "--slug", "fjordvik")
    call_command(
        "user",
        "add",
        "--org",
        "fjordvik",
        "--role",
        "administrator",
        "--email",
        "anne@fjordvik.example",
        "--name",
        "Anne Admin",
    )
    out = capsys.readouterr().out
    link = re.search(r"one-time password link: (\S+)", out).group(1)
    call_command(
        "channel",
        "add",
        "--platform",
        "rss",
        "--name",
        "Nyheter",
        "--url",
        "https://fjordvik.example/rss",
        "--org",
        "fjordvik",
    )
    org = Organisation.objects.get(slug="fjordvik")
    anne = User.objects.get(username="anne@fjordvik.example")
    assert anne.groups.filter(name="administrator").exists()
    assert not anne.is_staff and not anne.has_usable_password()
    channel = Channel.objects.get(slug="nyheter")
    assert channel.organisation == org
    assert channel.moderation_mode == org.moderation_mode
    assert channel.response_time == org.response_time
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"organisation.create", "person.add"} <= verbs
    # The link lets Anne choose her password and sign in to the desk.
    path = link.split("127.0.0.1:8000", 1)[1]
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Fjord-Stein-2026!", "new_password2": "Fjord-Stein-2026!"},
    )
    assert client.login(username="anne@fjordvik.example", password="Fjord-Stein-2026!")
    assert client.get("/organisation/fjordvik/").status_code == 200


@pytest.mark.parametrize(
    "args",
    [
        ["org", "add", "--name", "X", "--slug", "not a slug"],
        ["user", "add", "--org", "nowhere", "--role", "reader", "--email", "a@b.example"],
        ["user", "add", "--org", "fjordvik", "--role", "reader", "--email", "not-an-address"],
    ],
)
def test_bad_input_ends_in_one_clear_line_and_exit_code_2(db, args):
    Organisation.objects.create(name="Fjordvik kommune", slug="fjordvik")
    with pytest.raises(CommandError) as raised:
        call_command(*args)
    assert raised.value.returncode == 2
    assert "\n" not in str(raised.value)
    assert not User.objects.exists()


def test_a_second_person_with_the_same_address_is_refused(db):
    Organisation.objects.create(name="Fjordvik kommune", slug="fjordvik")
    args = ["user", "add", "--org", "fjordvik", "--role", "reader", "--email", "a@b.example"]
    call_command(*args)
    with pytest.raises(CommandError, match="already has an account"):
        call_command(*args)


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("nb", "(1 person)", "(2 personer)"),
        ("nn", "(1 person)", "(2 personar)"),
        ("en", "(1 person)", "(2 people)"),
    ],
)
def test_org_list_counts_people_in_the_right_plural(world, capsys, language, one, two) -> None:
    """The other agency has one person, the outsider; then two."""
    with translation.override(language):
        call_command("org", "list")
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines["annet"].endswith(one)
    world.other_org.members.add(world.admin)
    with translation.override(language):
        call_command("org", "list")
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines["annet"].endswith(two)
