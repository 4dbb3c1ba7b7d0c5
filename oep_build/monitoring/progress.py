"""Per objective: where we are, how fast we go, and whether we get there in time.

Definitions (the staff guide repeats them):

- *valeur*: the latest relevé on or before the day of the run (flux indicators:
  the running total);
- *rythme 7 j*: per day, between the latest relevé and the last one at least
  7 days older (:func:`.pace.latest_pace`);
- *rythme moyen*: per day, from the first relevé to the latest;
- *rythme requis*: per day, from the latest relevé to the target on the échéance;
- *date projetée*: when the target is reached if the 7-day pace holds;
- *statut*: ``atteint`` once the target (and its département condition) is met;
  otherwise the **average** pace against the required one decides between
  ``en avance`` / ``dans les temps`` / ``en retard``, and an *alerte* is raised
  when the **latest** pace is below the required one, even if the average is fine.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from ..checks.base import Context
from ..model.campaign import Campagne, Objectif
from ..model.referentiels import Parametres
from .fr import date_fr, nombre, rythme
from .pace import Point, average_pace, latest_pace, projected_date, reached_on, required_pace
from .series import is_departement, series_points

__all__ = ["ObjectiveProgress", "Statut", "objective_progress", "progress_of", "departements_with_data"]


class Statut(str, enum.Enum):
    atteint = "atteint"
    en_avance = "en avance"
    dans_les_temps = "dans les temps"
    en_retard = "en retard"
    donnees_insuffisantes = "données insuffisantes"


@dataclass
class ObjectiveProgress:
    """Everything the page, the report and the suggestions say about one objective."""

    objectif: Objectif
    libelle: str
    """Indicator label (référentiel), or its id when unknown."""
    unite: str
    as_of: dt.date
    points: list[Point] = field(default_factory=list)
    valeur: int | None = None
    date: dt.date | None = None
    source: str = ""
    """The ``source`` column of the latest relevé (shown next to « à jour au »)."""
    pourcentage: float | None = None
    rythme_7j: float | None = None
    rythme_moyen: float | None = None
    rythme_requis: float | None = None
    date_projetee: dt.date | None = None
    atteint_le: dt.date | None = None
    departements: int | None = None
    """Départements with relevés above zero; ``None`` when none was ever written (unknown, not zero)."""
    statut: Statut = Statut.donnees_insuffisantes
    alerte: str | None = None
    """Why the latest pace is worrying, with the numbers; ``None`` when it is not."""

    @property
    def cible(self) -> int:
        return self.objectif.cible

    @property
    def echeance(self) -> dt.date:
        return self.objectif.echeance

    @property
    def echeance_depassee(self) -> bool:
        return self.as_of > self.objectif.echeance

    @property
    def condition_geo_remplie(self) -> bool | None:
        """``None`` when the condition cannot be told: no relevé by département at all."""
        need = self.objectif.departements_min
        if need is None:
            return True
        if self.departements is None:
            return None
        return self.departements >= need

    @property
    def public(self) -> bool:
        return self.objectif.visibilite == "public"


def objective_progress(ctx: Context, campagne: Campagne, as_of: dt.date | None = None) -> list[ObjectiveProgress]:
    """Progress of every objective of ``campagne`` as of ``as_of`` (default: ``ctx.today``)."""
    day = as_of or ctx.today
    cid = _campaign_id(ctx, campagne)
    params = ctx.project.site.parametres if ctx.project.site else Parametres()
    return [progress_of(ctx, cid, o, day, params) for o in campagne.objectifs]


def progress_of(ctx: Context, campagne_id: str, o: Objectif, as_of: dt.date, params: Parametres) -> ObjectiveProgress:
    """Progress of one objective; never raises, whatever the data."""
    ind = ctx.project.indicateurs.get(o.indicateur)
    pr = ObjectiveProgress(
        objectif=o,
        libelle=ind.libelle if ind else o.indicateur,
        unite=ind.unite if ind else "",
        as_of=as_of,
    )
    pr.points = series_points(ctx.project, campagne_id, o.indicateur, o.perimetre, as_of)
    if o.departements_min is not None:
        pr.departements = departements_with_data(ctx, campagne_id, o.indicateur, as_of)
    if not pr.points:
        return pr
    last = pr.points[-1]
    pr.valeur, pr.date = last.value, last.date
    pr.source = _source_of(ctx, campagne_id, o, last.date)
    pr.pourcentage = 100.0 * last.value / o.cible if o.cible else 100.0
    pr.rythme_7j = latest_pace(pr.points)
    pr.rythme_moyen = average_pace(pr.points)
    pr.atteint_le = reached_on(pr.points, o.cible)
    pr.rythme_requis = required_pace(last.value, o.cible, last.date, o.echeance)
    pr.date_projetee = projected_date(last.value, o.cible, last.date, pr.rythme_7j)
    pr.statut = _status(pr, params)
    pr.alerte = _alert(pr)
    return pr


def departements_with_data(ctx: Context, campagne_id: str, indicateur: str, as_of: dt.date) -> int | None:
    """Distinct départements whose series of ``indicateur`` is above zero on ``as_of``.

    ``None`` when the CSV has no relevé by département for it: the condition is
    then unknown, which the page and the report say, rather than « 0 ».
    """
    codes = set()
    rows = ctx.project.indicateurs_series.get(campagne_id, [])
    perimetres = {r.perimetre for r in rows if r.indicateur == indicateur and is_departement(r.perimetre) and r.date <= as_of}
    if not perimetres:
        return None
    for perimetre in perimetres:
        pts = series_points(ctx.project, campagne_id, indicateur, perimetre, as_of)
        if pts and pts[-1].value > 0:
            codes.add(perimetre)
    return len(codes)


def _status(pr: ObjectiveProgress, params: Parametres) -> Statut:
    assert pr.valeur is not None
    if pr.valeur >= pr.cible and pr.condition_geo_remplie is not False:
        # An unmeasured département condition does not hold back a reached count.
        return Statut.atteint
    if pr.echeance_depassee or pr.rythme_requis is None:
        return Statut.en_retard
    if pr.valeur >= pr.cible:
        # Count reached, départements missing: no pace can tell, the deadline is not passed.
        return Statut.dans_les_temps
    if pr.rythme_moyen is None:
        return Statut.donnees_insuffisantes
    if pr.rythme_moyen >= pr.rythme_requis * (1 + params.rythme_avance_pct / 100):
        return Statut.en_avance
    if pr.rythme_moyen >= pr.rythme_requis:
        return Statut.dans_les_temps
    return Statut.en_retard


def _alert(pr: ObjectiveProgress) -> str | None:
    if pr.statut is Statut.atteint or pr.rythme_7j is None or not pr.rythme_requis:
        return None
    if pr.rythme_7j >= pr.rythme_requis:
        return None
    text = f"rythme des 7 derniers jours {rythme(pr.rythme_7j)}, rythme requis {rythme(pr.rythme_requis)}"
    if pr.date_projetee is not None:
        text += f" : à ce rythme, {nombre(pr.cible)} le {date_fr(pr.date_projetee)}, après l’échéance du {date_fr(pr.echeance)}"
    else:
        text += " : à ce rythme, la cible n’est jamais atteinte"
    return text


def _source_of(ctx: Context, campagne_id: str, o: Objectif, day: dt.date) -> str:
    sources = [
        r.source
        for r in ctx.project.indicateurs_series.get(campagne_id, [])
        if r.indicateur == o.indicateur and r.perimetre == o.perimetre and r.date == day
    ]
    return sources[-1] if sources else ""


def _campaign_id(ctx: Context, campagne: Campagne) -> str:
    if campagne.id:
        return campagne.id
    for cid, c in ctx.project.campagnes.items():
        if c is campagne:
            return cid
    return ""

