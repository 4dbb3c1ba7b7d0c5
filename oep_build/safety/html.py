"""The one HTML allowlist for content, applied with nh3 (the Ammonia sanitiser).

Content may hold the HTML staff really need — tables, ``details``/``summary``,
``figure``/``figcaption``, ``abbr``, ``id`` and ``class`` for anchors and
styling — and nothing that runs or covers the page: no event handler, no
``style``, no ``script``/``iframe``/``object``/``embed``/``form``, no URL
outside :data:`~oep_build.safety.urls.ALLOWED_SCHEMES`. ``unsafe_html``
lists, for ``oep check``, what the sanitiser will strip.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from .urls import ALLOWED_SCHEMES, url_problem

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "THEME_UNSAFE", "Stripped", "escape_html", "sanitize_html", "theme_text", "unsafe_html"]

ALLOWED_TAGS = frozenset(
    ["a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "input", "label"]
)
"""Tags content may use (others are removed, their text kept)."""

_DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed"})

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href", "hreflang", "name"}),
    # Tabs (pymdownx.tabbed) are radio buttons and labels; there is no form to send.
    "input": frozenset({"checked", "name", "disabled"}),
    "label": frozenset({"for"}),
    "div": frozenset({"data-tabs"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
"""Attributes content may use, by tag (``*``: on every allowed tag)."""

_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# The theme's layout classes (md-header, md-sidebar, md-dialog…) could cover the page;
# only its button classes are useful in content.
_THEME_PREFIX = "md-"
_THEME_ALLOWED = ("md-button",)


def _class_allowed(name: str) -> bool:
    return not name.startswith(_THEME_PREFIX) or name.startswith(_THEME_ALLOWED)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    # Markdown re-reads inline HTML with a pattern that stops at the first « > »:
    # an attribute value holding « < » or « > » is dropped rather than risked.
    if "<" in value or ">" in value:
        return None
    if attribute in _URL_ATTRIBUTES and url_problem(value):
        return None
    if attribute == "class":
        kept = [c for c in value.split() if _class_allowed(c)]
        return " ".join(kept) if kept else None
    return value


@functools.cache
def _cleaner_options() -> dict[str, object]:
    return {
        "tags": set(ALLOWED_TAGS),
        "clean_content_tags": set(_DROPPED_WITH_CONTENT),
        "attributes": {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        "attribute_filter": _filter,
        "tag_attribute_values": {"input": {"type": {"radio", "checkbox"}}},
        "url_schemes": set(ALLOWED_SCHEMES),
        "link_rel": None,
        "strip_comments": True,
    }


_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape_html(value: str) -> str:
    """``value`` for an HTML text node or double-quoted attribute (the apostrophe stays: typography curls it)."""
    return value.translate(_HTML_ESCAPES)


# An <input> whose type was not radio or checkbox (a text or password box: nh3 drops the
# attribute, not the tag). nh3's output quotes every value and holds no « > » in one.
_UNTYPED_INPUT = re.compile(r'<input\b(?![^>]*\btype="(?:radio|checkbox)")[^>]*>')


THEME_UNSAFE = '<>"'
"""Characters dropped from the texts the theme prints as they are (site name, footer…)."""
_THEME_TEXT = str.maketrans({"<": None, ">": None, '"': "\u201d"})


def theme_text(value: str) -> str:
    """``value`` for a config text the theme prints unescaped in elements and double-quoted
    attributes (Material's footer, logo label): on one line, no « < », « > » (no tag can
    open) and no straight double quote (no attribute can close; a closing curly one
    instead). ``&`` stays: the theme escapes some of these texts itself."""
    return " ".join(value.split()).translate(_THEME_TEXT)


def sanitize_html(fragment: str) -> str:
    """``fragment`` with only allowed tags, attributes and URLs left."""
    cleaned = nh3.clean(fragment, **_cleaner_options())  # type: ignore[arg-type]
    if "<input" in cleaned:
        cleaned = _UNTYPED_INPUT.sub("", cleaned)
    # The serialiser writes U+00A0 as « &nbsp; »: French typography wants the character back.
    return cleaned.replace("&nbsp;", "\u00a0")


@dataclass(frozen=True)
class Stripped:
    """One piece of HTML the sanitiser removes."""

    what: str
    """« la balise <script> », « l’attribut onclick de <img> »… (French)."""
    offset: int
    """Character offset of its tag in the scanned text."""
    tag: str = ""
    attribute: str = ""
    """Set when an attribute (or its value) is removed, not the whole tag."""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[int, int], str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = self.getpos()
        if tag not in ALLOWED_TAGS:
            self.found.append((f"la balise <{tag}>", where, tag, ""))
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        if tag == "input":
            kind = next((value or "" for name, value in attrs if name == "type"), "")
            if kind not in ("radio", "checkbox"):  # removed whole (sanitize_html)
                self.found.append((f"la balise <input type={kind}>" if kind else "la balise <input>", where, tag, ""))
                return
        for name, value in attrs:
            if tag == "input" and name == "type":
                continue
            elif name not in allowed:
                self.found.append((f"l’attribut {name} de <{tag}>", where, tag, name))
            elif value is not None and _filter(tag, name, value) != value:
                self.found.append((f"la valeur de l’attribut {name} de <{tag}>", where, tag, name))

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.found.append(("un commentaire HTML", self.getpos(), "", ""))


def unsafe_html(text: str) -> list[Stripped]:
    """What :func:`sanitize_html` would remove from the raw HTML in ``text``, in order."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return [Stripped(what, starts[line - 1] + col, tag, name) for what, (line, col), tag, name in scanner.found]
