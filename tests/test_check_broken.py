"""Golden diagnostics for the broken-input corpus (tests/fixtures/broken/).

Each case overlays its files on tests/fixtures/base/ (a valid project); the
expected `oep check` text output lives in tests/golden/check/<case>.txt.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from oep_build import check_project

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def make_case(tmp_path: Path, case: str) -> Path:
    root = tmp_path / case
    shutil.copytree(FIXTURES / "base", root)
    shutil.copytree(FIXTURES / "broken" / case, root, dirs_exist_ok=True)
    return root


def test_base_project_is_clean() -> None:
    report = check_project(FIXTURES / "base").report
    assert report.sorted() == []


@pytest.mark.parametrize("case", CASES)
def test_broken_case_golden(case: str, tmp_path: Path, golden) -> None:
    root = make_case(tmp_path, case)
    report = check_project(root).report
    assert report.errors > 0, "every broken case must produce at least one error"
    golden(f"check/{case}.txt", report.format_text())


@pytest.mark.parametrize("case", CASES)
def test_cli_exit_and_json(case: str, tmp_path: Path) -> None:
    root = make_case(tmp_path, case)
    text = subprocess.run(
        [sys.executable, "-m", "oep_build", "check", str(root)], capture_output=True, text=True
    )
    assert text.returncode == 1, text.stderr
    assert "Traceback" not in text.stderr + text.stdout
    js = subprocess.run(
        [sys.executable, "-m", "oep_build", "check", str(root), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert js.returncode == 1
    payload = json.loads(js.stdout)
    lines = [l for l in text.stdout.splitlines()[:-1]]
    assert len(payload["diagnostics"]) == len(lines)
    for d, line in zip(payload["diagnostics"], lines):
        assert line.startswith(f"{d['file']}:{d['line']}:{d['column']}: {d['level']} [{d['id']}]")
        assert d["message"] and d["fix"], d


def test_github_format(tmp_path: Path) -> None:
    root = make_case(tmp_path, "references")
    out = check_project(root).report.format_github()
    first = out.splitlines()[0]
    assert first.startswith("::error file=campaigns/demo/campagne.yml,line=")
    assert ",col=" in first and "title=" in first


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    root = make_case(tmp_path, "niveaux")
    report = check_project(root).report
    assert report.count_by_id("reference-inconnue") == 1
    d = next(d for d in report if d.id == "reference-inconnue")
    assert d.level.value == "avertissement"
    without = subprocess.run([sys.executable, "-m", "oep_build", "check", str(root)], capture_output=True, text=True)
    # the two bad level names are errors of their own
    assert without.returncode == 1
    shutil.copy(FIXTURES / "base" / "content" / "site.yml", root / "content" / "site.yml")
    (root / "content" / "site.yml").write_text(
        (root / "content" / "site.yml").read_text() + "niveaux:\n  reference-inconnue: avertissement\n"
    )
    ok = subprocess.run([sys.executable, "-m", "oep_build", "check", str(root)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    strict = subprocess.run(
        [sys.executable, "-m", "oep_build", "check", "--strict", str(root)], capture_output=True, text=True
    )
    assert strict.returncode == 1


def test_usage_error_exit_2(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "oep_build", "check", str(tmp_path / "absent")], capture_output=True, text=True
    )
    assert r.returncode == 2
    r = subprocess.run(
        [sys.executable, "-m", "oep_build", "check", "--today", "27/11/2026", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert "AAAA-MM-JJ" in r.stderr
    # a folder that is not a project (no content/site.yml) is a usage error too, not a content error
    r = subprocess.run([sys.executable, "-m", "oep_build", "check", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 2
    assert "content/site.yml manque" in r.stderr


@pytest.mark.parametrize("case", CASES)
def test_pure_python_parser_gives_the_same_diagnostics(
    case: str, tmp_path: Path, golden, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml the loader falls back on ruamel's composer: same diagnostics."""
    import yaml

    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    root = make_case(tmp_path, case)
    golden(f"check/{case}.txt", check_project(root).report.format_text())


def test_a_hashtag_in_a_flow_list_is_pointed_at_in_french(tmp_path: Path) -> None:
    """`hashtags: [#EauPourTous]`: PyYAML stopped lines further down, in English."""
    from test_site_support import TODAY, example_copy

    from oep_build.pipeline import check_project

    root = example_copy(tmp_path / "projet")
    campagne = next((root / "campaigns").glob("*/campagne.yml"))
    lines = campagne.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if text.startswith("resume:"))
    lines.insert(at, "hashtags: [#EauPourTous]")
    campagne.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [d for d in check_project(root, TODAY).report if d.id == "yaml-syntaxe"]
    assert [(d.line, d.column) for d in found] == [(at + 1, 12)]
    assert "commentaire" in found[0].message and '"#EauPourTous"' in found[0].fix


def test_an_impossible_hour_is_not_offered_back_as_the_fix(tmp_path: Path) -> None:
    from test_site_support import TODAY, example_copy

    from oep_build.pipeline import check_project

    root = example_copy(tmp_path / "projet")
    event = next((root / "campaigns").glob("*/evenements/*.yml"))
    text = event.read_text(encoding="utf-8")
    event.write_text(re.sub(r"(?m)^debut: .*$", 'debut: "2026-12-12 24:30"', text, count=1), encoding="utf-8")
    (diag,) = [d for d in check_project(root, TODAY).report if d.id == "date-invalide"]
    assert "24:30" in diag.message and "24:30" not in diag.fix and "23:59" in diag.fix and diag.edit is None


@pytest.mark.parametrize(
    "innocent",
    ['hashtags: ["Demo", # à confirmer\n  "Autre"]', "resume: >-\n  [#1] le débat commence\n  à l'heure"],
)
def test_the_flow_comment_hint_blames_no_innocent_line(tmp_path: Path, innocent: str) -> None:
    """A valid multi-line list with a comment, or a block scalar starting with « [# », above a real
    error elsewhere: the real error is reported, not a « # » in a list."""
    from test_site_support import TODAY, example_copy

    from oep_build.pipeline import check_project

    root = example_copy(tmp_path / "projet")
    campagne = next((root / "campaigns").glob("*/campagne.yml"))
    text = campagne.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^resume: (>-?\n(?:  .*\n)+|.*\n)", innocent + "\nresponsable_x: a\n  decale: b\n", text, count=1)
    # the real error above: « decale: » under a plain value, just after the innocent lines
    campagne.write_text(text, encoding="utf-8")
    found = [d for d in check_project(root, TODAY).report if d.id == "yaml-syntaxe"]
    assert found and all("crochets" not in d.message for d in found)
