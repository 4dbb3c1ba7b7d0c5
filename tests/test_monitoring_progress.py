"""Progress per objective on the hand-made fixture tests/fixtures/monitoring/petition.

Every expected number is computed by hand in the comments (as of 2026-02-15).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from oep_build.checks.base import Context
from oep_build.model import Project
from oep_build.model.campaign import Objectif
from oep_build.model.referentiels import Indicateur, Parametres
from oep_build.model.series import LigneIndicateur
from oep_build.monitoring.progress import Statut, objective_progress, progress_of
from oep_build.pipeline import check_project

FIXTURES = Path(__file__).resolve().parent / "fixtures"

D = dt.date
TODAY = D(2026, 2, 15)


@pytest.fixture(scope="module")
def progress() -> dict:
    checked = check_project(FIXTURES / "monitoring" / "petition", TODAY)
    camp = checked.project.campagnes["petition-test"]
    return {p.objectif.id: p for p in objective_progress(checked.context, camp)}


def test_average_fine_but_latest_pace_too_slow(progress: dict) -> None:
    p = progress["cent-mille"]
    assert (p.valeur, p.date) == (57_000, D(2026, 2, 14))
    assert p.pourcentage == 57.0
    assert p.rythme_7j == 1_000.0  # (57 000 − 50 000) / 7
    assert p.rythme_moyen == 1_880.0  # 47 000 / 25
    assert p.rythme_requis == pytest.approx(1_482.76, abs=0.01)  # 43 000 / 29
    assert p.date_projetee == D(2026, 3, 29)  # 43 000 at 1 000/day (the recent pace)
    assert p.date_projetee_moyenne == D(2026, 3, 9)  # 43 000 at 1 880/day: 22,9 -> 23 days
    # The average (1 880 ≥ 1,1 × 1 482,76 = 1 631) would say « en avance »; the recent pace says otherwise.
    assert p.rythme_recent == 1_000.0  # last interval 02-07 -> 02-14, also the 3-day window
    assert p.statut is Statut.ralentissement
    assert p.ralentissement is not None and p.ralentissement.since == D(2026, 2, 3)
    assert p.alerte is not None
    assert p.alerte.startswith("ralentissement depuis le 3 février 2026 : +5\u202f000 du 3 au 7 février, +7\u202f000 du 7 "
                               "au 14 février (rythme récent 1\u202f000/j), contre 2\u202f143/j sur les 7 jours d’avant")
    assert "rythme requis 1\u202f483/j" in p.alerte and "29 mars 2026" in p.alerte


def test_target_reached(progress: dict) -> None:
    p = progress["cinquante-mille"]
    assert p.statut is Statut.atteint
    assert p.atteint_le == D(2026, 2, 7)
    assert p.rythme_requis == 0.0
    assert p.alerte is None
    assert p.pourcentage == 114.0


def test_geographic_condition_counts_départements_above_zero(progress: dict) -> None:
    p = progress["debat"]
    assert p.departements == 3  # 75, 69, 13 — 2A is at 0
    assert not p.condition_geo_remplie
    assert p.rythme_requis == pytest.approx(443_000 / 136)  # 02-14 -> 06-30
    assert p.statut is Statut.en_retard  # 1 880 < 3 257
    assert p.date_projetee == D(2027, 5, 3)  # 443 days at 1 000/day


def test_flux_indicator_is_summed(progress: dict) -> None:
    p = progress["participants"]
    assert [pt.value for pt in p.points] == [120, 320, 320, 500]
    assert p.valeur == 500
    assert p.rythme_7j == pytest.approx(180 / 7)
    assert p.rythme_moyen == pytest.approx(380 / 21)
    assert p.rythme_requis == pytest.approx(500 / 29)
    # 18,10 ≥ 17,24 but < 1,1 × 17,24 = 18,97
    assert p.statut is Statut.dans_les_temps
    assert p.alerte is None
    assert p.date_projetee == D(2026, 3, 6)  # ceil(500 / 25,71) = 20 days
    assert not p.public


def test_deadline_passed(progress: dict) -> None:
    p = progress["coalition"]
    assert p.echeance_depassee
    assert p.valeur == 6
    assert p.rythme_requis is None
    assert p.statut is Statut.en_retard
    assert p.date_projetee == D(2026, 3, 10)  # 4 to go at 1/7 per day: 28 days
    assert p.alerte is None


# -- edge cases on a project built in memory ---------------------------------


def _ctx(rows: list[tuple]) -> Context:
    """Rows are (date, value) on the national perimeter, or (date, value, perimetre)."""
    project = Project(root=None)
    project.indicateurs["sig"] = Indicateur(id="sig", libelle="Signatures", type="cumul")
    project.indicateurs_series["c"] = [
        LigneIndicateur(date=D.fromisoformat(r[0]), indicateur="sig", valeur=r[1], perimetre=(r[2:] or ("national",))[0])
        for r in rows
    ]
    return Context(project=project, today=TODAY, tz=ZoneInfo("Europe/Paris"))


def _progress(rows: list[tuple], cible: int = 1_000, echeance: str = "2026-03-01", **kw: object):
    o = Objectif(id="o", intitule="Objectif", indicateur="sig", cible=cible, echeance=D.fromisoformat(echeance), **kw)
    return progress_of(_ctx(rows), "c", o, TODAY, Parametres())


def test_no_data() -> None:
    p = _progress([])
    assert p.valeur is None and p.statut is Statut.donnees_insuffisantes and p.alerte is None


def test_single_point() -> None:
    p = _progress([("2026-02-14", 400)])
    assert p.valeur == 400
    assert p.rythme_7j is None and p.rythme_moyen is None and p.date_projetee is None
    assert p.rythme_requis == 40.0  # 600 in 15 days
    assert p.statut is Statut.donnees_insuffisantes


def test_flat_series() -> None:
    p = _progress([("2026-02-01", 400), ("2026-02-08", 400), ("2026-02-14", 400)])
    assert p.rythme_7j == 0.0
    assert p.date_projetee is None
    assert p.statut is Statut.en_retard
    assert p.alerte is not None and "n’est jamais atteinte" in p.alerte


def test_decreasing_series_does_not_raise() -> None:
    p = _progress([("2026-02-01", 500), ("2026-02-08", 450)])
    assert p.rythme_7j == pytest.approx(-50 / 7)
    assert p.date_projetee is None
    assert p.statut is Statut.en_retard


def test_future_rows_are_ignored() -> None:
    p = _progress([("2026-02-01", 500), ("2026-02-08", 600), ("2026-03-01", 999_999)])
    assert (p.valeur, p.date) == (600, D(2026, 2, 8))


def test_target_reached_after_deadline_stays_reached() -> None:
    p = _progress([("2026-01-01", 500), ("2026-02-01", 1_200)], echeance="2026-01-15")
    assert p.statut is Statut.atteint and p.atteint_le == D(2026, 2, 1)


def test_count_reached_but_too_few_départements() -> None:
    rows = [("2026-02-01", 500), ("2026-02-08", 1_200), ("2026-02-08", 700, "01"), ("2026-02-08", 0, "2A"),
            ("2026-02-08", 500, "974"), ("2026-02-20", 10, "75")]
    p = _progress(rows, departements_min=3)
    assert p.departements == 2  # 01 and 974; 2A is at 0 and 75 is in the future
    assert p.condition_geo_remplie is False
    assert p.statut is Statut.dans_les_temps
    assert _progress(rows, departements_min=2).statut is Statut.atteint


def test_départements_never_measured_are_unknown_not_zero() -> None:
    p = _progress([("2026-02-01", 500), ("2026-02-08", 1_200)], departements_min=30)
    assert p.departements is None
    assert p.condition_geo_remplie is None
    assert p.statut is Statut.atteint
