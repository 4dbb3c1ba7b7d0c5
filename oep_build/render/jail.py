"""What of a project a published PDF may contain: the content folders, and no attachment.

Pure functions (no WeasyPrint): the renderer's fetcher (:mod:`.fetcher`), the kit
Markdown and the check stage all decide with them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

__all__ = [
    "ATTACHMENT_FIX",
    "ATTACHMENT_REASON",
    "CONTENT_FOLDERS",
    "MOUNT_ROOT",
    "OUTSIDE_CONTENT",
    "PROJECT_MOUNT",
    "attachment_links",
    "content_file",
    "judge_url",
    "mount_url",
    "resource_refs",
]

CONTENT_FOLDERS = ("campaigns", "content", "kits", "overrides/kits", "overrides/assets")
"""The folders of a project a PDF may load files from (images, logo, print templates' assets)."""
PROJECT_MOUNT = "projet"
MOUNT_ROOT = "/oep/"
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


def mount_url(name: str, rel: str = "") -> str:
    """``file:///oep/<name>/<rel>``: how the PDF fetcher sees a mounted folder."""
    return f"file://{MOUNT_ROOT}{name}/{rel}"


def judge_url(url: str, mounts: dict[str, Path]) -> tuple[str, str, str, Path | None]:
    """How the PDF fetcher answers ``url``: (mount, path in it, French reason of a refusal or "", file).

    Only ``file:///oep/<mount>/…`` inside ``mounts`` is served (of the ``projet`` mount, only the
    content folders), and ``data:``; the check stage asks the same question of the print templates.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme == "data":
        return "", "", "", None
    if scheme != "file":
        return "", "", "adresse réseau interdite (les kits se construisent hors ligne)", None
    path = PurePosixPath(unquote(urlsplit(url).path))
    parts = path.parts
    if len(parts) < 4 or parts[:2] != ("/", MOUNT_ROOT.strip("/")) or parts[2] not in mounts:
        return "", str(path), "hors du projet", None
    mount, rel = parts[2], "/".join(parts[3:])
    folder = mounts[mount].resolve()
    real = (folder / rel).resolve()
    if not real.is_relative_to(folder):
        return mount, rel, "hors du projet", None
    if mount == PROJECT_MOUNT and real.is_file() and content_file(folder, rel) is None:
        return mount, rel, OUTSIDE_CONTENT, None
    if not real.is_file():
        return mount, rel, "introuvable", None
    return mount, rel, "", real


# What a print template makes the PDF engine load: src, <link href>, CSS url() and @import.
_CSS_REF = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_HTML_REF = re.compile(r"""(?:\bsrc|<link\b[^>]*?\bhref)\s*=\s*(['"])([^'"]*)\1""", re.IGNORECASE)


def resource_refs(text: str, css: bool) -> list[tuple[str, int, int]]:
    """(url, line, column) of every file ``text`` (a print template or stylesheet) makes the PDF load.

    Addresses computed by the template (``{{ … }}``) and ``data:``/``#`` ones are left out.
    """
    refs = [(m.group(2) or m.group(4), m.start(2) if m.group(2) else m.start(4)) for m in _CSS_REF.finditer(text)]  # style="…" too
    if not css:
        refs += [(m.group(2), m.start(2)) for m in _HTML_REF.finditer(text)]
    out = []
    for url, at in refs:
        url = url.strip()
        if not url or "{{" in url or "{%" in url or url.startswith(("#", "data:")):
            continue
        line = text.count("\n", 0, at) + 1
        out.append((url, line, at - (text.rfind("\n", 0, at) + 1) + 1))
    return sorted(set(out), key=lambda r: (r[1], r[2]))

