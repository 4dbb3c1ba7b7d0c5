"""Markdown bodies as self-contained HTML for feed readers (Atom ``content``).

A feed entry is read far from the site: every link and image address is made
absolute against the article's public address. The HTML itself is the one
sanitiser's (:mod:`oep_build.safety`), like every body of the site.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

from ..safety import render_markdown, safe_url
from ..typo import typographie_markdown

__all__ = ["feed_html"]

def _absolute(base: str, href: str) -> str:
    # A scheme the sanitiser refuses is kept as written, for it to drop the link.
    return urljoin(base, href.strip()) if safe_url(href) else href


def feed_html(text: str, base: str, images: Callable[[str], str | None]) -> str:
    """Sanitised HTML of the Markdown ``text``, links resolved against the page address ``base``,
    images where ``images`` says (absolute addresses: the page's own copies)."""
    return render_markdown(typographie_markdown(text), links=lambda href: _absolute(base, href), images=images)
