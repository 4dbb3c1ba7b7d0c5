"""Content-addressed cache of kit PDFs in ``kits/`` of the project's cache folder (outside the
project: a PDF there is published as it is, see :mod:`oep_build.caches`).

The key digests everything that can change the bytes of a PDF: the kit HTML
(hence the content and the templates that produced it), the print CSS, every
project file the HTML loads (images, logo), the shipped fonts, the engine
versions and the PDF variant. ``manifest.json`` (sorted, stable) says which
key each output last had, with its page count and size, so an unchanged kit
is copied from the cache instead of being laid out again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ...caches import project_cache
from ...logger import LOGGER
from ...output import write_file

__all__ = ["CacheEntry", "KitCache", "cache_key"]

CACHE_PART = "kits"
MANIFEST = "manifest.json"
FORMAT = 3  # 2: PDF/UA mending, tracts fitted to one page; 3: each PDF's sha256 checked on reading
# Engines whose upgrade may change the bytes of a PDF.
ENGINES = ("oep-build", "weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5", "pillow")


@dataclass(frozen=True)
class CacheEntry:
    key: str
    pages: int
    size: int
    sha256: str = ""
    """Of the PDF: a file changed in the cache folder since is not published."""


@lru_cache(maxsize=1)
def engine_versions() -> str:
    out = []
    for name in ENGINES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=absent")
    return ";".join(out)


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


def folder_digest(folder: Path) -> str:
    """Digest of every file of ``folder`` (names and bytes), in a stable order."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + _file_digest(path).encode() + b"\n")
    return h.hexdigest()


def cache_key(html: str, css: str, files: list[Path], fonts_digest: str, variant: str | None) -> str:
    h = hashlib.sha256()
    for part in (f"format={FORMAT}", engine_versions(), f"variant={variant}", fonts_digest, css, html):
        h.update(part.encode("utf-8") + b"\0")
    for path in files:
        h.update(path.name.encode() + b"\0" + _file_digest(path).encode() + b"\0")
    return h.hexdigest()


class KitCache:
    """The cache folder of one project; ``save()`` writes the manifest and drops stale PDFs."""

    def __init__(self, root: Path) -> None:
        self.dir: Path | None = project_cache(root, CACHE_PART)
        """None when no cache folder can be made: every kit is laid out, nothing is kept."""
        self.entries: dict[str, CacheEntry] = self._load()

    def _load(self) -> dict[str, CacheEntry]:
        if self.dir is None:
            return {}
        try:
            data = json.loads((self.dir / MANIFEST).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return {}
            return {
                name: CacheEntry(e["cle"], int(e["pages"]), int(e["taille"]), str(e["sha256"]))
                for name, e in data["kits"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def _pdf(self, key: str) -> Path:
        assert self.dir is not None
        return self.dir / f"{key}.pdf"

    def get(self, key: str) -> tuple[bytes, CacheEntry] | None:
        """The cached PDF for ``key``, if it is there and intact."""
        entry = next((e for e in self.entries.values() if e.key == key), None)
        if entry is None or self.dir is None:
            return None
        try:
            data = self._pdf(key).read_bytes()
        except OSError:
            return None
        intact = len(data) == entry.size and hashlib.sha256(data).hexdigest() == entry.sha256
        return (data, entry) if intact else None

    def put(self, name: str, key: str, pdf: bytes, pages: int) -> None:
        if self.dir is None:
            return
        try:
            path = self._pdf(key)
            if not path.is_file() or path.read_bytes() != pdf:
                write_file(path, pdf)
        except OSError as exc:
            LOGGER.warning("cache des kits non écrit (%s) : %s", self.dir, exc)
            return
        self.entries[name] = CacheEntry(key, pages, len(pdf), hashlib.sha256(pdf).hexdigest())

    def keep_only(self, prefix: str, names: set[str]) -> None:
        """Forget the outputs of ``prefix`` (one audience) that this run did not produce."""
        for name in [n for n in self.entries if n.startswith(prefix) and n not in names]:
            del self.entries[name]

    def save(self) -> None:
        if self.dir is None:
            return
        payload = {
            "format": FORMAT,
            "kits": {
                name: {"cle": e.key, "pages": e.pages, "taille": e.size, "sha256": e.sha256}
                for name, e in sorted(self.entries.items())
            },
        }
        try:
            write_file(
                self.dir / MANIFEST,
                (json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(),
            )
            live = {f"{e.key}.pdf" for e in self.entries.values()}
            for path in self.dir.glob("*.pdf"):
                if path.name not in live:
                    path.unlink(missing_ok=True)
        except OSError as exc:
            LOGGER.warning("cache des kits non écrit (%s) : %s", self.dir, exc)
