"""The print templates of ``overrides/kits/``: what no public PDF may carry, found before the build.

A ``rel="attachment"`` link would embed a file in every PDF of the kits. The
renderer refuses it too (``render/fetcher.py``), whatever the template computes;
this check points at the line of a template that writes one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic
from ..render.jail import ATTACHMENT_FIX, ATTACHMENT_REASON, attachment_links
from ..views.rules import R_RESOURCE
from .base import Context, check

TEMPLATES = Path("overrides") / "kits"


@check
def check_kit_template_attachments(ctx: Context) -> Iterator[Diagnostic]:
    root = Path(ctx.project.root)
    folder = root / TEMPLATES
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.html")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the renderer reports a template it cannot read
        rel = path.relative_to(root).as_posix()
        for href, line, column in attachment_links(text):
            yield Diagnostic(
                R_RESOURCE.id, R_RESOURCE.level, rel, line, column,
                f"gabarit de kit : « {href} » {ATTACHMENT_REASON}", ATTACHMENT_FIX,
            )
