"""« Cette semaine »: one internal page and ``oep plan --semaine`` for the Monday meeting."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from oep_build.cli import main
from oep_build.monitoring.week import build_week, week_markdown, week_text
from oep_build.pipeline import check_project

FIXTURES = Path(__file__).parent / "fixtures"
PETITION = FIXTURES / "monitoring" / "petition"
BAD = FIXTURES / "calendar" / "bad"
ENV = {"NO_COLOR": "1", "FORCE_COLOR": None, "OEP_TODAY": None, "COLUMNS": "80"}
# Raw enum values and ids the staff should never read on the page.
RAW = re.compile(r"\b(a_faire|en_cours|en_relecture|a_contacter|contacte|relance_[12]|engage|decline|realise|confirme"
                 r"|envisage|tf-[a-z-]+|asso-eau|collectif-ecoles|alice|bob)\b")


def _week(root: Path, day: dt.date):  # type: ignore[no-untyped-def]
    return build_week(check_project(root, day).context)


def test_page_golden_and_human_labels(golden) -> None:  # type: ignore[no-untyped-def]
    week = _week(PETITION, dt.date(2026, 2, 15))
    md = week_markdown(week)
    golden("monitoring/cette-semaine-petition.md", md)
    assert RAW.findall(md) == []
    # late work first, flagged; what is due this week after it
    assert "- **En retard** — Tract pour les marchés (Pétition de test) : dû le 10 février 2026, il y a 5 jours" in md
    assert "- Kit rassemblement (Pétition de test) : à rendre le mercredi 18 février 2026 · à faire" in md
    # an overdue follow-up says so, with its date and delay; the next one is « à relancer »
    assert ("- **En retard** — Association Eau Vive (Pétition de test) : relance prévue le 13 février 2026, "
            "il y a 2 jours · relancé une fois · suivi par Alice M.") in md
    assert "Collectif des écoles (Pétition de test) : à relancer le vendredi 20 février 2026 · contacté" in md
    # indicators off pace, with the reason and what to do
    assert "- **Ralentissement** — 100 000 signatures avant la remise (Pétition de test) : ralentissement depuis" in md
    assert "- **En retard** — 10 partenaires engagés (Pétition de test) : échéance du 31 janvier 2026 dépassée" in md
    assert "50 000 signatures pour être reçus" not in md  # reached
    assert "Rassemblements devant les préfectures (Pétition de test) : samedi 21 février 2026 · confirmé" in md


def test_declarations_and_finished_work() -> None:
    week = _week(BAD, dt.date(2026, 11, 27))
    md = week_markdown(week)
    assert RAW.findall(md) == []
    assert ("- **Hors délai** — Manifestation pas encore déclarée (Campagne mal planifiée) : le 29 novembre 2026 · "
            "le dernier jour légal était le 25 novembre 2026") in md
    assert ("- Manifestation déclarée trop tard (Campagne mal planifiée) : le 10 décembre 2026 · déclaration en "
            "préfecture à déposer avant le dimanche 6 décembre 2026 inclus · Alice M.") in md
    # done (validated, published, or its product validated) and abandoned work is left out
    for done in ("EDL à faire dont le produit est validé", "Visuel du vendredi", "EDL marqué publié"):
        assert done not in md


def test_archived_campaigns_are_left_out(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(PETITION, root)
    camp = root / "campaigns" / "petition-test" / "campagne.yml"
    text = camp.read_text(encoding="utf-8")
    camp.write_text(re.sub(r"^statut: \w+", "statut: archive", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    md = week_markdown(_week(root, dt.date(2026, 2, 15)))
    for empty in ("Aucun livrable en retard ni à rendre.", "Aucune relance à faire d’ici 7 jours.",
                  "Tous les objectifs suivent leur rythme.", "Aucun temps fort d’ici 14 jours."):
        assert empty in md


def test_terminal_wraps_between_words_when_piped() -> None:
    result = CliRunner(env=ENV).invoke(main, ["plan", str(PETITION), "--today", "2026-02-15", "--semaine"])
    assert result.exit_code == 0, result.output
    out = result.output
    lines = out.splitlines()
    assert lines[0] == "Cette semaine : dimanche 15 février 2026"
    assert max(len(line) for line in lines) <= 80
    # Wrapping only moved line breaks: the words are those of the unwrapped text, none cut in two.
    flat = week_text(_week(PETITION, dt.date(2026, 2, 15)), width=10_000)
    assert out.split() == flat.split()
    assert "[en retard] Tract pour les marchés" in out
    assert RAW.findall(out) == []


def test_declarations_of_archived_campaigns_are_left_out(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(BAD, root)
    camp = root / "campaigns" / "planning" / "campagne.yml"
    text = camp.read_text(encoding="utf-8")
    camp.write_text(re.sub(r"^statut: \w+", "statut: archive", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    md = week_markdown(_week(root, dt.date(2026, 11, 27)))
    assert "Aucune déclaration à déposer." in md
    assert "Aucun livrable en retard ni à rendre." in md
