"""No tofu: every character of a kit must have a glyph in the kit's own fonts.

When a font lacks a character, Pango silently borrows it from whatever system
font is installed: a different face on each machine, or an empty box on a bare
CI image. We read the cmaps of the shipped fonts (declared in ``fonts.css``)
with fontTools and check the rendered text of the kit HTML against them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["FONTS_CSS", "FONTS_DIR", "FontSet", "Missing", "load_fontset", "missing_glyphs"]

FONTS_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
"""The fonts shipped for the kits, declared in ``fonts.css``."""
FONTS_CSS = FONTS_DIR / "fonts.css"

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
    from fontTools.ttLib import TTFont  # on first use: a project without kits never reads fonts

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


Where = tuple[str, int | None]
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass(frozen=True)
class Missing:
    char: str
    family: str
    where: Where
    """(``entree``, sommaire index) · (``comite``, declinaisons_locales index) · (``kit``, None)."""


def _ignorable(char: str) -> bool:
    # Controls and format characters (ZWJ, variation selectors, soft hyphen) draw nothing.
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def missing_glyphs(html: str, fonts: FontSet) -> list[Missing]:
    """Characters of the rendered text that the fonts lack, each with where it is first seen."""
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    seen: dict[tuple[str, str], set[Where]] = {}
    for (family, where), chars in reader.chars.items():
        for char in chars:
            if not _ignorable(char) and not fonts.has(family, char):
                seen.setdefault((char, family), set()).add(where)
    out = []
    for (char, family), places in seen.items():
        precise = {p for p in places if p[0] != "kit"}
        for place in sorted(precise or places, key=lambda p: (p[0], p[1] or 0)):
            out.append(Missing(char, family, place))
    return sorted(out, key=lambda m: (m.where[0], m.where[1] or 0, m.char))




class _TextReader(HTMLParser):
    """The distinct characters of the text, by font family and by place in the kit.

    The standard library parser is several times faster than a full HTML5 tree
    builder, and tolerant enough for the markup of our templates and overrides.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, Where, bool]] = [("", TEXT_FAMILY, ("kit", None), False)]
        self.chars: dict[tuple[str, Where], set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        _, family, where, skipped = self.stack[-1]
        values = dict(attrs)
        if tag in MONO_TAGS or set((values.get("class") or "").split()) & MONO_CLASSES:
            family = MONO_FAMILY
        if values.get("data-entree") is not None:
            where = ("entree", int(values["data-entree"] or 0))
        elif values.get("data-comite") is not None:
            where = ("comite", int(values["data-comite"] or 0))
        self.stack.append((tag, family, where, skipped or tag in _SKIPPED_TAGS))

    def handle_endtag(self, tag: str) -> None:
        # Pop up to the matching open tag; a stray end tag changes nothing.
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        _, family, where, skipped = self.stack[-1]
        if not skipped:
            self.chars.setdefault((family, where), set()).update(data)
