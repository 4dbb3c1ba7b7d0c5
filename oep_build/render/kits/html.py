"""Kit HTML: an :class:`Edition` through the Jinja print templates.

Templates and ``kit.css`` ship in ``oep_build/templates/kits/``; a file of the
same name in ``<root>/overrides/kits/`` replaces the default. Templates run
with ``StrictUndefined`` and autoescaping: a typo in an override is a
diagnostic, and content text can never inject markup.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ...context import Context
from ...diagnostics import Diagnostic
from ...typo import typographie
from ...views.images import resolve_image
from ...views.kits import Edition
from ...views.rules import R_IMAGE, R_IMAGE_BAD, R_TEMPLATE
from ..templating import environment
from .links import LinkResolver, kit_page_url, public_url
from .qr import qr_data_uri
from .tract import is_tract, tract_values
from .views import ViewBuilder, contact_view, date_fr

__all__ = ["PACKAGE_TEMPLATES", "KitDocument", "KitTemplates", "build_document"]

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates" / "kits"
OVERRIDES = Path("overrides") / "kits"
CSS_NAME = "kit.css"


class KitTemplates:
    """The print templates and CSS for one project, overrides first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.override_dir = root / OVERRIDES
        self.env = environment(self.override_dir, PACKAGE_TEMPLATES, autoescape=True)

    def css_path(self) -> Path:
        override = self.override_dir / CSS_NAME
        return override if override.is_file() else PACKAGE_TEMPLATES / CSS_NAME

    def css(self) -> str:
        return self.css_path().read_text(encoding="utf-8")

    def display_path(self, path: str | Path) -> str:
        """Project-relative path of an override, or the package path of a default."""
        p = Path(path).resolve()
        if p.is_relative_to(self.root.resolve()):
            return p.relative_to(self.root.resolve()).as_posix()
        return "oep_build/templates/kits/" + p.relative_to(PACKAGE_TEMPLATES).as_posix()

    def render(self, values: dict[str, Any], template: str = "kit.html") -> tuple[str | None, Diagnostic | None]:
        try:
            return self.env.get_template(template).render(**values), None
        except jinja2.TemplateError as exc:
            return None, self._template_diag(exc)

    def _template_diag(self, exc: jinja2.TemplateError) -> Diagnostic:
        file, line = getattr(exc, "filename", None), getattr(exc, "lineno", None) or 0
        if file is None:
            # Runtime errors (undefined value) carry the template line in the traceback.
            tb = exc.__traceback__
            while tb is not None:
                name = tb.tb_frame.f_code.co_filename
                if name.endswith(".html") and os.path.exists(name):
                    file, line = name, tb.tb_lineno
                tb = tb.tb_next
        shown = self.display_path(file) if file else "overrides/kits/kit.html"
        return Diagnostic(
            R_TEMPLATE.id,
            R_TEMPLATE.level,
            shown,
            line,
            1 if line else 0,
            f"gabarit de kit invalide : {exc.message or type(exc).__name__}",
            "corrigez le gabarit (syntaxe Jinja, noms des valeurs) ou supprimez-le pour revenir au gabarit par défaut",
        )


@dataclass
class KitDocument:
    """The HTML of one edition, ready for the PDF engine."""

    edition: Edition
    html: str
    title: str
    images: list[str]
    """Project-relative files the HTML loads (hashed into the cache key)."""
    missing_glyphs: set[str] = field(default_factory=set)
    """Characters the kit fonts lack (already diagnosed: the engine need not repeat them)."""


def build_document(
    ctx: Context, templates: KitTemplates, edition: Edition, memo: dict | None = None
) -> tuple[KitDocument | None, list[Diagnostic]]:
    """Render one edition to HTML; (None, diagnostics) when a template is broken."""
    site = ctx.project.site
    assert site is not None  # the check stage refuses a project without site.yml
    in_kit = {(p.folder, p.obj.id): p.anchor for p in edition.pieces}
    anchors = set(in_kit.values()) | {f"source-{s.id}" for _, s in edition.sources}
    anchors |= {s.anchor for s in edition.sections}
    resolver = LinkResolver(
        ctx.project, site.url, in_kit, anchors, is_visible=lambda o: ctx.visible(o, edition.audience)
    )
    views = ViewBuilder(ctx, edition, edition.audience, resolver, {} if memo is None else memo)
    values = _values(ctx, edition, views)
    if is_tract(edition):  # one page: the cover's values plus what the tract says
        comite = values["comite"]
        values.update(tract_values(ctx, edition, comite["evenements"][0] if comite and comite["evenements"] else None))
        # A passer-by scans it: the code leads to the kit's page, whatever the edition.
        values.update(qr=_qr(values["url_kit"]), url_edition=values["url_kit"])
    html, problem = templates.render(values, "tract.html" if is_tract(edition) else "kit.html")
    diags = list(views.diags)
    if problem is not None or html is None:
        return None, diags + ([problem] if problem is not None else [])
    return KitDocument(edition, html, values["titre_document"], sorted(set(views.images))), diags


def _values(ctx: Context, edition: Edition, views: ViewBuilder) -> dict[str, Any]:
    site = ctx.project.site
    assert site is not None
    kit = edition.kit
    org = site.organisation
    url = kit_page_url(site.url, edition.kit_id)
    titre = typographie(kit.titre)
    titre_document = titre + (f" — édition locale : {edition.comite.nom}" if edition.comite else "")
    return {
        "format": kit.format.value,
        "titre": titre,
        "titre_document": typographie(titre_document),
        "sous_titre": typographie(kit.sous_titre),
        "description": typographie(
            kit.sous_titre or (edition.campagne.resume if edition.campagne else "")
        ).strip(),
        "campagne": typographie(edition.campagne.titre) if edition.campagne else "",
        "version": kit.version,
        "date_version": date_fr(kit.date_version),
        "horodatage": _timestamp(kit.date_version),
        "interne": edition.audience == "interne",
        "url_kit": url,
        "url_kit_court": url.split("://", 1)[-1].rstrip("/"),
        # Each edition's code leads to that edition: a committee's PDF, else the kit's page.
        "qr": _qr(public_url(site.url, edition.rel_path) if edition.comite else url),
        "url_edition": public_url(site.url, edition.rel_path) if edition.comite else url,
        "couleurs": {
            "primaire": _colour(org.couleurs.primaire, "#1b5e20"),
            "accent": _colour(org.couleurs.accent, "#f9a825"),
        },
        "organisation": {
            "nom": typographie(org.nom),
            "description": typographie(org.description.strip()),
            "logo": _logo(ctx, views),
            "contact": contact_view(org.contact_public),
            "licence": org.licence,
            "mentions": typographie(org.mentions.strip()),
        },
        "sections": [
            {"titre": typographie(s.title), "ancre": s.anchor, "pieces": [views.piece(p) for p in s.pieces]}
            for s in edition.sections
        ],
        "sources": [
            {
                "numero": n,
                "ancre": f"source-{s.id}",
                "titre": typographie(s.titre),
                "editeur": typographie(s.editeur),
                "date": date_fr(s.date_publication) if s.date_publication else "",
                "url": s.url if s.url.startswith(("https://", "http://")) else "",
                "consulte": date_fr(s.consulte_le) if s.consulte_le else "",
            }
            for n, s in edition.sources
        ],
        "comite": _comite(ctx, edition, views),
        "changelog": [
            {"version": c.version, "date": date_fr(c.date), "resume": typographie(c.resume)}
            for c in kit.changelog
        ],
    }


def _qr(url: str) -> str:
    return qr_data_uri(url)


def _timestamp(fallback: dt.date) -> str:
    """Creation date written in the PDF: SOURCE_DATE_EPOCH when set, else the kit's version date.

    Never the wall clock: the same sources must give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{fallback.isoformat()}T00:00:00Z"


def _logo(ctx: Context, views: ViewBuilder) -> str:
    site = ctx.project.site
    assert site is not None
    logo = site.organisation.logo
    if not logo:
        return ""
    rel, why, kind = resolve_image(Path(ctx.project.root), "content/", logo)
    if rel is None:
        views.diags.append(
            ctx.diag(
                R_IMAGE if kind == "image" else R_IMAGE_BAD,
                site,
                "organisation",
                "logo",
                message=f"logo des kits : {why}",
                fix="placez le logo sous content/ (chemin relatif à content/, ex. assets/logo.svg)",
            )
        )
        return ""
    views.images.append(rel)
    return rel


def _comite(ctx: Context, edition: Edition, views: ViewBuilder) -> dict[str, Any] | None:
    comite = edition.comite
    if comite is None:
        return None
    referent = comite.referent
    return {
        "index": edition.comite_index,
        "nom": typographie(comite.nom),
        "commune": comite.commune,
        "departement": comite.departement,
        "description": typographie(comite.description.strip()),
        "contact": contact_view(comite.contact_public),
        "referent": referent.nom if referent is not None and referent.consentement_le is not None else "",
        "evenements": [views.event(ev) for ev in edition.local_events],
    }


_HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")


def _colour(value: str, default: str) -> str:
    # The colour lands in a <style> block: anything but a hex code could inject CSS.
    return value if _HEX.fullmatch(value.strip()) else default
