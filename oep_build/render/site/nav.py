"""The site menu: generated sections and hand-written pages merged by ``ordre``."""

from __future__ import annotations

from typing import Any

from ...model import Kit
from ...safety import escape_html
from ...typo import typographie
from .common import (
    ACTUALITES,
    AGENDA,
    CAMPAGNES,
    COMITES,
    EQUIPE,
    GUIDE,
    HOME,
    KITS,
    SiteContext,
    campaign_path,
    kit_path,
    page_path,
)
from .pages import visible_hand_pages
from .staff import SEMAINE, planning_path, report_path

__all__ = ["build_nav"]

# Menu positions of the generated sections; a hand-written page with ``ordre: 35``
# lands between Campagnes and Kits. Ties keep generated sections first.
ORDRE = {"accueil": 0, "actualites": 20, "campagnes": 30, "kits": 40, "agenda": 50, "comites": 60, "guide": 90, "equipe": 95}

MENU_MAX = 8
"""Campaigns (and their kits, plannings, reports) named in the menu: the current ones first, then
the latest. The theme writes the whole menu into every page: with every campaign of a national
election in it, each page would carry hundreds of links and the build would grow with the square
of the project. The section's first page (« Campagnes », « Kits ») lists them all."""


def build_nav(sc: SiteContext) -> list[Any]:
    """MkDocs ``nav``: a list of ``{titre: chemin}`` and ``{section: [...]}`` entries."""
    campagnes = sc.campagnes[:MENU_MAX]
    entries: list[tuple[int, int, Any]] = [
        (ORDRE["accueil"], 0, {"Accueil": HOME}),
        (ORDRE["actualites"], 0, {"Actualités": ACTUALITES}),
        (ORDRE["campagnes"], 0, {"Campagnes": [CAMPAGNES] + [{_t(c.titre): campaign_path(c.id or "")} for c in campagnes]}),
        (ORDRE["kits"], 0, {"Kits": [KITS] + [{_t(k.titre): kit_path(k.id or "")} for k in _menu_kits(sc)]}),
        (ORDRE["agenda"], 0, {"Agenda": AGENDA}),
        (ORDRE["comites"], 0, {"Comités": COMITES}),
    ]
    # Staff material stays out of the militants' menu (and search: see Page.unlisted).
    if sc.interne:
        entries.append((ORDRE["guide"], 0, {"Guide de saisie": GUIDE}))
        staff: list[Any] = [EQUIPE, {"Cette semaine": SEMAINE}]
        for c in campagnes:
            staff += [
                {_t(f"Planning — {c.titre}"): planning_path(c.id or "")},
                {_t(f"Rapport — {c.titre}"): report_path(c.id or "")},
            ]
        entries.append((ORDRE["equipe"], 0, {"Équipe": staff}))
    for p in visible_hand_pages(sc):
        if not (sc.interne or p.menu_public):
            continue
        entries.append((p.ordre, 1, {_t(p.titre): page_path(p.id or "")}))
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


def _menu_kits(sc: SiteContext) -> list[Kit]:
    """At most :data:`MENU_MAX` kits: those of the campaigns in the menu first, in the menu's order."""
    kits = sc.kits_of()
    if len(kits) <= MENU_MAX:
        return kits
    rank = {c.id: i for i, c in enumerate(sc.campagnes)}
    return sorted(kits, key=lambda k: rank.get(k.campagne, len(rank)))[:MENU_MAX]


def _t(title: str) -> str:
    # The theme writes menu titles into its HTML as they are.
    return escape_html(typographie(title))
