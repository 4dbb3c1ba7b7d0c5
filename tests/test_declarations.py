"""Prefecture declarations as a to-do: nothing before the window opens, a warning with the last legal day
while it is open, an error once too late, nothing once filed; shown by oep check, oep plan, the Équipe page
and the responsible person's calendar feed.

The march of the clean calendar fixture is on Wednesday 2027-01-20: the window opens 15 jours francs before
(2027-01-04) and the last legal day leaves 3 jours francs (2027-01-16).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from oep_build.cli import main
from oep_build.declarations import last_legal_day, opening_day
from oep_build.pipeline import check_project
from oep_build.planning import build_plan, jours_francs

CLEAN = Path(__file__).parent / "fixtures" / "calendar" / "clean"
EVENT = Path("campaigns") / "vote-2027" / "evenements" / "marche-strasbourg.yml"
D = dt.date
DAY = D(2027, 1, 20)
IDS = ("declaration-prefecture-a-deposer", "declaration-prefecture-hors-delai", "declaration-prefecture-tardive")


@pytest.fixture(scope="module")
def unfiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The march without its filing date, filed by Chloé rather than the campaign's pilote."""
    root = tmp_path_factory.mktemp("decl") / "p"
    shutil.copytree(CLEAN, root)
    path = root / EVENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  deposee_le: 2027-01-10\n", "  responsable: chloe\n"), encoding="utf-8")
    return root


def _diags(root: Path, today: D) -> list:
    return [d for d in check_project(root, today).report if d.id in IDS]


def test_window_by_hand() -> None:
    assert opening_day(DAY) == D(2027, 1, 4) and jours_francs(D(2027, 1, 4), DAY) == 15
    assert last_legal_day(DAY) == D(2027, 1, 16) and jours_francs(D(2027, 1, 16), DAY) == 3


def test_d_minus_20_nothing_yet(unfiled: Path) -> None:
    today = DAY - dt.timedelta(days=20)
    assert _diags(unfiled, today) == []
    assert build_plan(check_project(unfiled, today).project, today).declarations == {}


def test_d_minus_10_a_todo_at_the_event_line(unfiled: Path) -> None:
    today = DAY - dt.timedelta(days=10)
    [d] = _diags(unfiled, today)
    assert (d.id, d.level.value, d.file, d.line) == (
        "declaration-prefecture-a-deposer", "avertissement", EVENT.as_posix(), 12
    )
    assert d.message == (
        "manifestation le 2027-01-20 : déclaration en préfecture à déposer avant le 2027-01-16 inclus "
        "(3 jours francs avant ; encore 6 jours) — responsable : Chloé D. (chloe)"
    )
    assert "deposee_le" in d.fix


def test_d_minus_2_too_late_is_an_error(unfiled: Path) -> None:
    [d] = _diags(unfiled, DAY - dt.timedelta(days=2))
    assert (d.id, d.level.value, d.line) == ("declaration-prefecture-hors-delai", "erreur", 12)
    assert "le dernier jour légal était le 2027-01-16" in d.message
    assert "elle n'aurait que 1 jour franc" in d.message


def test_filed_nothing_to_do_but_a_later_filing_date_is_not_known_yet() -> None:
    assert _diags(CLEAN, DAY - dt.timedelta(days=10)) == []  # filed on 2027-01-10, that very day
    assert _diags(CLEAN, DAY - dt.timedelta(days=2)) == []
    # as of 2027-01-08 the filing of the 10th has not happened: still to do
    assert [d.id for d in _diags(CLEAN, D(2027, 1, 8))] == ["declaration-prefecture-a-deposer"]


def test_plan_lists_it_under_the_responsible_person(unfiled: Path) -> None:
    env = {"COLUMNS": "160", "NO_COLOR": "1", "FORCE_COLOR": None, "OEP_TODAY": None}
    result = CliRunner(env=env).invoke(main, ["plan", str(unfiled), "--today", "2027-01-10"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Déclarations en préfecture — Chloé D." in out
    assert "déclaration en préfecture à déposer avant le sam. 16/01/2027 inclus" in out
    mine = CliRunner(env=env).invoke(main, ["plan", str(unfiled), "--today", "2027-01-10", "--personne", "bob"])
    assert "Déclarations en préfecture" not in mine.output


def test_equipe_page_and_the_person_feed_show_it(unfiled: Path) -> None:
    from oep_build.render.ics import render_feeds
    from oep_build.render.site.common import SiteContext
    from oep_build.render.site.staff import render_staff

    checked = check_project(unfiled, D(2027, 1, 10))
    page = render_staff(SiteContext(checked.context, "interne")).text()
    assert "| Chloé D. | [Marche pour l'inscription](../agenda.md#evenement-marche-strasbourg) | 20 janvier 2027 " \
           "| déclaration en préfecture à déposer avant le 16 janvier 2027 inclus |" in page
    feeds = render_feeds(checked.context, "interne")
    chloe = feeds["equipe/chloe.ics"].decode("utf-8").replace("\r\n ", "")
    assert "UID:declaration-marche-strasbourg@" in chloe
    assert "DTSTART;VALUE=DATE:20270116" in chloe
    assert "SUMMARY:Déclaration en préfecture à déposer : Marche pour l'inscription" in chloe
    assert "declaration-marche-strasbourg" not in feeds["equipe/bob.ics"].decode("utf-8")
    assert "declaration-" not in feeds.get("agenda.ics", b"").decode("utf-8")
    # once filed, it leaves the page and the feed
    filed = check_project(CLEAN, D(2027, 1, 10))
    assert "Aucune déclaration à déposer en ce moment." in render_staff(SiteContext(filed.context, "interne")).text()
    assert "declaration-" not in render_feeds(filed.context, "interne")["equipe/alice.ics"].decode("utf-8")
