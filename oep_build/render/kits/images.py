"""Can the PDF engine print this image? Decided before rendering, so ``oep check`` says it.

WeasyPrint prints half of a truncated PNG without a word and drops an SVG that
carries a ``<!DOCTYPE>`` with an English warning; here each image is decoded
once (cached by size and modification time) and a problem is a French sentence.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path

__all__ = ["RASTER", "image_problem"]

RASTER = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})


def image_problem(path: Path) -> str | None:
    """Why ``path`` cannot be printed, in French, or None when it decodes."""
    try:
        stat = path.stat()
    except OSError:
        return "le fichier est illisible"
    return _problem(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4096)
def _problem(path: str, size: int, mtime_ns: int) -> str | None:
    suffix = Path(path).suffix.lower()
    if size == 0:
        return "le fichier est vide"
    if suffix == ".svg":
        return _svg_problem(Path(path))
    if suffix not in RASTER:
        return f"le format « {suffix or 'sans extension'} » ne s'imprime pas (PNG, JPEG, GIF, WebP ou SVG)"
    from PIL import Image, ImageFile  # imported only when a kit has images

    # WeasyPrint turns LOAD_TRUNCATED_IMAGES on at import (it then prints half an image): not here.
    tolerant, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with Image.open(path) as im:
            im.load()  # decodes every pixel: a truncated file fails here, not in the PDF
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError… on bad data
        return f"l'image ne peut pas être décodée, fichier tronqué ou abîmé ({type(exc).__name__})"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    return None


def _svg_problem(path: Path) -> str | None:
    data = path.read_bytes()
    if b"<!DOCTYPE" in data[:4096].upper():
        return "ce SVG contient une ligne <!DOCTYPE …>, que le moteur PDF refuse : l'image disparaîtrait"
    try:
        root = etree.fromstring(data)
    except etree.ParseError as exc:
        return f"ce SVG n'est pas du XML valide (ligne {exc.position[0]})"
    if not root.tag.endswith("svg"):
        return "ce fichier .svg ne contient pas d'image SVG"
    return None
