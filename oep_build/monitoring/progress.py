"""Per objective: where we are, how fast we go, and whether we get there in time.

Definitions (the staff guide repeats them):

- *valeur*: the latest relevé on or before the day of the run (flux indicators:
  the running total); a national objective without national relevés is
  measured on the sum of its départements (the report says so);
- *dernier relevé*: per day, between the two latest relevés;
- *3 jours*, *7 jours*: gain and pace between the latest relevé and the last one
  at least 3 (7) days older (:func:`.pace.window`) — one window for every
  « 7 jours » figure;
- *rythme récent*: the lower of the last interval and the 3 days: a slowdown
  shows on the next relevé, not a week later;
- *rythme moyen*: per day, from the first relevé to the latest;
- *rythme requis*: per day, from the latest relevé to the target on the échéance;
- *date projetée*: when the target is reached if the recent pace holds (and,
  beside it, if the average pace holds);
- *statut*: ``atteint`` once the target (and its département condition) is met;
  ``en retard`` once the échéance is passed. Otherwise, when the **recent** pace
  is below the required one: ``ralentissement`` if the average is still enough,
  ``en retard`` if not — even when the average is ahead. When the recent pace is
  enough: ``en avance`` if every pace (recent, 7 days, average) beats the
  required one by ``rythme_avance_pct``, else ``dans les temps``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from ..context import Context
from ..departements import is_departement
from ..fr import day_fr
from ..model.campaign import Campagne, Objectif
from ..model.referentiels import Parametres
from ..visibility import shown_to
from .fr import date_fr, nombre, rythme
from .pace import (
    Point,
    Slowdown,
    Window,
    average_pace,
    last_interval,
    projected_date,
    reached_on,
    required_pace,
    slowdown,
    window,
)
from .series import objective_points, series_points

__all__ = [
    "ObjectiveProgress",
    "Statut",
    "departements_with_data",
    "describe_slowdown",
    "objective_progress",
    "progress_of",
]


class Statut(str, enum.Enum):
    atteint = "atteint"
    en_avance = "en avance"
    dans_les_temps = "dans les temps"
    ralentissement = "ralentissement"
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
    dernier: Window | None = None
    """The last interval between two relevés."""
    fenetre_3j: Window | None = None
    fenetre_7j: Window | None = None
    rythme_moyen: float | None = None
    rythme_requis: float | None = None
    date_projetee: dt.date | None = None
    """When the target is reached at the recent pace."""
    date_projetee_moyenne: dt.date | None = None
    """When the target is reached at the average pace."""
    ralentissement: Slowdown | None = None
    """The slow relevés at the end of the series, when the recent pace is below the required one."""
    departements_sommes: list[str] = field(default_factory=list)
    """Départements added up because the objective's perimeter has no relevé of its own."""
    atteint_le: dt.date | None = None
    departements: int | None = None
    """Départements with relevés above zero; ``None`` when none was ever written (unknown, not zero)."""
    statut: Statut = Statut.donnees_insuffisantes
    alerte: str | None = None
    """Why the latest pace is worrying, with the numbers; ``None`` when it is not."""

    @property
    def rythme_dernier(self) -> float | None:
        return self.dernier.pace if self.dernier else None

    @property
    def rythme_3j(self) -> float | None:
        return self.fenetre_3j.pace if self.fenetre_3j else None

    @property
    def rythme_7j(self) -> float | None:
        return self.fenetre_7j.pace if self.fenetre_7j else None

    @property
    def variation_7j(self) -> int | None:
        return self.fenetre_7j.gain if self.fenetre_7j else None

    @property
    def rythme_recent(self) -> float | None:
        """The lower of the last interval's and the 3 days' pace."""
        paces = [x for x in (self.rythme_dernier, self.rythme_3j) if x is not None]
        return min(paces) if paces else None

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
        return shown_to(self.objectif, "public")


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
    pr.points, pr.departements_sommes = objective_points(ctx.project, campagne_id, o.indicateur, o.perimetre, as_of)
    if o.departements_min is not None:
        pr.departements = departements_with_data(ctx, campagne_id, o.indicateur, as_of)
    if not pr.points:
        return pr
    last = pr.points[-1]
    pr.valeur, pr.date = last.value, last.date
    pr.source = _source_of(ctx, campagne_id, o, last.date)
    pr.pourcentage = 100.0 * last.value / o.cible if o.cible else 100.0
    pr.dernier = last_interval(pr.points)
    pr.fenetre_3j = window(pr.points, 3)
    pr.fenetre_7j = window(pr.points, 7)
    pr.rythme_moyen = average_pace(pr.points)
    pr.atteint_le = reached_on(pr.points, o.cible)
    pr.rythme_requis = required_pace(last.value, o.cible, last.date, o.echeance)
    pr.date_projetee = projected_date(last.value, o.cible, last.date, pr.rythme_recent)
    pr.date_projetee_moyenne = projected_date(last.value, o.cible, last.date, pr.rythme_moyen)
    pr.statut = _status(pr, params)
    if pr.statut in (Statut.ralentissement, Statut.en_retard) and pr.rythme_requis and not pr.echeance_depassee:
        slow = slowdown(pr.points, pr.rythme_requis)
        # Too slow from the first relevé on is not a slowdown: nothing changed.
        pr.ralentissement = slow if slow is not None and slow.since > pr.points[0].date else None
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
    recent, moyen, required = pr.rythme_recent, pr.rythme_moyen, pr.rythme_requis
    if recent is None or moyen is None:
        return Statut.donnees_insuffisantes
    if recent < required:
        return Statut.ralentissement if moyen >= required else Statut.en_retard
    slowest = min(x for x in (recent, pr.rythme_7j, moyen) if x is not None)
    if slowest >= required * (1 + params.rythme_avance_pct / 100):
        return Statut.en_avance
    return Statut.dans_les_temps


def _alert(pr: ObjectiveProgress) -> str | None:
    """What changed and when, with the numbers, when the recent pace is below the required one."""
    recent, required = pr.rythme_recent, pr.rythme_requis
    if pr.statut is Statut.atteint or pr.echeance_depassee or recent is None or not required or recent >= required:
        return None
    text = f"{describe_slowdown(pr)} ; rythme requis {rythme(required)}"
    if pr.date_projetee is not None:
        text += (
            f" : à ce rythme, {nombre(pr.cible)} le {date_fr(pr.date_projetee)}, "
            f"après l’échéance du {date_fr(pr.echeance)}"
        )
    else:
        text += " : à ce rythme, la cible n’est jamais atteinte"
    return text


def describe_slowdown(pr: ObjectiveProgress) -> str:
    """« depuis le 12 février 2026 : +1 200 le 13 février, +700 le 14 février (rythme récent 950/j),
    contre 7 500/j sur les 7 jours d’avant »."""
    s = pr.ralentissement
    recent = pr.rythme_recent
    if s is None:
        return f"rythme récent {rythme(recent)}, moyen {rythme(pr.rythme_moyen)}"
    shown = s.intervals[-4:]
    gains = ", ".join(f"{_signed(w.gain)} {_span(w)}" for w in shown)
    if len(s.intervals) > len(shown):
        gains = "… " + gains
    if recent is not None and recent <= 0:
        head = f"aucune progression depuis le {date_fr(s.since)} ({gains})"
    else:
        head = f"ralentissement depuis le {date_fr(s.since)} : {gains} (rythme récent {rythme(recent)})"
    if s.before is not None and s.before.pace is not None:
        head += f", contre {rythme(s.before.pace)} sur les {s.before.days} jours d’avant"
    return head


def _span(w: Window) -> str:
    a, b = w.start.date, w.end.date
    if w.days == 1:
        return f"le {date_fr(b, year=False)}"
    first = day_fr(a) if a.month == b.month else date_fr(a, year=False)
    return f"du {first} au {date_fr(b, year=False)}"


def _signed(n: int) -> str:
    return ("+" if n >= 0 else "−") + nombre(abs(n))


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

