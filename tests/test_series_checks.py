"""Checks of suivi/indicateurs.csv and suivi/retombees.csv (oep_build/checks/series.py).

The broken corpus tests/fixtures/monitoring/broken-series has, by CSV line:
3-4 a day written twice (serie-doublon), 5 a cumulative value going down,
6-7 gaps of 15 and 16 days, 8 a date in the future, 11 a misspelt périmètre,
12 an unknown indicator (reference-inconnue, no gap warning on top),
13-14 a French date and a negative value (schema errors), 16 a flux series
that may go down but stopped 34 days ago; in retombees.csv two unknown
temps forts, a future date and an unknown tone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from oep_build.pipeline import check_project

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "monitoring"
SERIES_RULES = {
    "serie-cumul-en-baisse",
    "serie-doublon",
    "serie-posterieure-ignoree",
    "serie-trou",
    "perimetre-inconnu",
    "objectif-sans-releve",
}


def _relevant(report) -> list:
    return [d for d in report if "/suivi/" in d.file or d.id in SERIES_RULES]


def test_broken_series_golden(golden) -> None:
    checked = check_project(FIXTURES / "broken-series", dt.date(2026, 2, 15))
    text = "\n".join(d.text() for d in _relevant(checked.report)) + "\n"
    golden("monitoring/broken-series.txt", text)
    ids = {d.id for d in _relevant(checked.report)}
    assert SERIES_RULES - {"objectif-sans-releve"} <= ids


def test_future_rows_are_errors_on_the_real_date() -> None:
    """Without --today, a date after the real day is a typo; with it, later rows are history."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from oep_build.checks.base import run_checks
    from oep_build.pipeline import load_project

    checked = load_project(FIXTURES / "broken-series", dt.date(2026, 2, 15))
    checked.context.moment = dt.datetime(2026, 2, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    diags = [d for d in run_checks(checked.context) if d.id in ("serie-date-future", "serie-posterieure-ignoree")]
    assert [(d.id, d.file.rsplit("/", 1)[1], d.line) for d in diags] == [
        ("serie-date-future", "indicateurs.csv", 8),
        ("serie-date-future", "retombees.csv", 4),
    ]


def test_clean_fixture_has_no_series_diagnostic() -> None:
    checked = check_project(FIXTURES / "petition", dt.date(2026, 2, 15))
    assert _relevant(checked.report) == []


def test_gaps_are_not_checked_for_archived_campaigns_or_before_the_start(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "broken-series", root)
    camp = root / "campaigns" / "suivi-casse" / "campagne.yml"
    text = camp.read_text(encoding="utf-8").replace("statut: en_relecture", "statut: archive")
    camp.write_text(text, encoding="utf-8")
    checked = check_project(root, dt.date(2026, 2, 15))
    assert not [d for d in checked.report if d.id == "serie-trou"]
    # the campaign has not started yet: nothing is expected
    checked = check_project(FIXTURES / "broken-series", dt.date(2025, 12, 31))
    assert not [d for d in checked.report if d.id in ("serie-trou", "objectif-sans-releve")]


def test_rule_levels_can_be_changed_in_site_yml(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "broken-series", root)
    site = root / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "niveaux:\n  serie-trou: ignore\n", encoding="utf-8")
    checked = check_project(root, dt.date(2026, 2, 15))
    assert not [d for d in checked.report if d.id == "serie-trou"]
    assert [d for d in checked.report if d.id == "serie-doublon"]


def test_missing_relevés_are_an_info(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "petition", root)
    (root / "campaigns" / "petition-test" / "suivi" / "indicateurs.csv").write_text(
        "date,indicateur,valeur,perimetre,source,note\n", encoding="utf-8"
    )
    checked = check_project(root, dt.date(2026, 2, 15))
    infos = [d for d in checked.report if d.id == "objectif-sans-releve"]
    assert len(infos) == 5
    assert infos[0].file == "campaigns/petition-test/campagne.yml"
    assert "objectif cent-mille : aucun relevé de signatures (national)" in infos[0].message


def test_a_series_may_stop_once_its_objectives_are_due() -> None:
    # Every objective of the corpus is due on 2026-03-01: on 03-20 no « dernier relevé » warning.
    checked = check_project(FIXTURES / "broken-series", dt.date(2026, 3, 20))
    gaps = [d.message for d in checked.report if d.id == "serie-trou"]
    assert len(gaps) == 2
    assert all(m.startswith("aucun relevé de signatures (national) entre") for m in gaps)
