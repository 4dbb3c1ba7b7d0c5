"""Accessibility checks: alternative texts, image files, headings and link texts.

An image file is looked for next to its ``visuels/<id>.yml``; its pixel size
is read with Pillow (header only) and compared with the declared ``format``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import regex

from ..diagnostics import Diagnostic, Level, rule
from ..model import BODY_KINDS, closest, where
from ..model.content import Visuel
from ..safety import url_problem
from ..safety.markdown import image_sources
from ..spots import body_spot, diag_at, find_written
from ..views.images import IMAGE_FIXES, body_image, is_network_image
from .base import Context, check

R_ALT_EMPTY = rule("alt-manquant", Level.ERREUR, "Image sans texte alternatif.", "accessibilite")
R_ALT_POOR = rule(
    "alt-peu-descriptif",
    Level.AVERTISSEMENT,
    "Texte alternatif qui est un nom de fichier ou commence par « image de ».",
    "accessibilite",
)
R_INCRUSTE = rule(
    "texte-incruste-absent-alt",
    Level.AVERTISSEMENT,
    "Le texte écrit dans l'image ne figure pas dans son texte alternatif.",
    "accessibilite",
)
R_MISSING = rule(
    "image-introuvable",
    Level.ERREUR,
    "Le fichier image d'un visuel, ou d'une image d'un texte, n'existe pas ou est hors des dossiers de contenu.",
    "accessibilite",
)
R_REMOTE = rule(
    "image-distante",
    Level.ERREUR,
    "Une image d'un texte est chargée depuis un autre site : le site ne l'affiche pas, les kits ne l'impriment pas.",
    "accessibilite",
)
R_UNREADABLE = rule("image-illisible", Level.ERREUR, "Le fichier image ne peut pas être lu.", "accessibilite")
R_FORMAT = rule(
    "image-dimensions", Level.AVERTISSEMENT, "Dimensions de l'image différentes du format déclaré.", "accessibilite"
)
R_FORMAT_NAME = rule("format-inconnu", Level.AVERTISSEMENT, "Format de visuel inconnu.", "accessibilite")
R_HEAVY = rule("image-lourde", Level.AVERTISSEMENT, "Image trop lourde pour un téléphone.", "accessibilite")
R_HEADINGS = rule("titres-sautes", Level.AVERTISSEMENT, "Niveau de titre sauté dans un texte Markdown.", "accessibilite")
R_LINK_TEXT = rule(
    "lien-peu-explicite", Level.AVERTISSEMENT, "Texte de lien qui ne dit pas où il mène (« cliquez ici »).", "accessibilite"
)

# Declared format -> pixel size (facts.md, « Visual formats »).
FORMATS: dict[str, tuple[int, int]] = {
    "instagram-portrait": (1080, 1350),
    "carre": (1080, 1080),
    "story": (1080, 1920),
    "open-graph": (1200, 630),
    "x": (1600, 900),
    "banniere-x": (1500, 500),
    "banniere-facebook": (820, 312),
    # names staff also use for the same sizes
    "instagram-carre": (1080, 1080),
    "instagram-story": (1080, 1920),
}
_VECTOR = (".svg",)

_FILE_NAME = regex.compile(r"^\S+\.(?:png|jpe?g|webp|gif|svg|avif|tiff?|bmp|heic)$", regex.IGNORECASE)
_POOR_START = regex.compile(
    r"^(?:une?\s+|l['’]\s*)?(?:image|photo|photographie|illustration|visuel)\s+(?:de|d['’]|du|des)\b", regex.IGNORECASE
)
# A one-word alt that only says "this is an image" tells a screen-reader user nothing.
_GENERIC_ALTS = frozenset(
    {"image", "photo", "photographie", "illustration", "visuel", "img", "picture", "logo", "capture", "dessin"}
)
_VAGUE_LINKS = frozenset(
    {"ici", "cliquez ici", "cliquer ici", "clique ici", "cliquez", "là", "ce lien", "le lien", "lien", "voir",
     "lire", "plus", "en savoir plus", "la suite", "click here", "here"}
)
_MD_LINK = regex.compile(r"(?<!!)\[([^\[\]\n]+)\]\([^)\n]*\)|<a\b[^>]*>(.*?)</a>", regex.IGNORECASE | regex.DOTALL)
_MD_IMAGE = regex.compile(r"!\[([^\]\n]*)\]\(([^)\s\n]+)[^)\n]*\)")
_FENCE = regex.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_ATX = regex.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
_SETEXT = regex.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")


@check
def check_visuals(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    root = Path(p.root)
    site = p.site
    max_ko = site.parametres.image_poids_max_ko if site else 800
    for vid, v in sorted(p.visuels.items()):
        yield from _check_alt(ctx, v)
        path = _image_path(root, v)
        if path is None or not path.is_file():
            yield ctx.diag(
                R_MISSING,
                v,
                "fichier",
                message=f"visuel « {vid} » : le fichier « {v.fichier} » n'existe pas à côté de {_yml(v)}",
                fix="déposez l'image dans le même dossier visuels/, ou corrigez le nom (majuscules et extension comprises)",
            )
            continue
        size_ko = path.stat().st_size / 1024
        if size_ko > max_ko:
            yield ctx.diag(
                R_HEAVY,
                v,
                "fichier",
                message=f"visuel « {vid} » : « {v.fichier} » pèse {size_ko:.0f} Ko (plus de {max_ko} Ko)",
                fix="exportez-le compressé (JPEG qualité 80, ou WebP) à la taille du format",
            )
        yield from _check_format(ctx, v, path)


def _yml(v: Visuel) -> str:
    origin = v.origin
    return origin.doc.path if origin else "son fichier .yml"


def _image_path(root: Path, v: Visuel) -> Path | None:
    origin = v.origin
    if origin is None:
        return None
    try:
        folder = (root / PurePosixPath(origin.doc.path).parent).resolve()
        path = (folder / v.fichier).resolve()
        path.relative_to(root.resolve())
    except (OSError, ValueError):
        return None  # outside the project (never published) or not a possible file name
    return path


def _check_alt(ctx: Context, v: Visuel) -> Iterator[Diagnostic]:
    alt = v.alt.strip()
    if not alt:
        yield ctx.diag(
            R_ALT_EMPTY,
            v,
            "alt",
            message=f"visuel « {v.id} » : le texte alternatif est vide",
            fix="décrivez ce que l'image montre et reprenez le texte qu'elle contient",
        )
        return
    stem = PurePosixPath(v.fichier).stem
    if _FILE_NAME.match(alt) or alt == stem or alt == v.fichier:
        yield ctx.diag(
            R_ALT_POOR,
            v,
            "alt",
            message=f"visuel « {v.id} » : le texte alternatif « {alt} » est un nom de fichier",
            fix="décrivez ce que l'image montre et reprenez le texte qu'elle contient",
        )
    elif alt.strip(" .").casefold() in _GENERIC_ALTS:
        yield ctx.diag(
            R_ALT_POOR,
            v,
            "alt",
            message=f"visuel « {v.id} » : le texte alternatif « {alt} » ne décrit rien",
            fix="décrivez ce que l'image montre et reprenez le texte qu'elle contient",
        )
    elif _POOR_START.match(alt):
        yield ctx.diag(
            R_ALT_POOR,
            v,
            "alt",
            message=f"visuel « {v.id} » : le texte alternatif commence par « {_POOR_START.match(alt).group()} »",
            fix="allez droit au contenu : les lecteurs d'écran annoncent déjà qu'il s'agit d'une image",
        )
    if v.texte_incruste.strip() and _norm(v.texte_incruste) not in _norm(alt):
        yield ctx.diag(
            R_INCRUSTE,
            v,
            "texte_incruste",
            message=f"visuel « {v.id} » : le texte écrit dans l'image « {v.texte_incruste.strip()} » "
            "n'est pas dans le texte alternatif",
            fix="recopiez ce texte mot pour mot dans alt : sans lui, il est perdu pour qui ne voit pas l'image",
        )


def _norm(text: str) -> str:
    # Compare words, not typography: case, accents kept, quotes/spaces/punctuation dropped.
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    return " ".join(regex.findall(r"[\w']+", text))


def _check_format(ctx: Context, v: Visuel, path: Path) -> Iterator[Diagnostic]:
    size = None
    if path.suffix.lower() not in _VECTOR:
        # Readable or not matters whatever the declared format: a broken file is never published.
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as im:
                size = im.size
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
            why = {
                "UnidentifiedImageError": "ce n'est pas une image, ou un format que le site ne connaît pas",
                "DecompressionBombError": "image démesurée",
            }.get(type(exc).__name__, "fichier abîmé ou tronqué")
            yield ctx.diag(
                R_UNREADABLE,
                v,
                "fichier",
                message=f"visuel « {v.id} » : « {v.fichier} » n'est pas une image lisible ({why})",
                fix="réexportez l'image en PNG, JPEG ou WebP",
            )
    fmt = v.format.strip()
    if not fmt:
        return
    if fmt not in FORMATS:
        sugg = closest(fmt, FORMATS)
        yield ctx.diag(
            R_FORMAT_NAME,
            v,
            "format",
            message=f"visuel « {v.id} » : format « {fmt} » inconnu",
            fix=(f"vouliez-vous dire « {sugg[0]} » ? " if sugg else "")
            + "formats connus : "
            + ", ".join(f"{k} ({w}×{h})" for k, (w, h) in FORMATS.items()),
        )
        return
    if size is None:
        return
    want = FORMATS[fmt]
    if size != want:
        yield ctx.diag(
            R_FORMAT,
            v,
            "format",
            message=f"visuel « {v.id} » : l'image fait {size[0]}×{size[1]} pixels, le format {fmt} "
            f"demande {want[0]}×{want[1]}",
            fix=f"réexportez l'image en {want[0]}×{want[1]}, ou corrigez le format déclaré",
        )


# -- Markdown bodies ---------------------------------------------------------


@check
def check_markdown_bodies(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    for kind in BODY_KINDS:
        for _, obj in p.checkable(kind, frozenset()):  # a bad front-matter value hides nothing of the body
            body = p.body_of(obj)
            if body.strip():
                yield from _check_headings(ctx, obj, body)
                yield from _check_links_and_images(ctx, obj, body)
                yield from _check_body_images(ctx, obj, body)


def _check_body_images(ctx: Context, obj: Any, body: str) -> Iterator[Diagnostic]:
    """Each image a body shows must be a readable file of the project (the site and the kits
    copy it from there; a network address is left to the address checks)."""
    root, source = Path(ctx.project.root), where(obj).file
    after: dict[str, int] = {}  # each image where it is written, in order (one src may be written twice)
    for src in image_sources(body):
        at = _image_written(body, src, after.get(src, 0))
        after[src] = at + 1 if at >= 0 else len(body)
        found = body_image(root, source, src)
        if found is None and is_network_image(src):
            why, kind, r = f"« {src} » est chargée depuis un autre site", "image-distante", R_REMOTE
        elif found is None and not url_problem(src):  # mailto:, tel:: allowed addresses, but of no image
            why, kind, r = f"« {src} » n'est pas l'adresse d'une image", "image", R_MISSING
        elif found is None or found[0] is not None:  # a refused address: url-interdite says it
            continue
        else:
            _, why, kind = found
            r = R_MISSING if kind == "image" else R_UNREADABLE
        yield diag_at(
            ctx,
            r,
            obj,
            (),
            body_spot(ctx.project, obj, at) if at >= 0 else None,
            message=f"image du texte : {why}",
            fix=IMAGE_FIXES[kind],
        )


def _image_written(body: str, src: str, start: int) -> int:
    """Where the image ``src`` is written in ``body`` from ``start``: in ``![…](src)``, ``<img src=…>``
    or a reference definition, not in a plain link to the same file; -1 if not found."""
    esc, end = re.escape(src), r"(?![^\s)>\"'?#])"
    spot = re.compile(
        rf"!\[[^\]\n]*(?:\][^(\n][^\]\n]*)*\]\(\s*<?({esc}){end}"
        rf"|<img\b[^>]*?\bsrc\s*=\s*[\"']?({esc}){end}"
        rf"|^[ ]{{0,3}}\[[^\]\n]+\]:[ \t]*<?({esc}){end}",
        re.M | re.I,
    )
    m = spot.search(body, start)
    return m.start(m.lastindex or 0) if m else find_written(body, src, start, whole=True)


def _prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for lines outside fenced code blocks."""
    fence: str | None = None
    offset = 0
    for line in body.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
        elif fence is not None and m and m.group(1).startswith(fence):
            fence = None
        elif fence is None:
            yield offset, line
        offset += len(line) + 1


def _check_headings(ctx: Context, obj: Any, body: str) -> Iterator[Diagnostic]:
    # The page title (titre) is the h1: the body starts at ## at most.
    previous = 1
    prev_line = ""
    for offset, line in _prose_lines(body):
        level = 0
        m = _ATX.match(line)
        if m:
            level, title = len(m.group(1)), m.group(2).strip().rstrip("#").strip()
        elif _SETEXT.match(line) and prev_line.strip() and not _ATX.match(prev_line):
            level, title = (1 if line.strip().startswith("=") else 2), prev_line.strip()
            offset -= len(prev_line) + 1
        prev_line = line
        if not level:
            continue
        if level > previous + 1:
            yield diag_at(
                ctx,
                R_HEADINGS,
                obj,
                (),
                body_spot(ctx.project, obj, offset),
                message=f"titre de niveau {level} « {title} » après un niveau {previous} : "
                f"le niveau {previous + 1} est sauté",
                fix=f"écrivez {'#' * (previous + 1)} {title} (les lecteurs d'écran naviguent par niveaux)",
            )
        previous = level


def _check_links_and_images(ctx: Context, obj: Any, body: str) -> Iterator[Diagnostic]:
    for offset, line in _prose_lines(body):
        for m in _MD_LINK.finditer(line):
            text = m.group(1) if m.group(1) is not None else regex.sub(r"<[^>]+>", "", m.group(2) or "")
            label = " ".join(text.split()).strip(" .!…:").casefold()
            if label in _VAGUE_LINKS:
                yield diag_at(
                    ctx,
                    R_LINK_TEXT,
                    obj,
                    (),
                    body_spot(ctx.project, obj, offset + m.start()),
                    message=f"texte de lien « {text.strip()} » : hors contexte, il ne dit pas où il mène",
                    fix="faites du lien la description de sa cible : « [signer la pétition](…) »",
                )
        for m in _MD_IMAGE.finditer(line):
            if not m.group(1).strip():
                yield diag_at(
                    ctx,
                    R_ALT_EMPTY,
                    obj,
                    (),
                    body_spot(ctx.project, obj, offset + m.start()),
                    message=f"image « {m.group(2)} » sans texte alternatif",
                    fix="écrivez entre les crochets ce que l'image montre : ![Manifestation devant l'Assemblée](…)",
                )
            elif _FILE_NAME.match(m.group(1).strip()):
                yield diag_at(
                    ctx,
                    R_ALT_POOR,
                    obj,
                    (),
                    body_spot(ctx.project, obj, offset + m.start()),
                    message=f"image « {m.group(2)} » : le texte alternatif « {m.group(1).strip()} » est un nom de fichier",
                    fix="écrivez entre les crochets ce que l'image montre",
                )
            elif m.group(1).strip(" .").casefold() in _GENERIC_ALTS or _POOR_START.match(m.group(1).strip()):
                yield diag_at(
                    ctx,
                    R_ALT_POOR,
                    obj,
                    (),
                    body_spot(ctx.project, obj, offset + m.start()),
                    message=f"image « {m.group(2)} » : le texte alternatif « {m.group(1).strip()} » ne décrit pas "
                    "ce qu'elle montre",
                    fix="écrivez entre les crochets ce que l'image montre, sans « image de » : "
                    "les lecteurs d'écran l'annoncent déjà",
                )
