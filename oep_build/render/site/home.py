"""Accueil: one call to action, the next events near the reader, the kits to print.

When nothing is running, the latest campaign with its result and the archive:
the home page is never a dead end.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Campagne
from ...model.campaign import TempsFort
from .common import (
    AGENDA,
    CAMPAGNES,
    COMITES,
    HOME,
    KITS,
    Page,
    SiteContext,
    campaign_path,
    date_fr,
    departement_nom,
    link,
    render_template,
)
from .contact import contact_line
from .events import event_view, visible_events
from .views import TempsFortView, campaign_card, kit_card, temps_forts

__all__ = ["CallToAction", "call_to_action", "render_home"]

TEMPS_FORTS_MAX = 4
EVENTS_MAX = 6
KITS_MAX = 3
CAMPAIGNS_MAX = 6
"""Running campaigns shown as cards (the menu's first ones); « Campagnes » lists them all. With
every campaign of a national election, the home page would be a wall of hundreds of cards."""


@dataclass
class CallToAction:
    """The one thing the home page asks today, as a banner with one button."""

    quand: str
    """« vendredi 6 février 2026 »."""
    iso: str
    titre: str
    texte: str
    campagne: str
    bouton: str
    url: str
    countdown: TempsFortView | None = None
    """« demain », recomputed in the reader's browser (the page may be days old)."""


def render_home(sc: SiteContext) -> Page:
    site = sc.project.site
    actives = [c for c in sc.campagnes if sc.is_active(c)]
    appel = call_to_action(sc, actives)
    upcoming = [e for e in visible_events(sc) if e.fin.date() >= sc.today]
    events = [event_view(sc, e, HOME) for e in upcoming[:EVENTS_MAX]]
    current_kits = [k for c in actives for k in sc.kits_of(c.id)]
    latest = _latest_finished(sc) if not actives else None
    comites = [c for c in sc.project.comites.values() if sc.visible(c)]
    body = render_template(
        "home.md.j2",
        titre="Agir maintenant" if appel else "Agir avec nous",
        intro=(site.organisation.description or site.description).strip(),
        appel=appel,
        actives=[campaign_card(sc, c, HOME) for c in actives[:CAMPAIGNS_MAX]],
        actives_total=len(actives),
        temps_forts=[tf for tf in temps_forts(sc, actives, HOME, upcoming=True) if not appel or tf.iso != appel.iso][
            :TEMPS_FORTS_MAX
        ],
        evenements=events,
        evenements_plus=max(0, len(upcoming) - EVENTS_MAX),
        departements=_departements(events),
        agenda_url=link(HOME, AGENDA),
        kits=[kit_card(sc, k, HOME) for k in (current_kits or sc.kits_of())][:KITS_MAX],
        kits_courants=bool(current_kits),
        kits_url=link(HOME, KITS),
        derniere=latest,
        archives_url=link(HOME, CAMPAGNES),
        comites={
            "nombre": len(comites),
            "phrase": _comites_phrase(comites),
            "url": link(HOME, COMITES),
            "contact": contact_line(site.organisation.contact_public, "Nous écrire"),
        },
    )
    return Page(HOME, site.titre, body, description=site.description, nav_title="Accueil")


def call_to_action(sc: SiteContext, actives: list[Campagne]) -> CallToAction | None:
    """The nearest shown temps fort of a running campaign, else its petition; None when nothing runs."""
    nearest: tuple[TempsFort, Campagne] | None = None
    for c in actives:
        for tf in c.temps_forts:
            last = tf.date_fin or tf.date
            if not sc.shown(tf) or last < sc.today or tf.statut.value == "annule":
                continue
            if nearest is None or (tf.date, tf.titre) < (nearest[0].date, nearest[0].titre):
                nearest = (tf, c)
    if nearest is None:
        signable = next((c for c in actives if c.petition and c.petition.url), None)
        if signable is None:
            return None
        return CallToAction(
            quand=f"Jusqu’au {date_fr(signable.fin)}",
            iso=signable.fin.isoformat(),
            titre=signable.titre,
            texte=signable.demande or signable.resume,
            campagne=signable.titre,
            bouton="Signer la pétition",
            url=signable.petition.url,  # type: ignore[union-attr]
        )
    tf, c = nearest
    view = next(v for v in temps_forts(sc, [c], HOME, upcoming=True) if v.iso == tf.date.isoformat() and v.titre == tf.titre)
    if c.petition and c.petition.url:
        bouton, url = "Signer la pétition", c.petition.url
    else:
        bouton, url = "Comment agir", link(HOME, campaign_path(c.id or ""))
    return CallToAction(
        quand=view.date,
        iso=tf.date.isoformat(),
        titre=tf.titre,
        texte=tf.description.strip(),
        campagne=c.titre,
        bouton=bouton,
        url=url,
        countdown=view,
    )


def _latest_finished(sc: SiteContext) -> dict[str, str] | None:
    """The most recently ended campaign, with its result (shown when nothing runs)."""
    ended = sorted((c for c in sc.campagnes if not sc.is_active(c)), key=lambda c: (c.fin, c.id or ""), reverse=True)
    if not ended:
        return None
    c = ended[0]
    card = campaign_card(sc, c, HOME)
    card["fin"] = date_fr(c.fin)
    card["bilan"] = (c.bilan or c.resume).strip()
    return card


def _departements(events: list) -> list[dict[str, str]]:
    codes = sorted({e.departement for e in events if e.departement})
    out = [{"code": code, "nom": departement_nom(code)} for code in codes]
    if any(e.en_ligne and not e.departement for e in events):
        out.append({"code": "en-ligne", "nom": "En ligne"})
    return out


def _comites_phrase(comites: list) -> str:
    n = len(comites)
    deps = len({c.departement for c in comites})
    if n == 1:
        return "Un comité local agit déjà."
    return f"{n} comités locaux agissent déjà dans {deps} département" + ("s." if deps > 1 else ".")
