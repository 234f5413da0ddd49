"""Malformed input to public endpoints and the API gets 400 and a short message, never a
server error (issue 16: deep JSON, lone surrogates and an out-of-range month gave 500)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.webcomments.conftest import ORIGIN, PAGE, make_site
from tilstede.api.models import ApiToken
from tilstede.core.csvsafe import csv_cell
from tilstede.web.payload import BadPayload, json_parse

DEEP = ("[" * 10_000 + "]" * 10_000).encode()  # past Python's recursion limit
SURROGATE = b'{"page_url": "%s", "author_name": "Kari", "text": "hei \\ud800"}' % PAGE.encode()


def post_json(client, url, body: bytes, **headers):
    return client.post(url, data=body, content_type="application/json", **headers)


@pytest.fixture
def site(world):
    return make_site(world)


@pytest.mark.parametrize("endpoint", ["comments", "check"])
@pytest.mark.parametrize(
    "body",
    [
        DEEP,
        b'{"text": ' + b'{"a": ' * 50 + b"1" + b"}" * 50 + b"}",
        SURROGATE,
        b'{"text": "\\udfff alene", "author_name": "\\ud83d"}',
        b'{"text": "nul \\u0000"}',
        b"\xff\xfe not utf-8",
        b'{"text": "unclosed',
    ],
    ids=["deep", "nested-50", "surrogate", "surrogates", "nul", "not-utf8", "truncated"],
)
def test_the_comment_field_answers_bad_json_with_400(client, site, endpoint, body):
    response = post_json(client, f"/c/{site.key}/{endpoint}", body, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    assert response.json()["message"] == "Forespørselen er ikke gyldig JSON."


@pytest.fixture
def bearer(world):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user=world.moderator, name='t')[1]}"}


@pytest.mark.parametrize(
    "body",
    [DEEP, b'{"verb": "hide", "reason": "\\ud800"}', b'{"verb": "\\u0000"}'],
    ids=["deep", "surrogate", "nul"],
)
def test_the_api_answers_bad_json_with_400(client, world, bearer, body):
    from tests.conftest import make_item

    item = make_item(world.channel)
    response = post_json(client, f"/api/items/{item.pk}/decisions", body, **bearer)
    assert response.status_code == 400
    assert "Cannot parse request body" in response.json()["detail"]


def test_json_parse_counts_depth_outside_strings():
    assert json_parse(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[["}', max_bytes=100) == {"a": "[" * 27}
    with pytest.raises(BadPayload, match="nested deeper than 3"):
        json_parse(b"[[[[1]]]]", max_bytes=100, max_depth=3)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+47 912 34 567", "'+47 912 34 567"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Hei = hallo", "Hei = hallo"),
        (-5, -5),
        ("", ""),
    ],
)
def test_csv_cells_never_start_a_formula(value, safe):
    assert csv_cell(value) == safe


public_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
comment_like = st.fixed_dictionaries(
    {},
    optional={
        "page_url": st.one_of(st.just(PAGE), st.text(max_size=40)),
        "author_name": st.text(max_size=100),
        "text": st.text(max_size=200),
        "author_email": st.text(max_size=40),
        "parent": st.text(max_size=40),
        "commenter": st.text(max_size=70),
        "language": st.one_of(st.text(max_size=20), st.integers()),
        "website": public_json,
    },
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
@given(
    body=st.one_of(
        comment_like.map(lambda d: json.dumps(d).encode()),
        public_json.map(lambda d: json.dumps(d).encode()),
        st.binary(max_size=200),
    ),
    endpoint=st.sampled_from(["comments", "check"]),
    ip=st.integers(min_value=1, max_value=250),
)
def test_no_generated_comment_request_causes_a_server_error(client, site, body, endpoint, ip):
    response = post_json(
        client, f"/c/{site.key}/{endpoint}", body, HTTP_ORIGIN=ORIGIN, REMOTE_ADDR=f"192.0.2.{ip}"
    )
    assert response.status_code < 500, body


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
@given(
    month=st.one_of(st.text(max_size=25), st.from_regex(r"-?\d{1,25}-\d{1,25}", fullmatch=True)),
    view=st.sampled_from(["transparency", "transparency_csv"]),
)
def test_no_generated_month_causes_a_server_error(client, world, month, view):
    response = client.get(reverse(view, args=[world.org.slug]), {"month": month})
    assert response.status_code in (200, 400)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
@given(token=st.text(max_size=300), text=st.text(max_size=100))
def test_no_generated_appeal_request_causes_a_server_error(client, db, token, text):
    if "/" in token or not token:
        return
    response = client.post(f"/klage/{token}/", {"text": text}, REMOTE_ADDR="198.51.100.3")
    assert response.status_code < 500
