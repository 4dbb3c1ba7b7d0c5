"""One truth for deliverables: a published or validated product makes its deliverable done, and any
disagreement between the two statuses is a diagnostic on the deliverable's line naming the value to write."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from oep_build.pipeline import check_project
from oep_build.planning import build_plan, effective_statut, is_overdue

CLEAN = Path(__file__).parent / "fixtures" / "calendar" / "clean"
TODAY = dt.date(2026, 11, 27)
# In the clean fixture, livrables[0] « Éléments de langage du lancement » (due 2026-11-20) produces
# edl/lancement; its `statut: valide` is on line 49 of campagne.yml.
LINE = 49


def _project(tmp_path: Path, livrable: str, edl: str) -> Path:
    root = tmp_path / "p"
    shutil.copytree(CLEAN, root)
    camp = root / "campaigns" / "vote-2027" / "campagne.yml"
    text = camp.read_text(encoding="utf-8")
    assert text.splitlines()[LINE - 1] == "    statut: valide"
    camp.write_text(text.replace("    statut: valide\n", f"    statut: {livrable}\n", 1), encoding="utf-8")
    md = root / "campaigns" / "vote-2027" / "edl" / "lancement.md"
    md.write_text(md.read_text(encoding="utf-8").replace("statut: valide", f"statut: {edl}", 1), encoding="utf-8")
    return root


def _ours(checked) -> list:  # type: ignore[no-untyped-def]
    return [d for d in checked.report if d.id.startswith("livrable") and "vote-2027" in d.file]


def test_published_product_makes_a_todo_deliverable_done(tmp_path: Path) -> None:
    checked = check_project(_project(tmp_path, "a_faire", "publie"), TODAY)
    lv = checked.project.campagnes["vote-2027"].livrables[0]
    assert effective_statut(checked.project, lv).value == "publie"
    assert not is_overdue(checked.project, lv, TODAY)  # due 11-20, but its EDL is published
    assert "edl-lancement" not in [pl.livrable.id for items in build_plan(checked.project, TODAY).retards.values()
                                   for pl in items]
    [d] = _ours(checked)
    assert (d.id, d.line, d.level.value) == ("livrable-statut-en-retard-sur-produit", LINE, "avertissement")
    assert d.message == (
        "livrables[0] « Éléments de langage du lancement » est « a_faire » alors que edl/lancement est « publie » : "
        "il est compté comme publié, pas en retard"
    )
    assert d.fix == "écrivez statut: publie"  # valide_par and valide_le are already there


def test_validated_product_asks_for_valide_with_who_and_when(tmp_path: Path) -> None:
    root = _project(tmp_path, "en_relecture", "valide")
    camp = root / "campaigns" / "vote-2027" / "campagne.yml"
    text = camp.read_text(encoding="utf-8").replace("    valide_par: alice\n    valide_le: 2026-11-21\n", "", 1)
    camp.write_text(text, encoding="utf-8")
    checked = check_project(root, TODAY)
    [d] = _ours(checked)
    assert d.id == "livrable-statut-en-retard-sur-produit" and d.line == LINE
    assert d.fix == "écrivez statut: valide, avec valide_par: alice et valide_le: 2026-11-21"


def test_validated_deliverable_whose_product_is_in_review(tmp_path: Path) -> None:
    checked = check_project(_project(tmp_path, "valide", "en_relecture"), TODAY)
    lv = checked.project.campagnes["vote-2027"].livrables[0]
    assert effective_statut(checked.project, lv).value == "valide"  # the deliverable's own word
    [d] = _ours(checked)
    assert (d.id, d.line) == ("livrable-valide-objet-non-valide", LINE)
    assert d.message.endswith("est marqué valide, mais edl/lancement est « en_relecture »")
    assert d.fix.endswith("ou écrivez statut: en_relecture pour le livrable")


def test_published_deliverable_whose_product_is_only_validated(tmp_path: Path) -> None:
    checked = check_project(_project(tmp_path, "publie", "valide"), TODAY)
    [d] = _ours(checked)
    assert (d.id, d.line) == ("livrable-publie-objet-non-publie", LINE)
    assert d.fix == "publiez edl/lancement (statut: publie), ou écrivez statut: valide pour le livrable"


def test_matching_statuses_say_nothing(tmp_path: Path) -> None:
    assert _ours(check_project(_project(tmp_path, "publie", "publie"), TODAY)) == []
