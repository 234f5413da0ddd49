"""The shared helpers: plain text from HTML, UTC timestamps, the watermark cursor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tilstede.connectors.base import (
    PayloadError,
    RawItem,
    Watermark,
    _parsed_html_parts,
    _plain_html_parts,
    decode_cursor,
    encode_cursor,
    html_to_text,
    oldest_first,
    parse_datetime,
)

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def item(external_id: str) -> RawItem:
    return RawItem(external_id, "comment", "in", "a", "A", "t", "", T0)


def test_it_keeps_line_breaks_when_stripping_html() -> None:
    markup = "<p>Hei!<br>Når åpner &amp; stenger dere?</p><p>Mvh&nbsp;Kari</p>"
    assert html_to_text(markup) == "Hei!\nNår åpner & stenger dere?\n\nMvh\xa0Kari"


def test_it_decodes_entities_in_text_without_tags() -> None:
    assert html_to_text("Bø &lt;3 &#248;l") == "Bø <3 øl"


def test_it_drops_script_content() -> None:
    assert html_to_text("<p>a</p><script>alert(1)</script>") == "a"


def test_it_reads_timestamps_as_utc() -> None:
    assert parse_datetime("2025-03-04T13:00:00+0100") == datetime(2025, 3, 4, 12, tzinfo=UTC)
    assert parse_datetime("2025-03-04T12:00:00.123Z") == datetime(
        2025, 3, 4, 12, 0, 0, 123000, tzinfo=UTC
    )
    assert parse_datetime("not a date") is None
    assert parse_datetime(None) is None


def test_it_refuses_a_naive_created_at() -> None:
    with pytest.raises(ValueError, match="timezone"):
        RawItem("1", "post", "out", "a", "A", "t", "", datetime(2025, 1, 1))


def test_it_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="kind"):
        RawItem("1", "tweet", "in", "a", "A", "t", "", T0)


def test_it_rejects_a_cursor_it_did_not_write() -> None:
    with pytest.raises(PayloadError, match="cursor"):
        decode_cursor("12345x", "example")


def test_it_returns_the_oldest_items_first_and_a_watermark_covering_them() -> None:
    pairs = [(T0 + timedelta(minutes=n), item(f"c{n}")) for n in (3, 1, 2)]
    batch, mark, more = oldest_first(pairs, Watermark(), 2)
    assert [i.external_id for i in batch] == ["c1", "c2"]
    assert more
    batch, mark, more = oldest_first(pairs, mark, 2)
    assert [i.external_id for i in batch] == ["c3"]
    assert not more


def test_it_does_not_lose_items_sharing_a_timestamp_across_batches() -> None:
    pairs = [(T0, item(f"c{n}")) for n in range(5)]
    seen: list[str] = []
    mark = Watermark()
    more = True
    while more:
        batch, mark, more = oldest_first(pairs, mark, 2)
        seen += [i.external_id for i in batch]
        mark = Watermark.from_dict(decode_cursor(encode_cursor(mark.to_dict()), "x"))
    assert sorted(seen) == [f"c{n}" for n in range(5)]


@given(st.lists(st.integers(min_value=0, max_value=20), max_size=30), st.integers(1, 7))
def test_it_delivers_every_item_exactly_once_in_batches(minutes: list[int], limit: int) -> None:
    pairs = [(T0 + timedelta(minutes=m), item(f"c{n}")) for n, m in enumerate(minutes)]
    seen: list[str] = []
    mark = Watermark()
    for _ in range(len(pairs) + 1):
        batch, mark, more = oldest_first(pairs, mark, limit)
        seen += [i.external_id for i in batch]
        if not more:
            break
    assert sorted(seen) == sorted(i.external_id for _, i in pairs)


_FRAGMENTS = [
    "<p>",
    "</p>",
    "<P class='x'>",
    "<br>",
    "<br/>",
    "<br />",
    "</br>",
    '<div id="a b">',
    "</div >",
    '<a href="https://fjordvik.example/?a=1&amp;b=2" rel="nofollow noopener">',
    "</a>",
    '<span class="h-card">',
    "</span>",
    "<li>",
    "<ul>",
    "<p/>",
    "<script>x < y</script>",
    "<style>p{}</style>",
    "<!-- note -->",
    "a < b",
    "<3",
    "<p title=it's>",
    "<a href=x/>",
    "&amp;",
    "&lt;",
    "&nbsp;",
    "&#248;",
    "&amp",
    "&unknown;",
    "Hei",
    " ",
    "\n",
    "Når åpner dere?",
    "@fjordvik",
    "#brøyting",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=25))
def test_the_fast_html_reader_reads_as_the_parser_does(fragments: list[str]) -> None:
    markup = "".join(fragments)
    parts = _plain_html_parts(markup)
    assert parts is None or "".join(parts) == "".join(_parsed_html_parts(markup))


def test_the_fast_html_reader_leaves_unusual_markup_to_the_parser() -> None:
    assert _plain_html_parts("<p>a</p><script>alert(1)</script>") is None
    assert _plain_html_parts("<p>a < b</p>") is None
    assert _plain_html_parts("<!-- x --><p>a</p>") is None
    assert "".join(_plain_html_parts('<p>Hei <a href="u">@k</a></p>')) == "\n\nHei @k\n\n"
