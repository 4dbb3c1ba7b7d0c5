"""The WeasyPrint URL fetcher of every PDF (kits, weekly report): a few mounted folders and ``data:``.

WeasyPrint 70 takes a :class:`weasyprint.urls.URLFetcher` subclass. Ours sees
the project and the package assets through fixed virtual paths
(``file:///oep/projet/…``, ``file:///oep/polices/…``): nothing else on disk
exists for it, no network scheme is served (builds are offline), and, since
WeasyPrint names embedded images after their URL, the PDF bytes do not depend
on where the project is checked out. Of the project, only the folders that hold
content and assets are served (:data:`.jail.CONTENT_FOLDERS`; never ``.git/``, ``.cache/``,
``build/`` or a hidden file): a template cannot pull a secret into a public PDF.
Every refusal is remembered, so that the renderer turns it into a diagnostic: a
missing image or font is never a silently missing picture.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .jail import ATTACHMENT_FIX, ATTACHMENT_REASON, MOUNT_ROOT, attachment_links, judge_url, mount_url

__all__ = ["MOUNT_ROOT", "JailedFetcher", "Refusal", "drop_attachments", "mount_url"]

# WeasyPrint picks the image decoder from the content type: SVG must say so.
_TYPES = {".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".css": "text/css"}


@dataclass(frozen=True)
class Refusal:
    url: str
    mount: str
    """Name of the mounted folder the URL pointed into, or '' (network, unknown place)."""
    path: str
    """Path inside that folder, or ''."""
    reason: str
    """French: « introuvable », « hors du projet », « adresse réseau interdite… »."""
    fix: str = ""
    """French, when the usual fix (put the file in the project) does not apply."""


class JailedFetcher(URLFetcher):
    """Serve ``file:///oep/<mount>/…`` from ``mounts`` and ``data:`` URLs; refuse everything else.

    The ``projet`` mount serves only :data:`CONTENT_FOLDERS`; the others (fonts, templates
    of the package or of ``overrides/kits/``) serve their whole folder.
    """

    def __init__(self, mounts: dict[str, Path], **kwargs: object) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, **kwargs)
        self.mounts = {name: Path(folder).resolve() for name, folder in mounts.items()}
        self.refusals: list[Refusal] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if urlsplit(url).scheme.lower() == "data":
            # urllib's DataHandler decodes it in memory: nothing leaves the process.
            return super().fetch(url, headers)
        mount, rel, reason, real = judge_url(url, self.mounts)
        if reason or real is None:
            self._refuse(url, mount, rel, reason)
        kind = (
            _TYPES.get(real.suffix.lower())
            or mimetypes.guess_type(real.name)[0]
            or "application/octet-stream"
        )
        return URLFetcherResponse(url, real.read_bytes(), {"Content-Type": kind})

    def _refuse(self, url: str, mount: str, path: str, reason: str) -> NoReturn:
        self.refusals.append(Refusal(url, mount, path, reason))
        raise ValueError(f"{url} : {reason}")


def drop_attachments(html: str, document: object) -> list[Refusal]:
    """Take every file attachment out of a rendered WeasyPrint ``document``; one refusal per link.

    ``<link rel="attachment">`` and ``<a rel="attachment">`` make WeasyPrint embed the file
    they point to in the PDF. No PDF we publish carries one: they are removed before
    ``write_pdf`` fetches anything, and reported.
    """
    found = attachment_links(html)
    document.metadata.attachments = []  # type: ignore[attr-defined]
    for page in document.pages:  # type: ignore[attr-defined]
        page.links = [link for link in page.links if link[0] != "attachment"]
    return [Refusal(href, "", href, ATTACHMENT_REASON, ATTACHMENT_FIX) for href, _, _ in found]
