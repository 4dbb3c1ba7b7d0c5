"""Small view models shared by several pages (cards, temps forts, PDF links)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...fr import day_fr
from ...model import Campagne, Kit
from .common import SiteContext, campaign_path, countdown_fr, date_fr, kit_path, link

__all__ = ["TempsFortView", "campaign_card", "kit_card", "pdf_label", "periode", "temps_forts"]


@dataclass
class TempsFortView:
    titre: str
    date: str
    iso: str
    iso_fin: str
    countdown: str
    campagne: str
    url: str
    type: str
    statut: str
    factuel: bool
    description: str
    passe: bool


def periode(c: Campagne) -> str:
    return f"Du {date_fr(c.debut)} au {date_fr(c.fin)}"


def campaign_card(sc: SiteContext, c: Campagne, here: str) -> dict[str, str]:
    return {
        "id": c.id or "",
        "titre": c.titre,
        "resume": c.resume.strip(),
        "url": link(here, campaign_path(c.id or "")),
        "periode": periode(c),
        "badges": sc.badges(c),
    }


def pdf_label(sc: SiteContext, kit: Kit) -> str:
    """« PDF, 12 pages, 1,2 Mo » for the national edition, or "" without PDFs."""
    national = [k for k in sc.kits.get(kit.id or "", []) if k.comite is None]
    return national[0].label if national else ""


def kit_card(sc: SiteContext, k: Kit, here: str) -> dict[str, str]:
    return {
        "id": k.id or "",
        "titre": k.titre,
        "sous_titre": k.sous_titre,
        "url": link(here, kit_path(k.id or "")),
        "version": k.version,
        "date": date_fr(k.date_version),
        "pdf": pdf_label(sc, k),
        "badges": sc.badges(k),
    }


def temps_forts(sc: SiteContext, campagnes: list[Campagne], here: str, *, upcoming: bool) -> list[TempsFortView]:
    """Shown temps forts of ``campagnes`` by date; only those not yet over when ``upcoming``."""
    out = []
    for c in campagnes:
        for tf in c.temps_forts:
            if not sc.shown(tf):
                continue
            last = tf.date_fin or tf.date
            passe = last < sc.today
            if upcoming and (passe or tf.statut.value == "annule"):
                continue
            out.append(_temps_fort(sc, c, tf, here, passe, last))
    return sorted(out, key=lambda v: (v.iso, v.titre))


def _temps_fort(sc, c, tf, here, passe: bool, last: dt.date) -> TempsFortView:
    if tf.date_fin and tf.date_fin != tf.date:
        text = f"du {_start_of_span(tf.date, tf.date_fin)} au {date_fr(tf.date_fin)}"
    else:
        text = date_fr(tf.date, weekday=True)
    return TempsFortView(
        titre=tf.titre,
        date=text,
        iso=tf.date.isoformat(),
        iso_fin=tf.date_fin.isoformat() if tf.date_fin else "",
        countdown=countdown_fr(tf.date, sc.today, last),
        campagne=c.titre,
        url=link(here, campaign_path(c.id or "")),
        type=tf.type,
        statut=tf.statut.value,
        factuel=tf.factuel,
        description=tf.description,
        passe=passe,
    )


def _start_of_span(start: dt.date, end: dt.date) -> str:
    """« 19 » in « du 19 au 20 juillet 2025 », « 30 juin » across months, the full date across years."""
    if (start.year, start.month) == (end.year, end.month):
        return day_fr(start)
    return date_fr(start, year=start.year != end.year)
