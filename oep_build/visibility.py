"""The one place that decides what reaches the public build (DESIGN §4.2)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from .model import Project
from .model.base import STATUTS_PUBLIES, Visibilite
from .model.campaign import status_label

__all__ = ["embargo_until", "is_public", "public_reason"]


def embargo_until(obj: Any, tz: ZoneInfo) -> dt.datetime | None:
    emb = getattr(obj, "embargo_jusqu_au", None)
    if emb is None:
        return None
    return emb if emb.tzinfo else emb.replace(tzinfo=tz)


def public_reason(project: Project, obj: Any, now: dt.datetime) -> str | None:
    """``None`` if ``obj`` is public at ``now``, else why not (in French)."""
    tz = now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else ZoneInfo("Europe/Paris")
    statut = getattr(obj, "statut", None)
    if statut is not None and hasattr(obj, "visibilite") and hasattr(obj, "embargo_jusqu_au"):
        if statut not in STATUTS_PUBLIES:
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
