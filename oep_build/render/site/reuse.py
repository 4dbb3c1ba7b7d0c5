"""Pages ``oep serve`` keeps between saves (see :mod:`oep_build.incremental` for the rule)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...incremental import kept
from .common import Page, SiteContext

__all__ = ["kept_page"]


def kept_page(sc: SiteContext, step: tuple[Any, ...], obj: Any, render: Callable[..., Page], *args: Any) -> Page:
    """``render(*args)``, reused by ``oep serve`` while ``obj``'s campaign folder and the files outside
    ``campaigns/`` are unchanged; with the files it asked to copy."""

    def fresh() -> tuple[Page, dict[str, Path]]:
        outer, sc.copies = sc.copies, {}
        try:
            page = render(*args)
            page.text()  # computed once, kept with the page
            return page, sc.copies
        finally:
            sc.copies = outer

    # The PDFs rendered by now are not files of the project: they are part of the key.
    pdfs = tuple((kit, tuple(links)) for kit, links in sorted(sc.kits.items()))
    page, copies = kept(sc.ctx, (*step, sc.audience, pdfs), obj, fresh)
    sc.copies.update(copies)
    return page
