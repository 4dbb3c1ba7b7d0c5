"""Events as the agenda, campaign and kit pages show them (never a private address)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote_plus

from ...model.content import Evenement
from .common import (
    COMITES,
    Page,
    SiteContext,
    campaign_path,
    date_fr,
    departement_nom,
    event_path,
    link,
    md_link,
    render_template,
    time_fr,
    url,
)

__all__ = ["EventView", "event_view", "render_event_pages", "visible_events"]

# A link to the map, never an embedded one: no request leaves the page until the reader asks.
MAP_SEARCH = "https://www.openstreetmap.org/search?query={}"


@dataclass
class EventView:
    id: str
    titre: str
    type: str
    quand: str
    iso: str
    passe: bool
    annule: bool
    lieu: str
    departement: str
    departement_nom: str
    en_ligne: bool
    organisateur: str
    description: str
    inscription_url: str
    accessibilite: str
    agenda_url: str
    campagne: str
    campagne_url: str
    badges: str
    page_url: str
    """This event's own page, from the page that shows the card."""
    carte_url: str
    """OpenStreetMap search for the public address (the commune only when the address is private)."""

    @property
    def inscription_ouverte(self) -> bool:
        """Sign-up is offered only for events still to come."""
        return bool(self.inscription_url) and not self.passe and not self.annule


def visible_events(sc: SiteContext, cid: str | None = None) -> list[Evenement]:
    """Approved (public) or all (interne) events, by start time (of one campaign if ``cid``)."""
    by_campaign = _events_by_campaign(sc)
    if cid is not None:
        return by_campaign.get(cid, [])
    return sorted((e for items in by_campaign.values() for e in items), key=lambda e: (e.debut, e.id or ""))


def _events_by_campaign(sc: SiteContext) -> dict[str | None, list[Evenement]]:
    # Grouped once per build: every campaign page asks for its own.
    cached = getattr(sc, "_events", None)
    if cached is None:
        cached = {}
        for e in sorted(sc.project.evenements.values(), key=lambda e: (e.debut, e.id or "")):
            if sc.visible(e):
                cached.setdefault(sc.project.campagne_id_of(e), []).append(e)
        sc._events = cached  # type: ignore[attr-defined]
    return cached


def event_view(sc: SiteContext, ev: Evenement, here: str) -> EventView:
    c = sc.project.campagne_of(ev)
    dep = ev.lieu.departement if ev.lieu else ""
    return EventView(
        id=ev.id or "",
        titre=ev.titre,
        type=ev.type,
        quand=_when(ev.debut, ev.fin),
        iso=ev.debut.isoformat(timespec="minutes"),
        passe=ev.fin.date() < sc.today,
        annule=ev.deroulement.value == "annule",
        lieu=_place(ev),
        departement=dep,
        departement_nom=departement_nom(dep) if dep else ("En ligne" if ev.en_ligne else ""),
        en_ligne=ev.en_ligne,
        organisateur=_organiser(sc, ev, here),
        description=ev.description.strip(),
        inscription_url=url(ev.inscription_url),
        accessibilite=ev.accessibilite.strip(),
        agenda_url=_calendar_link(sc, ev, here),
        campagne=c.titre if c else "",
        campagne_url=link(here, campaign_path(c.id or "")) if c else "",
        badges=sc.badges(ev),
        page_url=link(here, event_path(ev.id or "")),
        carte_url=url(_map_link(ev)),
    )


def render_event_pages(sc: SiteContext) -> list[Page]:
    """One page per event shown on the site: a shareable address for each."""
    pages = []
    for ev in visible_events(sc):
        here = event_path(ev.id or "")
        e = event_view(sc, ev, here)
        body = render_template("evenement.md.j2", e=e)
        summary = " · ".join(x for x in (e.quand, e.lieu) if x)
        pages.append(Page(here, ev.titre, body, description=summary))
    return pages


def _map_link(ev: Evenement) -> str:
    lieu = ev.lieu
    if lieu is None:
        return ""
    private = lieu.chez_habitant or lieu.adresse_visibilite != "publique"
    parts = [lieu.commune] if private else [lieu.adresse, lieu.code_postal, lieu.commune]
    query = ", ".join(p for p in parts if p)
    if not private and lieu.nom and not lieu.adresse:
        query = f"{lieu.nom}, {query}"
    return MAP_SEARCH.format(quote_plus(query)) if query else ""


def _when(debut: dt.datetime, fin: dt.datetime) -> str:
    if debut.date() == fin.date():
        return f"{date_fr(debut, weekday=True)}, de {time_fr(debut)} à {time_fr(fin)}"
    return f"du {date_fr(debut, weekday=True)} à {time_fr(debut)} au {date_fr(fin, weekday=True)} à {time_fr(fin)}"


def _place(ev: Evenement) -> str:
    if ev.lieu is None:
        return "En ligne" if ev.en_ligne else ""
    lieu = ev.lieu
    commune = f"{lieu.commune} ({lieu.code_postal})" if lieu.code_postal else lieu.commune
    # An address given only to registered people, or someone's home, never reaches the page.
    private = lieu.chez_habitant or lieu.adresse_visibilite != "publique"
    parts = [p for p in (lieu.nom if not lieu.chez_habitant else "", "" if private else lieu.adresse) if p]
    text = ", ".join(parts + [commune])
    if private:
        text += " — adresse précise communiquée après inscription"
    return text


def _organiser(sc: SiteContext, ev: Evenement, here: str) -> str:
    org = ev.organisateur
    if org.comite:
        comite = sc.project.comites.get(org.comite)
        if comite is not None and sc.visible(comite):
            return md_link(comite.nom, f"{link(here, COMITES)}#comite-{comite.id}")
    if org.partenaire:
        p = sc.project.partenaires.get(org.partenaire)
        if p is not None and (sc.interne or p.visibilite.value == "public"):
            return md_link(p.nom, p.url) if p.url else p.nom
    return ""


def _calendar_link(sc: SiteContext, ev: Evenement, here: str) -> str:
    """Link to this event's own .ics when the feeds provide one, else to the whole agenda feed."""
    for path in (f"evenements/{ev.id}.ics", "agenda.ics"):
        if path in sc.feeds:
            return link(here, path)
    return ""
