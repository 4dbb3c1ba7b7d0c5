"""Which URLs content may hold: ``https:``, ``http:``, ``mailto:``, ``tel:`` or relative.

A browser reads a URL after decoding HTML entities, dropping leading and
trailing control characters and spaces, and removing tabs and line breaks
anywhere (WHATWG URL standard), and schemes are case-insensitive: so
``JaVa&#x09;ScRiPt:`` is ``javascript:``. The scheme is judged on that
browser's reading, never on the text as written.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

__all__ = ["ALLOWED_SCHEMES", "is_site_address", "normalise_url", "safe_url", "url_problem", "url_scheme"]

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")

_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalise_url(url: str) -> str:
    """The URL as a browser reads it (entities decoded, edges trimmed, tabs and line breaks removed)."""
    return _TAB_NEWLINE.sub("", html.unescape(url).strip(_EDGES))


def url_scheme(url: str) -> str | None:
    """The lower-case scheme a browser would see, or None for a relative URL.

    Anything before the first ``:`` that comes ahead of any ``/``, ``?`` or ``#``
    counts as a scheme, even when it is not a valid one: such a URL is never
    treated as relative.
    """
    text = normalise_url(url)
    cut = min((i for i in (text.find(c) for c in "/?#") if i >= 0), default=len(text))
    colon = text.find(":", 0, cut)
    if colon < 0:
        return None
    m = _SCHEME.fullmatch(text[: colon + 1])
    return m.group(1).lower() if m else text[:colon].lower()


def is_site_address(url: str) -> bool:
    """Whether ``url`` is a whole web address (``https://host/…``), as a site's public address must be."""
    if url_problem(url) or any(c in url for c in '<>"') or url != url.strip():
        return False
    parts = urlsplit(url)
    return parts.scheme in ("https", "http") and bool(parts.hostname)


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be published (French), or None when it may."""
    scheme = url_scheme(url)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        shown = "".join(ch if ch.isprintable() and not ch.isspace() else "?" for ch in scheme)
        return (
            f"le schéma « {shown}: » n’est pas autorisé "
            "(seuls https:, http:, mailto:, tel: ou une adresse relative)"
        )
    if _CONTROL.search(html.unescape(url)):
        return "l’adresse contient un caractère invisible (tabulation, retour à la ligne ou contrôle)"
    return None


def safe_url(url: str | None) -> str:
    """``url`` when it may be published, else the empty string (renderers then show no link)."""
    if not url:
        return ""
    return "" if url_problem(url) else url
