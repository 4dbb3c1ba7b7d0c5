"""Base model, field types and the lifecycle shared by every publishable object.

Field docstrings are written for staff: they become the staff guide
(« Guide de saisie ») and the JSON Schema descriptions.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..departements import DEPARTEMENT_PATTERN, is_departement
from ..sources import Path_, SourceDoc

__all__ = [
    "Date",
    "DateTime",
    "Departement",
    "Hashtag",
    "Lifecycle",
    "Model",
    "Origin",
    "Slug",
    "Statut",
    "Text",
    "Visibilite",
]

# DESIGN §4.1 says [a-z0-9-]+ yet its own example id is signatures_petition: accept both separators.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class Origin:
    """Where a model object came from: its document and data path."""

    __slots__ = ("doc", "path")

    def __init__(self, doc: SourceDoc, path: Path_) -> None:
        self.doc = doc
        self.path = path


class Model(BaseModel):
    """Base of every content object: unknown keys are errors, docstrings document fields.

    Field docstrings are read lazily by ``docs.field_doc``, not by pydantic at import time.
    """

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=False,
        validate_default=False,
        frozen=False,
        arbitrary_types_allowed=False,
    )
    _origin: Origin | None = PrivateAttr(default=None)

    extra: dict[str, Any] = Field(default_factory=dict)
    """Vos propres champs (ceux de votre organisation) : gardés tels quels, jamais publiés sauf si un gabarit de overrides/ s'en sert. Les champs déclarés dans champs_extra de site.yml y sont vérifiés."""

    @property
    def origin(self) -> Origin | None:
        return self._origin


# -- scalar types ----------------------------------------------------------

_FR_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
# « 10 juillet 2025 », « lundi 1er février 2026 », « 3 sept. 2025 »
_FR_WORDS_DATE = re.compile(r"^\s*(?:[a-z]+\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})\s*$")
# « 19h », « 19h30 », « 19 h 30 »
_FR_TIME = re.compile(r"^(\d{1,2})\s*h\s*(\d{2})?$")


def _fold_accents(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", value.lower()) if not unicodedata.combining(c))


def _suggest_iso(value: str) -> str | None:
    m = _FR_DATE.match(value)
    if m:
        d, mth, y = (int(x) for x in m.groups())
    else:
        m = _FR_WORDS_DATE.match(_fold_accents(value))
        if not m or m.group(2) not in _MONTHS:
            return None
        d, mth, y = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    try:
        return dt.date(y, mth, d).isoformat()
    except ValueError:
        return None


def _suggest_time(value: str) -> str | None:
    m = _FR_TIME.match(value.strip().lower())
    if not m or int(m.group(1)) > 23:
        return None
    return f"{int(m.group(1)):02d}:{m.group(2) or '00'}"


def _impossible(value: str) -> str:
    """« 2026-02-30 » is well written but does not exist: say so instead of asking for the format."""
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return ""
    try:
        dt.date(*(int(x) for x in m.groups()))
    except ValueError:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return ""


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else _bad_date(value)
        except ValueError:
            return _bad_date(value)
    raise PydanticCustomError("date_format", "date attendue au format AAAA-MM-JJ", {"input": value})


def _bad_date(value: str) -> Any:
    iso = _suggest_iso(value)
    if iso is None and re.match(r"^\d{4}-\d{2}-\d{2}[ T]", value.strip()) and not _impossible(value):
        iso = value.strip()[:10]  # a date-time where only the day is asked for
    raise PydanticCustomError(
        "date_format",
        "date attendue au format AAAA-MM-JJ",
        {"input": value, "suggestion": iso or "", "inexistante": _impossible(value)},
    )


_DT_RE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")


def _parse_datetime(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str):
        m = _DT_RE.match(value)
        if m:
            try:
                day = dt.date.fromisoformat(m.group(1))
                hh, mm, ss = (int(x) if x else 0 for x in m.group(2, 3, 4))
                return dt.datetime.combine(day, dt.time(hh, mm, ss))
            except ValueError:
                pass
        suggestion = _suggest_datetime(value)
        raise PydanticCustomError(
            "datetime_format",
            "date et heure attendues au format \"AAAA-MM-JJ HH:MM\"",
            {"input": value, "suggestion": suggestion, "inexistante": _impossible(value)},
        )
    raise PydanticCustomError(
        "datetime_format", "date et heure attendues au format \"AAAA-MM-JJ HH:MM\"", {"input": value}
    )


def _suggest_datetime(value: str) -> str:
    """« 04/10/2025 19h00 », « 2025-10-04 19h », « 4 octobre 2025 19:00 » -> « 2025-10-04 19:00 »."""
    text = re.sub(r"\s+(?:à|a)\s+", " ", value.strip())
    m = re.match(r"^(.*?)[ T]+(\d{1,2}\s*(?:h\s*(?:\d{2})?|:\d{2}))$", text)
    day, hour = (m.group(1), m.group(2)) if m else (text, "")
    iso = day if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and not _impossible(day) else _suggest_iso(day)
    if not iso:
        return ""
    if not hour:
        return iso
    hhmm = hour.replace(" ", "") if ":" in hour else _suggest_time(hour)
    if hhmm and re.fullmatch(r"\d{1,2}:\d{2}", hhmm):
        h, mi = hhmm.split(":")
        return f"{iso} {int(h):02d}:{mi}"
    return ""


def _check_slug(value: Any) -> Any:
    if isinstance(value, str) and not SLUG_RE.match(value):
        raise PydanticCustomError(
            "slug", "identifiant invalide : minuscules sans accent, chiffres, tirets ou soulignés", {"input": value}
        )
    return value


# Letters of the Latin, Greek, Cyrillic, Hebrew, Arabic, Japanese, Chinese and Korean scripts,
# digits and « _ », written as ranges: the same for Python's ``re`` and for the ECMA-262 engine
# of an editor reading the JSON Schema (where ``\w`` is ASCII only).
HASHTAG_PATTERN = (
    "^#[0-9A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u04ff"
    "\u0590-\u05ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+$"
)
_HASHTAG = re.compile(HASHTAG_PATTERN)
# A day that exists (29 February in leap years only), in [0-9]: ``\d`` is not ASCII in Python.
_LEAP = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE_PATTERN = (
    "(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))|" + _LEAP + "-02-29)"
)


PLACEHOLDER = "oep-valeur-invalide"
"""The neutral text of a stand-in (:mod:`.salvage`): passes every text rule, even a département's."""


def _check_departement(value: Any) -> Any:
    if isinstance(value, str) and value != PLACEHOLDER and not is_departement(value):
        raise PydanticCustomError("departement", "département inconnu", {"input": value})
    return value


Departement = Annotated[
    str,
    BeforeValidator(_check_departement),
    WithJsonSchema({"type": "string", "pattern": DEPARTEMENT_PATTERN}),
]


def _check_hashtag(value: Any) -> Any:
    if isinstance(value, str) and not _HASHTAG.match(value):
        raise PydanticCustomError("hashtag", "hashtag invalide", {"input": value})
    return value


Hashtag = Annotated[
    str,
    BeforeValidator(_check_hashtag),
    WithJsonSchema({"type": "string", "pattern": HASHTAG_PATTERN}),
]
Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": f"^{DATE_PATTERN}$"}),
]
DateTime = Annotated[
    dt.datetime,
    BeforeValidator(_parse_datetime),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": f"^{DATE_PATTERN}([ T](?:[01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?$",
            "description": "date et heure \"AAAA-MM-JJ HH:MM\"",
        }
    ),
]
Slug = Annotated[
    str,
    BeforeValidator(_check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern}),
]
Text = Annotated[str, Field(min_length=1)]


class Statut(str, enum.Enum):
    brouillon = "brouillon"
    en_relecture = "en_relecture"
    valide = "valide"
    publie = "publie"
    archive = "archive"


STATUTS_VALIDES = (Statut.valide, Statut.publie, Statut.archive)
STATUTS_PUBLIES = (Statut.publie, Statut.archive)


class Visibilite(str, enum.Enum):
    public = "public"
    interne = "interne"


class Lifecycle(Model):
    """Cycle de vie commun à tout objet publiable (DESIGN §4.2)."""

    statut: Statut = Statut.brouillon
    """Où en est l'objet : brouillon, en_relecture, valide, publie ou archive. Seuls publie et archive peuvent paraître sur le site public."""
    visibilite: Visibilite = Visibilite.interne
    """public ou interne. Par défaut interne : rien ne sort sans le dire."""
    embargo_jusqu_au: DateTime | None = None
    """Date et heure ("AAAA-MM-JJ HH:MM", heure de Paris) avant lesquelles l'objet reste caché du public."""
    valide_par: Slug | None = None
    """Identifiant de la personne (référentiel personnes) qui a validé l'objet ; requis dès le statut valide."""
    valide_le: Date | None = None
    """Date de validation (AAAA-MM-JJ) ; requise dès le statut valide."""
    mis_a_jour_le: Date | None = None
    """Date de la dernière mise à jour du fond (AAAA-MM-JJ)."""
