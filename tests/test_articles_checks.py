"""Articles go through the same checks as the other pieces, plus their own two."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from oep_build.cli import main
from oep_build.pipeline import check_project

BASE = Path(__file__).resolve().parent / "fixtures" / "base"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    dest = tmp_path / "contenu"
    shutil.copytree(BASE, dest)
    return dest


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PUBLIC = "statut: publie\nvisibilite: public\nvalide_par: alice\nvalide_le: 2026-02-01\n"


def test_a_clean_article_of_each_kind_loads(root: Path) -> None:
    write(root, "campaigns/demo/articles/debat.md",
          f"---\ntitre: Le débat a eu lieu\ndate_publication: \"2026-02-11 21:00\"\nauteur: bob\n"
          f"temps_fort: tf-debat\n{PUBLIC}---\n\nLe débat s’est tenu.\n")
    write(root, "content/articles/bilan.md",
          f"---\ntitre: Bilan\ndate_publication: \"2026-03-01 10:00\"\n{PUBLIC}---\n\nMerci.\n")
    checked = check_project(root, dt.date(2026, 3, 2))
    assert [d.text() for d in checked.report if "articles/" in d.file] == []
    p = checked.project
    assert set(p.articles) == {"debat", "bilan"}
    assert p.campagne_id_of(p.articles["debat"]) == "demo"
    assert p.campagne_id_of(p.articles["bilan"]) is None
    assert p.articles["debat"].date_publication == dt.datetime(2026, 2, 11, 21, 0)
    assert p.body_of(p.articles["bilan"]).strip() == "Merci."


def test_broken_article_names_every_problem_at_its_line(root: Path) -> None:
    write(root, "campaigns/demo/articles/casse.md",
          "---\ntitre: Un titre avec des \"guillemets droits\"\ndate_publication: \"2026-02-20 10:00\"\n"
          "auteur: carole\nimage: affiche\ntemps_fort: tf-debats\nsources: [inconnue]\n"
          f"{PUBLIC}---\n\nAppelez le 06 12 34 56 78.\n\n#### Trop bas\n\n[cliquez ici](https://demo.example.org/)\n")
    write(root, "content/articles/sans-source.md",
          "---\ntitre: Sans source\ndate_publication: \"2026-03-01 10:00\"\ntemps_fort: tf-debat\n"
          f"{PUBLIC}---\n\nNous avons réuni 12 000 signatures.\n")
    report = check_project(root, dt.date(2026, 2, 15)).report
    got = sorted((d.file, d.line, d.id) for d in report if "articles/" in d.file)
    art = "campaigns/demo/articles/casse.md"
    assoc = "content/articles/sans-source.md"
    assert got == sorted([
        (art, 2, "typographie"),
        (art, 4, "reference-inconnue"),  # auteur
        (art, 5, "reference-inconnue"),  # image
        (art, 6, "reference-inconnue"),  # temps fort (with a suggestion)
        (art, 7, "reference-inconnue"),  # source
        (art, 3, "article-date-a-venir"),
        (art, 14, "telephone-public"),
        (art, 16, "titres-sautes"),
        (art, 18, "lien-peu-explicite"),
        (assoc, 4, "reference-inconnue"),  # an association article has no temps fort
        (assoc, 3, "article-date-a-venir"),
        (assoc, 11, "article-chiffre-sans-source"),
    ]), report.format_text()
    texts = report.format_text()
    assert "vouliez-vous dire « tf-debat » ?" in texts
    assert "n'appartient à aucune campagne" in texts
    assert 'embargo_jusqu_au: "2026-03-01 10:00"' in texts
    assert "le chiffre « 12 000 » n'a pas de source" in texts


def test_an_embargo_at_the_publication_time_is_the_right_way(root: Path) -> None:
    write(root, "content/articles/programme.md",
          "---\ntitre: Programmé\ndate_publication: \"2026-03-01 10:00\"\nembargo_jusqu_au: \"2026-03-01 10:00\"\n"
          f"{PUBLIC}---\n\nBientôt.\n")
    report = check_project(root, dt.date(2026, 2, 15)).report
    assert [d.id for d in report if "articles/" in d.file] == []


def test_a_public_article_with_an_internal_image_is_reported(root: Path) -> None:
    write(root, "campaigns/demo/visuels/affiche.yml",
          "titre: Affiche\nfichier: affiche.png\nalt: Une affiche verte qui dit « Signez ».\n")
    shutil.copy(Path(__file__).resolve().parent.parent / "content" / "assets" / "partage.png",
                root / "campaigns/demo/visuels/affiche.png")
    write(root, "campaigns/demo/articles/illustre.md",
          f"---\ntitre: Illustré\ndate_publication: \"2026-02-01 10:00\"\nimage: affiche\n{PUBLIC}---\n\nTexte.\n")
    report = check_project(root, dt.date(2026, 2, 15)).report
    assert [(d.id, d.line) for d in report if "articles/" in d.file] == [("reference-non-publique", 4)], report.format_text()


def test_new_article_in_a_campaign(root: Path) -> None:
    result = CliRunner().invoke(main, ["new", "article", "compte-rendu", "--campagne", "demo", str(root)])
    assert result.exit_code == 0, result.output
    text = (root / "campaigns/demo/articles/compte-rendu.md").read_text(encoding="utf-8")
    assert "# temps_fort: identifiant-du-temps-fort" in text
    assert "de la campagne demo" in text
    assert "$schema=../../../schemas/article.schema.json" in text
    checked = check_project(root)
    assert checked.report.errors == 0, checked.report.format_text()
    assert "compte-rendu" in checked.project.articles
