"""YAML alias bombs and deep nesting are refused at the line, in bounded time and memory.

The bombs run in a child process with a memory limit and a timeout: without
the cap they take gigabytes and never finish, and would take the suite down.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from oep_build.load import yaml as oep_yaml
from oep_build.load.yaml import parse_yaml_into
from oep_build.load.yaml_limits import MAX_ALIAS_USES, MAX_DEPTH
from oep_build.sources import SourceDoc

FIXTURES = Path(__file__).parent / "fixtures"
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space of the child: far below what a bomb takes
TIMEOUT = 120


def _bomb(levels: int = 10, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _bounded(args: list[str]) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=limit
    )


def test_alias_bomb_in_content_is_an_error_at_the_line(tmp_path: Path) -> None:
    root = tmp_path / "projet"
    shutil.copytree(FIXTURES / "base", root)
    campagne = root / "campaigns" / "demo" / "campagne.yml"
    campagne.write_text(campagne.read_text(encoding="utf-8") + "extra:\n" + textwrap.indent(_bomb(), "  "), encoding="utf-8")
    first = len(campagne.read_text(encoding="utf-8").splitlines()) - 10 + 1  # line of a0
    proc = _bounded(["-m", "oep_build", "check", str(root), "--format", "json"])
    assert proc.returncode == 1, proc.stderr
    diags = json.loads(proc.stdout)["diagnostics"]
    alias = [d for d in diags if d["id"] == "alias-yaml"]
    assert len(alias) == 1, diags
    d = alias[0]
    assert (d["file"], d["line"], d["column"]) == ("campaigns/demo/campagne.yml", first + 4, 12)
    assert d["level"] == "erreur"
    assert "« *a3 »" in d["message"] and "ancre « & »" in d["fix"]


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "ruamel"])
def test_alias_bomb_both_parsers_bounded(libyaml: bool) -> None:
    code = textwrap.dedent(
        f"""
        import json, sys
        from oep_build.load import yaml as Y
        from oep_build.sources import SourceDoc
        Y.pyyaml.__with_libyaml__ = {libyaml}
        doc = SourceDoc("x.md", "edl")
        diags = Y.parse_yaml_into(doc, sys.stdin.read(), line_offset=1)
        print(json.dumps([[d.id, d.line, d.column, d.message] for d in diags] + [doc.data is None]))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], input=_bomb(), capture_output=True, text=True, timeout=TIMEOUT,
        preexec_fn=lambda: __import__("resource").setrlimit(
            __import__("resource").RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT)
        ),
    )
    assert proc.returncode == 0, proc.stderr
    *diags, no_data = json.loads(proc.stdout)
    assert no_data is True
    assert [d[:3] for d in diags] == [["alias-yaml", 5 + 1, 10]]  # front matter: one line below


def _parse(text: str) -> tuple[SourceDoc, list]:
    doc = SourceDoc("x.yml", "campagne")
    return doc, parse_yaml_into(doc, text)


def test_a_few_aliases_still_work() -> None:
    doc, diags = _parse("debut: &d 2026-02-01\nfin: *d\nliste: &l [a, b]\nautre: *l\n")
    assert diags == []
    assert doc.data["fin"] == doc.data["debut"] and doc.data["autre"] == ["a", "b"]


def test_too_many_alias_uses() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (MAX_ALIAS_USES + 1)) + "]\n"
    doc, diags = _parse(text)
    assert [(d.id, d.line) for d in diags] == [("alias-yaml", 2)]
    assert f"plus de {MAX_ALIAS_USES} alias" in diags[0].message
    assert doc.data is None


def test_too_many_values_from_one_level() -> None:
    text = "a: &a [" + ", ".join(["x"] * 2000) + "]\nb: [*a, *a, *a, *a, *a, *a]\n"
    _, diags = _parse(text)
    assert [(d.id, d.line, d.column) for d in diags] == [("alias-yaml", 2, 21)]  # the fifth: 5 × 2 001 values
    assert "10\u202f000 valeurs" in diags[0].message


def test_alias_inside_its_own_anchor() -> None:
    _, diags = _parse("a: &a\n  - x\n  - *a\n")
    assert [(d.id, d.line, d.column) for d in diags] == [("alias-yaml", 3, 5)]
    assert "infinie" in diags[0].message


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "ruamel"])
def test_deep_nesting_is_a_syntax_error_not_a_crash(libyaml: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # 100 000 levels used to crash the interpreter (libyaml's composer recurses in C)
    monkeypatch.setattr(oep_yaml.pyyaml, "__with_libyaml__", libyaml)
    depth = 100_000 if libyaml else 2 * MAX_DEPTH
    _, diags = _parse("a: " + "[" * depth + "]" * depth + "\n")
    assert [(d.id, d.line, d.column) for d in diags] == [("yaml-syntaxe", 1, 4 + MAX_DEPTH - 1)]
    assert f"plus de {MAX_DEPTH} niveaux" in diags[0].message
