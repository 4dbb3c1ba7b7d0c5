"""No tofu: every character of a kit must have a glyph in the kit's own fonts.

When a font lacks a character, Pango silently borrows it from whatever system
font is installed: a different face on each machine, or an empty box on a bare
CI image. We read the cmaps of the shipped fonts (declared in ``fonts.css``)
with fontTools and check the rendered text of the kit HTML against them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import Element

import tinyhtml5
from fontTools.ttLib import TTFont

__all__ = ["FontSet", "Missing", "load_fontset", "missing_glyphs"]

TEXT_FAMILY = "Atkinson Hyperlegible"
MONO_FAMILY = "JetBrains Mono"
# Must agree with kit.css: these are set in the monospace face.
MONO_TAGS = frozenset({"code", "pre", "kbd", "samp"})
MONO_CLASSES = frozenset({"sms"})
_SKIPPED_TAGS = frozenset({"head", "title", "style", "script", "meta"})

_FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}", re.DOTALL)
_FAMILY = re.compile(r"font-family\s*:\s*[\"']?(?P<name>[^\"';]+)")
_SRC = re.compile(r"url\(\s*[\"']?(?P<url>[^\"')]+)")


@dataclass(frozen=True)
class FontSet:
    """Characters every face of each family can draw."""

    coverage: dict[str, frozenset[int]]

    def has(self, family: str, char: str) -> bool:
        return ord(char) in self.coverage.get(family, frozenset())


@lru_cache(maxsize=4)
def _cmap(path: str, mtime: float) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def load_fontset(fonts_css: Path) -> FontSet:
    """Coverage per family: the intersection of its faces (bold or italic may apply anywhere)."""
    coverage: dict[str, frozenset[int]] = {}
    for face in _FACE.finditer(fonts_css.read_text(encoding="utf-8")):
        family, src = _FAMILY.search(face["body"]), _SRC.search(face["body"])
        if not family or not src:
            continue
        path = fonts_css.parent / src["url"]
        chars = _cmap(str(path), path.stat().st_mtime) if path.is_file() else frozenset()
        name = family["name"].strip()
        coverage[name] = coverage[name] & chars if name in coverage else chars
    return FontSet(coverage)


@dataclass(frozen=True)
class Missing:
    char: str
    family: str
    where: tuple[str, int | None]
    """(``entree``, sommaire index) · (``comite``, declinaisons_locales index) · (``kit``, None)."""


def _ignorable(char: str) -> bool:
    # Controls and format characters (ZWJ, variation selectors, soft hyphen) draw nothing.
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def missing_glyphs(html: str, fonts: FontSet) -> list[Missing]:
    """Characters of the rendered text that the fonts lack, each with where it is first seen."""
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    seen: dict[tuple[str, str], set[tuple[str, int | None]]] = {}
    for text, family, where in _texts(root, TEXT_FAMILY, ("kit", None)):
        for char in text:
            if not _ignorable(char) and not fonts.has(family, char):
                seen.setdefault((char, family), set()).add(where)
    out = []
    for (char, family), places in seen.items():
        precise = {p for p in places if p[0] != "kit"}
        for place in sorted(precise or places, key=lambda p: (p[0], p[1] or 0)):
            out.append(Missing(char, family, place))
    return sorted(out, key=lambda m: (m.where[0], m.where[1] or 0, m.char))


def _texts(
    el: Element, family: str, where: tuple[str, int | None]
) -> Iterator[tuple[str, str, tuple[str, int | None]]]:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIPPED_TAGS:
        return
    classes = set((el.get("class") or "").split())
    if tag in MONO_TAGS or classes & MONO_CLASSES:
        family = MONO_FAMILY
    if el.get("data-entree") is not None:
        where = ("entree", int(el.get("data-entree", "0")))
    elif el.get("data-comite") is not None:
        where = ("comite", int(el.get("data-comite", "0")))
    if el.text:
        yield el.text, family, where
    for child in el:
        yield from _texts(child, family, where)
        if child.tail:
            yield child.tail, family, where
