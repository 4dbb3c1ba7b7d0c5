"""Content is untrusted input: URLs with another scheme than https, http, mailto, tel (erreur) and
HTML the sanitiser will strip (avertissement), at the line where they are written.

The renderers refuse the same things on their own (oep_build.safety): these
checks tell staff before the build, for every audience (the internal site is a
web page too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Level, rule
from ..incremental import kept_list
from ..model import OBJECT_KINDS
from ..safety import THEME_UNSAFE, is_site_address, markdown_urls, normalise_url, stripped_from_markdown, url_problem
from ..spots import body_spot, diag_at, find_written, text_fields, value_spot
from ..views.images import asset_problem, content_assets
from .base import Context, check

R_URL = rule(
    "url-interdite",
    Level.ERREUR,
    "Adresse dont le schéma n’est pas https:, http:, mailto: ou tel: (javascript:, data:…).",
    "securite",
)
R_FILE = rule(
    "fichier-refuse",
    Level.ERREUR,
    "Fichier de content/assets/ que le site ne publie pas : type qu’un navigateur exécute (HTML, JavaScript…), "
    "SVG avec script ou lien vers un autre fichier, image abîmée.",
    "securite",
)
R_HTML = rule("html-retire", Level.AVERTISSEMENT, "HTML d’un texte Markdown qui sera retiré à la publication.", "securite")

# Fields that hold a URL (or a URL template: « {canal} », « {texte} »).
_URL_FIELDS = frozenset({"url", "lien", "inscription_url", "partage"})
_REFERENTIELS = ("personnes", "publics", "canaux", "indicateurs", "partenaires", "cibles", "sources")
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_FIX_URL = (
    "écrivez une adresse qui commence par https:// (ou mailto:, tel:) ou un chemin relatif ; "
    "javascript:, data:, vbscript: ou file: ne sont jamais publiés"
)
_FIX_HTML = (
    "supprimez-le ; pour la mise en forme, utilisez Markdown ou le HTML permis (tableaux, details/summary, "
    "figure/figcaption, abbr, attributs id et class) — voir « Ce que les contenus peuvent contenir » dans le README"
)
# Where a link target is written in Markdown or HTML source.
_TARGET = re.compile(
    r"\]\(\s*<?(?P<inline>(?:[^()\s>]|\([^()\s]*\))*)"
    r"|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?(?P<ref>[^\s>]+)"
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.\-]*:[^>\s]*)>"
    r"|\b(?:href|src|cite)\s*=\s*(?P<attr>\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.M | re.I,
)


def _objects(ctx: Context) -> Iterator[tuple[Any, bool]]:
    """Every object with its fields, and whether it may have a Markdown body."""
    p = ctx.project
    for kind in _REFERENTIELS:
        for _, obj in sorted(getattr(p, kind).items()):
            yield obj, False
    for kind in OBJECT_KINDS:  # the stand-ins of invalid files too: each field and the body stand alone
        for _, obj in p.checkable(kind, frozenset()):
            yield obj, True
    if p.site is not None:
        yield p.site, False


def _is_url_field(sub: tuple[str | int, ...]) -> bool:
    names = [s for s in sub if isinstance(s, str)]
    if not names:
        return False
    return names[-1] in _URL_FIELDS or (names[-1] == "valeur" and "contact_public" in names)


@check
def check_urls_and_html(ctx: Context) -> Iterator[Diagnostic]:
    for obj, has_body in _objects(ctx):
        yield from kept_list(ctx, ("urls-html", has_body), obj, _check_object, ctx, obj, has_body)


def _check_object(ctx: Context, obj: Any, has_body: bool) -> Iterator[Diagnostic]:
    p = ctx.project
    for sub, text in text_fields(obj):
        if _is_url_field(sub) and (problem := url_problem(text)):
            field = ".".join(str(s) for s in sub)
            yield diag_at(
                ctx, R_URL, obj, sub, value_spot(obj, sub, text, 0, len(text)),
                message=f"{field} : adresse « {_shown(text)} » refusée, {problem}", fix=_FIX_URL,
            )
    if obj is p.site:
        yield from _site_texts(ctx, obj)
    body = p.body_of(obj) if has_body else ""
    if body and ("<" in body or "{" in body or ":" in body):
        yield from _body_urls(ctx, obj, body)
        yield from _body_html(ctx, obj, body)


# site.yml texts the theme prints as they are (see render.site._settings and safety.theme_text).
_THEME_TEXTS = (("titre",), ("description",), ("organisation", "nom"), ("organisation", "licence"),
                ("organisation", "image_partage_alt"))


@check
def check_published_files(ctx: Context) -> Iterator[Diagnostic]:
    """content/assets/ is published whole: each file as a browser would open it from the site."""
    root = Path(ctx.project.root)
    for _, path in content_assets(root):
        if problem := asset_problem(path):
            yield Diagnostic(
                R_FILE.id, R_FILE.level, path.relative_to(root).as_posix(), 1, 1, f"fichier non publié : {problem}",
                "enregistrez-le dans un type publié (PNG, JPEG, PDF…) ; un SVG ne doit contenir que des formes, "
                "du texte et ses propres éléments, ou rangez le fichier ailleurs que dans content/assets/",
            )


def _site_texts(ctx: Context, site: Any) -> Iterator[Diagnostic]:
    if not is_site_address(site.url):
        yield diag_at(
            ctx, R_URL, site, ("url",), value_spot(site, ("url",), site.url, 0, len(site.url)),
            message=f"url : « {_shown(site.url)} » n’est pas l’adresse complète du site",
            fix="écrivez l’adresse publique du site en entier, par exemple https://onestpret.fr/",
        )
    for sub in _THEME_TEXTS:
        text = site
        for name in sub:
            text = getattr(text, name, "")
        at = next((i for i, c in enumerate(text) if c in THEME_UNSAFE), -1) if isinstance(text, str) else -1
        if at >= 0:
            yield diag_at(
                ctx, R_HTML, site, sub, value_spot(site, sub, text, at, at + 1),
                message=f"{'.'.join(sub)} : « {text[at]} » est retiré à la publication (le thème affiche ce texte tel quel)",
                fix="écrivez du texte simple, sans balise ni guillemet droit (guillemets « » ou “ ”)",
            )


def _body_urls(ctx: Context, obj: Any, body: str) -> Iterator[Diagnostic]:
    written = {normalise_url(u): u for u in markdown_urls(body) if url_problem(u)}
    bad = set(written)
    if not bad:
        return
    found = set()
    for m in _TARGET.finditer(body):
        name = m.lastgroup or "inline"
        target = m.group(name).strip("\"'")
        if normalise_url(target) in bad and (problem := url_problem(target)):
            found.add(normalise_url(target))
            yield diag_at(
                ctx, R_URL, obj, (), body_spot(ctx.project, obj, m.start(name)),
                message=f"lien vers « {_shown(target)} » refusé, {problem}", fix=_FIX_URL,
            )
    for url in sorted(bad - found):  # written in a way the patterns above do not know (a tab inside…)
        at = find_written(body, written[url])
        yield diag_at(
            ctx, R_URL, obj, (), body_spot(ctx.project, obj, max(at, 0)),
            message=f"lien vers « {_shown(url)} » refusé, {url_problem(url)}", fix=_FIX_URL,
        )


def _body_html(ctx: Context, obj: Any, body: str) -> Iterator[Diagnostic]:
    cursor = 0
    for s in stripped_from_markdown(body):
        if s.attribute in _URL_ATTRIBUTES and not s.what.startswith("l’attribut"):
            continue  # a refused URL: reported above as an erreur
        if s.attribute:
            pattern = rf"\b{re.escape(s.attribute)}\b"
        elif s.tag:
            pattern = rf"<{re.escape(s.tag)}" + (r"\b" if s.tag[-1].isalnum() else "")
        else:
            pattern = r"<!--"
        m = re.compile(pattern, re.I).search(body, cursor) or re.compile(pattern, re.I).search(body)
        offset = m.start() if m else 0
        cursor = offset + 1 if m else cursor
        yield diag_at(
            ctx, R_HTML, obj, (), body_spot(ctx.project, obj, offset),
            message=f"HTML retiré à la publication : {s.what}", fix=_FIX_HTML,
        )


def _shown(value: str, limit: int = 60) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in value.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"
