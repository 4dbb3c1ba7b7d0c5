"""Campaign pages: what we ask and to whom, objectives, messages, calendar, events, kits, partners."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...model import Campagne
from ...model.campaign import Objectif, status_label
from ...monitoring.charts import progress_markdown
from .common import (
    url,
    AGENDA,
    CAMPAGNES,
    Page,
    SiteContext,
    campaign_feed_path,
    campaign_path,
    date_fr,
    datetime_fr,
    kit_path,
    link,
    number_fr,
    render_template,
)
from .articles import campaign_latest
from .events import event_view, visible_events
from .pieces import visuel_view
from .views import campaign_card, periode, temps_forts
from ...visibility import coalition_entry_shown

__all__ = ["ObjectifView", "render_campaign", "render_campaigns_index"]

EVENTS_MAX = 8


def render_campaigns_index(sc: SiteContext) -> Page:
    here = CAMPAGNES
    cards = [(sc.is_active(c), campaign_card(sc, c, here)) for c in sc.campagnes]
    body = render_template(
        "campagnes.md.j2",
        actives=[card for active, card in cards if active],
        passees=[card for active, card in cards if not active],
    )
    # Out of the search: each card repeats its campaign's own page, which the search finds
    # (with 500 campaigns, 500 duplicate results, and the search plugin's slowest page).
    return Page(here, "Campagnes", body, description="Les campagnes d’On Est Prêt, en cours et passées.", searchable=False)


def render_campaign(sc: SiteContext, c: Campagne) -> Page:
    here = campaign_path(c.id or "")
    # A finished campaign shows what happened; a running one, what comes next.
    active = sc.is_active(c)
    events = [e for e in visible_events(sc, c.id) if not active or e.fin.date() >= sc.today]
    body = render_template(
        "campagne.md.j2",
        c=c,
        badges=sc.badges(c),
        periode=periode(c),
        fin=date_fr(c.fin),
        cibles=[sc.project.cibles[cid] for cid in c.cibles if cid in sc.project.cibles],
        objectifs=_objectifs(sc, c),
        # Built by oep_build.monitoring, which escapes every field it writes.
        progression=Markup(progress_markdown(sc.ctx, c, sc.audience)),
        temps_forts=temps_forts(sc, [c], here, upcoming=False),
        evenements=[event_view(sc, e, here) for e in events[:EVENTS_MAX]],
        evenements_plus=max(0, len(events) - EVENTS_MAX),
        active=active,
        flux=link(here, f"campagnes/{c.id}.ics") if f"campagnes/{c.id}.ics" in sc.feeds else "",
        agenda_url=link(here, AGENDA),
        kits=[_kit(sc, k, here) for k in sc.kits_of(c.id)],
        partenaires=_partners(sc, c),
        electorale=_electoral(c),
        pilote=sc.personne(c.pilote),
        actualites=campaign_latest(sc, c, here),
    )
    image, alt = _share_image(sc, c, here)
    return Page(here, c.titre, body, description=c.resume, nav_title=c.titre, image=image, image_alt=alt,
                feed=campaign_feed_path(c.id or ""), feed_title=f"Actualités — {c.titre}")


def _share_image(sc: SiteContext, c: Campagne, here: str) -> tuple[str, str]:
    """The campaign's first link-preview visual shown to this audience, for Open Graph."""
    for v in sorted(sc.project.objects_of(c.id or "", "visuels"), key=lambda v: v.id or ""):
        if v.format == "open-graph" and sc.visible(v):
            view = visuel_view(sc, v, here)
            if view["site_path"]:
                return view["site_path"], v.alt
    return "", ""


# -- objectives (kept apart: the progress view may be swapped for a richer one) -----


@dataclass
class ObjectifView:
    id: str
    intitule: str
    cible: str
    cible_n: int
    valeur: str
    valeur_n: int
    unite: str
    pourcentage: int
    a_jour_au: str
    echeance: str
    source: str
    departements: str


def _objectifs(sc: SiteContext, c: Campagne) -> list[ObjectifView]:
    """Latest value of each shown objective from ``suivi/indicateurs.csv`` (rows up to today)."""
    rows = sc.project.indicateurs_series.get(c.id or "", [])
    return [_objectif(sc, o, rows) for o in c.objectifs if sc.shown(o)]


def _objectif(sc: SiteContext, o: Objectif, rows: list) -> ObjectifView:
    ind = sc.project.indicateurs.get(o.indicateur)
    mine = sorted(
        (r for r in rows if r.indicateur == o.indicateur and r.date <= sc.today), key=lambda r: r.date
    )
    national = [r for r in mine if r.perimetre == o.perimetre]
    if ind is not None and ind.type.value == "flux":
        value = sum(r.valeur for r in national)
    else:
        value = national[-1].valeur if national else 0
    last = national[-1] if national else None
    deps = ""
    seen = {r.perimetre for r in mine if r.perimetre != o.perimetre and r.valeur > 0}
    if o.departements_min and seen:
        deps = f"{len(seen)} département" + ("s" if len(seen) > 1 else "") + f" sur {o.departements_min} requis"
    unit = ind.unite if ind and ind.unite else (ind.libelle.lower() if ind else "")
    return ObjectifView(
        id=o.id,
        intitule=o.intitule,
        cible=number_fr(o.cible),
        cible_n=o.cible,
        valeur=number_fr(value),
        valeur_n=min(value, o.cible),
        unite=unit,
        pourcentage=int(100 * value / o.cible) if o.cible else 100,
        a_jour_au=date_fr(last.date) if last else "",
        echeance=date_fr(o.echeance),
        source=last.source if last else "",
        departements=deps,
    )


# -- other sections ------------------------------------------------------------------


def _kit(sc: SiteContext, kit, here: str) -> dict[str, object]:
    pdfs = sc.kits.get(kit.id or "", [])
    national = next((p for p in pdfs if p.comite is None), None)
    locales = []
    for p in pdfs:
        if p.comite is not None:
            comite = sc.project.comites.get(p.comite)
            if comite is not None and sc.visible(comite):
                locales.append({"nom": comite.nom, "url": link(here, p.path), "label": p.label})
    return {
        "id": kit.id,
        "titre": kit.titre,
        "sous_titre": kit.sous_titre,
        "url": link(here, kit_path(kit.id or "")),
        "version": kit.version,
        "date": date_fr(kit.date_version),
        "pdf_url": link(here, national.path) if national else "",
        "pdf_label": national.label if national else "",
        "locales": locales,
        "badges": sc.badges(kit),
    }


def _partners(sc: SiteContext, c: Campagne) -> list[dict[str, str]]:
    out = []
    for entry in c.coalition:
        p = sc.project.partenaires.get(entry.partenaire)
        if p is None:
            continue
        if not coalition_entry_shown(entry, p, sc.audience):
            continue
        out.append(
            {
                "nom": p.nom,
                "url": url(p.url),
                "role": entry.role,
                "statut": "" if entry.statut.value == "engage" else status_label(entry.statut),
            }
        )
    return out


def _electoral(c: Campagne) -> dict[str, object] | None:
    e = c.electorale
    if e is None:
        return None
    return {
        "scrutin": e.scrutin,
        "tours": [f"{t.libelle or 'Tour'} : {date_fr(t.date, weekday=True)}" for t in e.tours],
        "silence": [f"du {datetime_fr(s.debut)} au {datetime_fr(s.fin)}" for s in e.silence],
    }
