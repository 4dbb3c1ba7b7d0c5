"""Pure arithmetic on a cumulative series: paces, required pace, projection.

A series is a list of :class:`Point` sorted by date, one per day, whose value
never needs to be smaller than the previous one (flux indicators are summed
into such a series first, see :mod:`.progress`). Every function here is small
enough to check by hand; the tests do exactly that.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass

__all__ = [
    "Point",
    "Slowdown",
    "Window",
    "average_pace",
    "last_interval",
    "latest_pace",
    "projected_date",
    "reached_on",
    "required_pace",
    "slowdown",
    "value_on",
    "window",
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


@dataclass(frozen=True)
class Window:
    """The change between two relevés: what was gained, over how many days, at what pace."""

    start: Point
    end: Point

    @property
    def days(self) -> int:
        return (self.end.date - self.start.date).days

    @property
    def gain(self) -> int:
        return self.end.value - self.start.value

    @property
    def pace(self) -> float | None:
        return _slope(self.start, self.end)


def window(points: list[Point], days: int = 7) -> Window | None:
    """From the last relevé at least ``days`` days older than the latest one, to the latest.

    When the series is younger than ``days`` days the first relevé is used, so a
    3-day-old series still has a pace; a single relevé has none. The window may
    be longer than ``days`` when relevés are sparse: its pace is then averaged
    over the days really covered, and :attr:`Window.days` says how many. Every
    « 7 jours » figure (gain and pace) comes from this one window.
    """
    if len(points) < 2:
        return None
    last = points[-1]
    ref = points[0]
    for p in points:
        if p.date <= last.date - dt.timedelta(days=days):
            ref = p
    return Window(ref, last)


def last_interval(points: list[Point]) -> Window | None:
    """Between the two latest relevés: the freshest pace there is."""
    return Window(points[-2], points[-1]) if len(points) >= 2 else None


def latest_pace(points: list[Point], window_days: int = 7) -> float | None:
    """Pace per day over :func:`window` (``None`` with fewer than two relevés)."""
    w = window(points, window_days)
    return w.pace if w else None


@dataclass(frozen=True)
class Slowdown:
    """The latest relevés whose pace fell below the required one: since when, and what came before."""

    since: dt.date
    """The last relevé before the slow intervals (the slowdown starts after it)."""
    intervals: list[Window]
    """The slow intervals, oldest first."""
    before: Window | None
    """The 7 days up to ``since``: the pace the campaign had before."""


def slowdown(points: list[Point], required: float, recent_days: int = 3) -> Slowdown | None:
    """The intervals at the end of the series below ``required`` (per day), or ``None`` if the last one is not.

    When only the ``recent_days`` window is slow (a good last day after stalled
    ones), the slowdown is that window's intervals.
    """
    tail: list[Window] = []
    for a, b in zip(reversed(points[:-1]), reversed(points[1:])):
        w = Window(a, b)
        if w.pace is None or w.pace >= required:
            break
        tail.insert(0, w)
    if not tail:
        recent = window(points, recent_days)
        if recent is None or recent.pace is None or recent.pace >= required:
            return None
        tail = [Window(a, b) for a, b in itertools.pairwise(points) if a.date >= recent.start.date]
    since = tail[0].start.date
    return Slowdown(since, tail, window([p for p in points if p.date <= since], 7))


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
