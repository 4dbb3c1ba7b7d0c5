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
