"""PDF militant kits: print templates -> HTML -> WeasyPrint, cached and parallel.

Stages (see :func:`render_kits`): gather the editions an audience may see,
render their HTML through the print templates, check glyph coverage, reuse
unchanged PDFs from ``.cache/kits/``, lay out the rest in a process pool, and
write atomically under ``out_dir/kits/``.

The public names load lazily: ``oep check`` imports :mod:`.rules` (so that
``niveaux`` in site.yml may name kit rules) without paying for Jinja, fontTools
or WeasyPrint.
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
