"""Focused runs of `oep check`: paths, --changed-since, --niveau; partial files said so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from oep_build import check_project

FIXTURES = Path(__file__).parent / "fixtures"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "migration", root)
    return root


def _oep(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.run([sys.executable, "-m", "oep_build", "check", *args], cwd=cwd, capture_output=True, text=True, env=env)


def _files(out: str) -> set[str]:
    return {line.split(":", 1)[0] for line in out.splitlines()[:-1] if ": erreur [" in line or ": avertissement [" in line}


def test_paths_focus_the_output_and_the_root_is_found_above(tmp_path: Path) -> None:
    root = _project(tmp_path)
    whole = _oep(cwd=root)
    assert len(_files(whole.stdout)) > 3
    done = _oep(".", cwd=root / "campaigns/demo")
    assert done.returncode == 1, done.stderr
    assert _files(done.stdout) and all(f.startswith("campaigns/demo/") for f in _files(done.stdout))
    assert "autres problèmes hors du périmètre demandé" in done.stdout.splitlines()[-1]
    one = _oep("kits/demo.yml", "content/comites", cwd=root)
    assert _files(one.stdout) == {"kits/demo.yml", "content/comites/bourg.yml"}


def test_focus_still_loads_the_whole_project(tmp_path: Path) -> None:
    """A reference from the focused file is checked against everything (no false « introuvable »)."""
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "base", root)
    done = _oep("kits/demo.yml", cwd=root)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip() == "Aucun problème trouvé."


def test_focus_on_a_clean_file_exits_zero_even_if_others_fail(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "content/pages").mkdir(parents=True, exist_ok=True)
    done = _oep("content/site.yml", cwd=root)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("Aucun problème trouvé.")


def test_niveau_erreur_hides_warnings(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "base", root)
    canaux = root / "content/referentiels/canaux.yml"
    canaux.write_text(canaux.read_text(encoding="utf-8").replace("2026-11-01", "2026-01-01"), encoding="utf-8")
    assert "avertissement [" in _oep(cwd=root).stdout
    done = _oep("--niveau", "erreur", cwd=root)
    assert "avertissement [" not in done.stdout
    assert done.returncode == 0


def test_changed_since_shows_only_changed_files(tmp_path: Path) -> None:
    root = _project(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    subprocess.run([*git, "switch", "-q", "-c", "branche"], cwd=root, check=True)
    kit = root / "kits/demo.yml"
    kit.write_text(kit.read_text(encoding="utf-8") + "# modifié\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "kit"], cwd=root, check=True)
    # main moves on meanwhile: its changes are not this branch's
    subprocess.run([*git, "switch", "-q", "main"], cwd=root, check=True)
    (root / "content/comites/bourg.yml").write_text("nom: Bourg\ncommune: Bourg\ndepartement: 1\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "main"], cwd=root, check=True)
    subprocess.run([*git, "switch", "-q", "branche"], cwd=root, check=True)
    (root / "content/comites/lyon2.yml").write_text("nom: Lyon 2\ncommune: Lyon\ndepartement: 69\n", encoding="utf-8")
    done = _oep("--changed-since", "main", cwd=root)
    assert _files(done.stdout) == {"kits/demo.yml", "content/comites/lyon2.yml"}, done.stdout
    bad = _oep("--changed-since", "nulle-part", cwd=root)
    assert bad.returncode == 2 and "introuvable" in bad.stderr


def test_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    done = _oep(cwd=tmp_path)
    assert done.returncode == 2
    assert "content/site.yml" in done.stderr


def test_a_file_that_cannot_be_read_whole_is_said_in_the_summary(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "base", root)
    (root / "kits/demo.yml").write_text("titre: [Kit démo\nversion: 1.10\n", encoding="utf-8")
    summary = check_project(root).report.summary()
    assert "n'a pas pu être lu en entier (kits/demo.yml)" in summary
    assert "d'autres problèmes peuvent apparaître après correction" in summary


def test_after_an_obvious_syntax_error_the_rest_of_the_file_is_checked(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "base", root)
    post = root / "campaigns/demo/posts/annonce.yml"
    post.write_text(
        "titre: Annonce : le débat\nedl: demo-edl\nstatut: validé\ndeclinaisons:\n  bluesky: Le débat.\n",
        encoding="utf-8",
    )
    ids = [d.id for d in check_project(root).report]
    assert ids == ["deux-points-non-protege", "valeur-inconnue"], ids
