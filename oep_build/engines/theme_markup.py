"""Small corrections to Material's page markup, applied to every page MkDocs writes.

The theme's templates are not copied (they would drift from upgrades); these
targeted rewrites fix what the Nu HTML checker and axe report in its output:

- ``tabindex=""`` on section labels (not a valid integer);
- ``autocomplete`` on its hidden checkboxes (only allowed on text-like inputs);
- a ``<label for>`` whose control is not on the page (the table of contents
  toggle of pages without a menu entry of their own);
- sub-menus named by an icon-only label (``landmark-unique``: every section nav
  had the same empty name): they are named after their section's title;
- the table of contents' nested lists, named after their heading, could take
  a menu section's name (« Kits »): they say they are sub-sections.
"""

from __future__ import annotations

import html
import re

__all__ = ["tidy_theme_markup"]

_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_LABEL_FOR = re.compile(r'<label class="md-nav__title" for="([^"]+)">(.*?)</label>', re.S)
_SECTION_NAV = re.compile(
    r'<nav class="md-nav" data-md-level="(\d+)" aria-labelledby="(__nav_[0-9_]+)_label"'
    r'(?P<rest>[^>]*)>\s*<label class="md-nav__title" for="\2">(?P<title>.*?)</label>',
    re.S,
)
_TAGS = re.compile(r"<[^>]+>")
_TOC_NAV = re.compile(r'<nav class="md-nav" aria-label="(?!Sous-sections : )([^"]*)">')


def tidy_theme_markup(page: str) -> str:
    """``page`` with the theme's invalid or ambiguous markup corrected (idempotent)."""
    page = _EMPTY_TABINDEX.sub(r"\1", page)
    page = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page)
    page = _SECTION_NAV.sub(_named_section, page)
    page = _TOC_NAV.sub(lambda m: f'<nav class="md-nav" aria-label="Sous-sections : {m.group(1)}">', page)
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    return _LABEL_FOR.sub(lambda m: m.group(0) if m.group(1) in ids else _title_div(m.group(2)), page)


def _named_section(m: re.Match[str]) -> str:
    title = " ".join(html.unescape(_TAGS.sub(" ", m.group("title"))).split())
    label = html.escape(title, quote=True)
    head = f'<nav class="md-nav" data-md-level="{m.group(1)}" aria-label="{label}"{m.group("rest")}>'
    return m.group(0).replace(m.group(0)[: m.group(0).index(">") + 1], head, 1)


def _title_div(inner: str) -> str:
    return f'<div class="md-nav__title">{inner}</div>'
