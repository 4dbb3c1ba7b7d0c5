"""The one place that decides what reaches the public build (DESIGN §4.2)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from .model import Project
from .model.base import STATUTS_PUBLIES, Visibilite
from .model.campaign import status_label

__all__ = [
    "PUBLIC_FIELDS",
    "address_declared_public",
    "address_is_private",
    "coalition_entry_shown",
    "embargo_until",
    "is_public",
    "is_published",
    "public_reason",
    "shown_to",
]


def embargo_until(obj: Any, tz: ZoneInfo) -> dt.datetime | None:
    emb = getattr(obj, "embargo_jusqu_au", None)
    if emb is None:
        return None
    return emb if emb.tzinfo else emb.replace(tzinfo=tz)


PUBLIC_FIELDS = frozenset({"statut", "visibilite", "embargo_jusqu_au", "approbation", "campagne"})
"""What :func:`public_reason` reads of an object (a check on a stand-in: see ``Project.checkable``)."""


def public_reason(project: Project, obj: Any, now: dt.datetime) -> str | None:
    """``None`` if ``obj`` is public at ``now``, else why not (in French)."""
    tz = now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else ZoneInfo("Europe/Paris")
    statut = getattr(obj, "statut", None)
    if statut is not None and hasattr(obj, "visibilite") and hasattr(obj, "embargo_jusqu_au"):
        if not is_published(statut):
            return f"statut {status_label(statut)}"
        if obj.visibilite is not Visibilite.public:
            return "visibilité interne"
        emb = embargo_until(obj, tz)
        if emb is not None and emb > now:
            return f"sous embargo jusqu'au {emb:%Y-%m-%d %H:%M}"
    approbation = getattr(obj, "approbation", None)
    if approbation is not None and getattr(approbation, "value", approbation) != "approuve":
        return f"événement {status_label(approbation)}"
    campagne = project.campagne_of(obj)
    if campagne is None and hasattr(obj, "campagne") and isinstance(obj.campagne, str):
        campagne = project.campagnes.get(obj.campagne)
        if campagne is None:
            return "campagne inconnue"
    if campagne is not None and campagne is not obj:
        why = public_reason(project, campagne, now)
        if why:
            return f"campagne non publique ({why})"
    return None


def is_public(project: Project, obj: Any, now: dt.datetime) -> bool:
    return public_reason(project, obj, now) is None


def is_published(statut: Any) -> bool:
    """Whether a content ``statut`` (valide, publie…) lets the object out of the internal build."""
    return statut in STATUTS_PUBLIES


def shown_to(obj: Any, audience: str) -> bool:
    """A sub-item with its own ``visibilite`` (temps fort, objectif, partenaire): public ones go
    everywhere, the others only to the internal build. No ``visibilite`` means public."""
    if audience == "interne":
        return True
    value = getattr(obj, "visibilite", None)
    return value is None or getattr(value, "value", value) == Visibilite.public.value


def address_is_private(lieu: Any) -> bool:
    """Someone's home, or an address given only on registration: never printed outside the internal feeds."""
    return bool(lieu.chez_habitant) or not address_declared_public(lieu)


def address_declared_public(lieu: Any) -> bool:
    """The content says the address may be published (``adresse_visibilite: publique``)."""
    return lieu.adresse_visibilite == "publique"


def coalition_entry_shown(entry: Any, partenaire: Any, audience: str) -> bool:
    """A coalition line of a campaign: on the public site only an engaged partner that is public."""
    if audience == "interne":
        return True
    return getattr(entry.statut, "value", entry.statut) == "engage" and shown_to(partenaire, audience)
