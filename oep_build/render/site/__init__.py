"""Site pages: the project rendered as plain Markdown + nav for any MkDocs-compatible engine.

Nothing here imports an engine: the output is a docs folder's content (pages,
feeds, assets) and a menu; :mod:`oep_build.engines` turns it into HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...context import Context
from ...safety import THEME_UNSAFE, is_site_address, theme_text
from .agenda import render_agenda
from .articles import render_article_pages
from .assets import asset_copies, colours_css, robots_txt
from .atom import render_atom_feeds
from .campaign import render_campaign, render_campaigns_index
from .comites import render_comites
from .common import ACTUALITES_FEED, KitLink, Page, SiteContext
from .events import render_event_pages
from .guide_saisie import render_guide_saisie
from .home import render_home
from .kit import render_kit, render_kits_index
from .nav import build_nav
from .pages import render_hand_pages
from .reuse import kept_page, reads_own_folder
from .staff import render_staff_pages

__all__ = ["KitLink", "Page", "SiteDocs", "render_site"]

COLOURS_CSS = "assets/stylesheets/couleurs.css"


@dataclass
class SiteDocs:
    """Everything the engine needs: file contents, files to copy, the menu and site settings."""

    files: dict[str, bytes] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)


def render_site(
    ctx: Context,
    audience: str,
    kits: Iterable[Any] = (),
    feeds: dict[str, bytes] | None = None,
) -> SiteDocs:
    """Generate every page of ``audience``'s site; ``kits`` are rendered PDFs (KitOutput)."""
    kits = list(kits)
    booklets = [k for k in kits if getattr(k, "support", "livret") == "livret"]
    tracts = [k for k in kits if getattr(k, "support", "livret") == "tract"]
    sc = SiteContext(ctx, audience, kits=_kit_links(booklets), tracts=_kit_links(tracts), feeds=dict(feeds or {}))
    # Pages: each renderer asks sc what this audience may see.
    pages = [render_home(sc), render_campaigns_index(sc)]
    pages += [_campaign_page(sc, c) for c in sc.campagnes]
    pages += [render_kits_index(sc)] + [render_kit(sc, k) for k in sc.kits_of()]
    pages += [*render_agenda(sc), render_comites(sc)]
    pages += render_article_pages(sc)
    pages += render_event_pages(sc)
    pages += render_hand_pages(sc)
    pages.append(render_guide_saisie(unlisted=not sc.interne))
    if sc.interne:
        pages += render_staff_pages(sc)
    # Files: pages, feeds, generated assets; copies: fonts, org assets, shown visuels only.
    docs = SiteDocs(pages=pages, nav=build_nav(sc), settings=_settings(sc))
    docs.files = {p.path: p.text().encode("utf-8") for p in pages}
    docs.files.update(sc.feeds)
    docs.files.update(render_atom_feeds(sc))
    docs.files[COLOURS_CSS] = colours_css(*_colours(sc)).encode("utf-8")
    docs.files["robots.txt"] = robots_txt(audience)
    docs.copies = {**asset_copies(sc), **sc.copies}
    return docs


def _campaign_page(sc: SiteContext, c: Any) -> Page:
    if reads_own_folder(sc, c):  # oep serve keeps it while the campaign's folder is unchanged
        return kept_page(sc, ("campagne",), c, render_campaign, sc, c)
    return render_campaign(sc, c)


def _kit_links(kits: Iterable[Any]) -> dict[str, list[KitLink]]:
    out: dict[str, list[KitLink]] = {}
    for k in kits:
        out.setdefault(k.kit_id, []).append(KitLink(k.path, k.pages, k.size, k.comite))
    return out


def _colours(sc: SiteContext) -> tuple[str, str]:
    c = sc.project.site.organisation.couleurs
    return c.primaire, c.accent


def _settings(sc: SiteContext) -> dict[str, Any]:
    """Site-wide values for the engine config (name, address, logo, footer)."""
    site = sc.project.site
    org = site.organisation
    # The theme prints these texts unescaped (Material's footer, logo label): theme_text.
    name = theme_text(site.titre) + (" (interne)" if sc.interne else "")
    return {
        "site_name": name,
        # The internal site lives elsewhere: canonical links and its sitemap must not
        # point at the public address (nor announce internal pages there).
        "site_url": "" if sc.interne or not is_site_address(site.url) else site.url,
        "site_description": theme_text(site.description),
        "logo": org.logo if _asset_exists(sc, org.logo) else "",
        # Internal material is not offered for reuse: no licence on the internal site.
        "copyright": f"{theme_text(org.nom)} · document interne, ne pas diffuser"
        if sc.interne
        else f"{theme_text(org.nom)} · contenus sous licence {theme_text(org.licence)}",
        "og_image": org.image_partage if _asset_exists(sc, org.image_partage) else "",
        "og_image_alt": theme_text(org.image_partage_alt),
        "extra_css": [COLOURS_CSS],
        # Announced in every page's <head> (overrides/main.html).
        "feed": ACTUALITES_FEED,
        "feed_title": f"{theme_text(org.nom)} — actualités",
        "audience": sc.audience,
        "engine": site.moteur,
    }


def _asset_exists(sc: SiteContext, rel: str) -> bool:
    """``rel`` names a file under content/ that the theme can print in an attribute as it is."""
    return bool(rel) and not any(c in rel for c in THEME_UNSAFE) and (Path(sc.project.root) / "content" / rel).is_file()
