"""French formatting shared by the site pages: sizes, dates and times, countdowns,
département names, Markdown headings moved down a level."""

from __future__ import annotations

import datetime as dt
import re

from ...departements import subdivision_name
from ...fr import date_fr, number_fr
from ...views.events import time_fr

__all__ = ["countdown_fr", "datetime_fr", "demote_headings", "departement_nom", "size_fr"]


_UNITS = ((1_000_000_000, "Go"), (1_000_000, "Mo"), (1_000, "ko"))


def size_fr(size: int) -> str:
    """1,2 Mo — 350 ko — 812 octets."""
    for factor, unit in _UNITS:
        if size >= factor:
            value = size / factor
            text = number_fr(round(value, 1), decimals=1)
            return f"{text}\u00a0{unit}"
    return f"{size}\u00a0octets"


def datetime_fr(t: dt.datetime, weekday: bool = False) -> str:
    return f"{date_fr(t, weekday=weekday)} à {time_fr(t)}"


def countdown_fr(day: dt.date, today: dt.date, last: dt.date | None = None) -> str:
    """« dans 12 jours », « demain », « aujourd’hui », « en cours »."""
    delta = (day - today).days
    if delta > 1:
        return f"dans {delta} jours"
    if delta == 1:
        return "demain"
    if delta == 0:
        return "aujourd’hui"
    if last is not None and last >= today:
        return "en cours"
    return "passé"


def departement_nom(code: str) -> str:
    """« Rhône (69) », from the ISO 3166-2 names; the code alone if unknown."""
    name = subdivision_name(code)
    return code if name is None else f"{name} ({code})"


_HEADING = re.compile(r"^(#{1,6})(\s)")
_FENCE = re.compile(r"^(```|~~~)")


def demote_headings(markdown: str, top: int) -> str:
    """Shift the headings of an embedded Markdown body so the highest becomes level ``top``.

    Code fences are left alone; levels never go past 6.
    """
    lines = markdown.split("\n")
    levels = []
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := _HEADING.match(line)):
            levels.append(len(m.group(1)))
    if not levels:
        return markdown.strip()
    by = top - min(levels)
    out = []
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _HEADING.sub(lambda m: "#" * max(1, min(6, len(m.group(1)) + by)) + m.group(2), line)
        out.append(line)
    return "\n".join(out).strip()


# -- templates --------------------------------------------------------------------
