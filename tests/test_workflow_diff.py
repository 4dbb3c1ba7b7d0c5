"""``oep diff`` on real git histories built from tests/fixtures/base."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from oep_build.cli import main

BASE = Path(__file__).resolve().parent / "fixtures" / "base"
TODAY = "2026-11-27"

# Fixed identity and dates: the same history gives the same commits everywhere.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+0000",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+0000",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

PUBLIC = "statut: publie\nvisibilite: public\nvalide_par: alice\nvalide_le: 2026-01-08\n"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-gpg-sign", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tests/fixtures/base on ``main``, with a draft post that the public kit already lists."""
    root = tmp_path / "contenu"
    shutil.copytree(BASE, root)
    kit = (root / "kits/demo.yml").read_text(encoding="utf-8")
    write(root, "kits/demo.yml", kit + "  - ref: posts/annonce\n    section: Partager\n")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Base")
    return root


def run_diff(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["diff", str(root), "--today", TODAY, *args])
    return result.exit_code, result.stdout, result.stderr


def stable(text: str, root: Path) -> str:
    """Commit hashes depend on the base fixture; goldens should not."""
    for ref in git(root, "rev-list", "--all").split():
        text = text.replace(ref[:7], "<commit>")
    return text


def test_new_public_kit_on_a_branch(project: Path, golden) -> None:
    git(project, "switch", "-q", "-c", "nouveau-kit")
    write(project, "kits/rentree.yml", (
        "titre: Kit de rentrée\ncampagne: demo\nversion: \"1.0\"\ndate_version: 2026-09-01\n"
        + PUBLIC + "declinaisons_locales: [lyon]\nsommaire:\n  - ref: edl/demo-edl\n"
    ))
    commit(project, "Add a public kit")
    # main moves on after the branch started: only the branch's own change is shown
    git(project, "switch", "-q", "main")
    write(project, "content/pages/a-propos.md", "---\ntitre: À propos\n" + PUBLIC + "---\nTexte.\n")
    commit(project, "Unrelated page on main")
    git(project, "switch", "-q", "nouveau-kit")
    code, out, err = run_diff(project)
    assert (code, err) == (0, "")
    assert "Comparaison avec `main`" in out
    assert "a-propos" not in out
    # the lists that name the new kit change too: the home page and the kits index
    assert "- modifié : `index.html` (page d'accueil)" in out
    assert "- modifié : `kits/`" in out
    golden("workflow/diff-nouveau-kit.md", stable(out, project))


def test_draft_becoming_public(project: Path, golden) -> None:
    post = (project / "campaigns/demo/posts/annonce.yml").read_text(encoding="utf-8")
    write(project, "campaigns/demo/posts/annonce.yml", post + PUBLIC)  # not committed: the working tree counts
    code, out, err = run_diff(project)
    assert (code, err) == (0, "")
    golden("workflow/diff-brouillon-publie.md", stable(out, project))


def test_embargo_added_against_origin_main(project: Path, golden) -> None:
    git(project, "update-ref", "refs/remotes/origin/main", "HEAD")
    kit = (project / "kits/demo.yml").read_text(encoding="utf-8")
    write(project, "kits/demo.yml", kit + 'embargo_jusqu_au: "2026-12-01 09:00"\n')
    code, out, err = run_diff(project)
    assert (code, err) == (0, "")
    assert "Comparaison avec `origin/main`" in out
    # the kits index stays (empty): modified, never removed
    assert "- modifié : `kits/`" in out and "- retiré : `kits/`\n" not in out
    golden("workflow/diff-embargo.md", stable(out, project))


def test_no_change_and_explicit_base(project: Path) -> None:
    code, out, _ = run_diff(project, "--base", "HEAD")
    assert code == 0
    assert "Aucun changement sur le site public." in out
    assert "✅ **Contrôle : aucune erreur**" in out


def test_errors_are_counted(project: Path) -> None:
    write(project, "kits/demo.yml", "titre: Kit cassé\n")
    code, out, _ = run_diff(project)
    assert code == 0  # the report is still wanted: the check step is what fails CI
    assert "❌ **Contrôle : " in out
    assert "| kit | `demo` | Kit démo | `demo` | fichier invalide (voir les erreurs) |" in out


def test_root_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "depot"
    shutil.copytree(BASE, repo / "site-contenu")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "Base")
    (repo / "site-contenu/kits/demo.yml").unlink()
    code, out, _ = run_diff(repo / "site-contenu")
    assert code == 0
    assert "### N'est plus public (1)" in out
    assert "| kit | `demo` | Kit démo | `demo` | supprimé |" in out


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("none", (), "n'est pas dans un dépôt git"),
        ("empty", (), "aucun commit"),
        ("repo", ("--base", "branche-inconnue"), "« branche-inconnue » est introuvable"),
    ],
)
def test_git_errors_exit_2_in_french(tmp_path: Path, setup: str, args: tuple[str, ...], message: str) -> None:
    root = tmp_path / "contenu"
    shutil.copytree(BASE, root)
    if setup in ("empty", "repo"):
        git(root, "init", "-q", "-b", "main")
    if setup == "repo":
        commit(root, "Base")
    code, out, err = run_diff(root, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("oep diff : ") and message in err


def test_published_article_lists_its_pages_and_feeds(project: Path) -> None:
    git(project, "switch", "-q", "-c", "actualite")
    write(project, "campaigns/demo/articles/compte-rendu.md", (
        "---\ntitre: Compte rendu du débat\ndate_publication: \"2026-02-11 21:00\"\n" + PUBLIC
        + "---\n\nLe débat a eu lieu.\n"
    ))
    commit(project, "Article")
    code, out, err = run_diff(project, "--base", "main")
    assert code == 0, err
    assert "Compte rendu du débat" in out
    for url in ("actualites/compte-rendu/", "actualites/", "actualites.xml", "campagnes/demo/actualites/",
                "actualites-demo.xml"):
        assert url in out, url


def test_new_and_fixed_diagnostics_are_named(project: Path) -> None:
    """« 23 → 24 warnings » is not enough: the new one is named, even in a file the change did not touch."""
    canaux = project / "content/referentiels/canaux.yml"
    write(project, "content/referentiels/canaux.yml", canaux.read_text(encoding="utf-8").replace("2026-11-01", "2026-01-01"))
    commit(project, "Old limits")
    # the change removes the old warning (limits re-checked) and brings a new one elsewhere
    write(project, "content/referentiels/canaux.yml", canaux.read_text(encoding="utf-8").replace("2026-01-01", "2026-11-20"))
    write(project, "content/referentiels/personnes.yml", (BASE / "content/referentiels/personnes.yml").read_text(encoding="utf-8") + "- id: carla\n  nom_affiche: Carla\n  extra: {x: 1}\n")
    kit = (project / "kits/demo.yml").read_text(encoding="utf-8")
    write(project, "kits/demo.yml", kit.replace("ref: edl/demo-edl", "ref: demo-edl"))
    code, out, _ = run_diff(project)
    assert code == 0
    assert "### Nouveaux problèmes (1)" in out
    assert "- `kits/demo.yml:10` erreur [reference-mal-formee]" in out and "écrivez « edl/demo-edl »" in out
    assert "### Problèmes corrigés (1)" in out
    assert "- `content/referentiels/canaux.yml:5` avertissement [canal-verification-ancienne]" in out


def test_modified_public_object_says_which_fields_changed(project: Path) -> None:
    kit = (project / "kits/demo.yml").read_text(encoding="utf-8")
    write(project, "kits/demo.yml", kit.replace("titre: Kit démo", "titre: Kit démo 2").replace('version: "1.0"', 'version: "1.1"'))
    code, out, _ = run_diff(project)
    assert code == 0
    assert "| Type | Identifiant | Titre | Campagne | Champs modifiés |" in out
    assert "| kit | `demo` | Kit démo 2 | `demo` | `titre`, `version` |" in out


def test_partners_and_sources_becoming_public_are_listed(project: Path) -> None:
    write(project, "content/referentiels/partenaires.yml",
          "- id: abeilles\n  nom: Collectif Abeilles\n  visibilite: public\n- id: discret\n  nom: Discret\n")
    write(project, "content/referentiels/sources.yml", "- id: rapport\n  titre: Rapport 2025\n  type: etude\n")
    camp = (project / "campaigns/demo/campagne.yml").read_text(encoding="utf-8")
    write(project, "campaigns/demo/campagne.yml", camp + "coalition:\n  - partenaire: abeilles\n    statut: engage\n"
          "  - partenaire: discret\n    statut: engage\n")
    write(project, "campaigns/demo/argumentaires/eau.md", "---\ntitre: Eau\n" + PUBLIC
          + "affirmations:\n  - id: a1\n    texte: L'eau manque.\n    sources: [rapport]\n---\nCorps.\n")
    code, out, _ = run_diff(project)
    assert code == 0, out
    assert "### Partenaires et sources désormais nommés sur le site (2)" in out
    assert "- partenaire `abeilles` : Collectif Abeilles" in out
    assert "- source `rapport` : Rapport 2025" in out
    assert "discret" not in out.split("### Partenaires")[1]
