"""Kit content rules, checked before any PDF: ``oep check`` says what ``oep build`` would refuse.

The kits' views are built for both audiences (Markdown, images, links, the
print templates, the glyphs of the embedded fonts) and their problems reported
where they are written, once: a piece shared by several kits and by every
committee edition is one diagnostic. The PDF stage then prints these same views.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from .base import Context, check

__all__ = ["check_kit_content"]


@check
def check_kit_content(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.project.kits or ctx.project.site is None:
        return
    from ..render.kits.documents import kit_documents  # the print templates, not the PDF engine

    seen: set[tuple[object, ...]] = set()
    for audience in ("interne", "public"):
        _, diags = kit_documents(ctx, audience)
        for d in diags:
            key = (d.id, d.file, d.line, d.column, d.message)
            if key not in seen:
                seen.add(key)
                yield d
