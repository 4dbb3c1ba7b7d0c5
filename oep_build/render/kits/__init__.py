"""PDF militant kits: print templates -> HTML -> WeasyPrint, cached and parallel.

Stages: gather the editions an audience may see and render their views through
the print templates, with the glyph coverage checked (:mod:`.documents`: what
``oep check`` runs the kits' content rules on); then (:func:`render_kits`)
reuse unchanged PDFs from the project's cache folder, lay out the rest in a process pool,
and write atomically under ``out_dir/kits/``.

The public names load lazily: ``oep check`` imports :mod:`.rules` (so that
``niveaux`` in site.yml may name kit rules) without paying for Jinja, fontTools
or WeasyPrint, and :mod:`.documents` only when the project has kits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import KitOutput, Progress, RenderedKits, render_kits
    from .pdf import DEFAULT_VARIANT, variants

__all__ = ["DEFAULT_VARIANT", "KitOutput", "Progress", "RenderedKits", "render_kits", "variants"]

_HOMES = {
    "KitOutput": "build",
    "Progress": "build",
    "RenderedKits": "build",
    "render_kits": "build",
    "DEFAULT_VARIANT": "pdf",
    "variants": "pdf",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{home}", __name__), name)
