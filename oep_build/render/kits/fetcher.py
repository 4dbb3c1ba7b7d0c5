"""A WeasyPrint URL fetcher jailed to the project tree, the package assets and ``data:``.

WeasyPrint 70 takes a :class:`weasyprint.urls.URLFetcher` subclass. Ours
refuses every network scheme (builds are offline) and every file outside the
allowed folders (a template override cannot read ``/etc``), and remembers
each refusal so that the renderer turns it into a diagnostic: a missing image
or font is never a silently missing picture.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["JailedFetcher", "Refusal"]

# WeasyPrint picks the image decoder from the content type: SVG must say so.
_TYPES = {".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".css": "text/css"}


@dataclass(frozen=True)
class Refusal:
    url: str
    path: str
    """Local path when the URL was a file, else ''."""
    reason: str
    """French: « introuvable », « hors du projet », « adresse réseau interdite »."""


class JailedFetcher(URLFetcher):
    """Serve ``file:`` URLs under ``roots`` and ``data:`` URLs; refuse everything else."""

    def __init__(self, roots: Iterable[Path], **kwargs: object) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, **kwargs)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.refusals: list[Refusal] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            # urllib's DataHandler decodes it in memory: nothing leaves the process.
            return super().fetch(url, headers)
        if scheme != "file":
            return self._refuse(url, "", "adresse réseau interdite (les kits se construisent hors ligne)")
        path = Path(url2pathname(unquote(urlsplit(url).path)))
        real = path.resolve()
        if not any(real.is_relative_to(root) for root in self.roots):
            return self._refuse(url, str(path), "hors du projet")
        if not real.is_file():
            return self._refuse(url, str(path), "introuvable")
        kind = (
            _TYPES.get(real.suffix.lower())
            or mimetypes.guess_type(real.name)[0]
            or "application/octet-stream"
        )
        return URLFetcherResponse(url, real.read_bytes(), {"Content-Type": kind})

    def _refuse(self, url: str, path: str, reason: str) -> URLFetcherResponse:
        self.refusals.append(Refusal(url, path, reason))
        raise ValueError(f"{url} : {reason}")
