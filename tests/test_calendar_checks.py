"""Golden diagnostics of the calendar checks (dates, deliverables, events, coalition, elections).

tests/fixtures/calendar/bad/ triggers every rule of these modules at least once;
tests/fixtures/calendar/clean/ triggers none. Both are read at ``--today 2026-11-27``.
Regenerate the golden file with ``pytest tests/test_calendar_checks.py --update-goldens``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from oep_build.checks import calendar, coalition, deliverables, electoral, events
from oep_build.diagnostics import Level, Rule
from oep_build.feries import holiday_name
from oep_build.pipeline import check_project
from oep_build.planning import jours_francs, l52_1_start

FIXTURES = Path(__file__).parent / "fixtures" / "calendar"
TODAY = dt.date(2026, 11, 27)
MODULES = (calendar, deliverables, events, coalition, electoral)
OUR_RULES = {r.id: r for m in MODULES for r in vars(m).values() if isinstance(r, Rule)}


def ours(root: Path, today: dt.date = TODAY) -> list:
    return [d for d in check_project(root, today).report.sorted() if d.id in OUR_RULES]


def test_bad_corpus_golden(golden) -> None:
    text = "".join(d.text() + "\n" for d in ours(FIXTURES / "bad"))
    golden("calendar/bad.txt", text)


def test_bad_corpus_triggers_every_rule() -> None:
    seen = {d.id for d in ours(FIXTURES / "bad")}
    assert sorted(set(OUR_RULES) - seen) == []


def test_clean_corpus_triggers_none() -> None:
    assert [d.text() for d in ours(FIXTURES / "clean")] == []


def test_every_diagnostic_has_place_and_fix() -> None:
    for d in ours(FIXTURES / "bad"):
        assert d.file and d.line > 0 and d.column > 0, d.text()
        assert d.fix, d.text()


def test_levels_are_configurable(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    shutil.copytree(FIXTURES / "bad", root)
    site = root / "content" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8")
        + "niveaux:\n  livrable-en-retard: erreur\n  evenement-jour-ferie: ignore\n",
        encoding="utf-8",
    )
    diags = ours(root)
    assert {d.level for d in diags if d.id == "livrable-en-retard"} == {Level.ERREUR}
    assert not [d for d in diags if d.id == "evenement-jour-ferie"]


def test_parameters_come_from_site_yml(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    shutil.copytree(FIXTURES / "bad", root)
    site = root / "content" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8")
        + "parametres:\n  livrable_marge_jours: 0\n  quatre_yeux: [edl]\n  relance_sans_reponse_jours: 30\n",
        encoding="utf-8",
    )
    ids = {d.id for d in ours(root)}
    assert not ids & {"livrable-marge-courte", "livrable-quatre-yeux", "relance-sans-reponse"}


def test_today_moves_what_is_late() -> None:
    # A week earlier, « Second retard » (due 2026-11-20) is not late yet.
    late = [d.message for d in ours(FIXTURES / "bad", dt.date(2026, 11, 19)) if d.id == "livrable-en-retard"]
    assert len(late) == 1 and "Premier retard" in late[0]


@pytest.mark.parametrize(
    ("depot", "jour", "expected"),
    [("2026-12-08", "2026-12-10", 1), ("2026-12-06", "2026-12-10", 3), ("2026-12-10", "2026-12-10", -1)],
)
def test_jours_francs_exclude_both_ends(depot: str, jour: str, expected: int) -> None:
    assert jours_francs(dt.date.fromisoformat(depot), dt.date.fromisoformat(jour)) == expected


@pytest.mark.parametrize(
    ("first_round", "start"),
    [("2026-03-15", "2025-09-01"), ("2027-06-13", "2026-12-01"), ("2027-07-04", "2027-01-01")],
)
def test_l52_1_period_starts_six_months_before_the_month(first_round: str, start: str) -> None:
    assert l52_1_start(dt.date.fromisoformat(first_round)) == dt.date.fromisoformat(start)


@pytest.mark.parametrize(
    ("day", "departement", "expected"),
    [
        ("2026-04-03", "57", "Vendredi saint, férié en Moselle seulement"),
        ("2026-12-26", "68", "Saint-Étienne, férié en Alsace seulement"),
        ("2026-12-26", "75", None),
        ("2026-05-27", "971", "Abolition de l'esclavage, férié en outre-mer seulement"),
        ("2026-07-14", "2A", "Fête nationale"),
        ("2026-07-14", None, "Fête nationale"),
    ],
)
def test_holidays_follow_the_departement(day: str, departement: str | None, expected: str | None) -> None:
    assert holiday_name(dt.date.fromisoformat(day), departement) == expected
