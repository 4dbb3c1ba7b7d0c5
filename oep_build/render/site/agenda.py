"""Agenda: events by date and by département, filterable with a few lines of JavaScript."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from ...fr import month_year
from .common import AGENDA, Page, SiteContext, departement_nom, link, render_template
from .events import EventView, event_view, visible_events

__all__ = ["render_agenda"]

ONLINE = "en-ligne"


def render_agenda(sc: SiteContext) -> Page:
    here = AGENDA
    views = [event_view(sc, e, here) for e in visible_events(sc)]
    upcoming = [v for v in views if not v.passe]
    past = sorted((v for v in views if v.passe), key=lambda v: v.iso, reverse=True)
    body = render_template(
        "agenda.md.j2",
        a_venir=_by_month(upcoming),
        passes=_by_month(past),
        departements=_by_departement(views),
        flux=link(here, "agenda.ics") if "agenda.ics" in sc.feeds else "",
    )
    return Page(here, "Agenda", body, description="Les rendez-vous près de chez vous : réunions, rassemblements, débats.")


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
