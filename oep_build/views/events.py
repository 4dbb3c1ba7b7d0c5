"""An event as every output shows it: organiser, place, French times, public links.

The site's agenda and campaign pages, the kits' « Rendez-vous » cards and the
calendar feeds all take these values from here; what may be shown (a committee
not yet public, a partner kept internal, someone's home address) is decided in
:mod:`oep_build.visibility`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from ..context import Context
from ..fr import date_fr
from ..model.content import Evenement
from ..visibility import address_is_private, shown_to

__all__ = ["MAP_SEARCH", "Organiser", "event_url", "map_link", "organiser", "place", "public_url", "time_fr", "when_fr"]

# A link to the map, never an embedded one: no request leaves the page until the reader asks.
MAP_SEARCH = "https://www.openstreetmap.org/search?query={}"


@dataclass(frozen=True)
class Organiser:
    nom: str
    comite: str = ""
    """The committee's id when a committee organises (the site links to its entry)."""
    url: str = ""
    """The partner's public site, when a partner organises."""


def organiser(ctx: Context, ev: Evenement, audience: str) -> Organiser | None:
    """Who organises ``ev``, when ``audience`` may know: a visible committee, else a partner shown to it."""
    p = ctx.project
    comite = p.comites.get(ev.organisateur.comite or "")
    if comite is not None and ctx.visible(comite, audience):
        return Organiser(comite.nom, comite=comite.id or "")
    partenaire = p.partenaires.get(ev.organisateur.partenaire or "")
    if partenaire is not None and shown_to(partenaire, audience):
        return Organiser(partenaire.nom, url=partenaire.url)
    return None


def place(ev: Evenement, reveal_private: bool = False) -> str:
    """« Salle des fêtes, 3 rue X, Lyon (69001) »; a private address gives the town and how to get it.

    ``reveal_private`` only for the internal calendar feeds: staff need the address.
    """
    lieu = ev.lieu
    if lieu is None:
        return "En ligne" if ev.en_ligne else ""
    private = not reveal_private and address_is_private(lieu)
    town = f"{lieu.commune} ({lieu.code_postal})" if lieu.code_postal else lieu.commune
    name = "" if private and lieu.chez_habitant else lieu.nom
    text = ", ".join(x for x in (name, "" if private else lieu.adresse, town) if x)
    if private:
        text += " — adresse précise communiquée après inscription"
    return text


def time_fr(t: dt.datetime | dt.time) -> str:
    """« 14 h », « 18 h 30 » (no-break spaces)."""
    return f"{t.hour}\u00a0h" + (f"\u00a0{t.minute:02d}" if t.minute else "")


def when_fr(debut: dt.datetime, fin: dt.datetime) -> str:
    """« samedi 7 mars 2026, de 10 h à 12 h 30 », or « du … à … au … à … » over several days."""
    if debut.date() == fin.date():
        return f"{date_fr(debut, weekday=True)}, de {time_fr(debut)} à {time_fr(fin)}"
    return f"du {date_fr(debut, weekday=True)} à {time_fr(debut)} au {date_fr(fin, weekday=True)} à {time_fr(fin)}"


def public_url(url: Any) -> str:
    """A registration link as printed and linked: web addresses only."""
    text = str(url or "").strip()
    return text if text.startswith(("https://", "http://")) else ""


def map_link(ev: Evenement) -> str:
    """OpenStreetMap search for the public address (the commune only when the address is private)."""
    lieu = ev.lieu
    if lieu is None:
        return ""
    private = address_is_private(lieu)
    parts = [lieu.commune] if private else [lieu.adresse, lieu.code_postal, lieu.commune]
    query = ", ".join(p for p in parts if p)
    if not private and lieu.nom and not lieu.adresse:
        query = f"{lieu.nom}, {query}"
    return MAP_SEARCH.format(quote_plus(query)) if query else ""


def event_url(site_url: str, eid: str) -> str:
    """Absolute address of an event's public page, for calendar files and print ("" without a site URL)."""
    return f"{site_url.rstrip('/')}/evenements/{eid}/" if site_url else ""
