"""Pace that sees the trend: hand-computed daily series against a required pace of exactly 4 881/day.

Each series starts at 0 on 2026-02-01 with one relevé a day; the target is set 25 days after the
last relevé at 4 881/day more than the last value, so the required pace is 4 881/day in every case
(the `rythme_avance_pct` margin of 10 % puts « en avance » at 5 369/day).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from oep_build.checks.base import Context
from oep_build.model import Project
from oep_build.model.campaign import Campagne, Objectif
from oep_build.model.referentiels import Indicateur, Parametres
from oep_build.model.series import LigneIndicateur
from oep_build.monitoring.progress import Statut, progress_of
from oep_build.monitoring.report import ObjectiveLine, WeeklyReport
from oep_build.monitoring.suggestions import suggest

D = dt.date
START = D(2026, 2, 1)
REQUIRED = 4_881


def _rows(gains: list[int], perimetre: str = "national", start: D = START) -> list[LigneIndicateur]:
    rows, value = [LigneIndicateur(date=start, indicateur="sig", valeur=0, perimetre=perimetre)], 0
    for i, g in enumerate(gains, 1):
        value += g
        rows.append(LigneIndicateur(date=start + dt.timedelta(days=i), indicateur="sig", valeur=value, perimetre=perimetre))
    return rows


def _case(gains: list[int], cible: int | None = None, echeance: D | None = None, rows=None):  # type: ignore[no-untyped-def]
    rows = rows if rows is not None else _rows(gains)
    last = START + dt.timedelta(days=len(gains))
    total = sum(gains)
    project = Project(root=None)
    project.indicateurs["sig"] = Indicateur(id="sig", libelle="Signatures", type="cumul")
    project.indicateurs_series["c"] = rows
    ctx = Context(project=project, today=last, tz=ZoneInfo("Europe/Paris"))
    o = Objectif(
        id="o", intitule="Pétition", indicateur="sig",
        cible=cible if cible is not None else total + REQUIRED * 25,
        echeance=echeance or last + dt.timedelta(days=25),
    )
    p = progress_of(ctx, "c", o, last, Parametres())
    camp = Campagne(titre="C", statut="publie", visibilite="public", debut=START, fin=D(2026, 12, 31), pilote="x",
                    resume="r", objectifs=[o], valide_par="x", valide_le=START)
    r = WeeklyReport(camp, "c", "2026-S07", last, last, last, cloturee=True, objectifs=[ObjectiveLine(p)])
    return p, [s.texte for s in suggest(r, Parametres())]


def test_steady_ahead_may_raise_the_target() -> None:
    p, texts = _case([7_500] * 12)
    assert p.rythme_requis == REQUIRED
    assert (p.rythme_dernier, p.rythme_3j, p.rythme_7j, p.rythme_moyen) == (7_500, 7_500, 7_500, 7_500)
    assert p.variation_7j == 52_500  # the « 7 jours » gain is the 7-day pace's own window
    assert p.statut is Statut.en_avance and p.alerte is None
    # 122 025 to go: 17 days at 7 500/day (16,3), at the recent pace as at the average one
    assert p.date_projetee == p.date_projetee_moyenne == D(2026, 3, 2)
    assert texts == [
        "« Pétition » : rythme récent 7\u202f500/j, sur 7 jours 7\u202f500/j, moyen 7\u202f500/j, pour 4\u202f881/j "
        "requis (au moins +53\u00a0%) : envisager une cible plus haute ou préparer l’étape suivante"
    ]


def test_slowdown_on_the_last_two_days_is_not_ahead() -> None:
    """The issue's case: +7 500/day, then +1 200 and +700 while 4 881/day are needed."""
    p, texts = _case([7_500] * 10 + [1_200, 700])
    assert p.rythme_moyen == pytest.approx(76_900 / 12)  # 6 408/day: the average alone says « en avance »
    assert p.rythme_dernier == 700 and p.rythme_3j == pytest.approx(9_400 / 3)
    assert p.rythme_recent == 700
    assert p.statut is Statut.ralentissement
    assert p.ralentissement is not None and p.ralentissement.since == D(2026, 2, 11)
    assert p.date_projetee == D(2026, 8, 7)  # 122 025 to go at 700/day: 175 days after 02-13
    assert p.alerte is not None and p.alerte.startswith("ralentissement depuis le 11 février 2026")
    # at the average pace: 122 025 / 6 408,3 = 19,04 -> 20 days -> 5 mars
    [text] = texts
    assert text == (
        "« Pétition » : ralentissement depuis le 11 février 2026 : +1\u202f200 le 12 février, +700 le 13 février "
        "(rythme récent 700/j), contre 7\u202f500/j sur les 7 jours d’avant ; rythme requis 4\u202f881/j jusqu’au "
        "10 mars 2026 ; à ce rythme, cible atteinte le 7 août 2026 (le 5 mars 2026 au rythme moyen) ; "
        "le rythme moyen (6\u202f408/j) masque ce ralentissement : renforcer la relance avant toute révision de la cible"
    )
    assert "cible plus haute" not in text


def test_slowdown_on_the_last_day_only() -> None:
    p, texts = _case([7_500] * 11 + [700])
    assert p.rythme_3j == pytest.approx(15_700 / 3)  # 5 233/day: the 3 days alone would not see it
    assert p.statut is Statut.ralentissement
    assert texts[0].startswith("« Pétition » : ralentissement depuis le 12 février 2026 : +700 le 13 février "
                               "(rythme récent 700/j), contre 7\u202f500/j")
    assert not any("cible plus haute" in t for t in texts)


def test_stall_asks_to_relaunch() -> None:
    p, texts = _case([7_500] * 9 + [0, 0, 0])
    assert p.rythme_recent == 0 and p.date_projetee is None
    assert p.statut is Statut.ralentissement  # 67 500 in 12 days: the average (5 625/day) would still do
    assert texts[0].startswith("« Pétition » : aucune progression depuis le 10 février 2026 (+0 le 11 février, "
                               "+0 le 12 février, +0 le 13 février), contre 7\u202f500/j sur les 7 jours d’avant")
    assert "à ce rythme, cible atteinte jamais" in texts[0]
    assert texts[0].endswith(": relancer la mobilisation : nouvel envoi aux signataires, relais des partenaires, "
                             "action de terrain")


def test_stall_with_a_slow_average_is_late() -> None:
    p, _ = _case([3_000] * 9 + [0, 0, 0])
    assert p.statut is Statut.en_retard


def test_acceleration_is_on_time_even_with_a_slow_average() -> None:
    p, texts = _case([2_000] * 9 + [8_000] * 3)
    assert p.rythme_moyen == 3_500 and p.rythme_recent == 8_000
    assert p.statut is Statut.dans_les_temps and p.alerte is None
    # 122 025 to go from 02-13: 16 days at 8 000/day (15,3) -> 1er mars; 35 at 3 500/day (34,9) -> 20 mars
    assert texts == [
        "« Pétition » : rythme moyen 3\u202f500/j sous le rythme requis 4\u202f881/j, mais le rythme récent "
        "(8\u202f000/j) suffit ; à ce rythme, cible atteinte le 1er mars 2026 (le 20 mars 2026 au rythme moyen) : "
        "maintenir l’effort jusqu’à l’échéance"
    ]


def test_target_reached_asks_nothing() -> None:
    p, texts = _case([7_500] * 4 + [100] * 2, cible=30_000)
    assert p.statut is Statut.atteint and p.atteint_le == D(2026, 2, 5)
    assert p.alerte is None and texts == []


def test_deadline_passed() -> None:
    p, texts = _case([1_000] * 12, cible=20_000, echeance=D(2026, 2, 10))
    assert p.statut is Statut.en_retard and p.rythme_requis is None
    assert texts == [
        "« Pétition » : échéance du 10 février 2026 dépassée à 60\u00a0% de la cible (12\u202f000 sur 20\u202f000) : "
        "fixer une nouvelle échéance ou clore l’objectif"
    ]


def test_départements_add_up_when_there_is_no_national_series() -> None:
    rows = _rows([100, 100], perimetre="01") + _rows([50], perimetre="35", start=D(2026, 2, 2))
    p, _ = _case([100, 100], rows=rows, cible=1_000)
    # 02-01: 0 (01); 02-02: 100 + 0; 02-03: 200 + 50
    assert [(pt.date.day, pt.value) for pt in p.points] == [(1, 0), (2, 100), (3, 250)]
    assert p.valeur == 250 and p.departements_sommes == ["01", "35"]
    camp = Campagne(titre="C", statut="publie", visibilite="public", debut=START, fin=D(2026, 12, 31), pilote="x",
                    resume="r", objectifs=[p.objectif], valide_par="x", valide_le=START)
    r = WeeklyReport(camp, "c", "2026-S06", START, START, p.as_of, cloturee=True, objectifs=[ObjectiveLine(p)])
    assert (False, "« Pétition » : pas de relevé national, valeur calculée en additionnant les relevés de "
            "2 départements (01, 35)") in r.notes
