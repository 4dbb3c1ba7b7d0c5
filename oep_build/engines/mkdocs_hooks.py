"""MkDocs hooks of the generated config (this module is loaded by MkDocs, by path).

Only engine glue lives here; what it adds comes from ``oep_build/assets/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oep_build.engines.theme_markup import tidy_theme_markup

__all__ = ["FOLD_MARK", "on_post_build", "on_post_page"]

FOLD_JS = Path(__file__).resolve().parent.parent / "assets" / "search" / "fold.js"
FOLD_MARK = "/* oep-build: accent- and case-insensitive French search."
LUNR_FR = "assets/javascripts/lunr/min/lunr.fr.min.js"


def on_post_build(config: Any, **_: Any) -> None:
    """Fold accents in the French search, in the index and the query alike.

    Material's search worker loads ``lunr.fr.min.js`` for ``lang: fr``; our folding
    step is appended to it, so it runs in the worker, offline, for every page.
    """
    target = Path(config["site_dir"]) / LUNR_FR
    if not target.is_file():  # search disabled or not French: nothing to fold
        return
    text = target.read_text(encoding="utf-8")
    if FOLD_MARK in text:  # a dirty rebuild kept the patched copy
        return
    target.write_text(text.rstrip("\n") + "\n" + FOLD_JS.read_text(encoding="utf-8"), encoding="utf-8")


def on_post_page(output: str, **_: Any) -> str:
    """Every page's HTML, with the theme's markup faults corrected."""
    return tidy_theme_markup(output)


def on_post_template(output_content: str, **_: Any) -> str:
    """Static templates (404.html): the same corrections as the pages."""
    return tidy_theme_markup(output_content)
