"""French dates and numbers give babel's text for ``fr_FR``, to the byte.

``oep_build.fr`` writes out the CLDR names and the number format that the
build used to get from babel; babel is imported here only, as the reference.
Each ``reference_*`` function is the call a module made before, with the same
arguments: every day of a common and of a leap year for the dates, and a wide
range of integers and floats for the numbers.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from oep_build.fr import date_fr, month_year, number_fr
from oep_build.monitoring.fr import date_courte, nombre, pourcentage, rythme
from oep_build.render.site.common import size_fr
from oep_build.workflow.diff_report import _datetime_fr

LOCALE = "fr_FR"

DAYS = [dt.date(2027, 1, 1) + dt.timedelta(days=n) for n in range(365 + 366)]
"""Every day of 2027 and of 2028 (a leap year)."""

INTEGERS = st.integers(min_value=-(10**7), max_value=10**7)
FLOATS = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False)
DECIMALS = st.builds(lambda n, k: n / 10**k, st.integers(-(10**9), 10**9), st.integers(0, 6))
"""Floats with few decimals, so that halves (0,0015, 2,5…) come up."""

EDGES = sorted(
    {sign * (10**k + d) for sign in (1, -1) for k in range(9) for d in (-1, 0, 1)} | {0},
)
"""Around every power of ten, where a group of digits starts."""

NUMBERS = [*range(-(10**7), 10**7 + 1, 9_973), *EDGES]


def reference_date_fr(day: dt.date, weekday: bool, year: bool) -> str:
    text = ("1er" if day.day == 1 else str(day.day)) + " " + format_date(day, "MMMM", locale=LOCALE)
    if year:
        text += f" {day.year}"
    return f"{format_date(day, 'EEEE', locale=LOCALE)} {text}" if weekday else text


def reference_date_courte(day: dt.date, year: bool) -> str:
    # CLDR's « d MMM », with the first of the month written as French does (« 1er mars »), as
    # reference_datetime_fr below.
    text = format_date(day, "MMM y" if year else "MMM", locale=LOCALE)
    return f"{'1er' if day.day == 1 else day.day} {text}"


def reference_datetime_fr(t: dt.datetime) -> str:
    day = "1er" if t.day == 1 else str(t.day)
    month = format_date(t.date(), "MMMM y", locale=LOCALE)
    return f"{day} {month} à {t.hour}\u00a0h\u00a0{t.minute:02d}"


def reference_nombre(value: float) -> str:
    return format_decimal(round(value), format="#,##0", locale=LOCALE)


def reference_rythme(value: float) -> str:
    if abs(value) >= 10:
        return f"{reference_nombre(value)}/j"
    return f"{format_decimal(round(value, 1), format='#,##0.#', locale=LOCALE)}/j"


def reference_pourcentage(value: float) -> str:
    return f"{format_decimal(int(value), format='#,##0', locale=LOCALE)}\u00a0%"


def reference_size_fr(size: int) -> str:
    for factor, unit in ((1_000_000_000, "Go"), (1_000_000, "Mo"), (1_000, "ko")):
        if size >= factor:
            text = format_decimal(round(size / factor, 1), format="#,##0.#", locale=LOCALE)
            return f"{text}\u00a0{unit}"
    return f"{size}\u00a0octets"


# -- dates --


@pytest.mark.parametrize("weekday", [False, True])
@pytest.mark.parametrize("year", [False, True])
def test_date_fr_every_day(weekday: bool, year: bool) -> None:
    assert [date_fr(d, weekday=weekday, year=year) for d in DAYS] == [reference_date_fr(d, weekday, year) for d in DAYS]


def test_month_year_every_day() -> None:
    assert [month_year(d) for d in DAYS] == [format_date(d, "MMMM y", locale=LOCALE) for d in DAYS]


@pytest.mark.parametrize("year", [False, True])
def test_date_courte_every_day(year: bool) -> None:
    assert [date_courte(d, year=year) for d in DAYS] == [reference_date_courte(d, year) for d in DAYS]


def test_diff_report_datetime_every_day() -> None:
    paris = dt.timezone(dt.timedelta(hours=2))
    times = [dt.datetime(d.year, d.month, d.day, n % 24, n % 60, tzinfo=paris) for n, d in enumerate(DAYS)]
    assert [_datetime_fr(t) for t in times] == [reference_datetime_fr(t) for t in times]


# -- numbers --


def assert_numbers_like_babel(value: float) -> None:
    assert number_fr(value) == format_decimal(value, locale=LOCALE)
    assert nombre(value) == reference_nombre(value)
    assert pourcentage(value) == reference_pourcentage(value)
    assert rythme(value) == reference_rythme(value)


def test_integers_sampled() -> None:
    for n in NUMBERS:
        assert_numbers_like_babel(n)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(INTEGERS, FLOATS, DECIMALS))
def test_integers_and_floats(value: float) -> None:
    assert_numbers_like_babel(value)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.floats(min_value=-20, max_value=20), DECIMALS.filter(lambda v: abs(v) < 20)))
def test_paces_near_ten(value: float) -> None:
    """Below 10 a pace keeps one decimal: 9,96 rounds to 10, -0,04 to « -0 » as before."""
    assert rythme(value) == reference_rythme(value)


@pytest.mark.parametrize("value", [0.0, -0.0, -0.04, 0.05, 0.15, 0.25, 9.95, 9.96, -9.96, 0.0005, 0.0015, 2.5, 1e20])
def test_numbers_by_hand(value: float) -> None:
    assert_numbers_like_babel(value)


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_not_finite(value: float) -> None:
    assert number_fr(value) == format_decimal(value, locale=LOCALE)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.integers(min_value=0, max_value=10**13), st.sampled_from(EDGES).filter(lambda n: n >= 0)))
def test_sizes(size: int) -> None:
    assert size_fr(size) == reference_size_fr(size)


def test_sizes_sampled() -> None:
    steps = (f * k + d for f in (10**3, 10**6, 10**9) for k in (1, 999, 1000) for d in (-51, -50, 0, 49, 50))
    sizes = [*range(0, 10**7, 997), *steps]
    assert [size_fr(s) for s in sizes] == [reference_size_fr(s) for s in sizes]
