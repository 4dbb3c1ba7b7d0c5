"""Events as the agenda, campaign and kit pages show them (never a private address)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model.content import Evenement
from .common import (
    md_link,
    url,
    COMITES,
    SiteContext,
    campaign_path,
    date_fr,
    departement_nom,
    link,
    time_fr,
)

__all__ = ["EventView", "event_view", "visible_events"]


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
    )


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
