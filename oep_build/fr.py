"""French dates and numbers, one way for every output (site, kits, reports): « 1er juillet 2025 », « 2 100 000 ».

The names and symbols are CLDR's for ``fr_FR``, written out here: they are
fixed, and loading a locale library's data cost every build ~30 ms. The tests
check them against that library, for every day and a wide range of numbers.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

__all__ = [
    "MONTHS",
    "MONTHS_SHORT",
    "WEEKDAYS",
    "date_fr",
    "day_fr",
    "month_year",
    "number_fr",
]

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
"""Full month names, January first (CLDR ``MMMM``)."""

MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
"""Abbreviated month names, January first (CLDR ``MMM``)."""

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
"""Full weekday names, Monday first like ``date.weekday()`` (CLDR ``EEEE``)."""

GROUP = "\u202f"
"""Thousands separator: narrow no-break space."""

DECIMAL = ","
MINUS = "-"


def day_fr(day: dt.date) -> str:
    """The day of the month as French writes it: « 1er », « 2 »… « 31 »."""
    return "1er" if day.day == 1 else str(day.day)


def date_fr(day: dt.date | None, *, weekday: bool = False, year: bool = True) -> str:
    """``2025-07-01`` -> « 1er juillet 2025 », « mardi 1er juillet 2025 »; ``None`` -> « — »."""
    if day is None:
        return "—"
    text = day_fr(day) + " " + MONTHS[day.month - 1]
    if year:
        text += f" {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def month_year(day: dt.date) -> str:
    """``2026-07-15`` -> « juillet 2026 »."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def number_fr(value: float, decimals: int = 3) -> str:
    """``1234567.891`` -> « 1 234 567,891 »: groups of three, at most ``decimals`` decimals.

    Rounded half to even on the decimal text of ``value`` and without trailing
    zeros, like CLDR's ``#,##0.###`` pattern (``decimals=3``, the default
    ``fr_FR`` format), ``#,##0.#`` (1) or ``#,##0`` (0). A negative value keeps
    its sign even when it rounds to zero (« -0 »).
    """
    number = Decimal(str(value))
    sign = MINUS if number.is_signed() else ""
    if not number.is_finite():
        return sign + ("∞" if number.is_infinite() else "NaN")
    rounded = abs(number).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    whole, _, fraction = f"{rounded:f}".partition(".")
    fraction = fraction.rstrip("0")
    return sign + _grouped(whole) + (DECIMAL + fraction if fraction else "")


def _grouped(digits: str) -> str:
    """``"1234567"`` -> ``"1 234 567"``."""
    head = len(digits) % 3 or 3
    return GROUP.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])
