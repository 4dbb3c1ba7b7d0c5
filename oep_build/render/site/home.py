"""Accueil: current campaigns, next temps forts with a countdown, latest kits, committees."""

from __future__ import annotations

from .common import (
    AGENDA,
    CAMPAGNES,
    COMITES,
    HOME,
    Page,
    SiteContext,
    link,
    render_template,
)
from .contact import contact_line
from .views import campaign_card, kit_card, temps_forts

__all__ = ["render_home"]

TEMPS_FORTS_MAX = 5
KITS_MAX = 3


def render_home(sc: SiteContext) -> Page:
    site = sc.project.site
    actives = [c for c in sc.campagnes if sc.is_active(c)]
    comites = [c for c in sc.project.comites.values() if sc.visible(c)]
    body = render_template(
        "home.md.j2",
        site=site,
        intro=(site.organisation.description or site.description).strip(),
        actives=[campaign_card(sc, c, HOME) for c in actives],
        passees_url=link(HOME, CAMPAGNES) if len(actives) < len(sc.campagnes) else "",
        temps_forts=temps_forts(sc, actives or sc.campagnes, HOME, upcoming=True)[:TEMPS_FORTS_MAX],
        agenda_url=link(HOME, AGENDA),
        kits=[kit_card(sc, k, HOME) for k in sc.kits_of()][:KITS_MAX],
        comites={
            "nombre": len(comites),
            "phrase": _comites_phrase(comites),
            "url": link(HOME, COMITES),
            "contact": contact_line(site.organisation.contact_public, "Nous écrire"),
        },
    )
    return Page(HOME, site.titre, body, description=site.description, nav_title="Accueil")


def _comites_phrase(comites: list) -> str:
    n = len(comites)
    deps = len({c.departement for c in comites})
    if n == 1:
        return "Un comité local agit déjà."
    return f"{n} comités locaux agissent déjà dans {deps} département" + ("s." if deps > 1 else ".")
