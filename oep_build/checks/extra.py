"""The organisation's own fields (``extra:``): typed when ``site.yml`` declares them in ``champs_extra``."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..diagnostics import Diagnostic, Level, rule
from ..incremental import kept_list
from ..model import OBJECT_MODELS, closest
from ..model.errors import models_in
from ..model.referentiels import REFERENTIEL_MODELS, ChampExtra, TypeChamp
from .base import Context, check

_CAT = "champs-extra"
R_TYPE = rule("champ-extra-invalide", Level.ERREUR, "Un champ extra déclaré dans site.yml n'a pas le bon type.", _CAT)
R_UNDECLARED = rule(
    "champ-extra-non-declare", Level.AVERTISSEMENT, "Un champ extra n'est pas déclaré dans champs_extra de site.yml.", _CAT
)
R_MISSING = rule("champ-extra-manquant", Level.ERREUR, "Un champ extra déclaré requis manque.", _CAT)
R_KIND = rule("champ-extra-objet-inconnu", Level.ERREUR, "champs_extra nomme un type d'objet inconnu.", _CAT)

_ATTR_KIND = {attr: kind for kind, (_cls, attr) in OBJECT_MODELS.items()}
_TYPE_WORDS = {
    TypeChamp.texte: "un texte",
    TypeChamp.entier: "un nombre entier",
    TypeChamp.nombre: "un nombre",
    TypeChamp.date: "une date AAAA-MM-JJ",
    TypeChamp.booleen: "true ou false",
    TypeChamp.liste: "une liste",
    TypeChamp.choix: "une des valeurs permises",
}


def _holders(obj: BaseModel, kind: str, sub: tuple[str | int, ...] = ()) -> Iterator[tuple[str, tuple[str | int, ...], BaseModel]]:
    """(kind, path, model) for ``obj`` and every nested model (a livrable's kind is « livrables »)."""
    yield kind, sub, obj
    for name in type(obj).model_fields:
        if name == "extra":
            continue
        value = getattr(obj, name)
        if isinstance(value, BaseModel):
            yield from _holders(value, name, sub + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _holders(item, name, sub + (name, i))


def _objects(ctx: Context) -> Iterator[tuple[str, BaseModel]]:
    p = ctx.project
    for attr, obj in p.all_objects():
        yield _ATTR_KIND.get(attr, attr), obj
    for name in REFERENTIEL_MODELS:
        for obj in getattr(p, name).values():
            yield name, obj
    for rows in p.indicateurs_series.values():
        for row in rows:
            yield "suivi", row


@functools.cache
def _known_kinds() -> frozenset[str]:
    """Kinds of top-level objects, référentiels, and field names of nested objects (« livrables »)."""
    kinds = set(OBJECT_MODELS) | set(REFERENTIEL_MODELS) | {"suivi"}
    todo: list[type[BaseModel]] = []
    todo += [cls for cls, _ in OBJECT_MODELS.values()]
    todo += list(REFERENTIEL_MODELS.values())
    seen: set[type[BaseModel]] = set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            inner = models_in(info.annotation)
            if inner:
                kinds.add(name)
                todo += inner
    return frozenset(kinds)


def _type_ok(decl: ChampExtra, value: Any) -> bool:
    t = decl.type
    if t is TypeChamp.texte:
        return isinstance(value, str)
    if t is TypeChamp.entier:
        return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, str) and value.isdigit())
    if t is TypeChamp.nombre:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return True
        try:
            float(str(value).replace(",", "."))
        except ValueError:
            return False
        return isinstance(value, str)
    if t is TypeChamp.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return True
        try:
            return isinstance(value, str) and len(value) == 10 and bool(dt.date.fromisoformat(value))
        except ValueError:
            return False
    if t is TypeChamp.booleen:
        return isinstance(value, bool)
    if t is TypeChamp.liste:
        return isinstance(value, list)
    return str(value) in decl.valeurs


def _applies(decl: ChampExtra, kind: str) -> bool:
    return not decl.objets or kind in decl.objets


@check
def check_extra_fields(ctx: Context) -> Iterator[Diagnostic]:
    site = ctx.project.site
    declared = site.champs_extra if site else {}
    known_kinds = _known_kinds()
    for name, decl in declared.items():
        for i, kind in enumerate(decl.objets):
            if kind not in known_kinds:
                sugg = closest(kind, known_kinds)
                yield ctx.diag(
                    R_KIND, site, "champs_extra", name, "objets", i,
                    message=f"champs_extra.{name} : type d'objet « {kind} » inconnu",
                    fix=f"vouliez-vous dire « {sugg[0]} » ?" if sugg else "types possibles : " + ", ".join(sorted(known_kinds)),
                )
    for top_kind, top in _objects(ctx):
        yield from kept_list(ctx, ("champs-extra", top_kind), top, _check_object, ctx, declared, top, top_kind)


def _check_object(ctx: Context, declared: dict[str, ChampExtra], top: BaseModel, top_kind: str) -> Iterator[Diagnostic]:
    for kind, sub, holder in _holders(top, top_kind):
        yield from _check_holder(ctx, declared, top, kind, sub, holder, top_level=not sub)


def _check_holder(
    ctx: Context,
    declared: dict[str, ChampExtra],
    top: BaseModel,
    kind: str,
    sub: tuple[str | int, ...],
    holder: BaseModel,
    top_level: bool,
) -> Iterator[Diagnostic]:
    extra: dict[str, Any] = getattr(holder, "extra", {}) or {}
    for name, value in extra.items():
        decl = declared.get(name)
        if decl is None or not _applies(decl, kind):
            if declared:
                sugg = closest(name, [n for n, d in declared.items() if _applies(d, kind)])
                yield ctx.diag(
                    R_UNDECLARED, top, *sub, "extra", name, key=True,
                    message=f"champ extra « {name} » non déclaré pour {kind}",
                    fix=(f"vouliez-vous dire « {sugg[0]} » ? sinon, " if sugg else "")
                    + f"déclarez-le dans champs_extra de content/site.yml (avec son type et objets: [{kind}])",
                )
            continue
        if value is not None and not _type_ok(decl, value):
            allowed = f" ({', '.join(decl.valeurs)})" if decl.type is TypeChamp.choix else ""
            yield ctx.diag(
                R_TYPE, top, *sub, "extra", name,
                message=f"extra.{name} : « {value} » n'est pas {_TYPE_WORDS[decl.type]}{allowed}",
                fix=f"écrivez {_TYPE_WORDS[decl.type]}{allowed}, comme le déclare champs_extra.{name} dans site.yml",
            )
    if top_level:
        for name, decl in declared.items():
            if decl.requis and decl.objets and kind in decl.objets and extra.get(name) in (None, ""):
                yield ctx.diag(
                    R_MISSING, top, *sub,
                    message=f"le champ extra « {name} » est requis pour {kind} (champs_extra de site.yml)",
                    fix=f"ajoutez « extra: {{{name}: …}} »" + (f" ({decl.description})" if decl.description else ""),
                )
