"""Kit documents: every edition's views through the print templates, as HTML, with their problems.

No PDF engine here (WeasyPrint is not even imported): ``oep check`` builds these
documents to run the kits' content rules (checks/kits.py), and the kits stage
prints the same ones (:mod:`.build`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...context import Context
from ...diagnostics import Diagnostic, Level
from ...sources import Pos
from ...spots import body_spot, diag_at, text_fields, value_spot
from ...views import views_for
from ...views.rules import R_GLYPH
from .glyphs import FONTS_CSS, load_fontset, missing_glyphs
from .html import KitDocument, KitTemplates, build_document
from .tract import printed_editions

__all__ = ["blocking", "kit_documents"]


def kit_documents(
    ctx: Context, audience: str, templates: KitTemplates | None = None
) -> tuple[list[KitDocument], list[Diagnostic]]:
    """The HTML of every edition ``audience`` gets, with its diagnostics; no PDF is made.

    An edition with an erreur (missing image, broken override) is left out.
    """
    if ctx.project.site is None:
        return [], []  # no content/site.yml: the check stage already said so
    if templates is None:  # the check stage made them: the kits stage prints the same views
        key = ("kit_documents", audience)
        if key not in ctx.memo:
            ctx.memo[key] = _kit_documents(ctx, audience, KitTemplates(Path(ctx.project.root).resolve()))
        documents, diags = ctx.memo[key]
        return list(documents), list(diags)
    return _kit_documents(ctx, audience, templates)


def _kit_documents(
    ctx: Context, audience: str, templates: KitTemplates
) -> tuple[list[KitDocument], list[Diagnostic]]:
    # Gather: the editions this audience gets (visibility decided once, in ctx.visible)
    editions, diags = views_for(ctx, audience).editions()
    editions = printed_editions(editions)  # booklet, one-page tract, or both (kit.supports)
    # HTML: each edition through the print templates (overrides first)
    documents: list[KitDocument] = []
    blocked: set[str] = set()
    memo: dict = {}
    for edition in editions:
        doc, found = build_document(ctx, templates, edition, memo)
        diags += found
        if doc is not None:
            documents.append(doc)
            if blocking(ctx, found):
                blocked.add(edition.label)
    # Glyphs: every character must exist in the shipped fonts (blocked editions too: all problems at once)
    diags += _check_glyphs(ctx, documents)
    documents = [d for d in documents if d.edition.label not in blocked]
    # Editions of one kit share their pieces: say each problem once.
    return documents, list(dict.fromkeys(diags))


def _check_glyphs(ctx: Context, documents: list[KitDocument]) -> list[Diagnostic]:
    fonts = load_fontset(FONTS_CSS)
    out: dict[tuple, Diagnostic] = {}
    for doc in documents:
        kit = doc.edition.kit
        for miss in missing_glyphs(doc.html, fonts):
            doc.missing_glyphs.add(miss.char)
            kind, index = miss.where
            sub: tuple = ()
            place = "sur la couverture ou la quatrième de couverture"
            if kind == "entree" and index is not None:
                sub = ("sommaire", index, "ref")
                place = f"dans « {kit.sommaire[index].ref} »"
            elif kind == "comite" and index is not None:
                sub = ("declinaisons_locales", index)
                place = f"dans la page du comité « {kit.declinaisons_locales[index]} »"
            code = f"U+{ord(miss.char):04X}"
            fix = "remplacez-le par un caractère courant ou retirez-le (les émojis ne s'impriment pas dans les kits)"
            source = _glyph_source(ctx, doc, kind, index)
            found = _char_spot(ctx, source, miss.char) if source is not None else None
            if found is not None:  # at the Markdown line or the field where it is written, once for every kit
                obj_sub, spot = found
                message = (f"le caractère « {miss.char} » ({code}) n'existe pas dans la police {miss.family} "
                           "des kits : il s'imprimerait avec une autre police ou en carré vide")
                out.setdefault((id(source), miss.char), diag_at(ctx, R_GLYPH, source, obj_sub, spot, message=message, fix=fix))
                continue
            out.setdefault(
                (kit.id, miss.char, sub),
                ctx.diag(
                    R_GLYPH,
                    kit,
                    *sub,
                    message=f"kit « {kit.id} » : le caractère « {miss.char} » ({code}) {place} "
                    f"n'existe pas dans la police {miss.family} : il s'imprimerait avec une autre police "
                    "ou en carré vide",
                    fix=fix,
                ),
            )
    return list(out.values())


def _glyph_source(ctx: Context, doc: KitDocument, kind: str, index: int | None) -> Any:
    """The object whose text a character was printed from: the piece of a sommaire entry, the
    committee of its page, else the kit itself (cover and back cover show the kit's fields)."""
    kit = doc.edition.kit
    if kind == "entree" and index is not None:
        return ctx.project.piece(kit.sommaire[index].ref)
    if kind == "comite":
        return doc.edition.comite
    return kit


def _char_spot(ctx: Context, obj: Any, char: str) -> tuple[tuple[str | int, ...], Pos] | None:
    """Where ``char`` is first written in ``obj``: its Markdown body, else one of its text fields."""
    body = ctx.project.body_of(obj)
    if char in body:
        return (), body_spot(ctx.project, obj, body.index(char))
    for sub, text in text_fields(obj):
        if char in text:
            spot = value_spot(obj, sub, text, text.index(char), len(char))
            if spot is not None:
                return sub, spot
    return None


def blocking(ctx: Context, diags: list[Diagnostic]) -> bool:
    """An erreur (after the levels of site.yml) keeps the edition from being written."""
    levels = ctx.project.site.niveaux if ctx.project.site else {}
    return any(_level(levels.get(d.id), d.level) is Level.ERREUR for d in diags)


def _level(configured: str | None, default: Level) -> Level:
    try:
        return Level(configured) if configured else default
    except ValueError:  # a misspelt level is the check stage's diagnostic, not a crash here
        return default
