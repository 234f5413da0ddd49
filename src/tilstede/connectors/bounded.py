"""Reading what a platform sends within limits: size, nesting depth, and a deadline.

A page of JSON is read even when one record in it is unusable: a record nested deeper
than ``MAX_DEPTH`` has that part replaced by ``TOO_DEEP`` before ``json.loads`` sees it
(the parser would recurse until Python gives up), and the connector that maps the record
reports it as a skipped item, with its reason, while the rest of the page is stored.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64
# What stands where a too-deep part of a record was; a connector refuses such a record.
TOO_DEEP = "\u2063tilstede:nested-too-deep\u2063"

# A string, or a run of opening or of closing brackets: a deeply nested record is a few
# long runs, so the scan costs per run, not per bracket.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]+|[\]}]+', re.DOTALL)


def deepest(text: str, *, stop_above: int | None = None) -> int:
    """The deepest nesting of arrays and objects in JSON ``text`` (strings ignored).

    With ``stop_above`` the scan ends as soon as the depth passes it.
    """
    depth = most = 0
    for match in _TOKENS.finditer(text):
        run = match.group()
        if run[0] == '"':
            continue
        if run[0] in "[{":
            depth += len(run)
            if depth > most:
                most = depth
                if stop_above is not None and most > stop_above:
                    return most
        else:
            depth -= len(run)
    return most


def _pruned(text: str, max_depth: int) -> str:
    """``text`` with every array or object below ``max_depth`` replaced by ``TOO_DEEP``."""
    marker = json.dumps(TOO_DEEP)
    parts: list[str] = []
    position = depth = 0
    skip_from: int | None = None
    for match in _TOKENS.finditer(text):
        run = match.group()
        if run[0] == '"':
            continue
        if run[0] in "[{":
            if skip_from is None and depth + len(run) > max_depth:
                skip_from = match.start() + (max_depth - depth)
                parts.append(text[position:skip_from])
            depth += len(run)
        else:
            if skip_from is not None and depth - len(run) <= max_depth:
                parts.append(marker)
                position = match.start() + (depth - max_depth)
                skip_from = None
            depth -= len(run)
    if skip_from is not None:  # the text breaks off inside the deep part
        return text[:skip_from]
    parts.append(text[position:])
    return "".join(parts)


def loads(content: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON; parts nested deeper than ``max_depth`` become ``TOO_DEEP``.

    Raises ValueError for a body that is not JSON. Never raises RecursionError.
    """
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    if deepest(text, stop_above=max_depth) > max_depth:
        text = _pruned(text, max_depth)
    try:
        return json.loads(text)
    except RecursionError as exc:  # pragma: no cover - prevented by the pruning above
        raise ValueError("nested too deep") from exc


def nested_too_deep(value: Any) -> bool:
    """Whether a parsed record had a part cut off by ``loads`` (walked without recursion)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            if current == TOO_DEEP:
                return True
        elif isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return False
