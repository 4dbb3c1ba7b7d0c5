"""``render_kits``: the kit stage of the build, as a list of stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...context import Context
from ...diagnostics import Diagnostic, Level, Report
from ...logger import LOGGER
from ...sources import Pos
from ...spots import body_spot, diag_at, text_fields, value_spot
from .cache import CacheEntry, KitCache, cache_key, folder_digest, write_atomically
from .fetcher import Refusal
from .gather import Edition, gather_editions
from .glyphs import load_fontset, missing_glyphs
from .html import KitDocument, KitTemplates, build_document
from .parallel import render_all
from .pdf import DEFAULT_VARIANT, FONTS_CSS, FONTS_DIR, RenderJob, RenderResult
from .rules import R_GLYPH, R_RESOURCE

__all__ = ["KitEngineError", "KitOutput", "Progress", "RenderedKits", "kit_documents", "render_kits"]

Progress = Callable[[int, int, str], None]
"""``progress(done, total, label)``: called once with ``done=0``, then after each PDF."""


@dataclass(frozen=True)
class KitOutput:
    """One PDF written under ``out_dir``."""

    kit_id: str
    comite: str | None
    path: str
    """Relative to ``out_dir``: ``kits/<id>.pdf`` or ``kits/<id>/<comite>.pdf``."""
    pages: int
    size: int
    """Bytes."""


class RenderedKits(list[KitOutput]):
    """The PDFs written, plus what happened on the way."""

    def __init__(self) -> None:
        super().__init__()
        self.diagnostics: list[Diagnostic] = []
        self.rendered: list[str] = []
        """Editions laid out by WeasyPrint in this run (``kit-x``, ``kit-x/comite``)."""
        self.cached: list[str] = []
        """Editions copied unchanged from ``.cache/kits/``."""
        self.engine_warnings: list[str] = []


class KitEngineError(RuntimeError):
    """The PDF engine failed on content the check stage accepted: an internal error."""


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
    editions, diags = gather_editions(ctx, audience)
    # HTML: each edition through the print templates (overrides first)
    documents: list[KitDocument] = []
    blocked: set[str] = set()
    memo: dict = {}
    for edition in editions:
        doc, found = build_document(ctx, templates, edition, memo)
        diags += found
        if doc is not None:
            documents.append(doc)
            if _blocking(ctx, found):
                blocked.add(edition.label)
    # Glyphs: every character must exist in the shipped fonts (blocked editions too: all problems at once)
    diags += _check_glyphs(ctx, documents)
    documents = [d for d in documents if d.edition.label not in blocked]
    # Editions of one kit share their pieces: say each problem once.
    return documents, list(dict.fromkeys(diags))


def render_kits(
    ctx: Context,
    audience: str,
    out_dir: Path,
    *,
    report: Report | None = None,
    variant: str | None = DEFAULT_VARIANT,
    processes: int | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> RenderedKits:
    """Write the PDF kits ``audience`` may see under ``out_dir/kits/``.

    Problems are diagnostics (``result.diagnostics``, and ``report`` when
    given); an edition with an error is not written. ``out_dir/kits/`` ends up
    holding exactly the PDFs of this run.
    """
    root = Path(ctx.project.root).resolve()
    result = RenderedKits()
    templates = KitTemplates(root)
    # HTML: editions, print templates, glyph check. Their problems are the check stage's
    # (checks/kits.py): when it passed, nothing here is an erreur.
    documents, _ = kit_documents(ctx, audience)
    # Cache: an edition whose inputs did not change is not laid out again
    cache = KitCache(root)
    css = templates.css()
    keys = _cache_keys(root, documents, css, variant)
    hits = {label: cache.get(key) for label, key in keys.items()} if use_cache else {}
    todo = [d for d in documents if hits.get(d.edition.label) is None]
    tick = _ticker(progress, len(documents))
    for label in (d.edition.label for d in documents if hits.get(d.edition.label) is not None):
        tick(label)
    # Render: the rest, in a bounded process pool
    site = ctx.project.site
    workers = processes or (site.parametres.kits_processus if site else 1)
    jobs = [_job(root, templates, css, doc, variant) for doc in todo]
    rendered = dict(zip((d.edition.label for d in todo), render_all(jobs, workers, tick), strict=True))
    # Write: atomically and only when changed, remember in the cache, prune a previous run's PDFs
    written: set[str] = set()
    for doc in documents:
        edition = doc.edition
        pdf = _pdf_of(ctx, templates, doc, hits.get(edition.label), rendered.get(edition.label), result)
        if pdf is None:
            continue
        data, pages = pdf
        if use_cache:
            cache.put(f"{audience}:{edition.label}", keys[edition.label], data, pages)
        _write_if_changed(Path(out_dir) / edition.rel_path, data)
        written.add(edition.rel_path)
        comite = edition.comite.id if edition.comite else None
        result.append(KitOutput(edition.kit_id, comite, edition.rel_path, pages, len(data)))
    if use_cache:
        cache.keep_only(f"{audience}:", {f"{audience}:{d.edition.label}" for d in documents})
        cache.save()
    _prune(Path(out_dir), written)
    if report is not None:
        report.extend(result.diagnostics)
    LOGGER.info("kits : %d rendus, %d repris du cache", len(result.rendered), len(result.cached))
    return result


def _cache_keys(root: Path, documents: list[KitDocument], css: str, variant: str | None) -> dict[str, str]:
    fonts = folder_digest(FONTS_DIR)
    return {
        d.edition.label: cache_key(d.html, css, [root / f for f in d.images], fonts, variant)
        for d in documents
    }


def _ticker(progress: Progress | None, total: int) -> Callable[[str], None]:
    done = 0
    if progress:
        progress(0, total, "")

    def tick(label: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, label)

    return tick


def _pdf_of(
    ctx: Context,
    templates: KitTemplates,
    doc: KitDocument,
    hit: tuple[bytes, CacheEntry] | None,
    res: RenderResult | None,
    result: RenderedKits,
) -> tuple[bytes, int] | None:
    """The bytes and page count to write for ``doc``, or None (diagnostics say why)."""
    edition = doc.edition
    if hit is not None:
        result.cached.append(edition.label)
        return hit[0], hit[1].pages
    if res is None:
        return None
    problems = _render_diagnostics(ctx, templates, edition, res)
    result.diagnostics += problems
    # WeasyPrint also logs each refused resource and each missing glyph: a diagnostic
    # already says it, in French, with its place.
    explained = [r.url for r in res.refusals] + [f'"{c}"' for c in doc.missing_glyphs]
    for warning in [w for w in res.warnings if not any(x in w for x in explained)]:
        result.engine_warnings.append(f"{edition.label} : {warning}")
        LOGGER.warning("kit %s : %s", edition.label, warning)
    if res.pdf is None or _blocking(ctx, problems):
        return None
    result.rendered.append(edition.label)
    return res.pdf, res.pages


def _blocking(ctx: Context, diags: list[Diagnostic]) -> bool:
    """An erreur (after the levels of site.yml) keeps the edition from being written."""
    levels = ctx.project.site.niveaux if ctx.project.site else {}
    return any(_level(levels.get(d.id), d.level) is Level.ERREUR for d in diags)


def _level(configured: str | None, default: Level) -> Level:
    try:
        return Level(configured) if configured else default
    except ValueError:  # a misspelt level is the check stage's diagnostic, not a crash here
        return default


def _job(root: Path, templates: KitTemplates, css: str, doc: KitDocument, variant: str | None) -> RenderJob:
    css_dir = templates.css_path().parent
    return RenderJob(
        label=doc.edition.label,
        html=doc.html,
        css=css,
        mounts=(("projet", str(root)), ("polices", str(FONTS_DIR)), ("gabarits", str(css_dir))),
        variant=variant,
    )


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
            piece = ctx.project.piece(kit.sommaire[index].ref) if kind == "entree" and index is not None else None
            found = _char_spot(ctx, piece, miss.char) if piece is not None else None
            if found is not None:  # at the Markdown line or the field where it is written, once for every kit
                obj_sub, spot = found
                message = (f"le caractère « {miss.char} » ({code}) n'existe pas dans la police {miss.family} "
                           "des kits : il s'imprimerait avec une autre police ou en carré vide")
                out.setdefault((id(piece), miss.char), diag_at(ctx, R_GLYPH, piece, obj_sub, spot, message=message, fix=fix))
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


def _shown(templates: KitTemplates, refusal: Refusal) -> str:
    """A refused resource as staff know it: a project path, a package path, or the URL."""
    if refusal.mount == "projet":
        return refusal.path
    if refusal.mount == "polices":
        return f"oep_build/assets/fonts/{refusal.path}"
    if refusal.mount == "gabarits":
        return templates.display_path(templates.css_path().parent / refusal.path)
    return refusal.path or refusal.url


def _render_diagnostics(
    ctx: Context, templates: KitTemplates, edition: Edition, res: RenderResult
) -> list[Diagnostic]:
    kit = edition.kit
    out = []
    for refusal in res.refusals:
        shown = _shown(templates, refusal)
        out.append(
            ctx.diag(
                R_RESOURCE,
                kit,
                message=f"kit « {edition.label} » : « {shown} » {refusal.reason}",
                fix="placez le fichier dans le projet (images sous content/assets/ ou à côté de la pièce) "
                "et n'utilisez pas d'adresse http(s) dans les gabarits",
            )
        )
    if res.error:
        # The check stage validated everything a kit shows: a failure here is ours, not the content's.
        LOGGER.debug("kit %s : %s", edition.label, res.detail)
        raise KitEngineError(f"le moteur PDF a échoué sur le kit « {edition.label} » ({res.error})")
    return out


def _write_if_changed(path: Path, data: bytes) -> None:
    # ``oep serve`` watches the docs folder: rewriting identical bytes would trigger a rebuild.
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomically(path, data)


def _prune(out_dir: Path, written: set[str]) -> None:
    """Remove PDFs of a previous run under ``out_dir/kits/`` (a kit made private must disappear)."""
    kits_dir = out_dir / "kits"
    if not kits_dir.is_dir():
        return
    for path in sorted(kits_dir.rglob("*.pdf"), reverse=True):
        if path.relative_to(out_dir).as_posix() not in written:
            path.unlink(missing_ok=True)
    for folder in sorted((p for p in kits_dir.iterdir() if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
