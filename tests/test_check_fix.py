"""`oep check --fix`: every unambiguous fix applied, nothing else touched, idempotent."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from oep_build import check_project
from oep_build.diagnostics import Diagnostic
from oep_build.workflow.fix import fix_project

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())
# A fix may legitimately clear other diagnostics at the same line (a file read again after its
# syntax error is fixed says more; a date written in ISO makes a calendar check pass…): these
# are the non-fixable diagnostics a fix is allowed to make disappear, per case.
CLEARED_BY_A_FIX: dict[str, set[str]] = {}


def _case(tmp_path: Path, case: str) -> Path:
    root = tmp_path / case
    shutil.copytree(FIXTURES / "base", root)
    shutil.copytree(FIXTURES / "broken" / case, root, dirs_exist_ok=True)
    return root


def _key(d: Diagnostic) -> tuple[str, int, str]:
    return (d.file, d.line, d.id)


def _texts(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes().decode("utf-8", "replace")
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(root).parts  # template cache, not content
    }


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("# ")]


@pytest.mark.parametrize("case", CASES)
def test_fix_on_broken_fixtures(case: str, tmp_path: Path) -> None:
    root = _case(tmp_path, case)
    before = check_project(root).report.sorted()
    texts = _texts(root)
    fixable = {_key(d) for d in before if d.edit is not None and not d.edit.opt_in}
    result = fix_project(root)
    after = check_project(root).report.sorted()
    after_keys = {_key(d) for d in after}
    # every fixable diagnostic disappears
    assert not fixable & after_keys, sorted(fixable & after_keys)
    # the others stay (a human must look at them)
    lost = {
        _key(d)
        for d in before
        if _key(d) not in fixable and _key(d) not in after_keys and d.id not in CLEARED_BY_A_FIX.get(case, set())
    }
    assert not lost, sorted(lost)
    # only the files with a fix changed, and their comments survive
    changed = {rel for rel, text in _texts(root).items() if texts.get(rel) != text}
    assert changed == set(result.changed)
    assert {d.file for d in before if d.edit is not None and not d.edit.opt_in} >= changed
    for rel in changed:
        assert _comments(texts[rel]) == _comments((root / rel).read_text(encoding="utf-8"))
        # same number of lines: fixes replace text inside lines, nothing is reflowed
        assert texts[rel].count("\n") == (root / rel).read_text(encoding="utf-8").count("\n")
    # idempotent: a second run finds nothing to do
    again = fix_project(root)
    assert again.changed == {} and again.applied == []


def test_broken_fixtures_have_fixable_problems() -> None:
    """The corpus exercises the fixer: most kinds of automatic fix appear in it."""
    ids: set[str] = set()
    for case in CASES:
        root = FIXTURES / "broken" / case
        # read in place through a temporary overlay
        ids |= {d.id for d in _report_of(case) if d.edit is not None}
        assert root.is_dir()
    assert {
        "yaml-tabulation",
        "deux-points-non-protege",
        "diese-commentaire",
        "date-invalide",
        "zero-initial-perdu",
        "nombre-au-lieu-de-texte",
        "valeur-inconnue",
        "reference-inconnue",
        "reference-mal-formee",
    } <= ids, ids


def _report_of(case: str) -> list[Diagnostic]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return check_project(_case(Path(tmp), case)).report.sorted()


def test_preview_writes_nothing_and_shows_a_diff(tmp_path: Path) -> None:
    root = _case(tmp_path, "dates-francaises")
    texts = _texts(root)
    done = subprocess.run(
        [sys.executable, "-m", "oep_build", "check", "--diff", str(root)], capture_output=True, text=True
    )
    assert "Traceback" not in done.stderr
    assert _texts(root) == texts
    assert "\n+debut: " in done.stdout or '+debut: "' in done.stdout, done.stdout
    assert "aperçu : rien n'a été écrit" in done.stdout


def test_cli_fix_prints_changes_per_file_then_what_is_left(tmp_path: Path) -> None:
    root = tmp_path / "old"
    shutil.copytree(FIXTURES / "migration", root)
    done = subprocess.run([sys.executable, "-m", "oep_build", "check", "--fix", str(root)], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert "oep check --fix a corrigé" in out
    assert "  kits/demo.yml\n    ligne 4 [nombre-au-lieu-de-texte] 1.10 → \"1.10\"" in out
    assert "ligne 12 [reference-mal-formee] demo-edl → edl/demo-edl" in out
    assert "Reste à corriger à la main :" in out
    again = subprocess.run([sys.executable, "-m", "oep_build", "check", "--fix", str(root)], capture_output=True, text=True)
    assert "Rien à corriger automatiquement." in again.stdout


def test_migrated_repository_keeps_only_what_needs_a_human(tmp_path: Path, golden) -> None:
    """An older repository (own fields, French dates, unquoted codes, tabs…): most errors are
    mechanical and go away with --fix; what is left is listed in the golden file."""
    root = tmp_path / "old"
    shutil.copytree(FIXTURES / "migration", root)
    before = check_project(root).report
    result = fix_project(root)
    after = check_project(root).report
    assert before.errors >= 30
    assert after.errors <= 12
    # what is left: the organisation's own fields (to move under extra:), which no fix can decide
    assert {d.id for d in after if d.level.value == "erreur"} == {"cle-inconnue"}
    golden("fix/migration-diff.txt", result.diff())
    golden("fix/migration-reste.txt", after.format_text())


def test_dates_are_only_touched_on_request(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "base", root)
    canaux = root / "content/referentiels/canaux.yml"
    canaux.write_text(canaux.read_text(encoding="utf-8").replace("2026-11-01", "2026-01-01"), encoding="utf-8")
    stale = [d for d in check_project(root).report if d.id == "canal-verification-ancienne"]
    assert stale and stale[0].edit is not None and stale[0].edit.opt_in == "dates"
    assert fix_project(root).changed == {}
    assert "2026-01-01" in canaux.read_text(encoding="utf-8")
    fix_project(root, opt_in=frozenset({"dates"}))
    assert "verifie_le: 2026-11-27" in canaux.read_text(encoding="utf-8")


def test_github_annotations_suggest_the_fix(tmp_path: Path) -> None:
    root = _case(tmp_path, "dates-francaises")
    out = check_project(root).report.format_github()
    assert "%0ACorrection automatique : oep check --fix (remplace par " in out


def test_a_tab_is_fixed_with_the_files_own_indentation(tmp_path: Path) -> None:
    """A file indented by 4: the tab becomes 4 spaces, not 2 (which left the same error)."""
    from test_site_support import TODAY, example_copy

    from oep_build.pipeline import check_project

    root = example_copy(tmp_path / "projet")
    comite = root / "content" / "comites" / "ajaccio.yml"
    text = comite.read_text(encoding="utf-8").replace("\n  ", "\n    ")
    comite.write_text(text.replace("\n    valeur:", "\n\tvaleur:"), encoding="utf-8")
    (diag,) = [d for d in check_project(root, TODAY).report if d.id == "yaml-tabulation"]
    assert diag.edit is not None and diag.edit.text == "    " and "4 espaces par niveau" in diag.fix
    fix_project(root, TODAY)
    assert "\n    valeur:" in comite.read_text(encoding="utf-8")
    assert not [d for d in check_project(root, TODAY).report if d.file.endswith("ajaccio.yml") and d.level.value == "erreur"]
