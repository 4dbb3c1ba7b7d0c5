"""JSON Schema export, one schema per file kind (editor completion and squiggles)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .model import OBJECT_MODELS
from .model.docs import field_doc
from .model.referentiels import REFERENTIEL_MODELS, Site

__all__ = ["schemas", "write_schemas"]


class _DocumentedJsonSchema(GenerateJsonSchema):
    """Field docstrings as property descriptions, where ``use_attribute_docstrings`` would put them."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls: type[BaseModel] = schema["cls"]
        properties = json_schema.get("properties", {})
        for name, prop in properties.items():
            doc = field_doc(cls, name)
            if doc is not None:
                # A field description overrides the type's own (e.g. DateTime's), as in pydantic.
                properties[name] = self.handle_ref_overrides({**prop, "description": doc})
        return json_schema


def _object_schema(cls: type[BaseModel], title: str) -> dict[str, Any]:
    s = cls.model_json_schema(mode="validation", schema_generator=_DocumentedJsonSchema)
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = title
    return s


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every kind of content file."""
    out: dict[str, dict[str, Any]] = {"site.schema.json": _object_schema(Site, "content/site.yml")}
    for kind, (cls, _attr) in OBJECT_MODELS.items():
        out[f"{kind}.schema.json"] = _object_schema(cls, kind)
    for name, cls in REFERENTIEL_MODELS.items():
        one = _object_schema(cls, f"référentiel {name} (un objet)")
        defs = one.get("$defs", {})
        item = {k: v for k, v in one.items() if k not in ("$schema", "title", "$defs")}
        # In the keyed form and in a file of its own, the id is the key or the file name.
        keyed = _without_required_id(item)
        out[f"{name}-objet.schema.json"] = _without_required_id(one)
        out[f"{name}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"content/referentiels/{name}.yml",
            "$defs": defs,
            "oneOf": [
                {"type": "array", "items": item},
                {"type": "object", "additionalProperties": keyed},
            ],
        }
    return out


def _without_required_id(schema: dict[str, Any]) -> dict[str, Any]:
    copy = json.loads(json.dumps(schema))
    required = [r for r in copy.get("required", []) if r != "id"]
    if required:
        copy["required"] = required
    else:
        copy.pop("required", None)
    return copy


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in sorted(schemas().items()):
        path = out / name
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
