"""Agenda: the next events, then one page per département (a national agenda stays readable)."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from ...fr import month_year
from ...model.content import Evenement
from .common import AGENDA, Page, SiteContext, departement_nom, link, render_template
from .events import EventView, event_view, visible_events

__all__ = ["NEXT_EVENTS", "agenda_departement_path", "render_agenda"]

ONLINE = "en-ligne"
NEXT_EVENTS = 20
"""How many upcoming events the agenda's first page shows; the rest are on the département pages."""


def agenda_departement_path(code: str) -> str:
    return f"agenda/{code.lower()}/index.md"


def render_agenda(sc: SiteContext) -> list[Page]:
    """The agenda page and one page per département (and « en ligne ») that has events."""
    events = visible_events(sc)
    views = [event_view(sc, e, AGENDA) for e in events]
    upcoming = [v for v in views if not v.passe]
    groups = _by_departement(views)
    feed = "agenda.ics" if "agenda.ics" in sc.feeds else ""
    departements = [
        {**g, "url": link(AGENDA, agenda_departement_path(str(g["code"]))), "a_venir": sum(1 for v in _events(g) if not v.passe)}
        for g in groups
    ]
    body = render_template(
        "agenda.md.j2",
        a_venir=_by_month(upcoming[:NEXT_EVENTS]),
        plus=len(upcoming) - NEXT_EVENTS if len(upcoming) > NEXT_EVENTS else 0,
        passes=sum(1 for v in views if v.passe),
        departements=departements,
        flux=link(AGENDA, feed) if feed else "",
    )
    pages = [Page(AGENDA, "Agenda", body, description="Les rendez-vous près de chez vous : réunions, rassemblements, débats.")]
    by_code: dict[str, list[Evenement]] = {}
    for e, v in zip(events, views, strict=True):
        by_code.setdefault(v.departement or ONLINE, []).append(e)
    for g in groups:
        code, nom = str(g["code"]), str(g["nom"])
        pages.append(_departement_page(sc, code, nom, by_code[code], feed))
    return pages


def _departement_page(sc: SiteContext, code: str, nom: str, events: list[Evenement], feed: str) -> Page:
    here = agenda_departement_path(code)
    views = [event_view(sc, e, here) for e in events]
    upcoming = [v for v in views if not v.passe]
    past = sorted((v for v in views if v.passe), key=lambda v: v.iso, reverse=True)
    titre = "Agenda : en ligne" if code == ONLINE else f"Agenda : {nom}"
    body = render_template(
        "agenda-departement.md.j2",
        titre=titre,
        a_venir=_by_month(upcoming),
        passes=_by_month(past),
        agenda=link(here, AGENDA),
        flux=link(here, feed) if feed else "",
    )
    # Each event is indexed once, on its campaign's page (title, date, place): indexing these
    # pages too would double the public search index of a national agenda.
    return Page(here, titre, body, description=f"Les rendez-vous près de chez vous : {nom}.", searchable=False)


def _events(group: dict[str, object]) -> list[EventView]:
    events = group["evenements"]
    return events if isinstance(events, list) else []


def _by_month(views: list[EventView]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for key, group in groupby(views, key=lambda v: v.iso[:7]):
        year, month = (int(x) for x in key.split("-"))
        label = month_year(dt.date(year, month, 1))
        out.append({"slug": f"mois-{key}", "titre": label[:1].upper() + label[1:], "evenements": list(group)})
    return out


def _by_departement(views: list[EventView]) -> list[dict[str, object]]:
    groups: dict[str, list[EventView]] = {}
    for v in views:
        groups.setdefault(v.departement or ONLINE, []).append(v)
    out: list[dict[str, object]] = []
    for code in sorted(groups, key=_dep_key):
        nom = "En ligne" if code == ONLINE else departement_nom(code)
        out.append({"code": code, "nom": nom, "evenements": groups[code]})
    return out


def _dep_key(code: str) -> tuple[int, str]:
    # 01…19, 2A, 2B, 21…95, then overseas (971…), then online.
    if code == ONLINE:
        return (2, "")
    if code.startswith("97") and len(code) == 3:
        return (1, code)
    return (0, code.replace("2A", "20A").replace("2B", "20B").zfill(3))
