"""From CSV rows to series: grouping, cumulating flux indicators, département codes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..departements import is_departement
from ..model import Project
from ..model.referentiels import TypeIndicateur
from ..model.series import LigneIndicateur
from .pace import Point, value_on

__all__ = [
    "NATIONAL",
    "group_rows",
    "is_cumulative",
    "objective_points",
    "points_of",
    "series_points",
]

NATIONAL = "national"


def is_cumulative(project: Project, indicateur: str) -> bool:
    """Cumulative unless the référentiel says ``type: flux`` (unknown indicators count as cumul)."""
    ind = project.indicateurs.get(indicateur)
    return ind is None or ind.type is TypeIndicateur.cumul


def group_rows(rows: Iterable[LigneIndicateur]) -> dict[tuple[str, str], list[LigneIndicateur]]:
    """Rows by (indicateur, perimetre), each list sorted by date (file order kept within a day)."""
    out: dict[tuple[str, str], list[LigneIndicateur]] = {}
    for r in rows:
        out.setdefault((r.indicateur, r.perimetre), []).append(r)
    for key in out:
        out[key].sort(key=lambda r: r.date)
    return out


def points_of(rows: list[LigneIndicateur], cumulative: bool, until: dt.date | None = None) -> list[Point]:
    """One point per day from date-sorted rows; flux values are summed into a running total.

    A day written twice (a ``serie-doublon`` error) keeps its last row, so the
    numbers follow what the staff most likely corrected last.
    """
    by_day: dict[dt.date, int] = {}
    for r in rows:
        if until is None or r.date <= until:
            by_day[r.date] = r.valeur
    points = [Point(d, v) for d, v in sorted(by_day.items())]
    if cumulative:
        return points
    total = 0
    summed = []
    for p in points:
        total += p.value
        summed.append(Point(p.date, total))
    return summed


def series_points(
    project: Project, campagne_id: str, indicateur: str, perimetre: str = NATIONAL, until: dt.date | None = None
) -> list[Point]:
    """The (cumulated) series of ``indicateur`` on ``perimetre`` for a campaign, up to ``until``."""
    rows = [
        r
        for r in project.indicateurs_series.get(campagne_id, [])
        if r.indicateur == indicateur and r.perimetre == perimetre
    ]
    rows.sort(key=lambda r: r.date)
    return points_of(rows, is_cumulative(project, indicateur), until)


def objective_points(
    project: Project, campagne_id: str, indicateur: str, perimetre: str = NATIONAL, until: dt.date | None = None
) -> tuple[list[Point], list[str]]:
    """The series an objective is measured on, and the départements summed into it.

    A national objective whose indicator has no national relevé is measured on
    the sum of its départements (each one's latest value on every relevé day):
    committees report locally, the national figure is their total. The list of
    summed départements is empty when the series is read as written.
    """
    points = series_points(project, campagne_id, indicateur, perimetre, until)
    if points or perimetre != NATIONAL:
        return points, []
    rows = project.indicateurs_series.get(campagne_id, [])
    codes = sorted(
        {r.perimetre for r in rows if r.indicateur == indicateur and is_departement(r.perimetre)
         and (until is None or r.date <= until)}
    )
    local = {code: series_points(project, campagne_id, indicateur, code, until) for code in codes}
    days = sorted({p.date for pts in local.values() for p in pts})
    total = [Point(d, sum(value_on(pts, d) or 0 for pts in local.values())) for d in days]
    return total, codes
