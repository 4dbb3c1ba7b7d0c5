"""``render_kits``: the kit stage of the build, as a list of stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...context import Context
from ...diagnostics import Diagnostic, Report
from ...logger import LOGGER
from ...output import write_file
from ...views.kits import Edition
from ...views.rules import R_RESOURCE, R_TRACT_PAGES
from ..fetcher import Refusal
from .cache import CacheEntry, KitCache, cache_key, folder_digest
from .documents import blocking, kit_documents
from .glyphs import FONTS_DIR
from .html import KitDocument, KitTemplates
from .parallel import render_all
from .pdf import DEFAULT_VARIANT, RenderJob, RenderResult
from .tract import is_tract

__all__ = ["KitEngineError", "KitOutput", "Progress", "RenderedKits", "kit_documents", "render_kits"]

Progress = Callable[[int, int, str], None]
"""``progress(done, total, label)``: called once with ``done=0``, then after each PDF."""


@dataclass(frozen=True)
class KitOutput:
    """One PDF written under ``out_dir``."""

    kit_id: str
    comite: str | None
    path: str
    """Relative to ``out_dir``: ``kits/<id>.pdf`` or ``kits/<id>/<comite>.pdf`` (``-tract.pdf`` for a tract)."""
    pages: int
    size: int
    """Bytes."""
    support: str = "livret"
    """``livret`` (the booklet) or ``tract`` (its one-page tract, ``…-tract.pdf``)."""


class RenderedKits(list[KitOutput]):
    """The PDFs written, plus what happened on the way."""

    def __init__(self) -> None:
        super().__init__()
        self.diagnostics: list[Diagnostic] = []
        self.rendered: list[str] = []
        """Editions laid out by WeasyPrint in this run (``kit-x``, ``kit-x/comite``)."""
        self.cached: list[str] = []
        """Editions copied unchanged from the kit cache (:mod:`.cache`)."""
        self.engine_warnings: list[str] = []


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
        support = "tract" if is_tract(edition) else "livret"
        if support == "tract" and pages > 1:
            result.diagnostics.append(_tract_spills(ctx, edition, pages))
        result.append(KitOutput(edition.kit_id, comite, edition.rel_path, pages, len(data), support))
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
    if res.pdf is None or blocking(ctx, problems):
        return None
    result.rendered.append(edition.label)
    return res.pdf, res.pages


def _job(root: Path, templates: KitTemplates, css: str, doc: KitDocument, variant: str | None) -> RenderJob:
    css_dir = templates.css_path().parent
    return RenderJob(
        label=doc.edition.label,
        html=doc.html,
        css=css,
        mounts=(("projet", str(root)), ("polices", str(FONTS_DIR)), ("gabarits", str(css_dir))),
        variant=variant,
        one_page=is_tract(doc.edition),
    )


def _shown(templates: KitTemplates, refusal: Refusal) -> str:
    """A refused resource as staff know it: a project path, a package path, or the URL."""
    if refusal.mount == "projet":
        return refusal.path
    if refusal.mount == "polices":
        return f"oep_build/assets/fonts/{refusal.path}"
    if refusal.mount == "gabarits":
        return templates.display_path(templates.css_path().parent / refusal.path)
    return refusal.path or refusal.url


class KitEngineError(RuntimeError):
    """The PDF engine failed on content the check stage accepted: an internal error."""


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
                fix=refusal.fix
                or "placez le fichier dans le projet (images sous content/assets/ ou à côté de la pièce) "
                "et n'utilisez pas d'adresse http(s) dans les gabarits",
            )
        )
    if res.error:
        # The check stage validated everything a kit shows: a failure here is ours, not the content's.
        LOGGER.debug("kit %s : %s", edition.label, res.detail)
        raise KitEngineError(f"le moteur PDF a échoué sur le kit « {edition.label} » ({res.error})")
    return out


def _tract_spills(ctx: Context, edition: Edition, pages: int) -> Diagnostic:
    return ctx.diag(
        R_TRACT_PAGES,
        edition.kit,
        "supports",
        message=f"le tract « {edition.label} » tient sur {pages} pages au lieu d'une, même en plus petits caractères",
        fix="raccourcissez le message clé (message_tract), la demande de la campagne ou la description "
        "du prochain temps fort, ou passez le kit en format A4",
    )


def _write_if_changed(path: Path, data: bytes) -> None:
    # ``oep serve`` watches the docs folder: rewriting identical bytes would trigger a rebuild.
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    write_file(path, data)


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
