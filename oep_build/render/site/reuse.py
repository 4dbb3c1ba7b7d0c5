"""Pages ``oep serve`` keeps between saves (see :mod:`oep_build.incremental` for the rule)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ...incremental import kept
from .common import Page, SiteContext

__all__ = ["kept_output", "kept_page", "reads_own_folder"]

T = TypeVar("T")


def kept_page(sc: SiteContext, step: tuple[Any, ...], obj: Any, render: Callable[..., Page], *args: Any) -> Page:
    """``render(*args)``, reused by ``oep serve`` while ``obj``'s campaign folder and the files outside
    ``campaigns/`` are unchanged (its Markdown text computed once, kept with it)."""
    return kept_output(sc, step, obj, _with_text, render, *args)


def kept_output(sc: SiteContext, step: tuple[Any, ...], obj: Any, render: Callable[..., T], *args: Any) -> T:
    """``render(*args)`` kept as :func:`oep_build.incremental.kept` does, with the files it asked
    to copy into the docs folder (``sc.copies``): a kept result asks for them again."""

    def fresh() -> tuple[T, dict[str, Path]]:
        outer, sc.copies = sc.copies, {}
        try:
            return render(*args), sc.copies
        finally:
            sc.copies = outer

    # The PDFs rendered by now are not files of the project: they are part of the key.
    pdfs = tuple((kit, tuple(links)) for kit, links in sorted(sc.kits.items()))
    value, copies = kept(sc.ctx, (*step, sc.audience, pdfs), obj, fresh)
    sc.copies.update(copies)
    return value


def reads_own_folder(sc: SiteContext, c: Any) -> bool:
    """Whether campaign ``c``'s pages and feed read no other campaign's folder: an article may show
    a visuel of another campaign (then nothing of ``c`` is kept)."""
    p = sc.project
    return all(
        (v := p.visuels.get(a.image or "")) is None or p.campagne_id_of(v) == c.id for a in p.objects_of(c.id or "", "articles")
    )


def _with_text(render: Callable[..., Page], *args: Any) -> Page:
    page = render(*args)
    page.text()
    return page
