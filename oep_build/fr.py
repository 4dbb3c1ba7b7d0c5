"""French dates, one way for every output (site, kits, reports): « 1er juillet 2025 »."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

__all__ = ["LOCALE", "date_fr"]

LOCALE = "fr_FR"


def date_fr(day: dt.date | None, *, weekday: bool = False, year: bool = True) -> str:
    """``2025-07-01`` -> « 1er juillet 2025 », « mardi 1er juillet 2025 »; ``None`` -> « — »."""
    if day is None:
        return "—"
    if isinstance(day, dt.datetime):
        day = day.date()
    text = ("1er" if day.day == 1 else str(day.day)) + " " + format_date(day, "MMMM", locale=LOCALE)
    if year:
        text += f" {day.year}"
    return f"{format_date(day, 'EEEE', locale=LOCALE)} {text}" if weekday else text
