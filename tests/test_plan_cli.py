"""``oep plan``: golden terminal output at a fixed date, and the plan's pure logic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from oep_build.cli import main
from oep_build.pipeline import check_project
from oep_build.planning import build_plan

FIXTURES = Path(__file__).parent / "fixtures" / "calendar"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": None, "OEP_TODAY": None}


def run_plan(*args: str) -> tuple[int, str]:
    result = CliRunner(env=ENV).invoke(main, ["plan", *args])
    # Rich pads table cells: trailing spaces are noise in a golden file.
    return result.exit_code, "\n".join(line.rstrip() for line in result.output.splitlines()) + "\n"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("bad-21-jours", [str(FIXTURES / "bad"), "--today", "2026-11-27", "--jours", "21"]),
        ("clean-bob", [str(FIXTURES / "clean"), "--today", "2026-11-27", "--personne", "bob"]),
        ("clean-7-jours", [str(FIXTURES / "clean"), "--today", "2026-11-30", "--jours", "7"]),
    ],
)
def test_plan_golden(name: str, args: list[str], golden) -> None:
    code, out = run_plan(*args)
    assert code == 0, out
    # The closing count covers every check of the project (other areas too): not golden material.
    lines = out.splitlines(keepends=True)
    summary = [x for x in lines if x.startswith("Contrôles : ")]
    assert len(summary) == (1 if name.startswith("bad") else 0)
    assert all(x.rstrip().endswith("Détail : oep check") for x in summary)
    golden(f"plan/{name}.txt", "".join(x for x in lines if x not in summary))


def test_unknown_person_is_a_usage_error_with_a_suggestion() -> None:
    code, out = run_plan(str(FIXTURES / "clean"), "--today", "2026-11-27", "--personne", "bobb")
    assert code == 2
    assert "personne « bobb » inconnue : vouliez-vous dire « bob » ?" in out


def test_window_includes_today_and_counts_days() -> None:
    project = check_project(FIXTURES / "clean", dt.date(2026, 12, 5)).project
    plan = build_plan(project, dt.date(2026, 12, 5), jours=1)
    assert plan.fin == dt.date(2026, 12, 5)
    assert [t.temps_fort.id for t in plan.temps_forts] == ["lancement"]
    assert build_plan(project, dt.date(2026, 12, 6), jours=1).temps_forts == []


def test_person_filter_keeps_only_their_work() -> None:
    today = dt.date(2027, 1, 1)
    project = check_project(FIXTURES / "clean", today).project
    everyone = build_plan(project, today, jours=14)
    alice = build_plan(project, today, jours=14, personne="alice")
    assert set(everyone.dus) == {"alice"}
    assert [pl.livrable.id for pl in alice.dus["alice"]] == ["kit-semaine"]
    assert build_plan(project, today, jours=14, personne="chloe").dus == {}
    # Chloé's visuals (due 2026-12-01, en_cours) are late by then.
    assert [pl.livrable.id for pl in everyone.retards["chloe"]] == ["visuels-lancement"]


def test_multi_day_temps_fort_overlapping_the_window_is_shown() -> None:
    today = dt.date(2027, 1, 20)
    project = check_project(FIXTURES / "clean", today).project
    assert [t.temps_fort.id for t in build_plan(project, today, jours=2).temps_forts] == ["semaine-action"]
