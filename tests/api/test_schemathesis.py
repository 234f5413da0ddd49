"""Schemathesis generates requests from /api/openapi.json; none may end in a server error.

Runs in-process against the WSGI application with a moderator's token, on a database
with items, house rules and decisions, so the generated calls reach the real code.
"""

from __future__ import annotations

import random

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.ingest.fakes import raw
from tilstede.api.models import ApiToken
from tilstede.core.models import HouseRule
from tilstede.demo.synthetic import fodselsnummer
from tilstede.ingest.services import items_receive


@pytest.fixture
def api_schema(world, wsgi_keeps_the_test_connection):
    from tilstede.config.wsgi import application

    HouseRule.objects.create(channel=world.channel, code="harassment", title="Trakassering")
    items_receive(
        channel=world.channel,
        raw_items=[
            raw(n, f"Kommentar {n} fnr {fodselsnummer(random.Random(n))}") for n in range(1, 4)
        ],
    )
    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def token(world) -> str:
    return ApiToken.issue(user=world.moderator, name="schemathesis")[1]


def test_no_generated_request_causes_a_server_error(api_schema, token):
    checked = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(response, checks=[not_a_server_error])

        run()
        checked.append(operation.label)
    assert len(checked) >= 6, checked
