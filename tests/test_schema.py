"""JSON Schemas: exported per file kind, committed, and in line with the model."""

from __future__ import annotations

import json
from pathlib import Path

from oep_build.schema import schemas, write_schemas

REPO = Path(__file__).resolve().parent.parent


def test_every_kind_has_a_schema_with_french_descriptions() -> None:
    out = schemas()
    for name in ("campagne", "edl", "kit", "evenement", "post", "visuel", "site", "personnes", "canaux"):
        assert f"{name}.schema.json" in out
    camp = out["campagne.schema.json"]
    assert camp["additionalProperties"] is False
    assert "pilote" in camp["required"]
    assert "piloté" not in camp["properties"]
    assert camp["properties"]["pilote"]["description"].startswith("Personne qui pilote")


def test_committed_schemas_are_up_to_date(tmp_path: Path) -> None:
    """schemas/ is what editors use: regenerate with `make schemas` after a model change."""
    fresh = {p.name: p.read_text(encoding="utf-8") for p in write_schemas(tmp_path)}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").glob("*.json")}
    assert committed == fresh, "schemas/ is stale: run `make schemas` and commit"


def test_referentiel_schema_accepts_both_shapes() -> None:
    s = schemas()["personnes.schema.json"]
    kinds = sorted(alt["type"] for alt in s["oneOf"])
    assert kinds == ["array", "object"]
    assert "id" not in s["oneOf"][1]["additionalProperties"].get("required", [])
    json.dumps(s)


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        return ([node["$ref"]] if isinstance(node.get("$ref"), str) else []) + [
            r for v in node.values() for r in _refs(v)
        ]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_every_reference_resolves_inside_its_schema() -> None:
    """An editor gives up on a schema whose $ref points nowhere (it happened to the *-objet ones)."""
    for name, s in schemas().items():
        for ref in _refs(s):
            assert ref.startswith("#/$defs/"), (name, ref)
            assert ref.removeprefix("#/$defs/") in s.get("$defs", {}), (name, ref)


def test_example_content_validates_against_its_schema_line() -> None:
    """Each example file names its schema on line 1; the editor must show no squiggle there."""
    import datetime as dt

    import pytest

    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")

    def plain(value: object) -> object:  # an editor sees YAML dates as strings
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    checked = 0
    for path in sorted(REPO.glob("*/**/*.yml")):
        if not path.relative_to(REPO).parts[0] in ("content", "campaigns", "kits"):
            continue
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if "$schema=" not in first:
            continue
        schema_path = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        data = plain(yaml.safe_load(path.read_text(encoding="utf-8")))
        jsonschema.validate(data, schema)
        checked += 1
    assert checked > 10
