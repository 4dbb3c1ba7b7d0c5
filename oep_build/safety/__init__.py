"""Content is untrusted input: the URL rule, the HTML allowlist and safe Markdown, in one place.

Used by ``oep check`` (to report) and by every renderer (to refuse, even when
the check was bypassed).
"""

from __future__ import annotations

from .html import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    THEME_UNSAFE,
    Stripped,
    escape_html,
    sanitize_html,
    theme_text,
    unsafe_html,
)
from .markdown import (
    markdown_field,
    markdown_for_engine,
    markdown_text,
    markdown_url,
    markdown_urls,
    render_markdown,
    safe_body,
    stripped_from_markdown,
)
from .urls import ALLOWED_SCHEMES, is_site_address, normalise_url, safe_url, url_problem, url_scheme

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_SCHEMES",
    "ALLOWED_TAGS",
    "THEME_UNSAFE",
    "Stripped",
    "escape_html",
    "is_site_address",
    "markdown_field",
    "markdown_for_engine",
    "markdown_text",
    "markdown_url",
    "markdown_urls",
    "normalise_url",
    "render_markdown",
    "safe_body",
    "safe_url",
    "sanitize_html",
    "stripped_from_markdown",
    "theme_text",
    "unsafe_html",
    "url_problem",
    "url_scheme",
]
