"""The print templates of ``overrides/kits/``: what no public PDF may carry or load, found before the build.

A ``rel="attachment"`` link would embed a file in every PDF of the kits; an
image, stylesheet or font the template names outside the project's content
folders, missing, or on the network would be refused by the PDF fetcher. The
renderer refuses both too (``render/fetcher.py``); these checks ask the
fetcher's own question (:func:`~oep_build.render.jail.judge_url`) and point at
the line of the template, so that ``oep check`` finds what ``oep build`` would refuse.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

from ..diagnostics import Diagnostic
from ..render.jail import (
    ATTACHMENT_FIX,
    ATTACHMENT_REASON,
    PROJECT_MOUNT,
    attachment_links,
    judge_url,
    mount_url,
    resource_refs,
)
from ..render.kits.glyphs import FONTS_DIR
from ..views.rules import R_RESOURCE
from .base import Context, check

TEMPLATES = Path("overrides") / "kits"


def _templates(root: Path) -> Iterator[tuple[Path, str, str]]:
    """(path, project-relative path, text) of every print template and stylesheet of ``overrides/kits/``."""
    folder = root / TEMPLATES
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".css") and p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the renderer reports a template it cannot read
        yield path, path.relative_to(root).as_posix(), text


@check
def check_kit_template_attachments(ctx: Context) -> Iterator[Diagnostic]:
    for path, rel, text in _templates(Path(ctx.project.root)):
        if path.suffix != ".html":
            continue
        for href, line, column in attachment_links(text):
            yield Diagnostic(
                R_RESOURCE.id, R_RESOURCE.level, rel, line, column,
                f"gabarit de kit : « {href} » {ATTACHMENT_REASON}", ATTACHMENT_FIX,
            )


RESOURCE_FIX = (
    "placez le fichier dans overrides/kits/ (à côté de la feuille de style) ou sous content/assets/, "
    "et n'utilisez pas d'adresse http(s) dans les gabarits : les kits se construisent hors ligne"
)


@check
def check_kit_template_resources(ctx: Context) -> Iterator[Diagnostic]:
    """Files the print templates load, judged as the PDF fetcher will (same mounts, same base addresses)."""
    root = Path(ctx.project.root)
    folder = root / TEMPLATES
    mounts = {PROJECT_MOUNT: root, "polices": FONTS_DIR, "gabarits": folder}
    for path, rel, text in _templates(root):
        css = path.suffix == ".css"
        # The HTML is read from the project root, stylesheets from their own folder.
        base = mount_url("gabarits", path.relative_to(folder).as_posix()) if css else mount_url(PROJECT_MOUNT)
        attachments = {(line, column) for _, line, column in attachment_links(text)} if not css else set()
        for url, line, column in resource_refs(text, css):
            _, _, reason, _ = judge_url(urljoin(base, url), mounts)
            if reason and (line, column) not in attachments:
                yield Diagnostic(
                    R_RESOURCE.id, R_RESOURCE.level, rel, line, column,
                    f"gabarit de kit : « {url} » {reason}", RESOURCE_FIX,
                )
