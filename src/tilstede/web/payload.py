"""Reading JSON sent by the public (the comment widget) and by API clients, with limits.

``json.loads`` alone accepts what later breaks: nesting deep enough to exhaust Python's
recursion (a server error), lone surrogates (``"\\ud800"``), which no database or
encoder takes, and NUL characters, which PostgreSQL's text refuses. This refuses them
at the door with ``BadPayload``, which the callers answer with 400 and a short message.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 20
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class BadPayload(ValueError):
    """The body is not acceptable JSON; the message says why, in one short line."""


class PayloadTooLarge(BadPayload):
    pass


def json_parse(raw: bytes, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> Any:
    """Decode ``raw`` as UTF-8 JSON within the limits, or raise BadPayload.

    Order: size, encoding, nesting depth (counted on the text with its strings taken
    out, before the parser recurses), the parse, then every string (keys too) must be
    encodable text without NUL.
    """
    if len(raw) > max_bytes:
        raise PayloadTooLarge(f"the body is larger than {max_bytes} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadPayload("the body is not UTF-8") from None
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
        if deepest > max_depth:
            raise BadPayload(f"the JSON is nested deeper than {max_depth} levels")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BadPayload("the body is not valid JSON") from None
    _check_strings(data)
    return data


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            _check_text(current)
        elif isinstance(current, dict):
            for key, item in current.items():
                _check_text(key)
                stack.append(item)
        elif isinstance(current, list):
            stack.extend(current)


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise BadPayload("the JSON holds a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadPayload("the JSON holds invalid Unicode (a lone surrogate)") from None
