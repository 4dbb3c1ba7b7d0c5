"""Kits for home printers and screen readers: what issue 15 asked, checked on the HTML and the PDF."""

from __future__ import annotations

import re

from conftest import GOLDEN

from oep_build.render.kits.views import untracked


def test_printed_links_lose_their_tracking_parameters() -> None:
    assert untracked("https://x.org/c/?utm_source=x") == "https://x.org/c/"
    assert untracked("https://x.org/c/?a=1&utm_medium=sms&b=2#haut") == "https://x.org/c/?a=1&b=2#haut"
    assert untracked("https://x.org/c/") == "https://x.org/c/"


def _headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def test_example_kits_never_skip_a_heading_level() -> None:
    # The goldens are the kits' HTML exactly as rendered (tests/test_kits_html.py keeps them equal).
    paths = sorted((GOLDEN / "kits" / "exemples" / "public").glob("*.html"))
    assert len(paths) >= 3
    for path in paths:
        html = path.read_text(encoding="utf-8")
        levels = _headings(html)
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert jumps == [], path.name
        assert "utm_" not in html, path.name
