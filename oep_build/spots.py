"""Exact spots inside texts: line and column of a match in a YAML value or a Markdown body.

The loader knows where each value starts; a diagnostic about a phone number
in the middle of a paragraph should point at the number itself. Inside a YAML
value we look for the matched text in the file from the value's start (its
k-th occurrence, k counted in the value), which stays exact for plain, quoted
and block scalars; inside a Markdown body lines map one to one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from .context import Context
from .diagnostics import Diagnostic, Rule
from .model import Project
from .sources import Pos

__all__ = ["body_spot", "diag_at", "find_written", "text_fields", "value_spot"]


def text_fields(obj: Any, sub: tuple[str | int, ...] = (), skip: frozenset[str] = frozenset()) -> Iterator[
    tuple[tuple[str | int, ...], str]
]:
    """(sub-path, text) for every string held by ``obj``, nested models and lists included, in order."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [(sub, obj)]
    while stack:  # depth first, children pushed in reverse: the order of a recursive walk
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, BaseModel):
            # « extra » is never published: not our business
            names = [n for n in type(value).model_fields if n not in skip and n != "extra"]
            stack.extend((path + (n,), getattr(value, n)) for n in reversed(names))
        elif isinstance(value, list):
            stack.extend((path + (i,), item) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            stack.extend((path + (k,), item) for k, item in reversed(list(value.items())))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _pos_of_index(starts: list[int], index: int) -> Pos:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= index:
            lo = mid
        else:
            hi = mid - 1
    return Pos(lo + 1, index - starts[lo] + 1)


def value_spot(obj: Any, sub: tuple[str | int, ...], value: str, offset: int, length: int) -> Pos | None:
    """Where ``value[offset:offset+length]`` is in the file, or ``None`` if it cannot be told."""
    origin = getattr(obj, "_origin", None)
    if origin is None:
        return None
    doc = origin.doc
    path = tuple(origin.path) + tuple(sub)
    start = doc.values.get(path)
    if start is None or not doc.text:
        return None
    found = value[offset : offset + length]
    if not found:
        return None
    starts = _line_starts(doc.text)
    if start.line - 1 >= len(starts):
        return None
    index = starts[start.line - 1] + start.column - 1
    for _ in range(value[:offset].count(found) + 1):
        hit = doc.text.find(found, index)
        if hit < 0:
            return None  # folded across lines, or escaped: the value's start will do
        index = hit + 1
    return _pos_of_index(starts, index - 1)


def find_written(text: str, target: str, start: int = 0, whole: bool = False) -> int:
    """Where ``target`` (as a parser gave it back: tabs expanded to spaces, or dropped) is written
    in ``text`` from ``start``, blanks matched loosely; -1 if not found. ``whole``: as a whole
    address, not the beginning of a longer one (``img/a.jp`` is not in ``img/a.jpg``)."""
    end = r"(?![^\s)\]\"'>?#])" if whole else ""
    if not whole:
        at = text.find(target, start)
        if at >= 0 or not target.strip():
            return at
    parts = [re.escape(c) for c in target if not c.isspace()]
    if not parts:
        return -1
    m = re.compile(r"\s*".join(parts) + end).search(text, start)
    return m.start() if m else -1


def body_spot(project: Project, obj: Any, offset: int) -> Pos:
    """Line and column of ``offset`` in the Markdown body of ``obj``."""
    body = project.body_of(obj)
    before = body[:offset]
    line = project.body_line_of(obj) + before.count("\n")
    col = offset - (before.rfind("\n") + 1) + 1
    return Pos(line, col)


def diag_at(
    ctx: Context, r: Rule, obj: Any, sub: tuple[str | int, ...], spot: Pos | None, *, message: str, fix: str = ""
) -> Diagnostic:
    """``ctx.diag`` moved to ``spot`` (when known) inside the field ``sub``."""
    d = ctx.diag(r, obj, *sub, message=message, fix=fix)
    if spot is None:
        return d
    return replace(d, line=spot.line, column=spot.column)
