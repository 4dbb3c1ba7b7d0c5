"""French formatting of numbers, paces and dates, for pages, reports and PDFs."""

from __future__ import annotations

import datetime as dt

from ..fr import MONTHS_SHORT, date_fr, day_fr, number_fr

__all__ = ["date_courte", "date_fr", "nombre", "pourcentage", "rythme"]


def nombre(value: float | int | None) -> str:
    """``2100000`` -> ``2 100 000`` (narrow no-break spaces); ``None`` -> ``—``."""
    if value is None:
        return "—"
    return number_fr(round(value), decimals=0)


def rythme(value: float | None) -> str:
    """A pace per day: whole numbers from 10 up, one decimal below (0,4/j reads better than 0/j)."""
    if value is None:
        return "—"
    if abs(value) >= 10:
        return f"{nombre(value)}/j"
    return f"{number_fr(round(value, 1), decimals=1)}/j"


def pourcentage(value: float | None) -> str:
    """``42.03`` -> ``42 %`` (no-break space before the sign, French typography)."""
    if value is None:
        return "—"
    return f"{number_fr(int(value), decimals=0)}\u00a0%"


def date_courte(day: dt.date, year: bool = False) -> str:
    """Axis label: ``17 juil.``, ``1er mars``, or ``7 févr. 2026`` when a chart spans two years."""
    text = f"{day_fr(day)} {MONTHS_SHORT[day.month - 1]}"
    return f"{text} {day.year}" if year else text
