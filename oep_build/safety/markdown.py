"""Untrusted Markdown to HTML that no engine can turn into a script.

Site pages are Markdown handed to an engine (MkDocs, Zensical) that runs its
own extensions — raw HTML, ``attr_list``, links — on whatever it receives.
So content never reaches it as Markdown: :func:`render_markdown` renders a
body here, with the site's extensions, and passes the HTML through the one
sanitiser; :func:`markdown_for_engine` then hands that HTML over in a form
the engine leaves alone (block HTML is kept verbatim, text is made of
entities where Markdown would read syntax). Top-level headings go back as
Markdown headings so the engine still lists them in the table of contents
and gives them their anchors. Plain-text fields take :func:`markdown_text`.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
import threading
import xml.etree.ElementTree as etree
from collections.abc import Callable
from html.parser import HTMLParser

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .html import Stripped, escape_html, sanitize_html, unsafe_html
from .urls import safe_url

__all__ = [
    "image_sources",
    "markdown_field",
    "markdown_for_engine",
    "markdown_text",
    "markdown_url",
    "markdown_urls",
    "render_markdown",
    "safe_body",
    "stripped_from_markdown",
]

# The Markdown extensions of the site (mkdocs.yml), except toc: the engine numbers headings.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]
EXTENSION_CONFIGS = {
    "footnotes": {"BACKLINK_TITLE": "Retour à l’appel de note %d"},
    "pymdownx.highlight": {"anchor_linenums": True},
    "pymdownx.tabbed": {"alternate_style": True},
}

_lock = threading.Lock()
_md: markdown.Markdown | None = None


class _Links(Treeprocessor):
    """Lets the caller rewrite link targets (an engine resolves ``.md`` links only in its own Markdown)."""

    rewrite: Callable[[str], str] | None = None

    def run(self, root: etree.Element) -> None:
        if self.rewrite is None:
            return
        for el in root.iter("a"):
            href = el.get("href")
            if href:
                el.set("href", self.rewrite(href))


def _renderer() -> markdown.Markdown:
    global _md
    if _md is None:
        _md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        _md.treeprocessors.register(_Links(_md), "oep-links", 1)
    return _md


_FOOTNOTE_ID = re.compile(r'(id="|href="#)(fn(?:ref)?:)')


def render_markdown(
    text: str,
    *,
    scope: str = "",
    links: Callable[[str], str] | None = None,
    images: Callable[[str], str | None] | None = None,
) -> str:
    """Sanitised HTML of one Markdown body.

    ``scope`` keeps footnote ids unique on a page; ``links`` rewrites each link
    target before the sanitiser judges it; ``images`` gives each image's address
    on the page (Markdown and raw HTML images alike), or None to show its text
    alternative instead.
    """
    html = _convert(text, links)
    if scope:
        html = _FOOTNOTE_ID.sub(lambda m: f"{m.group(1)}{m.group(2)}{scope}-", html)
    html = sanitize_html(html)
    return _IMG.sub(lambda m: _image(m.group(0), images), html) if images is not None and "<img" in html else html


# The sanitiser's output quotes every attribute value and holds no « > » in one: its
# attributes are read one after the other (« src= » inside another value is no attribute).
_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\s([\w:-]+)(?:="([^"]*)")?')


def _image(tag: str, images: Callable[[str], str | None]) -> str:
    attrs = {m.group(1): m.group(2) for m in _ATTR.finditer(tag[len("<img") : -1])}
    src = images(html_lib.unescape(attrs.get("src") or ""))
    if src is None:
        return f'<span class="image-manquante">{attrs.get("alt") or ""}</span>'
    attrs["src"] = escape_html(src)
    return "<img" + "".join(f' {k}="{v}"' if v is not None else f" {k}" for k, v in attrs.items()) + ">"


@functools.lru_cache(maxsize=64)
def _plain_html(text: str) -> str:
    """:func:`_convert` without link rewriting, kept for the next question on the same body
    (``oep check`` asks both :func:`markdown_urls` and :func:`stripped_from_markdown`)."""
    return _convert(text)


def _convert(text: str, links: Callable[[str], str] | None = None) -> str:
    """The HTML Markdown makes of ``text``, before sanitising."""
    with _lock:
        md = _renderer()
        md.reset()
        processor = md.treeprocessors["oep-links"]
        assert isinstance(processor, _Links)
        processor.rewrite = links
        try:
            return md.convert(text)
        finally:
            processor.rewrite = None


def stripped_from_markdown(text: str) -> list[Stripped]:
    """What the sanitiser removes from the HTML of ``text`` (raw HTML and ``{ … }`` attributes alike)."""
    return unsafe_html(_plain_html(text))


class _Urls(HTMLParser):
    def __init__(self, tags: frozenset[str] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.tags = tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.tags is None or tag in self.tags:
            self.urls += [v for k, v in attrs if k in ("href", "src", "cite", "action", "formaction", "data", "poster") and v]


def markdown_urls(text: str, tags: frozenset[str] | None = None) -> list[str]:
    """Every URL of the HTML Markdown makes of ``text`` (links, images, autolinks, references, raw HTML),
    or only those of the elements ``tags``."""
    parser = _Urls(tags)
    parser.feed(_plain_html(text))
    parser.close()
    return parser.urls


def image_sources(text: str) -> list[str]:
    """The address of every image of ``text``: Markdown images and raw ``<img>`` alike, code left out."""
    return markdown_urls(text, frozenset({"img"}))


# -- handing HTML to the engine ------------------------------------------------------

_MARKDOWN_ACTIVE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "[": "&#91;",
        "]": "&#93;",
        "{": "&#123;",
        "}": "&#125;",
        "\\": "&#92;",
    }
)
# Text of sanitised HTML (« & < > » already entities) in a Markdown heading: also what
# would make emphasis, code or a closing « # ».
_HEADING_ACTIVE = str.maketrans(
    {"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "\\": "&#92;",
     "*": "&#42;", "_": "&#95;", "`": "&#96;", "#": "&#35;"}
)
_HEADING_TAGS = {"em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "code", "kbd", "sub", "sup", "small", "abbr"}
_TOKEN = re.compile(r"[A-Za-z][\w\-]*")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_VOID = {"area", "br", "col", "hr", "img", "input", "wbr"}  # the void elements the sanitiser lets through
_HEADING = re.compile(r"h[1-6]")


_URL_QUOTING = str.maketrans({" ": "%20", "(": "%28", ")": "%29", '"': "%22", "<": "%3C", ">": "%3E", "&": "&amp;"})


def markdown_url(value: str | None) -> str:
    """A URL from content for a Markdown link target or an HTML attribute; empty unless its scheme is allowed.

    Characters that would end a link target or an attribute are percent-encoded,
    ``&`` is written ``&amp;`` (both read it back as ``&``).
    """
    return safe_url(value).translate(_URL_QUOTING)


def markdown_field(value: object) -> object:
    """Jinja ``finalize`` of the templates that write Markdown: a string is text (:func:`markdown_text`),
    markup built by the renderers (``Markup``) passes as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return markdown_text(value)
    return value


def markdown_text(value: str) -> str:
    """A plain-text field for a Markdown page: shown as written, never read as HTML, link or attribute list.

    Light emphasis (``*…*``) still works; raw HTML, links, images, footnotes and
    ``{ … }`` attribute lists cannot be written.
    """
    return value.translate(_MARKDOWN_ACTIVE)


class _TopLevel(HTMLParser):
    """Offsets of the top-level elements of a sanitised fragment."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.depth = 0
        self.open_at = 0
        self.parts: list[tuple[int, int, str, dict[str, str | None]]] = []
        self.attrs: dict[str, str | None] = {}
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.open_at = self._offset()
            self.attrs = dict(attrs)
            if tag in _VOID:
                end = self.open_at + len(self.get_starttag_text() or "")
                self.parts.append((self.open_at, end, tag, self.attrs))
                return
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            start = self._offset()
            self.parts.append((start, start + len(self.get_starttag_text() or ""), tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.text.index(">", self._offset()) + 1
            self.parts.append((self.open_at, end, tag, self.attrs))


def _heading(level: int, inner: str, attrs: dict[str, str | None]) -> str:
    inner = nh3.clean(inner, tags=_HEADING_TAGS, attributes={}, link_rel=None).replace("&nbsp;", "\u00a0")
    pieces = _TAG_OR_TEXT.split(inner)
    text = "".join(p if p.startswith("<") else p.translate(_HEADING_ACTIVE) for p in pieces)
    text = " ".join(text.split())
    marks = []
    if attrs.get("id") and _TOKEN.fullmatch(attrs["id"] or ""):
        marks.append(f"#{attrs['id']}")
    marks += [f".{c}" for c in (attrs.get("class") or "").split() if _TOKEN.fullmatch(c)]
    suffix = f" {{ {' '.join(marks)} }}" if marks else ""
    return f"{'#' * level} {text or '&#8203;'}{suffix}"


def markdown_for_engine(html: str) -> str:
    """Sanitised HTML as Markdown an engine passes through unchanged (headings excepted)."""
    out = []
    pos = 0
    for start, end, tag, attrs in _TopLevel(html).parts:
        stray = html[pos:start].strip()
        if stray:
            out.append(f"<p>{stray}</p>")
        chunk = html[start:end]
        if _HEADING.fullmatch(tag):
            inner = chunk[chunk.index(">") + 1 : chunk.rindex("<")]
            out.append(_heading(int(tag[1]), inner, attrs))
        else:
            out.append(chunk)
        pos = end
    stray = html[pos:].strip()
    if stray:
        out.append(f"<p>{stray}</p>")
    return "\n\n".join(out)


def safe_body(
    text: str,
    *,
    scope: str = "",
    links: Callable[[str], str] | None = None,
    images: Callable[[str], str | None] | None = None,
) -> str:
    """A Markdown body, rendered, sanitised and ready to sit in a generated page."""
    return markdown_for_engine(render_markdown(text, scope=scope, links=links, images=images))

