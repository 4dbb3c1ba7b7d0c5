"""Guide de saisie: every file, every field and every check, generated from the model itself."""

from __future__ import annotations

import enum
import html
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from ...diagnostics import RULES
from ...model import OBJECT_MODELS
from ...model.docs import field_doc
from ...model.referentiels import REFERENTIEL_MODELS, Site
from ...model.series import SERIES_COLUMNS
from .common import GUIDE, Page, render_template

__all__ = ["render_guide_saisie"]

# (where the file lives, object kind) in the order staff meet them.
FILES: list[tuple[str, str, type[BaseModel]]] = [
    ("content/site.yml", "Réglages du site", Site),
    *[
        (f"content/referentiels/{name}.yml", f"Référentiel {name}", cls)
        for name, cls in REFERENTIEL_MODELS.items()
    ],
    ("content/comites/<id>.yml", "Comité local", OBJECT_MODELS["comite"][0]),
    ("content/pages/<id>.md", "Page rédigée", OBJECT_MODELS["page"][0]),
    ("campaigns/<id>/campagne.yml", "Campagne", OBJECT_MODELS["campagne"][0]),
    ("campaigns/<id>/edl/<id>.md", "Éléments de langage", OBJECT_MODELS["edl"][0]),
    ("campaigns/<id>/argumentaires/<id>.md", "Argumentaire", OBJECT_MODELS["argumentaire"][0]),
    ("campaigns/<id>/guides/<id>.md", "Guide d’action", OBJECT_MODELS["guide"][0]),
    ("campaigns/<id>/posts/<id>.yml", "Post", OBJECT_MODELS["post"][0]),
    ("campaigns/<id>/visuels/<id>.yml", "Visuel", OBJECT_MODELS["visuel"][0]),
    ("campaigns/<id>/evenements/<id>.yml", "Événement", OBJECT_MODELS["evenement"][0]),
    ("campaigns/<id>/articles/<id>.md", "Actualité d’une campagne", OBJECT_MODELS["article"][0]),
    ("content/articles/<id>.md", "Actualité de l’association (mêmes champs, sans temps_fort)", OBJECT_MODELS["article"][0]),
    ("campaigns/<id>/suivi/indicateurs.csv", "Suivi des indicateurs (une ligne par relevé)", SERIES_COLUMNS["serie_indicateurs"]),
    ("campaigns/<id>/suivi/retombees.csv", "Retombées presse (une ligne par article)", SERIES_COLUMNS["serie_retombees"]),
    ("kits/<id>.yml", "Kit", OBJECT_MODELS["kit"][0]),
]


def render_guide_saisie(unlisted: bool = False) -> Page:
    """The field-by-field guide; ``unlisted`` on the public site (staff material)."""
    fichiers = []
    for path, label, cls in FILES:
        slug = path.replace("<id>", "id").replace("/", "-").replace(".", "-")
        fichiers.append({"chemin": path, "titre": label, "slug": slug, "doc": _doc(cls), "tables": _tables(cls)})
    rules = sorted(RULES.values(), key=lambda r: (r.category, r.id))
    body = render_template(
        "guide_saisie.md.j2",
        fichiers=fichiers,
        controles=[{"id": r.id, "niveau": r.level.value, "categorie": r.category, "resume": r.summary} for r in rules],
    )
    description = "Chaque fichier, chaque champ et chaque contrôle, expliqués."
    return Page(GUIDE, "Guide de saisie", body, description=description, unlisted=unlisted)


def _doc(cls: type) -> str:
    return _prose(cls.__doc__ or "")


_CODE_SPAN = re.compile(r"(`[^`]*`)")


def _prose(text: str) -> str:
    """A docstring as one Markdown line; ``<id>`` outside code spans is text, not a tag."""
    parts = _CODE_SPAN.split(" ".join(text.split()))
    return "".join(p if p.startswith("`") else html.escape(p, quote=False) for p in parts)


def _tables(cls: type[BaseModel], prefix: str = "") -> list[dict[str, Any]]:
    """The fields of ``cls``, then one table per nested object (``temps_forts[]``…)."""
    rows = []
    nested: list[tuple[str, type[BaseModel]]] = []
    for name, info in cls.model_fields.items():
        if name == "extra":
            continue  # explained once, above the tables
        sub, shape = _nested(info.annotation)
        rows.append(
            {
                "nom": f"{name}{shape}",
                "requis": "oui" if info.is_required() else "",
                "valeurs": _values(info.annotation),
                "description": _prose(field_doc(cls, name) or ""),
            }
        )
        if sub is not None:
            nested.append((f"{prefix}{name}{shape}", sub))
    out = [{"titre": prefix.rstrip("."), "doc": _doc(cls) if prefix else "", "lignes": rows}]
    for path, sub in nested:
        out += _tables(sub, path + ".")
    return out


def _args(tp: Any) -> tuple[Any, ...]:
    return typing.get_args(tp)


def _nested(tp: Any) -> tuple[type[BaseModel] | None, str]:
    """The model nested in an annotation, and how (``[]`` list, ``{}`` table, "" single)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        for a in _args(tp):
            sub, shape = _nested(a)
            if sub is not None:
                return sub, shape
        return None, ""
    if origin is list:
        sub, _ = _nested(_args(tp)[0])
        return sub, "[]"
    if origin is dict:
        sub, _ = _nested(_args(tp)[1])
        return sub, "{}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp, ""
    return None, ""


def _values(tp: Any) -> str:
    """Allowed values of an enumeration field, else empty."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType, list):
        return next((v for v in (_values(a) for a in _args(tp)) if v), "")
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return ", ".join(f"`{m.value}`" for m in tp)
    return ""
