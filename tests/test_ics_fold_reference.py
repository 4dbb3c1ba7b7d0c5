"""``fold`` cuts lines where the first, character-by-character version did."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oep_build.render.ics import fold


def reference_fold(line: str) -> bytes:
    """The first ``fold``: characters one by one, a break before the one that would pass 75 octets."""
    out = bytearray()
    width = 0
    limit = 75
    for ch in line:
        b = ch.encode("utf-8")
        if width + len(b) > limit:
            out += b"\r\n "
            width = 1
        out += b
        width += len(b)
    out += b"\r\n"
    return bytes(out)


# one character of each UTF-8 length, so cuts fall before, inside and after them
_CHARS = st.sampled_from(["a", ",", "é", "’", "\u202f", "€", "😀", "𝄞"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_CHARS, max_size=400).map("".join) | st.text(max_size=300))
def test_same_bytes_as_the_reference(line: str) -> None:
    assert fold(line) == reference_fold(line)


@pytest.mark.parametrize("char", ["x", "é", "€", "😀"])
def test_around_the_limits(char: str) -> None:
    for size in range(160):
        for prefix in ("", "D", "DE", "DES"):
            line = prefix + char * size
            assert fold(line) == reference_fold(line), (prefix, size)
