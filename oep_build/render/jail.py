"""What of a project a published PDF may contain: the content folders, and no attachment.

Pure functions (no WeasyPrint): the renderer's fetcher (:mod:`.fetcher`), the kit
Markdown and the check stage all decide with them.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

__all__ = [
    "ATTACHMENT_FIX",
    "ATTACHMENT_REASON",
    "CONTENT_FOLDERS",
    "OUTSIDE_CONTENT",
    "PROJECT_MOUNT",
    "attachment_links",
    "content_file",
]

CONTENT_FOLDERS = ("campaigns", "content", "kits", "overrides/kits", "overrides/assets")
"""The folders of a project a PDF may load files from (images, logo, print templates' assets)."""
PROJECT_MOUNT = "projet"
OUTSIDE_CONTENT = "hors des dossiers de contenu (" + ", ".join(f"{f}/" for f in CONTENT_FOLDERS) + ")"


def content_file(root: Path, rel: str) -> Path | None:
    """The file at project-relative ``rel`` if it lies in a content folder, else ``None``.

    Symbolic links are followed first: a link under ``content/`` to ``.git/config`` is refused.
    """
    parts = PurePosixPath(rel).parts
    if not parts or any(p.startswith(".") for p in parts):
        return None
    root = root.resolve()
    real = (root / rel).resolve()
    for folder in CONTENT_FOLDERS:
        base = (root / folder).resolve()
        if real.is_relative_to(base) and real != base:
            return real if real.is_file() else None
    return None


ATTACHMENT_REASON = "est une pièce jointe (rel=\"attachment\") : un PDF publié n'embarque aucun fichier joint"
ATTACHMENT_FIX = "retirez rel=\"attachment\" du gabarit (overrides/kits/) ; pour donner un fichier, publiez-le sur le site et mettez un lien"


class _AttachmentLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if "attachment" in values.get("rel", "").lower().split():
            line, col = self.getpos()
            self.found.append((values.get("href", ""), line, col + 1))


def attachment_links(html: str) -> list[tuple[str, int, int]]:
    """(href, line, column) of every ``rel="attachment"`` element of ``html``."""
    parser = _AttachmentLinks()
    parser.feed(html)
    parser.close()
    return parser.found
