"""Regenerate the self-hosted fonts in ``oep_build/assets/fonts/``.

The committed WOFF2 files are derived from two OFL-licensed PyPI packages:

- ``fontpkg-atkinson-hyperlegible`` (text face: regular, italic, bold, bold italic);
- ``fontpkg-jetbrains-mono`` (code face: the variable font pinned to weight 400).

Atkinson Hyperlegible 1.006 has no glyph for the spaces and hyphens that French
typography relies on (U+202F before ``; : ! ?`` and inside « », U+2011 in
« Saint‑Denis »). Without them browsers and WeasyPrint fall back to whatever
system font is installed, which differs between machines and may be a
``.notdef`` box on a bare CI image. We add them here: the licence has no
Reserved Font Name, so a modified version may keep the family name.

Usage: ``python scripts/make_fonts.py`` (needs fonttools, brotli and both
packages installed). The output is byte-stable: timestamps are not touched.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "oep_build" / "assets" / "fonts"

TEXT_PACKAGE = "fontpkg_atkinson_hyperlegible"
TEXT_STYLES = ("Regular", "Italic", "Bold", "BoldItalic")
MONO_PACKAGE = "fontpkg_jetbrains_mono"

# Width of the thin and narrow no-break spaces, in em: one sixth, the usual
# "espace fine" of French typesetting (the word space of this face is 0.28 em).
FINE_SPACE_EM = 1 / 6

# Hyphens a French text may hold that the upstream fonts lack: drawn as "-".
HYPHENS = (0x2010, 0x2011)

# What the code face keeps: Latin, French punctuation, arrows and box drawing
# (for directory trees in the staff guide).
MONO_UNICODES = (
    "U+0020-007E,U+00A0-017F,U+0192,U+02C6-02DC,U+2000-206F,U+20AC,"
    "U+2190-21FF,U+2500-257F"
)


def _package_dir(name: str) -> Path:
    return Path(importlib.import_module(name).ROOT)


def _add_to_cmaps(font: TTFont, codepoint: int, glyph: str) -> None:
    for table in font["cmap"].tables:
        if table.isUnicode() and codepoint not in table.cmap:
            table.cmap[codepoint] = glyph


def _add_space_glyph(font: TTFont, name: str, codepoint: int, width: int) -> None:
    """Add an empty glyph ``name`` of advance ``width`` mapped to ``codepoint``."""
    if codepoint in font.getBestCmap():
        return
    # glyf shares the font's glyph order list and appends the new name to it.
    font["glyf"][name] = TTGlyphPen(None).glyph()
    font["hmtx"][name] = (width, 0)
    _add_to_cmaps(font, codepoint, name)


def _complete_french(font: TTFont) -> None:
    cmap = font.getBestCmap()
    space = cmap[0x20]
    if font["post"].isFixedPitch:
        # Every space of a monospaced face is one cell wide.
        for codepoint in (0x2009, 0x202F):
            _add_to_cmaps(font, codepoint, space)
    else:
        width = round(font["head"].unitsPerEm * FINE_SPACE_EM)
        _add_space_glyph(font, "uni2009", 0x2009, width)
        _add_space_glyph(font, "uni202F", 0x202F, width)
    for codepoint in HYPHENS:
        _add_to_cmaps(font, codepoint, cmap[0x2D])


def _save_woff2(font: TTFont, path: Path) -> None:
    font.flavor = "woff2"
    font.save(path, reorderTables=True)
    print(f"wrote {path.relative_to(OUT.parent.parent.parent)}")


def make_text_fonts() -> None:
    source = _package_dir(TEXT_PACKAGE)
    for style in TEXT_STYLES:
        font = TTFont(source / "files" / f"AtkinsonHyperlegible-{style}.ttf", recalcTimestamp=False)
        _complete_french(font)
        _save_woff2(font, OUT / f"AtkinsonHyperlegible-{style}.woff2")
    shutil.copyfile(source / "LICENSE", OUT / "OFL-AtkinsonHyperlegible.txt")


def make_mono_font() -> None:
    source = _package_dir(MONO_PACKAGE)
    font = TTFont(source / "files" / "JetBrainsMono[wght].ttf", recalcTimestamp=False)
    font = instancer.instantiateVariableFont(font, {"wght": 400}, updateFontNames=True)
    options = subset.Options()
    # No programming ligatures: code shown to staff must read as typed.
    options.layout_features = ["ccmp", "kern", "locl", "mark", "mkmk"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(MONO_UNICODES))
    subsetter.subset(font)
    _complete_french(font)
    _save_woff2(font, OUT / "JetBrainsMono-Regular.woff2")
    shutil.copyfile(source / "LICENSE", OUT / "OFL-JetBrainsMono.txt")


def _open_zero(font: TTFont) -> None:
    """Redraw « 0 » as the letter « O » narrowed to the zero's box: no slash.

    Atkinson's slashed zero reads « Ø » in large headings (« 2Ø26 »).
    """
    glyf = font["glyf"]
    zero, letter = glyf["zero"], glyf["O"]
    zero_box = (zero.xMin, zero.yMin, zero.xMax, zero.yMax)
    o_box = (letter.xMin, letter.yMin, letter.xMax, letter.yMax)
    sx = (zero_box[2] - zero_box[0]) / (o_box[2] - o_box[0])
    sy = (zero_box[3] - zero_box[1]) / (o_box[3] - o_box[1])
    pen = TTGlyphPen(glyf)
    letter.draw(TransformPen(pen, (sx, 0, 0, sy, zero_box[0] - o_box[0] * sx, zero_box[1] - o_box[1] * sy)), glyf)
    glyf["zero"] = pen.glyph()
    glyf["zero"].recalcBounds(glyf)


def make_heading_figures() -> None:
    """« OEP Chiffres »: Atkinson's digits with an open zero, for headings only (fonts.css)."""
    for style in ("Regular", "Bold"):
        font = TTFont(OUT / f"AtkinsonHyperlegible-{style}.woff2", recalcTimestamp=False)
        font.flavor = None
        _open_zero(font)
        options = subset.Options()
        options.layout_features = ["kern"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        # The spaces too: WeasyPrint may set the space next to a digit in this face.
        subsetter.populate(unicodes=[*range(0x30, 0x3A), 0x20, 0xA0, 0x202F])
        subsetter.subset(font)
        for record in font["name"].names:
            if record.nameID in (1, 4, 16):
                record.string = f"OEP Chiffres {style}" if record.nameID == 4 else "OEP Chiffres"
            elif record.nameID == 6:
                record.string = f"OEPChiffres-{style}"
        _save_woff2(font, OUT / f"OEPChiffres-{style}.woff2")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    make_text_fonts()
    make_mono_font()
    make_heading_figures()
