"""Pure arithmetic on a cumulative series: paces, required pace, projection.

A series is a list of :class:`Point` sorted by date, one per day, whose value
never needs to be smaller than the previous one (flux indicators are summed
into such a series first, see :mod:`.progress`). Every function here is small
enough to check by hand; the tests do exactly that.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

__all__ = [
    "Point",
    "average_pace",
    "latest_pace",
    "projected_date",
    "reached_on",
    "required_pace",
    "value_on",
]


@dataclass(frozen=True)
class Point:
    """One relevé: the value of an indicator at the end of a day."""

    date: dt.date
    value: int


def value_on(points: list[Point], day: dt.date) -> int | None:
    """The last known value on or before ``day`` (``None`` before the first relevé)."""
    found = None
    for p in points:
        if p.date > day:
            break
        found = p.value
    return found


def latest_pace(points: list[Point], window: int = 7) -> float | None:
    """Pace per day between the latest relevé and the last one at least ``window`` days older.

    When the series is younger than ``window`` days the first relevé is used,
    so a 3-day-old series still has a pace; a single relevé has none. The
    window may therefore be longer than ``window`` days when relevés are
    sparse: the pace is then averaged over the days really covered.
    """
    if len(points) < 2:
        return None
    last = points[-1]
    ref = points[0]
    for p in points:
        if p.date <= last.date - dt.timedelta(days=window):
            ref = p
    return _slope(ref, last)


def average_pace(points: list[Point]) -> float | None:
    """Pace per day from the first relevé to the latest one."""
    if len(points) < 2:
        return None
    return _slope(points[0], points[-1])


def required_pace(current: int, target: int, since: dt.date, deadline: dt.date) -> float | None:
    """Pace per day needed from ``since`` to reach ``target`` on ``deadline``.

    ``0`` when the target is already reached; ``None`` when the deadline is not
    after ``since`` (no day left: no pace can do it).
    """
    if current >= target:
        return 0.0
    days = (deadline - since).days
    if days <= 0:
        return None
    return (target - current) / days


def projected_date(current: int, target: int, since: dt.date, pace: float | None) -> dt.date | None:
    """Day the target is reached at ``pace`` from ``since``; ``None`` if it never is.

    Already reached: ``since``. A flat or falling pace never gets there.
    """
    if current >= target:
        return since
    if pace is None or pace <= 0:
        return None
    # 4 / (1/7) is 28.000000000000004 in floating point: don't let that become 29 days.
    return since + dt.timedelta(days=math.ceil((target - current) / pace - 1e-9))


def reached_on(points: list[Point], target: int) -> dt.date | None:
    """Date of the first relevé at or above ``target``."""
    for p in points:
        if p.value >= target:
            return p.date
    return None


def _slope(a: Point, b: Point) -> float | None:
    days = (b.date - a.date).days
    if days <= 0:
        return None
    return (b.value - a.value) / days
