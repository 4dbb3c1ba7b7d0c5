"""``oep build``, a straight list of stages: load -> check -> views -> outputs (kits, feeds, pages)
-> engine -> swap, with the previous site kept until the end (see ARCHITECTURE.md).

Usage from Python::

    from oep_build.build import build
    result = build("chemin/du/depot", audience="public", today=datetime.date(2026, 3, 1))
"""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import engines
from .context import Context
from .diagnostics import Diagnostic, Level, Report, rule
from .engines.config import PREVIEW_SUFFIX, config_path, theme_problem
from .logger import LOGGER
from .output import SyncStats, real_folder, staging_dir, swap_into, sync_tree
from .pipeline import check_project

__all__ = ["AUDIENCES", "STAGES", "BuildResult", "build", "docs_dir_for", "generate_docs", "theme_diagnostic"]

AUDIENCES = ("public", "interne")
STAGES = ("contrôle", "kits", "agendas", "pages", "site")
"""Stage names as the progress display shows them, in order."""


@dataclass
class BuildResult:
    report: Report
    ok: bool = False
    site_dir: Path | None = None
    docs_dir: Path | None = None
    config: Path | None = None
    pages: int = 0
    kits: list[Any] = field(default_factory=list)
    sync: SyncStats = field(default_factory=SyncStats)
    warnings: list[str] = field(default_factory=list)
    """Engine warnings (a broken link in a hand-written page…)."""
    nav: list[Any] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


Progress = Callable[[str], None]


R_THEME = rule(
    "theme-manquant",
    Level.ERREUR,
    "mkdocs.yml ou le dossier de gabarits (theme.custom_dir) manque ou est illisible : le site ne peut pas être construit.",
    "fichier",
)


def theme_diagnostic(base: Path, root: Path) -> Diagnostic | None:
    """``theme-manquant`` when the theme at ``base`` (``mkdocs.yml`` and its overrides) cannot build a site."""
    problem = theme_problem(base)
    if problem is None:
        return None
    shown = base.relative_to(root).as_posix() if base.is_relative_to(root) else str(base)
    return Diagnostic(R_THEME.id, R_THEME.level, shown, 1, 1, *problem)


def docs_dir_for(root: Path, audience: str, preview: bool = False) -> Path:
    """``build/docs-<audience>/``, or ``build/docs-<audience>-apercu/`` for ``oep serve``: a build
    and a preview running side by side never write the same Markdown."""
    return root / "build" / f"docs-{audience}{PREVIEW_SUFFIX if preview else ''}"


def build(
    root: Path | str,
    audience: str = "public",
    out: Path | None = None,
    today: dt.date | None = None,
    *,
    kits: bool = True,
    theme: Path | None = None,
    engine: str | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build ``audience``'s site of the project at ``root`` into ``out`` (default ``root/site``).

    ``theme`` is the folder holding ``mkdocs.yml`` and ``overrides/`` (default: ``root``);
    ``engine`` overrides ``moteur:`` of content/site.yml (``mkdocs`` or ``zensical``).
    Content errors stop the build before anything is written; the report says why.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience {audience!r} (public ou interne)")
    root = Path(root).resolve()
    out = (Path(out) if out else root / "site").resolve()
    step = progress or (lambda stage: None)

    # Load and check: every diagnostic at once (the kits' content rules included: they run
    # over the kits' views); an error stops here and the previous site stays.
    step("contrôle")
    checked = check_project(root, today)
    result = BuildResult(checked.report)
    if checked.report.failed():
        return result
    site_engine = engines.engine(engine or engines.engine_of(checked.context.project.site))
    base_config = (theme or root) / "mkdocs.yml"
    if (diag := theme_diagnostic(base_config, root)) is not None:  # before any output: nothing half-written
        result.report.add(diag)
        return result

    # Outputs: kits, feeds and pages, from the views the checks passed.
    result = generate_docs(checked.context, audience, root, kits=kits, progress=step, result=result)
    if result.report.failed() or result.docs_dir is None:
        return result
    del checked  # the engine reads only the files written: the model's memory is its (see _engine_heap)

    # Site: the engine builds next to the output, then the new site replaces the old one.
    step("site")
    result.config = config_path(root, site_engine.NAME, audience)
    site_engine.write_config(result.config, base=base_config, docs_dir=result.docs_dir, nav=result.nav, settings=result.settings)
    staged = staging_dir(out)
    try:
        with _engine_heap():
            result.warnings = site_engine.build_html(result.config, staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    swap_into(staged, out)
    result.site_dir = out
    result.ok = True
    return result


@contextmanager
def _engine_heap() -> Iterator[None]:
    """The heap as the engine should find it: the project model, which the build no longer
    holds, freed (its objects refer to each other: only a collection frees them), and what
    stays (modules, templates) frozen, so that the garbage collector does not re-scan it
    during the engine's allocation-heavy work. Freed, the model's memory serves the engine:
    a national project peaks lower; frozen, the rest costs no scan (0.3 s of a 500-campaign
    build with either engine)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def generate_docs(
    ctx: Context,
    audience: str,
    root: Path,
    *,
    kits: bool = True,
    progress: Progress | None = None,
    result: BuildResult | None = None,
    written: dict[str, tuple[bytes, int, int]] | None = None,
    preview: bool = False,
) -> BuildResult:
    """Kits, feeds and Markdown pages into ``build/docs-<audience>/`` (also what ``oep serve`` reruns,
    into its own folder: ``preview``).

    Call it on checked content only: the check stage has refused whatever these
    outputs could not show, so a failure here is an internal error. ``written``:
    what :func:`oep_build.output.sync_tree` remembers between runs (``oep serve``).
    """
    step = progress or (lambda stage: None)
    result = result or BuildResult(Report())
    docs_dir = docs_dir_for(root, audience, preview)
    real_folder(docs_dir, root)  # build/ is in the project: no link of a pull request is followed
    # Kits first: pages show each PDF's page count and size.
    step("kits")
    if kits:
        result.kits = _render_kits(ctx, audience, docs_dir, result)
        if result.report.failed():  # a resource an override template asks for (kit-ressource-refusee)
            return result
    step("agendas")
    feeds = _render_feeds(ctx, audience)
    step("pages")
    docs = _render_pages(ctx, audience, result.kits, feeds)
    # Pages: Markdown + menu, written only where changed; files nobody produces are pruned.
    result.sync = sync_tree(docs_dir, docs.files, docs.copies, keep={k.path for k in result.kits}, written=written)
    result.docs_dir = docs_dir
    result.pages = len(docs.pages)
    result.nav = docs.nav
    result.settings = docs.settings
    LOGGER.info("pages : %d écrites, %d inchangées, %d supprimées", len(result.sync.written), result.sync.unchanged, len(result.sync.removed))
    return result


def _render_kits(ctx: Context, audience: str, docs_dir: Path, result: BuildResult) -> list[Any]:
    from .render.kits import render_kits

    rendered = render_kits(ctx, audience, docs_dir, report=result.report)
    result.warnings += list(getattr(rendered, "engine_warnings", []))
    return list(rendered)


def _render_pages(ctx: Context, audience: str, kits: list[Any], feeds: dict[str, bytes]) -> Any:
    from .render.site import render_site

    return render_site(ctx, audience, kits, feeds)


def _render_feeds(ctx: Context, audience: str) -> dict[str, bytes]:
    from .render.ics import render_feeds

    return render_feeds(ctx, audience)
