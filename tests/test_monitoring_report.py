"""The weekly report: model, suggestions, Markdown golden files, CLI and PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from oep_build.cli import main
from oep_build.monitoring.render import weekly_report_markdown
from oep_build.monitoring.report import build_weekly_report, parse_week, week_label
from oep_build.pipeline import check_project

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "monitoring" / "petition"
REPO = HERE.parent
D = dt.date


@pytest.fixture(scope="module")
def checked():
    return check_project(FIXTURE, D(2026, 2, 15))


def _camp(checked):
    return checked.project.campagnes["petition-test"]


def test_parse_week() -> None:
    assert parse_week("2026-S07") == D(2026, 2, 9)
    assert parse_week("2026-W07") == D(2026, 2, 9)
    assert parse_week("2020-S53") == D(2020, 12, 28)
    assert week_label(D(2026, 1, 1)) == "2026-S01"
    assert week_label(D(2027, 1, 1)) == "2026-S53"
    with pytest.raises(ValueError, match="attendu AAAA-Snn"):
        parse_week("2026-7")
    with pytest.raises(ValueError, match="n’a pas de semaine 53"):
        parse_week("2025-S53")


def test_default_week_is_the_current_one_and_future_weeks_are_refused(checked) -> None:
    r = build_weekly_report(checked.context, _camp(checked))
    assert (r.semaine, r.lundi, r.dimanche, r.as_of) == ("2026-S07", D(2026, 2, 9), D(2026, 2, 15), D(2026, 2, 15))
    with pytest.raises(ValueError, match="n’a pas encore commencé"):
        build_weekly_report(checked.context, _camp(checked), "2026-S08")


def test_past_week_reasons_as_of_its_sunday(checked) -> None:
    r = build_weekly_report(checked.context, _camp(checked), "2026-S05")
    assert r.as_of == D(2026, 2, 1)
    line = r.objectifs[0]
    assert (line.progress.valeur, line.semaine_precedente, line.variation) == (30_000, 10_000, 20_000)
    assert [t.id for t in r.temps_forts_a_venir] == ["tf-journee"]


def test_report_sections(checked) -> None:
    r = build_weekly_report(checked.context, _camp(checked), "2026-S07")
    assert [lv.id for lv in r.livrables_en_retard] == ["tract-marches"]
    assert [lv.id for lv in r.livrables_dus] == ["kit-rassemblement"]
    assert [lv.id for lv in r.livrables_valides] == ["visuel-journee"]
    assert [(x.coalition.partenaire, x.motif) for x in r.relances] == [
        ("asso-eau", "relance en retard"),
        ("collectif-ecoles", "relance prévue"),
    ]
    assert [t.id for t in r.temps_forts_semaine] == ["tf-journee"]
    assert [t.id for t in r.temps_forts_a_venir] == ["tf-rassemblement"]
    assert len(r.retombees) == 4  # the 01-16 article is older
    assert r.retombees_par_tonalite == [("positive", 2), ("neutre", 1), ("négative", 1)]
    assert [x.media for x in r.top_retombees][:2] == ["Télé Région", "La Dépêche du Coin"]


def test_suggestions_are_explained_with_numbers(checked) -> None:
    texts = [s.texte for s in build_weekly_report(checked.context, _camp(checked), "2026-S07").suggestions]
    assert (
        "« 100 000 signatures avant la remise » : ralentissement depuis le 3 février 2026 : +5\u202f000 du 3 au 7 "
        "février, +7\u202f000 du 7 au 14 février (rythme récent 1\u202f000/j), contre 2\u202f143/j sur les 7 jours "
        "d’avant ; rythme requis 1\u202f483/j jusqu’au 15 mars 2026 ; à ce rythme, cible atteinte le 29 mars 2026 "
        "(le 9 mars 2026 au rythme moyen) ; le rythme moyen (1\u202f880/j) masque ce ralentissement : "
        "renforcer la relance avant toute révision de la cible"
    ) in texts
    assert not any("cible plus haute" in t for t in texts)
    assert any("relevés dans 3 départements sur les 30 requis" in t for t in texts)
    assert any("échéance du 31 janvier 2026 dépassée à 60\u00a0% de la cible (6 sur 10)" in t for t in texts)
    assert any(t.startswith("1 livrable en retard, le plus ancien « Tract pour les marchés »") for t in texts)
    assert any(t.startswith("2 relances de partenaires à faire (Association Eau Vive, Collectif des écoles), dont 1 en retard") for t in texts)
    # objectives already reached ask for nothing
    assert not any("50 000 signatures pour être reçus" in t for t in texts)


def test_fixture_report_golden(checked, golden) -> None:
    golden("monitoring/rapport-petition-test-2026-S07.md", weekly_report_markdown(checked.context, _camp(checked), "2026-S07"))


@pytest.mark.parametrize(
    ("campagne", "semaine"),
    [("loi-duplomb", "2025-S30"), ("municipales-2026", "2026-S05")],
)
def test_example_content_report_golden(campagne: str, semaine: str, tmp_path: Path, golden) -> None:
    if not (REPO / "campaigns" / campagne / "suivi" / "indicateurs.csv").exists():
        pytest.skip("example content not written yet")
    result = CliRunner().invoke(
        main,
        ["rapport", str(REPO), "--campagne", campagne, "--semaine", semaine, "--today", "2026-11-27",
         "--sans-pdf", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    name = f"rapport-{campagne}-{semaine}.md"
    assert result.output.strip().endswith(str(tmp_path / name))
    golden(f"monitoring/{name}", (tmp_path / name).read_text(encoding="utf-8"))


def test_cli_refuses_unknown_campaign_and_bad_week(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["rapport", str(FIXTURE), "--today", "2026-02-15", "--out", str(tmp_path), "--sans-pdf"]
    result = runner.invoke(main, base + ["--campagne", "petition"])
    assert result.exit_code == 2
    assert "campagne « petition » introuvable ; vouliez-vous dire « petition-test » ?" in result.output
    result = runner.invoke(main, base + ["--campagne", "petition-test", "--semaine", "S07"])
    assert result.exit_code == 2
    assert "--semaine : semaine « S07 » mal écrite" in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.pdf
def test_pdf_is_written_and_readable(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing")
    result = CliRunner().invoke(
        main,
        ["rapport", str(FIXTURE), "--campagne", "petition-test", "--today", "2026-02-15", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "rapport-petition-test-2026-S07.pdf"
    assert (tmp_path / "rapport-petition-test-2026-S07.md").exists()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "Rapport hebdomadaire : Pétition de test" in flat
    assert "Semaine 2026-S07, du 9 février 2026 au 15 février 2026" in flat
    assert "rythme récent 1 000/j), contre 2 143/j" in flat.replace("\u202f", " ")
    assert "Tract pour les marchés" in flat
    assert re.search(r"page 1 / \d", flat)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Atkinson-Hyperlegible" in fonts


def test_report_pdf_shares_the_kits_jailed_fetcher(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from oep_build.monitoring.render import _fonts_url, write_pdf

    secret = tmp_path / "secret.txt"
    secret.write_text("jeton", encoding="utf-8")
    html = (
        f'<html lang="fr"><head><title>r</title><link rel="stylesheet" href="{_fonts_url()}">'
        f'<link rel="attachment" href="{secret.as_uri()}"></head>'
        f'<body><p>Rapport</p><img src="{secret.as_uri()}" alt=""></body></html>'
    )
    with caplog.at_level("WARNING", logger="oep_build"):
        write_pdf(html, tmp_path / "r.pdf")
    data = (tmp_path / "r.pdf").read_bytes()
    assert b"/EmbeddedFile" not in data and b"jeton" not in data
    warned = [r.getMessage() for r in caplog.records if r.name == "oep_build"]
    assert any("pièce jointe" in w for w in warned) and any("hors du projet" in w for w in warned)
