"""Prefecture declarations of demonstrations, as a to-do with a legal window.

A demonstration on the public highway is declared 3 to 15 *jours francs* before
(art. L211-2 du Code de la sécurité intérieure): neither the filing day nor the
day of the event count. From the day the window opens (``declaration_rappel_jours``
in ``site.yml``, 15 by default) until ``deposee_le`` is written, the declaration is
work for someone: the checks, ``oep plan``, the « Cette semaine » and Équipe pages
and that person's calendar feed all read it from here. Nothing reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .eventtime import local_span
from .model import Project
from .model.content import Deroulement, Evenement

__all__ = [
    "DECLARATION_MAX",
    "DECLARATION_MIN",
    "PendingDeclaration",
    "last_legal_day",
    "open_declarations",
    "opening_day",
    "pending_declarations",
]

DECLARATION_MIN = 3
"""At least this many jours francs between the filing and the event."""
DECLARATION_MAX = 15
"""At most this many (an earlier filing is refused)."""


def last_legal_day(day: dt.date) -> dt.date:
    """Last filing day that still leaves ``DECLARATION_MIN`` jours francs before ``day``."""
    return day - dt.timedelta(days=DECLARATION_MIN + 1)


def opening_day(day: dt.date, jours: int = DECLARATION_MAX) -> dt.date:
    """Day from which the declaration is a to-do: ``jours`` jours francs before ``day``."""
    return day - dt.timedelta(days=jours + 1)


@dataclass(frozen=True)
class PendingDeclaration:
    """A declaration that is required and not filed (as of the day asked about)."""

    evenement: Evenement
    campagne: str
    responsable: str | None
    """Who files it: the declaration's ``responsable``, else the campaign's pilote."""
    jour: dt.date
    """Day of the event (local time)."""
    ouverture: dt.date
    dernier_jour: dt.date

    def is_open(self, today: dt.date) -> bool:
        """The to-do has started (the window is open, or already closed)."""
        return today >= self.ouverture

    def too_late(self, today: dt.date) -> bool:
        return today > self.dernier_jour


def pending_declarations(project: Project, today: dt.date, tz: ZoneInfo, jours: int | None = None) -> list[PendingDeclaration]:
    """Required declarations not filed by ``today`` (a ``deposee_le`` after it does not count yet),
    for events that have not started; sorted by last legal day."""
    if jours is None:
        jours = project.site.parametres.declaration_rappel_jours if project.site else DECLARATION_MAX
    out = []
    for _eid, ev in sorted(project.evenements.items()):
        decl = ev.declaration_prefecture
        if not decl.requise or ev.deroulement is Deroulement.annule:
            continue
        if decl.deposee_le is not None and decl.deposee_le <= today:
            continue
        day = local_span(ev, tz)[0].date()
        if day < today:
            continue
        cid = project.campagne_id_of(ev) or ""
        c = project.campagnes.get(cid)
        who = decl.responsable or (c.pilote if c is not None else None)
        out.append(PendingDeclaration(ev, cid, who, day, opening_day(day, jours), last_legal_day(day)))
    return sorted(out, key=lambda d: (d.dernier_jour, d.campagne, d.evenement.id or ""))


def open_declarations(project: Project, today: dt.date, tz: ZoneInfo) -> list[PendingDeclaration]:
    """The pending declarations whose filing window is open (or already closed): work to do now."""
    return [d for d in pending_declarations(project, today, tz) if d.is_open(today)]
