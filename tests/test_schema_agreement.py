"""The JSON Schemas (what the editor underlines) and `oep check` (what CI refuses) agree.

Every YAML file and Markdown front matter of the example and of every fixture is validated
with both: the structure verdict — valid or not for its kind — must be the same. The schema
side uses the `jsonschema` validator with its format checker; its patterns are written with
explicit character ranges, read the same by Python's `re` and by the ECMA-262 engines of
editors (where `\\w` and `\\d` are ASCII only).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from oep_build.diagnostics import Level
from oep_build.load import load_sources
from oep_build.model import build_project
from oep_build.sources import SourceDoc

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests/fixtures"
# What a JSON Schema can say: the structure and the values of one file.
STRUCTURE = {
    "cle-inconnue",
    "champ-manquant",
    "type-invalide",
    "valeur-inconnue",
    "date-invalide",
    "identifiant-invalide",
    "nombre-au-lieu-de-texte",
    "hashtag-invalide",
    "zero-initial-perdu",
    "referentiel-forme",
}


def _projects(tmp: Path) -> list[Path]:
    """The example, every fixture project, and every broken case laid over the base."""
    roots = [REPO]
    for site in sorted(FIXTURES.rglob("content/site.yml")):
        roots.append(site.parent.parent)
    broken = FIXTURES / "broken"
    for case in sorted(p for p in broken.iterdir() if p.is_dir()):
        root = tmp / "broken" / case.name
        shutil.copytree(FIXTURES / "base", root)
        shutil.copytree(case, root, dirs_exist_ok=True)
        roots.append(root)
    return roots


def _schema_name(doc: SourceDoc) -> str | None:
    if doc.kind == "site":
        return "site"
    if doc.kind == "referentiel":
        return doc.referentiel
    if doc.kind == "referentiel-objet":
        return f"{doc.referentiel}-objet"
    if doc.path.endswith(".csv"):
        return None
    return doc.kind


def _as_editor_sees(value: Any) -> Any:
    """YAML as a YAML 1.2 editor reads it: dates are strings."""
    if isinstance(value, dict):
        return {str(k): _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _verdicts(tmp: Path) -> list[tuple[str, bool, bool, str]]:
    schemas = {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8")) for p in (REPO / "schemas").glob("*.json")}
    out = []
    for root in _projects(tmp):
        docs, load_diags = load_sources(root)
        _project, model_diags = build_project(root, docs)
        for doc in docs:
            name = _schema_name(doc)
            if name is None or doc.data is None or doc.broken or name not in schemas:
                continue
            if any(d.file == doc.path and d.level is Level.ERREUR and d.id not in STRUCTURE for d in load_diags):
                continue  # a syntax problem: the editor has its own message for it
            ours = [d for d in model_diags if d.file == doc.path and d.id in STRUCTURE]
            validator = Draft202012Validator(schemas[name], format_checker=FormatChecker())
            errors = list(validator.iter_errors(_as_editor_sees(doc.data)))
            label = f"{root.name}/{doc.path}"
            why = "; ".join(d.text() for d in ours) + " | " + "; ".join(e.message[:120] for e in errors)
            out.append((label, not ours, not errors, why))
    return out


def test_schemas_and_check_give_the_same_verdict(tmp_path: Path) -> None:
    verdicts = _verdicts(tmp_path)
    assert len(verdicts) > 80
    assert any(not ok for _, ok, _, _ in verdicts) and any(ok for _, ok, _, _ in verdicts)
    disagree = [(label, ok, schema_ok, why) for label, ok, schema_ok, why in verdicts if ok != schema_ok]
    assert not disagree, "\n".join(f"{label}: oep={ok} schema={s} — {why}" for label, ok, s, why in disagree)


@pytest.mark.parametrize("tag", ["#RéférendumCitoyen", "#ÉcoleÉtéÀParis", "#Ñandú", "#Москва", "#Demo_2026"])
def test_accented_hashtags_are_valid_for_both(tag: str) -> None:
    import re

    from oep_build.model.base import _HASHTAG

    schema = json.loads((REPO / "schemas/campagne.schema.json").read_text(encoding="utf-8"))
    pattern = schema["properties"]["hashtags"]["items"]["pattern"]
    assert "\\w" not in pattern and "\\d" not in pattern  # ASCII-only in an editor's ECMA-262 engine
    assert re.search(pattern, tag) and _HASHTAG.match(tag)
    assert not re.search(pattern, "#Deux mots") and not _HASHTAG.match("#Deux mots")
