"""Events as the agenda, campaign and kit pages show them (never a private address)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...incremental import kept
from ...model.content import Evenement
from ...views.events import map_link, organiser, place, when_fr
from .common import (
    COMITES, Page, SiteContext, campaign_path, departement_nom, event_path, link, md_link, render_template, url,
)
from .reuse import kept_page

__all__ = ["EventView", "event_view", "render_event_pages", "visible_events"]


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
    """What a page at ``here`` shows of ``ev`` (kept between runs of ``oep serve``: the agenda asks for every event)."""
    return kept(sc.ctx, ("vue-evenement", sc.audience, here), ev, _event_view, sc, ev, here)


def _event_view(sc: SiteContext, ev: Evenement, here: str) -> EventView:
    c = sc.project.campagne_of(ev)
    dep = ev.lieu.departement if ev.lieu else ""
    return EventView(
        id=ev.id or "",
        titre=ev.titre,
        type=ev.type,
        quand=when_fr(ev.debut, ev.fin),
        iso=ev.debut.isoformat(timespec="minutes"),
        passe=ev.fin.date() < sc.today,
        annule=ev.deroulement.value == "annule",
        lieu=place(ev),
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
        carte_url=url(map_link(ev)),
    )


def render_event_pages(sc: SiteContext) -> list[Page]:
    """One page per event shown on the site: a shareable address for each."""
    pages = []
    for ev in visible_events(sc):
        pages.append(kept_page(sc, ("evenement",), ev, _event_page, sc, ev))
    return pages


def _event_page(sc: SiteContext, ev: Evenement) -> Page:
    here = event_path(ev.id or "")
    e = event_view(sc, ev, here)
    body = render_template("evenement.md.j2", e=e)
    summary = " · ".join(x for x in (e.quand, e.lieu) if x)
    return Page(here, ev.titre, body, description=summary)


def _organiser(sc: SiteContext, ev: Evenement, here: str) -> str:
    org = organiser(sc.ctx, ev, sc.audience)
    if org is None:
        return ""
    if org.comite:
        return md_link(org.nom, f"{link(here, COMITES)}#comite-{org.comite}")
    return md_link(org.nom, org.url) if org.url else org.nom


def _calendar_link(sc: SiteContext, ev: Evenement, here: str) -> str:
    """Link to this event's own .ics when the feeds provide one, else to the whole agenda feed."""
    for path in (f"evenements/{ev.id}.ics", "agenda.ics"):
        if path in sc.feeds:
            return link(here, path)
    return ""
