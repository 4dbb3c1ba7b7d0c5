"""French formatting of numbers, paces and dates (babel), for pages, reports and PDFs."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

from ..fr import LOCALE, date_fr

__all__ = ["date_fr", "date_courte", "nombre", "pourcentage", "rythme"]



def nombre(value: float | int | None) -> str:
    """``2100000`` -> ``2 100 000`` (narrow no-break spaces); ``None`` -> ``—``."""
    if value is None:
        return "—"
    return format_decimal(round(value), format="#,##0", locale=LOCALE)


def rythme(value: float | None) -> str:
    """A pace per day: whole numbers from 10 up, one decimal below (0,4/j reads better than 0/j)."""
    if value is None:
        return "—"
    if abs(value) >= 10:
        return f"{nombre(value)}/j"
    return f"{format_decimal(round(value, 1), format='#,##0.#', locale=LOCALE)}/j"


def pourcentage(value: float | None) -> str:
    """``42.03`` -> ``42 %`` (no-break space before the sign, French typography)."""
    if value is None:
        return "—"
    return f"{format_decimal(int(value), format='#,##0', locale=LOCALE)}\u00a0%"


def date_courte(day: dt.date, year: bool = False) -> str:
    """Axis label: ``17 juil.``, or ``7 févr. 2026`` when a chart spans two years."""
    return format_date(day, "d MMM y" if year else "d MMM", locale=LOCALE)
