"""Markdown bodies to print-ready HTML: safe, French-typeset, with public links.

Raw HTML in a body is never interpreted: a kit only holds the markup its
templates write. Its tags are dropped and their text kept, comments dropped whole
(as on the site, which strips them: an author's hidden note stays hidden). Headings move down so the body's highest is h3 (the
section is h1 and the piece h2), links go through :class:`LinkResolver`, and images are
resolved against the Markdown file's folder, inside the project tree.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markdown
import nh3
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ...safety.markdown import image_sources
from ...typo import exposants, typographie_markdown
from ...views.images import body_image
from .links import LinkResolver

__all__ = ["BodyProblem", "render_markdown"]

_HEADINGS = {f"h{i}": i for i in range(1, 7)}
# The site's Markdown (safety.markdown.EXTENSIONS) that means something on paper: no raw HTML
# (md_in_html), attributes or code colouring. Tabs print one after the other, each under its title.
_EXTENSIONS = [
    "abbr", "admonition", "def_list", "fenced_code", "footnotes", "sane_lists", "tables", "pymdownx.details",
    "pymdownx.tabbed",
]
_EXTENSION_CONFIGS = {"pymdownx.tabbed": {"alternate_style": False}}  # each title right before its content
_FOOTNOTE_IDS = ("fn:", "fnref:")


@dataclass(frozen=True)
class BodyProblem:
    kind: str
    """``lien``, ``image`` (missing, outside the project) or ``image-illisible`` (does not decode)."""
    message: str
    target: str = ""
    """The address or file name as written in the source (to place the diagnostic on it)."""


class _Rewriter(Treeprocessor):
    """Demote headings, make links public, resolve images inside the project."""

    def __init__(self, md: markdown.Markdown, resolver: LinkResolver, root: Path, source_file: str) -> None:
        super().__init__(md)
        self.resolver = resolver
        self.root = root
        self.source_file = source_file
        self.problems: list[BodyProblem] = []

    def run(self, root: etree.Element) -> None:
        # The body's highest heading comes right under the piece's h2, whatever level the
        # author started at (« ## » is usual, the page title being « # »): no h2 → h4 jump.
        levels = [_HEADINGS[el.tag] for el in root.iter() if el.tag in _HEADINGS]
        self.shift = 3 - min(levels) if levels else 0
        # Footnotes: their ids made unique in the kit (one per piece), the « back » links
        # (useless on paper) dropped.
        for parent in list(root.iter()):
            for child in list(parent):
                backref = child.tag == "a" and "footnote-backref" in (child.get("class") or "")
                if backref or child.tag == "input":  # a tab's switch: on paper every tab shows
                    parent.remove(child)
                elif child.tag == "label" and "tabbed-set" in (parent.get("class") or ""):
                    child.tag = "p"
                    child.attrib.clear()
                    child.set("class", "onglet")
        self.local = {ident for el in root.iter() if (ident := el.get("id", "")).startswith(_FOOTNOTE_IDS)}
        self._walk(root)

    def _walk(self, el: etree.Element) -> None:
        if el.tag in _HEADINGS:
            el.tag = f"h{min(max(_HEADINGS[el.tag] + self.shift, 3), 6)}"
        elif el.tag == "a":
            self._rewrite_link(el)
        elif el.tag == "img":
            self._rewrite_image(el)
        for child in el:
            self._walk(child)

    def _rewrite_link(self, el: etree.Element) -> None:
        href = el.get("href", "")
        if href.startswith("#") and href[1:] in self.local:  # a footnote of this piece (scoped below)
            return
        got = self.resolver.resolve(href, self.source_file)
        if got.href is None:
            self.problems.append(BodyProblem("lien", got.problem, href))
            el.tag = "span"
            el.attrib.clear()
        else:
            el.set("href", got.href)
            el.attrib.pop("title", None)

    def _rewrite_image(self, el: etree.Element) -> None:
        src = el.get("src", "")
        alt = el.get("alt", "")
        found = body_image(self.root, self.source_file, src)
        if found is None:
            rel, why, kind = None, f"« {src} » est une adresse, pas un fichier du projet : copiez l'image dans le projet", "image-distante"
        else:
            rel, why, kind = found
        if rel is None:
            self.problems.append(BodyProblem(kind, why, src))
            el.tag = "span"
            el.attrib.clear()
            el.set("class", "image-manquante")
            el.text = alt or src
            return
        el.set("src", rel)
        el.set("alt", alt)


def render_markdown(
    text: str,
    *,
    resolver: LinkResolver,
    root: Path,
    source_file: str,
    on_problem: Callable[[BodyProblem], None],
) -> Markup:
    """HTML of one Markdown body; problems (dropped links, missing images) go to ``on_problem``."""
    md = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS, output_format="html")
    # Raw HTML is found by Markdown, as on the site (never in code), and printed as its text.
    md.preprocessors.register(_CodeStashed(md), "oep-code-stashed", 22)  # after fenced_code (25), before html_block (20)
    md.postprocessors.register(_RawHtmlAsText(md), "oep-raw-html-text", 35)  # before raw_html (30) puts it back
    rewriter = _Rewriter(md, resolver, root, source_file)
    md.treeprocessors.register(rewriter, "oep-kits", 5)
    # Typography on the source: the filter knows Markdown (code, link targets stay intact).
    # Raw HTML is not interpreted in kits: ordinals go in superscript after the conversion.
    html = exposants(md.convert(typographie_markdown(text, superscripts=False)))
    # Footnote ids, one set per piece in a kit of many: prefixed by a digest of the file's path.
    scope = "n" + hashlib.sha1(source_file.encode("utf-8")).hexdigest()[:10] + "-"
    html = _FOOTNOTE_REF.sub(lambda m: m.group(1) + scope + m.group(2), html)
    html = _EMPTY_PARAGRAPH.sub("", html)  # a block of raw HTML with no words (a comment, a script)
    for problem in rewriter.problems:
        on_problem(problem)
    return Markup(html)


_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")
_FOOTNOTE_REF = re.compile(r'((?:id|href)="#?)(fn(?:ref\d*)?:)')


class _CodeStashed(Preprocessor):
    """Notes how many stash entries are fenced code (stored before any raw HTML)."""

    def run(self, lines: list[str]) -> list[str]:
        self.md.oep_code_entries = len(self.md.htmlStash.rawHtmlBlocks)
        return lines


class _RawHtmlAsText(Postprocessor):
    """Each raw HTML block or tag Markdown stashed, as its text: tags and comments dropped
    (nh3 returns the words escaped), so a kit holds only the markup its templates write."""

    def run(self, text: str) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        first = getattr(self.md, "oep_code_entries", 0)
        rewriter = self.md.treeprocessors["oep-kits"]
        assert isinstance(rewriter, _Rewriter)
        for i in range(first, len(stash)):
            chunk = str(stash[i])
            if "<img" in chunk.lower():  # shown on the site, gone from the PDF: say so
                rewriter.problems += [
                    BodyProblem("image-html", f"l'image « {src} » est écrite en HTML : les kits ne l'impriment pas", src)
                    for src in image_sources(chunk)
                ]
            stash[i] = nh3.clean(chunk, tags=set())
        return text
