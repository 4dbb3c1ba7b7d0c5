"""The VTIMEZONE transitions, found from the TZif hints, equal those of a day-by-day scan."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from zoneinfo import ZoneInfo

import pytest

from oep_build.render import vtimezone
from oep_build.render.vtimezone import (
    FIRST_YEAR,
    LAST_YEAR,
    _days_to_check,
    _Hints,
    _hints,
    _parse_tzif,
    _Transition,
    _transitions,
)

ZONES = ["Europe/Paris", "America/Cayenne", "Indian/Reunion", "Pacific/Noumea", "UTC", "America/New_York"]
UTC = dt.UTC


# -- the reference: the first algorithm, every midnight of the year then bisection --------


def reference_transitions(tz: ZoneInfo, year: int) -> list[_Transition]:
    """Changes of UTC offset during ``year``, found day by day then to the second."""
    out = []
    t = dt.datetime(year, 1, 1, tzinfo=UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=UTC)
    prev = t.astimezone(tz).utcoffset()
    step = dt.timedelta(days=1)
    while t < end:
        nxt = min(t + step, end)
        off = nxt.astimezone(tz).utcoffset()
        if off != prev:
            at = reference_bisect(tz, t, nxt, prev)
            assert prev is not None and off is not None
            out.append(_Transition((at + prev).replace(tzinfo=None), prev, off, at.astimezone(tz).tzname() or ""))
            prev = off
        t = nxt
    return out


def reference_bisect(tz: ZoneInfo, lo: dt.datetime, hi: dt.datetime, before: dt.timedelta | None) -> dt.datetime:
    """First instant in (lo, hi] whose offset differs from ``before`` (to the second)."""
    while hi - lo > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi


def assert_same_transitions(tz: ZoneInfo, hints: _Hints | None) -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        assert _transitions(tz, _days_to_check(year, hints)) == reference_transitions(tz, year), year


# -- tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ZONES)
def test_hinted_transitions_equal_the_day_by_day_scan(key: str) -> None:
    hints = _hints(key)
    assert hints is not None  # the system's (or tzdata's) TZif file was read
    assert_same_transitions(ZoneInfo(key), hints)


@pytest.mark.parametrize("key", ZONES)
def test_without_hints_every_day_is_read(key: str) -> None:
    assert_same_transitions(ZoneInfo(key), None)


@pytest.mark.parametrize("key", ZONES)
def test_slim_tzdata_files_give_the_same_transitions(key: str) -> None:
    """The ``tzdata`` package ships « slim » files: recent years come from the footer's rule only."""
    pytest.importorskip("tzdata")
    *package, name = key.split("/")
    entry = resources.files(".".join(["tzdata.zoneinfo", *package])).joinpath(name)
    with entry.open("rb") as f:
        tz = ZoneInfo.from_file(f, key=key)
    hints = _parse_tzif(entry.read_bytes())
    assert hints is not None
    assert_same_transitions(tz, hints)


def test_unreadable_footers_fall_back_to_every_day() -> None:
    assert vtimezone._rule_months("CET-1CEST,M3.5.0,M10.5.0/3") == frozenset({2, 3, 4, 9, 10, 11})
    assert vtimezone._rule_months("<+11>-11") == frozenset()
    assert vtimezone._rule_months("EST5EDT,J60,J300") is None
    assert vtimezone._parse_tzif(b"not a TZif file") is None
