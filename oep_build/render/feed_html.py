"""Markdown bodies as self-contained HTML for feed readers (Atom ``content``).

A feed entry is read far from the site: every link and image address is made
absolute against the article's public address. The HTML itself is the one
sanitiser's (:mod:`oep_build.safety`), like every body of the site.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from ..safety import render_markdown, safe_url
from ..typo import typographie_markdown

__all__ = ["feed_html"]

_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')


def _absolute(base: str, href: str) -> str:
    # A scheme the sanitiser refuses is kept as written, for it to drop the link.
    return urljoin(base, href.strip()) if safe_url(href) else href


def feed_html(text: str, base: str) -> str:
    """Sanitised HTML of the Markdown ``text``, addresses resolved against the page address ``base``."""
    out = render_markdown(typographie_markdown(text), links=lambda href: _absolute(base, href))
    # Image addresses come out of the sanitiser already allowed: only made absolute here.
    return _IMG_SRC.sub(lambda m: m.group(1) + html.escape(urljoin(base, html.unescape(m.group(2)))) + m.group(3), out)
