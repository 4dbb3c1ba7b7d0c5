"""``--today`` means "as of": later data is ignored with a note, statuses that claim the future are flagged,
and the shipped example builds at any date of its campaigns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oep_build.pipeline import check_project

REPO = Path(__file__).resolve().parent.parent
D = dt.date


@pytest.fixture(scope="module")
def february():  # type: ignore[no-untyped-def]
    return check_project(REPO, D(2026, 2, 5))


def test_later_rows_are_a_note_not_an_error(february) -> None:  # type: ignore[no-untyped-def]
    notes = [d for d in february.report if d.id == "serie-posterieure-ignoree"]
    assert [(d.file, d.line, d.level.value) for d in notes] == [
        ("campaigns/loi-duplomb/suivi/indicateurs.csv", 14, "info"),
        ("campaigns/loi-duplomb/suivi/retombees.csv", 6, "info"),
        ("campaigns/municipales-2026/suivi/indicateurs.csv", 9, "info"),
    ]
    assert notes[0].message.startswith("2 lignes datées après le 2026-02-05 (jusqu'au 2026-02-07) ignorées")
    assert notes[2].message.startswith("3 lignes datées après le 2026-02-05 (jusqu'au 2026-03-07) ignorées")
    assert not february.report.errors


def test_realise_before_it_happened_is_flagged(february) -> None:  # type: ignore[no-untyped-def]
    tf = [d for d in february.report if d.id == "temps-fort-realise-futur"]
    # loi-duplomb: 02-07 and 02-11; municipales: every temps fort from 02-06 on (the first five are past)
    assert [(d.file.split("/")[1], d.line) for d in tf] == [("loi-duplomb", 145), ("loi-duplomb", 151)] + [
        ("municipales-2026", line) for line in (102, 108, 114, 121, 127, 133, 139)
    ]
    assert "« Second tour des élections municipales » est marqué realise mais n'a lieu que le 2026-03-22" in tf[-1].message
    assert tf[0].fix.startswith("écrivez statut: confirme")
    ev = [d for d in february.report if d.id == "evenement-realise-futur"]
    assert {d.file.rsplit("/", 1)[1] for d in ev} == {
        "reunion-ajaccio-avant-debat.yml", "porte-a-porte-lyon-participation.yml", "reunion-rennes-premier-vote.yml"
    }
    # the day before is the last one a temps fort of 02-06 may still be « confirme »
    later = check_project(REPO, D(2026, 2, 6))
    assert ("campaigns/municipales-2026/campagne.yml", 102) not in [
        (d.file, d.line) for d in later.report if d.id == "temps-fort-realise-futur"
    ]
    assert all(d.level.value == "avertissement" for d in tf + ev)


def test_series_read_as_of_the_day(february) -> None:  # type: ignore[no-untyped-def]
    from oep_build.monitoring.progress import objective_progress

    camp = february.project.campagnes["municipales-2026"]
    p = {x.objectif.id: x for x in objective_progress(february.context, camp)}
    inscrits = next(x for x in p.values() if x.objectif.indicateur == "inscrits-listes")
    assert (inscrits.valeur, inscrits.date) == (4_650, D(2026, 2, 4))  # the 02-06 row is not known yet


@pytest.mark.parametrize("day", ["2025-07-18", "2026-02-05", "2026-03-16"])
def test_example_builds_at_any_date_of_its_campaigns(day: str, tmp_path: Path) -> None:
    from oep_build.build import build

    result = build(REPO, audience="interne", out=tmp_path / "site", today=D.fromisoformat(day), kits=False)
    assert result.ok, result.report.format_text()
    assert (tmp_path / "site" / "equipe" / "index.html").is_file()


def test_a_declaration_dated_after_the_day_is_a_planned_filing(tmp_path: Path) -> None:
    """As of a day before ``deposee_le``, the declaration is still to file: its date is judged as a plan."""
    import re
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_site_support import example_copy

    root = example_copy(tmp_path / "projet")
    event = next(
        p for p in (root / "campaigns").glob("*/evenements/*.yml") if "deposee_le:" in p.read_text(encoding="utf-8")
    )
    text = event.read_text(encoding="utf-8")
    debut = dt.date.fromisoformat(re.search(r"(?m)^debut: \"?(\d{4}-\d\d-\d\d)", text).group(1))
    filed = debut - dt.timedelta(days=26)  # 26 jours francs: too early
    event.write_text(re.sub(r"deposee_le: \S+", f"deposee_le: {filed}", text, count=1), encoding="utf-8")

    def early(day: dt.date) -> str:
        (diag,) = [d for d in check_project(root, day).report if d.id == "declaration-prefecture-trop-tot"]
        return diag.message + " — " + diag.fix

    assert early(filed).startswith(f"déclaration déposée le {filed}") and "(à nouveau)" in early(filed)
    before = early(filed - dt.timedelta(days=1))
    assert before.startswith(f"déclaration prévue le {filed}") and "à nouveau" not in before
