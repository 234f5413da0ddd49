"""Schemathesis on the publishing endpoints with publishing's permissions granted (the
project-wide run in tests/api sees them before core.roles grants them): no generated
request may end in a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.publishing.helpers import approved, compose
from tilstede.api.models import ApiToken
from tilstede.publishing import services


@pytest.fixture
def api_schema(world, org, channels, wsgi_keeps_the_test_connection):
    from tilstede.config.wsgi import application

    compose(world, [channels["mastodon"]])
    approved(world, [channels["bluesky"]])
    services.crisis_declare(
        organisation=org, name="Storm", channels=[channels["mastodon"]], by=world.admin
    )
    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


def test_no_generated_publishing_request_causes_a_server_error(api_schema, world):
    token = ApiToken.issue(user=world.admin, name="schemathesis")[1]
    checked = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if "/publishing/" not in operation.path:
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
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
    assert len(checked) >= 20, checked
