"""Images as every output uses them: where the file is, and whether it can be printed.

One rule finds an image named in content (relative to the file that names it,
inside the project's content folders) for the site, the kits and ``oep check``.
Whether the PDF engine can print it is decided before rendering, so that
``oep check`` says it.

WeasyPrint prints half of a truncated PNG without a word and drops an SVG that
carries a ``<!DOCTYPE>`` with an English warning; here each image is decoded
once (cached by size and modification time) and a problem is a French sentence.
"""

from __future__ import annotations

import os
import posixpath
import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..model import Project, where
from ..render.jail import OUTSIDE_CONTENT, content_file

__all__ = ["IMAGE_FIXES", "PUBLISHED", "RASTER", "asset_problem", "body_image", "body_image_path", "content_assets", "image_problem", "is_network_image", "resolve_image", "resolve_local_file", "visual_site_path", "visuel_image"]

RASTER = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})


PUBLISHED = RASTER | {
    ".svg", ".ico", ".avif", ".pdf", ".txt", ".csv", ".odt", ".ods", ".odp", ".doc", ".docx", ".xls", ".xlsx",
    ".ppt", ".pptx", ".epub", ".mp3", ".ogg", ".mp4", ".webm", ".woff", ".woff2", ".ttf", ".otf", ".zip",
}
"""Types of files the site publishes as they are (content/assets/): none that a browser runs
(HTML, JavaScript, XML…) when opened from the site's address."""


def asset_problem(path: Path) -> str | None:
    """Why the site must not publish ``path`` as it is (French), or None."""
    if path.is_symlink():
        return "c'est un lien symbolique : le site ne publie que les fichiers du dépôt eux-mêmes"
    suffix = path.suffix.lower()
    if suffix not in PUBLISHED:
        return (
            f"le type « {suffix or 'sans extension'} » n'est pas publié "
            "(images, PDF, documents bureautiques, sons, vidéos ou polices seulement)"
        )
    return image_problem(path) if suffix in RASTER or suffix == ".svg" else None


def content_assets(root: Path) -> list[tuple[str, Path]]:
    """The files of content/assets/ (hidden ones left out), each with its place on the site; links
    are listed (:func:`asset_problem` refuses them) but never followed into a folder."""
    base = root / "content" / "assets"
    if base.is_symlink() or not base.is_dir():
        return [("assets", base)] if base.is_symlink() else []
    out = []
    for dirpath, dirnames, filenames in os.walk(base):  # does not enter linked folders
        here = Path(dirpath)
        for name in sorted(dirnames + filenames):
            path = here / name
            if name.startswith(".") or (name in dirnames and not path.is_symlink()):
                continue
            out.append((f"assets/{path.relative_to(base).as_posix()}", path))
    return sorted(out)


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
            mode = im.mode
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError… on bad data
        return f"l'image ne peut pas être décodée, fichier tronqué ou abîmé ({type(exc).__name__})"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
    if mode in _DEEP_MODES:  # WeasyPrint: « Unknown image mode », then a black box in the PDF
        return "l'image est en niveaux de gris sur 16 ou 32 bits, que le PDF imprimerait en noir : réenregistrez-la en 8 bits"
    return None


_DEEP_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N", "F"})
"""Pillow modes of 16- and 32-bit greyscale images, which WeasyPrint cannot print."""


def _svg_problem(path: Path) -> str | None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "ce SVG n'est pas écrit en UTF-8 : réenregistrez-le en UTF-8"
    if "<!DOCTYPE" in text.upper():  # anywhere: no entity is ever expanded
        return "ce SVG contient une ligne <!DOCTYPE …>, que le moteur PDF refuse : l'image disparaîtrait"
    if _PROCESSING.search(text):  # <?xml-stylesheet?> (CSS, XSLT): the parser below drops them unseen
        return "ce SVG contient une instruction <?…?> (feuille de style ou XSLT) : une image publiée n'en a pas besoin"
    try:
        root = etree.fromstring(data)
    except etree.ParseError as exc:
        return f"ce SVG n'est pas du XML valide (ligne {exc.position[0]})"
    if not root.tag.endswith("svg"):
        return "ce fichier .svg ne contient pas d'image SVG"
    return _svg_active(root)


# An SVG opened from the site runs its scripts there; one that loads other files shows a
# different image in the PDF (or none) and tells a server who looked. A published SVG is a
# picture: shapes, text, gradients, its own fragments and embedded raster images only.
# Elements that run, embed or change the picture after it is drawn (animations can set a link
# to javascript:), and the HTML namespace, whose elements run inside an SVG as on a page.
_SVG_ACTIVE_TAGS = frozenset({
    "script", "foreignobject", "iframe", "embed", "object", "handler", "listener",
    "animate", "set", "animatemotion", "animatetransform", "animatecolor",
})
_HTML_NS = "{http://www.w3.org/1999/xhtml}"
_SVG_LINKS = frozenset({"href", "src"})
_EMBEDDED_RASTER = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
_CSS_URL = re.compile(r"url\(\s*['\"]?(?!#|data:image/(?:png|jpeg|gif|webp)[;,])|@import|\\", re.I)
_PROCESSING = re.compile(r"<\?(?!xml[\s?])", re.I)


def _svg_active(root: etree.Element) -> str | None:
    """Why this SVG is more than a picture (French), or None."""
    for el in root.iter():
        tag = str(el.tag).rsplit("}", 1)[-1].lower()
        if tag in _SVG_ACTIVE_TAGS or str(el.tag).startswith(_HTML_NS):
            return f"ce SVG contient un élément <{tag}> : une image publiée ne doit rien exécuter, animer ni intégrer"
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"ce SVG contient l'attribut {local}, qui exécute du code"
            link = value.strip()
            if local in _SVG_LINKS and not link.startswith("#") and not link.lower().startswith(_EMBEDDED_RASTER):
                return f"ce SVG renvoie vers « {link[:60]} » : il ne doit utiliser que ses propres éléments"
            if _CSS_URL.search(value):  # fill="url(https://…)", style="…", a CSS escape
                return f"ce SVG charge une ressource par l'attribut {local} (url(…), @import ou échappement CSS)"
        if tag == "style" and _CSS_URL.search("".join(el.itertext())):
            return "ce SVG charge une ressource par son style (url(…), @import ou échappement CSS)"
    return None


def resolve_local_file(root: Path, base_file: str, src: str) -> tuple[str | None, str]:
    """Project-relative POSIX path of ``src`` written in ``base_file``; (None, why) if unusable."""
    if src.startswith("/"):
        rel = posixpath.normpath(src.lstrip("/"))
    else:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(base_file), src))
    if rel.startswith("../") or rel == "..":
        return None, f"« {src} » est hors du projet"
    try:
        path = (root / rel).resolve()
        inside, found = path.is_relative_to(root.resolve()), path.is_file()
    except (OSError, ValueError):  # a NUL byte, a name too long for the system
        return None, f"« {rel} » est introuvable"
    if not inside:
        return None, f"« {src} » est hors du projet"
    if not found:
        return None, f"« {rel} » est introuvable"
    if content_file(root, rel) is None:  # what the PDF renderer would refuse too
        return None, f"« {rel} » est {OUTSIDE_CONTENT}"
    return rel, ""


def resolve_image(root: Path, base_file: str, src: str) -> tuple[str | None, str, str]:
    """:func:`resolve_local_file` for an image that must also decode: (path, "", "") or (None, why, kind)."""
    rel, why = resolve_local_file(root, base_file, src)
    if rel is None:
        return None, why, "image"
    bad = image_problem(root / rel)
    if bad is not None:
        return None, f"« {rel} » : {bad}", "image-illisible"
    return rel, "", ""


IMAGE_FIXES = {
    "image": "placez l'image dans le projet (à côté du fichier) et vérifiez son nom",
    "image-illisible": "réenregistrez l'image (PNG, JPEG, ou SVG simple : sans <!DOCTYPE …>, script ni lien vers un autre "
    "fichier) et remplacez le fichier",
    "image-distante": "copiez l'image dans le projet, à côté du fichier, et écrivez son nom : ni le site ni les kits "
    "ne chargent d'image d'un autre site",
}
"""How to fix an image a body or a kit cannot show, by its kind."""


def is_network_image(src: str) -> bool:
    """Whether ``src`` asks another site for the image (``https://…``, ``//cdn…``): its visitors'
    phones would call that site, which the site never makes them do."""
    return urlsplit(src).scheme.lower() in ("http", "https") or src.startswith("//")


def body_image(root: Path, base_file: str, src: str) -> tuple[str | None, str, str] | None:
    """An image written in the body of ``base_file``: None for an address with a scheme (a network
    image, or what the address checks refuse: nothing of the project), else :func:`resolve_image`'s
    answer for the file a browser would ask for (``photo%201.png`` is ``photo 1.png``, a
    ``?v=2`` is no part of the name). The site, the kits and ``oep check`` read bodies with it."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//"):  # an address: the address checks judge it
        return None
    return resolve_image(root, base_file, unquote(parts.path))


def body_image_path(rel: str) -> str:
    """Where the site copies an image of a body (``assets/images/<path in the project>``)."""
    return f"assets/images/{rel}"


def visuel_image(project: Project, visuel: Any) -> tuple[str | None, str, str]:
    """The image file of a visuel, relative to the project root: its ``fichier`` read next to its YAML file."""
    return resolve_image(Path(project.root), where(visuel).file, visuel.fichier)


def visual_site_path(project: Project, visuel: Any, rel: str | None = None) -> str:
    """Where the site copies a visuel's image (``assets/visuels/<campagne>/<nom>``): the site
    links it there, the kits print a code QR to it. ``rel``: its file, when already resolved."""
    if rel is None:
        rel, _, _ = visuel_image(project, visuel)
    cid = project.campagne_id_of(visuel) or "site"
    return f"assets/visuels/{cid}/{posixpath.basename(rel or visuel.fichier)}"
