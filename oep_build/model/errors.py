"""Turn pydantic validation errors into French diagnostics with positions and fixes."""

from __future__ import annotations

import difflib
import enum
import re
import types
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from ..departements import is_departement
from ..diagnostics import Diagnostic, Level, rule
from ..sources import Path_, SourceDoc
from .docs import field_doc

__all__ = ["KEY_SYNONYMS", "closest", "errors_to_diagnostics", "models_in", "suggest_key", "yaml_text"]

R_UNKNOWN_KEY = rule("cle-inconnue", Level.ERREUR, "Clé inconnue pour ce type d'objet.", "schema")
R_MISSING = rule("champ-manquant", Level.ERREUR, "Champ obligatoire absent.", "schema")
R_TYPE = rule("type-invalide", Level.ERREUR, "Valeur du mauvais type.", "schema")
R_ENUM = rule("valeur-inconnue", Level.ERREUR, "Valeur hors de la liste permise.", "schema")
R_DATE = rule("date-invalide", Level.ERREUR, "Date qui n'est pas au format AAAA-MM-JJ.", "schema")
R_SLUG = rule("identifiant-invalide", Level.ERREUR, "Identifiant qui n'est pas un slug ASCII.", "schema")
R_NUMBER = rule(
    "nombre-au-lieu-de-texte", Level.ERREUR, "YAML a lu un nombre là où un texte est attendu.", "schema"
)
R_HASHTAG = rule("hashtag-invalide", Level.ERREUR, "Hashtag sans « # » ou avec une espace.", "schema")
R_DEPARTEMENT = rule(
    "departement-inconnu", Level.ERREUR, "Numéro de département qui n'existe pas (\"69\", \"2A\", \"974\"…).", "schema"
)
R_ZERO = rule("zero-initial-perdu", Level.ERREUR, "Un code a perdu son zéro initial.", "schema")


def _fold(s: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c)
    ).replace(" ", "_").replace("-", "_")


def closest(value: str, choices: typing.Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Near-miss suggestions, accent- and case-insensitive first."""
    choices = list(choices)
    folded = {_fold(c): c for c in choices}
    if _fold(value) in folded:
        return [folded[_fold(value)]]
    found = difflib.get_close_matches(_fold(value), list(folded), n=n, cutoff=cutoff)
    out = [folded[f] for f in found]
    # prefix / containment matches catch « dependances » -> « depend_de »
    for c in choices:
        if c not in out and (_fold(c)[:5] == _fold(value)[:5] and len(value) >= 5):
            out.append(c)
    return out[:n]


# Words staff bring from other tools, and the key that means the same thing here.
KEY_SYNONYMS = {
    "reseaux": "canaux",
    "reseaux_sociaux": "canaux",
    "plateformes": "canaux",
    "tags": "hashtags",
    "mots_dieses": "hashtags",
    "date_debut": "debut",
    "date_fin": "fin",
    "auteur": "responsable",
    "image": "visuels",
    "images": "visuels",
    "adresse": "lieu",
}


def suggest_key(key: str, allowed: typing.Iterable[str]) -> list[str]:
    """Close spellings of an unknown key (a synonym first); far-fetched matches are not offered."""
    allowed = list(allowed)
    synonym = KEY_SYNONYMS.get(_fold(key))
    if synonym in allowed:
        return [synonym]
    return closest(key, allowed, cutoff=0.75)


_PLAIN_SAFE = re.compile(r"^[a-z][a-z0-9_/-]*$")


def yaml_text(value: str) -> str:
    """``value`` as YAML source that reads back as that string: plain when it is an id-like word."""
    import json

    if _PLAIN_SAFE.match(value) and value not in ("true", "false", "null", "yes", "no", "on", "off"):
        return value
    return json.dumps(value, ensure_ascii=False)


def _unwrap(tp: Any) -> list[Any]:
    """All concrete types inside Optional/Union/Annotated/list/dict."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for a in typing.get_args(tp):
            out += _unwrap(a)
        return out
    return [tp]


def _model_at(cls: type[BaseModel], loc: Path_) -> Any:
    """The type expected at ``loc`` inside ``cls`` (a model class, list or scalar)."""
    tp: Any = cls
    for part in loc:
        nxt = None
        for cand in _unwrap(tp):
            origin = typing.get_origin(cand)
            if isinstance(cand, type) and issubclass(cand, BaseModel) and isinstance(part, str):
                f = cand.model_fields.get(part)
                if f is not None:
                    nxt = f.annotation
            elif origin is list and isinstance(part, int):
                nxt = typing.get_args(cand)[0]
            elif origin is dict and isinstance(part, str):
                nxt = typing.get_args(cand)[1]
            if nxt is not None:
                break
        if nxt is None:
            return None
        tp = nxt
    return tp


def models_in(tp: Any) -> list[type[BaseModel]]:
    """The model classes inside a field annotation (``list[Livrable]``, ``Lieu | None``…)."""
    return [t for t in _unwrap(tp) if isinstance(t, type) and issubclass(t, BaseModel)]


def _enums_in(tp: Any) -> list[str]:
    vals: list[str] = []
    for t in _unwrap(tp):
        if isinstance(t, type) and issubclass(t, enum.Enum):
            vals += [str(m.value) for m in t]
    return vals


_TYPE_WORDS = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_parsing": "un nombre",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste (lignes commençant par « - »)",
    "dict_type": "une table de clés",
    "model_type": "une table de clés (clé: valeur, indentées)",
    "model_attributes_type": "une table de clés (clé: valeur, indentées)",
    "too_short": "au moins un élément",
    "string_too_short": "un texte non vide",
    "greater_than_equal": "un nombre plus grand",
    "less_than_equal": "un nombre plus petit",
}


def _shown(value: Any) -> str:
    if value is None:
        return "vide"
    if isinstance(value, dict):
        return "une table de clés"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, bool):
        return "true" if value else "false"
    s = str(value)
    return f"« {s[:60]}{'…' if len(s) > 60 else ''} »"


def errors_to_diagnostics(
    exc: ValidationError, doc: SourceDoc, base: Path_, cls: type[BaseModel], what: str = ""
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, placed with the document's positions.

    ``base`` is the data path of the validated object inside ``doc``; ``what``
    names the object in messages (« livrables[3] »…).
    """
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        path = base + loc
        if path in doc.explained:
            continue
        out.append(_one(dict(err), loc, path, doc, cls))
    return out


def _one(err: dict[str, Any], loc: Path_, path: Path_, doc: SourceDoc, cls: type[BaseModel]) -> Diagnostic:
    etype = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if field == "[key]":  # pydantic's name for a key of a table: « clé de declinaisons »
        outer = next((p for p in reversed(loc[:-2]) if isinstance(p, str)), "")
        field = f"clé de {outer}" if outer else "clé"
    if etype == "extra_forbidden":
        parent = models_in(_model_at(cls, loc[:-1]))
        allowed = sorted({k for m in parent for k in m.model_fields} - {"extra"})
        name = str(loc[-1])
        if not name.strip():  # « "": 1 » or « : 1 »: a value without its key
            return doc.diag(R_UNKNOWN_KEY, path, "clé vide : une valeur sans nom de champ",
                            f"écrivez le nom du champ avant « : » ; clés possibles : {', '.join(allowed)}", key=True)
        sugg = suggest_key(name, allowed)
        fix = (
            f"vouliez-vous dire « {sugg[0]} » ? (un champ à vous se range sous « extra: »)"
            if sugg
            else f"si c'est un champ à vous, rangez-le sous « extra: » (extra: {{{name}: …}}) ; "
            f"clés possibles : {', '.join(allowed)}"
        )
        return doc.diag(R_UNKNOWN_KEY, path, f"clé inconnue « {name} »", fix, key=True)
    if etype == "missing":
        parent_path = path[:-1]
        return doc.diag(R_MISSING, parent_path,
            f"le champ obligatoire « {field} » manque",
            f"ajoutez une ligne « {field}: … »" + _field_hint(cls, loc),
            key=True,
        )
    if etype in ("enum", "literal_error"):
        allowed = _enums_in(_model_at(cls, loc))
        sugg = closest(str(value), allowed)
        fix = (f"vouliez-vous dire « {sugg[0]} » ? " if sugg else "") + f"valeurs possibles : {', '.join(allowed)}"
        return doc.diag(R_ENUM, path, f"{field} : valeur {_shown(value)} inconnue", fix,
                        replacement=yaml_text(sugg[0]) if len(sugg) == 1 else None)
    if etype in ("date_format", "datetime_format"):
        hint = ctx.get("suggestion")
        if hint is not None and str(hint).strip('"') == str(value).strip():  # no better spelling: « 24:30 »
            hint = None
        fmt = "AAAA-MM-JJ" if etype == "date_format" else '"AAAA-MM-JJ HH:MM"'
        if ctx.get("inexistante"):
            return doc.diag(R_DATE, path, f"{field} : le {ctx['inexistante']} n'existe pas dans le calendrier",
                            "vérifiez le jour et le mois (février a 28 ou 29 jours ; avril, juin, septembre "
                            "et novembre en ont 30)")
        fix = f"écrivez {hint}" if hint else f"écrivez la date au format {fmt}" + (
            " (l'heure de 00:00 à 23:59)" if etype == "datetime_format" else "")
        if hint and etype == "datetime_format":
            fix = f'écrivez "{hint}"'
        replacement = (f'"{hint}"' if " " in hint else hint) if hint else None
        return doc.diag(R_DATE, path, f"{field} : {_shown(value)} n'est pas une date {fmt}", fix,
                        replacement=replacement)
    if etype == "hashtag":
        word = "".join(c for c in str(value) if c.isalnum() or c == "_")
        # only « Demo » (the « # » forgotten) has one obvious fix; « Mon Hashtag » needs a human
        obvious = bool(word) and word == str(value).lstrip("#")
        return doc.diag(
            R_HASHTAG,
            path,
            f"{field} : {_shown(value)} n'est pas un hashtag (un « # » suivi d'un mot sans espace)",
            f'écrivez "#{word or "MonHashtag"}", entre guillemets',
            replacement=f'"#{word}"' if obvious else None,
        )
    if etype == "departement":
        compact = "".join(str(value).split()).upper()
        compact = "0" + compact if len(compact) == 1 and compact.isdigit() else compact
        known = is_departement(compact)
        return doc.diag(
            R_DEPARTEMENT,
            path,
            f"{field} : {_shown(value)} n'est pas un numéro de département",
            f'écrivez "{compact}"' if known else 'écrivez le numéro entre guillemets : "01", "69", "2A", "974"…',
            replacement=f'"{compact}"' if known else None,
        )
    if etype == "slug":
        fix = "minuscules sans accent, chiffres et tirets, par exemple « " + _slugify(str(value)) + " »"
        return doc.diag(R_SLUG, path, f"{field} : identifiant {_shown(value)} invalide", fix,
                        replacement=yaml_text(_slugify(str(value))) if _slugify(str(value)) != "mon-identifiant" else None)
    if etype == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        raw = doc.raw.get(path, str(value))
        if raw[:1] == "0" and len(raw) > 1 and raw.isdigit():
            return doc.diag(R_ZERO, path,
                f"{field} : {raw} est lu comme le nombre {value} (le zéro initial est perdu)",
                f'mettez la valeur entre guillemets : "{raw}"', replacement=f'"{raw}"',
            )
        return doc.diag(R_NUMBER, path,
            f"{field} : {raw} est lu comme un nombre ({value}), pas comme un texte",
            f'mettez la valeur entre guillemets : "{raw}"', replacement=f'"{raw}"',
        )
    expected = _TYPE_WORDS.get(etype)
    if etype == "greater_than_equal":
        return doc.diag(R_TYPE, path, f"{field} : {_shown(value)} est inférieur au minimum {ctx.get('ge')}",
                   f"indiquez une valeur d'au moins {ctx.get('ge')}")
    if etype == "less_than_equal":
        return doc.diag(R_TYPE, path, f"{field} : {_shown(value)} dépasse le maximum {ctx.get('le')}",
                   f"indiquez une valeur d'au plus {ctx.get('le')}")
    if etype in ("too_short", "string_too_short"):
        return doc.diag(R_TYPE, path, f"{field} : ne peut pas être vide", f"indiquez {expected}")
    if expected:
        fix = f"indiquez {expected}"
        digits = None
        if etype == "int_parsing" and isinstance(value, str) and _THOUSANDS.match(value.strip()):
            digits = "".join(c for c in value if c.isdigit())
            fix += ", sans espace ni point : " + digits
        return doc.diag(R_TYPE, path, f"{field or 'valeur'} : {_shown(value)} n'est pas {expected}", fix,
                        replacement=digits)
    return doc.diag(R_TYPE, path, f"{field or 'valeur'} : valeur {_shown(value)} invalide ({err['msg']})", "corrigez la valeur")


# "1 400", "1.400", "2 100 000": thousands written the French way (not "2.5", a decimal)
_THOUSANDS = re.compile(r"^\d{1,3}(?:[ .\u00a0\u202f]\d{3})+$")


def _field_hint(cls: type[BaseModel], loc: Path_) -> str:
    parent = models_in(_model_at(cls, loc[:-1]))
    for m in parent:
        doc = field_doc(m, str(loc[-1]))
        if doc:
            return f" ({doc.rstrip('.')})"
    return ""


def _slugify(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c))
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in s)
    return "-".join(p for p in out.split("-") if p) or "mon-identifiant"
