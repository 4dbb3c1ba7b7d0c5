"""Apply :class:`~oep_build.diagnostics.Edit` replacements to a text (``oep check --fix``, and the
loader's second reading of a file whose syntax error has one obvious fix)."""

from __future__ import annotations

from collections.abc import Iterable

from .diagnostics import Edit

__all__ = ["apply_edits"]


def apply_edits(text: str, edits: Iterable[Edit], line_offset: int = 0) -> tuple[str, list[Edit]]:
    """``text`` with ``edits`` applied; also the edits actually applied.

    Positions are 1-based (line, column) in characters; ``line_offset`` is subtracted from the
    lines (Markdown front matter). An edit overlapping one already taken, or pointing outside
    the text, is skipped: the next run will find what is left.
    """
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def index(line: int, column: int) -> int | None:
        i = line - 1 - line_offset
        if not 0 <= i < len(lines) or not 1 <= column <= len(lines[i]) + 1:
            return None
        return starts[i] + column - 1

    spans: list[tuple[int, int, Edit]] = []
    for e in edits:
        a, b = index(e.line, e.column), index(e.end_line, e.end_column)
        if a is None or b is None or b < a:
            continue
        if any((a < y and x < b) or (a == b == x) for x, y, _ in spans):
            continue
        if any(x == a == b or (x < b and a < y) for x, y, _ in spans):
            continue
        spans.append((a, b, e))
    out = text
    for a, b, e in sorted(spans, key=lambda s: s[0], reverse=True):
        out = out[:a] + e.text + out[b:]
    return out, [e for _, _, e in sorted(spans, key=lambda s: s[0])]
