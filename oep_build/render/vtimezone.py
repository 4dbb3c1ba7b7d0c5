"""RRULE-based ``VTIMEZONE`` blocks derived from the system's zoneinfo data.

``icalendar.add_missing_timezones()`` lists every past transition as an RDATE
observance; Thunderbird's ical.js and vobject misread that. Calendar clients all
understand the classic form instead: one ``DAYLIGHT`` and one ``STANDARD``
observance, each with a yearly ``RRULE`` (``BYMONTH=3;BYDAY=-1SU`` for Paris).
Zones without daylight saving get a single ``STANDARD`` observance. The block
depends only on the zone (not on the feed's content) so it never changes between
builds.

Changes of offset are found by reading the offset at every midnight (UTC) of
the years covered, then bisecting the days that change. To keep that cheap, the
zone's TZif file tells which days can change (its transitions, and the months
of its yearly rule): the other midnights are skipped, and give the same answer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import struct
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

__all__ = ["vtimezone_lines"]

FIRST_YEAR = 1970
LAST_YEAR = 2037
HISTORY_FROM = 2020
"""Changes from this year on are always described exactly, even when no yearly rule fits them."""
_UTC = dt.UTC
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY = dt.timedelta(days=1)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_SPAN = (
    int(dt.datetime(FIRST_YEAR, 1, 1, tzinfo=_UTC).timestamp()),
    int(dt.datetime(LAST_YEAR + 1, 1, 1, tzinfo=_UTC).timestamp()),
)
"""The instants covered, in seconds since the epoch."""


@dataclass(frozen=True)
class _Transition:
    local: dt.datetime
    """Wall-clock time of the change, read with the offset in force before it (RFC 5545 DTSTART)."""
    before: dt.timedelta
    after: dt.timedelta
    name: str


@dataclass(frozen=True)
class _Rule:
    """« The ``weekday`` on or after day ``day_from`` of ``month`` » (``day_from`` -1: the last one)."""

    month: int
    weekday: int
    day_from: int
    time: dt.time
    before: dt.timedelta
    after: dt.timedelta
    name: str

    def matches(self, t: _Transition) -> bool:
        d = t.local.date()
        if (d.month, d.weekday(), t.local.time(), t.before, t.after, t.name) != (
            self.month, self.weekday, self.time, self.before, self.after, self.name
        ):
            return False
        if self.day_from == -1:
            return (d + dt.timedelta(days=7)).month != d.month
        return self.day_from <= d.day <= self.day_from + 6

    @property
    def rrule(self) -> str:
        day = _DAYS[self.weekday]
        if self.day_from == -1:
            byday = f"-1{day}"
        elif (self.day_from - 1) % 7 == 0:
            byday = f"{(self.day_from - 1) // 7 + 1}{day}"
        else:  # e.g. Chile's « first Sunday on or after the 2nd »
            days = ",".join(str(n) for n in range(self.day_from, min(self.day_from + 6, 31) + 1))
            byday = f"{day};BYMONTHDAY={days}"
        return f"RRULE:FREQ=YEARLY;BYMONTH={self.month};BYDAY={byday}"


@lru_cache(maxsize=32)
def vtimezone_lines(key: str) -> tuple[str, ...]:
    """Unfolded content lines of the ``VTIMEZONE`` for IANA zone ``key``."""
    tz = ZoneInfo(key)
    hints = _hints(key)
    by_year = {y: _transitions(tz, _days_to_check(y, hints)) for y in range(FIRST_YEAR, LAST_YEAR + 1)}
    lines = ["BEGIN:VTIMEZONE", f"TZID:{key}"]
    rules = _current_rules(by_year)
    rule_start = rules[0] if rules else LAST_YEAR + 1
    # Changes since HISTORY_FROM that the yearly rules do not describe: listed one by one.
    history = [t for y in range(HISTORY_FROM, rule_start) for t in by_year[y]]
    if rules is None and not history:
        lines += _fixed_offset(tz, by_year)
    lines += _listed(history)
    if rules is not None:
        start_year, pair = rules
        for rule in sorted(pair, key=lambda r: r.after, reverse=True):
            first = next(t for t in by_year[start_year] if rule.matches(t))
            lines += _observance(first, [rule.rrule])
    lines.append("END:VTIMEZONE")
    return tuple(lines)


def _observance(first: _Transition, extra: list[str]) -> list[str]:
    kind = "DAYLIGHT" if first.after > first.before else "STANDARD"
    return [
        f"BEGIN:{kind}",
        f"TZOFFSETFROM:{_offset(first.before)}",
        f"TZOFFSETTO:{_offset(first.after)}",
        f"TZNAME:{first.name}",
        f"DTSTART:{first.local:%Y%m%dT%H%M%S}",
        *extra,
        f"END:{kind}",
    ]


def _listed(transitions: list[_Transition]) -> list[str]:
    groups: dict[tuple[dt.timedelta, dt.timedelta, str], list[_Transition]] = {}
    for t in transitions:
        groups.setdefault((t.before, t.after, t.name), []).append(t)
    lines: list[str] = []
    for group in groups.values():
        lines += _observance(group[0], [f"RDATE:{t.local:%Y%m%dT%H%M%S}" for t in group[1:]])
    return lines


def _current_rules(by_year: dict[int, list[_Transition]]) -> tuple[int, tuple[_Rule, _Rule]] | None:
    """The two yearly rules in force in ``LAST_YEAR`` and the first year they both held."""
    last = by_year[LAST_YEAR]
    if len(last) != 2:
        return None
    best: tuple[int, tuple[_Rule, _Rule]] | None = None
    for a in _candidates(last[0]):
        for b in _candidates(last[1]):
            year = LAST_YEAR
            while year - 1 in by_year and _year_matches(by_year[year - 1], (a, b)):
                year -= 1
            if best is None or year < best[0]:
                best = (year, (a, b))
    return best


def _year_matches(transitions: list[_Transition], pair: tuple[_Rule, _Rule]) -> bool:
    return len(transitions) == 2 and all(any(r.matches(t) for t in transitions) for r in pair)


def _candidates(t: _Transition) -> list[_Rule]:
    """Ways to read one change as a yearly rule, the usual ones first (last Sunday, n-th Sunday)."""
    d = t.local.date()
    firsts = [n for n in range(max(1, d.day - 6), d.day + 1)]
    firsts.sort(key=lambda n: ((n - 1) % 7 != 0, n))
    days = ([-1] if (d + dt.timedelta(days=7)).month != d.month else []) + firsts
    return [_Rule(d.month, d.weekday(), n, t.local.time(), t.before, t.after, t.name) for n in days]


def _fixed_offset(tz: ZoneInfo, by_year: dict[int, list[_Transition]]) -> list[str]:
    """One STANDARD observance from the last change of offset (or 1970) on."""
    changes = [t for y in sorted(by_year) for t in by_year[y]]
    probe = dt.datetime(LAST_YEAR, 7, 1, tzinfo=_UTC).astimezone(tz)
    offset = probe.utcoffset() or dt.timedelta()
    start = changes[-1].local if changes else dt.datetime(FIRST_YEAR, 1, 1)
    before = changes[-1].before if changes else offset
    return [
        "BEGIN:STANDARD",
        f"TZOFFSETFROM:{_offset(before)}",
        f"TZOFFSETTO:{_offset(offset)}",
        f"TZNAME:{probe.tzname()}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",
        "END:STANDARD",
    ]


def _transitions(tz: ZoneInfo, days: list[dt.datetime]) -> list[_Transition]:
    """Changes of UTC offset from one midnight (UTC) to the next among ``days``, to the second."""
    out = []
    read: dict[dt.datetime, dt.timedelta | None] = {}  # offsets at the midnights already read
    for day in days:
        prev = read[day] if day in read else day.astimezone(tz).utcoffset()
        nxt = day + _DAY
        off = read[nxt] = nxt.astimezone(tz).utcoffset()
        if off != prev:
            at = _bisect(tz, day, nxt, prev)
            assert prev is not None and off is not None
            out.append(_Transition((at + prev).replace(tzinfo=None), prev, off, at.astimezone(tz).tzname() or ""))
    return out


# -- which days can change --------------------------------------------------------


@dataclass(frozen=True)
class _Hints:
    """Where a zone's offset can change, read from its TZif file (RFC 8536)."""

    days: dict[int, frozenset[dt.datetime]]
    """By year, the midnights (UTC) followed by an explicit transition before the next midnight."""
    rule_from: int
    """Year from which the yearly rule of the footer applies (that of the last explicit transition)."""
    rule_months: frozenset[int] | None
    """Months (UTC) where the rule can move the offset; ``None``: unknown, any day of the year."""


_STD = r"(?:<[^>]+>|[A-Za-z]+)[-+]?\d{1,2}(?::\d{2}){0,2}"
_DST = r"(?:<[^>]+>|[A-Za-z]+)(?:[-+]?\d{1,2}(?::\d{2}){0,2})?"
_WHEN = r"M(\d{1,2})\.\d\.\d(?:/[-+]?\d{1,3}(?::\d{2}){0,2})?"
_TZ_STRING = re.compile(rf"{_STD}(?:{_DST},{_WHEN},{_WHEN})?")


def _days_to_check(year: int, hints: _Hints | None) -> list[dt.datetime]:
    """Midnights (UTC) of ``year`` after which the offset may differ the next midnight, in order."""
    if hints is None or (year >= hints.rule_from and hints.rule_months is None):
        return _days_of(year, range(1, 13))
    days = set(hints.days.get(year, ()))
    if year >= hints.rule_from and hints.rule_months:
        days.update(_days_of(year, sorted(hints.rule_months)))
    return sorted(days)


def _days_of(year: int, months: Iterable[int]) -> list[dt.datetime]:
    return [
        dt.datetime(year, month, day, tzinfo=_UTC)
        for month in months
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
    ]


@lru_cache(maxsize=32)
def _hints(key: str) -> _Hints | None:
    """What the TZif file of ``key`` says; ``None`` when it cannot be read (every day is checked)."""
    try:
        data = _tzif_bytes(key)
        return _parse_tzif(data) if data is not None else None
    except (OSError, ValueError, ArithmeticError, IndexError, ImportError, struct.error):
        return None


def _tzif_bytes(key: str) -> bytes | None:
    """The file ``ZoneInfo(key)`` reads: the first one on ``TZPATH``, else the ``tzdata`` package's."""
    if os.path.isabs(key) or os.path.normpath(key) != key:
        return None
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, key)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                return f.read()
    *package, name = key.split("/")
    try:
        return resources.files(".".join(["tzdata.zoneinfo", *package])).joinpath(name).read_bytes()
    except (ImportError, FileNotFoundError):
        return None


def _parse_tzif(data: bytes) -> _Hints | None:
    """Transitions and yearly rule of a version 2+ TZif file without leap seconds, else ``None``."""
    if data[:4] != b"TZif" or data[4:5] == b"\0":
        return None
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = struct.unpack(">6l", data[20:44])
    # skip the version 1 block (32-bit times), then read the 64-bit one
    pos = 44 + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
    if data[pos : pos + 4] != b"TZif":
        return None
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = struct.unpack(">6l", data[pos + 20 : pos + 44])
    if leapcnt:
        return None
    pos += 44
    instants = struct.unpack(f">{timecnt}q", data[pos : pos + timecnt * 8])
    pos += timecnt * 9 + typecnt * 6 + charcnt + isstdcnt + isutcnt
    footer = data[pos:].split(b"\n")
    if footer[0] != b"" or len(footer) < 3:
        return None
    days: dict[int, set[dt.datetime]] = {}
    for seconds in instants:
        if _SPAN[0] < seconds <= _SPAN[1]:
            # the day (midnight, next midnight] holding the change: one at midnight is the day before's
            day = _EPOCH + dt.timedelta(days=(seconds - 1) // 86400)
            days.setdefault(day.year, set()).add(day)
    last = min(max(instants), _SPAN[1]) if instants else _SPAN[0]
    rule_from = (_EPOCH + dt.timedelta(seconds=last)).year
    return _Hints({y: frozenset(d) for y, d in days.items()}, rule_from, _rule_months(footer[1].decode("ascii")))


def _rule_months(footer: str) -> frozenset[int] | None:
    """UTC months where the footer's yearly rule can change the offset (empty: it never does).

    A change on a day of month ``m`` (with a time of day up to ±167 hours, and the
    offset to UTC) falls in ``m`` or a month next to it.
    """
    m = _TZ_STRING.fullmatch(footer)
    if m is None:
        return None
    months = {int(x) for x in m.groups() if x is not None}
    return frozenset((month + delta - 1) % 12 + 1 for month in months for delta in (-1, 0, 1))


def _bisect(tz: ZoneInfo, lo: dt.datetime, hi: dt.datetime, before: dt.timedelta | None) -> dt.datetime:
    """First instant in (lo, hi] whose offset differs from ``before`` (to the second).

    ``lo`` and ``hi`` are whole seconds; the search runs on seconds since the epoch.
    """
    a, b = int(lo.timestamp()), int(hi.timestamp())
    while b - a > 1:
        mid = a + (b - a) // 2
        if dt.datetime.fromtimestamp(mid, tz).utcoffset() == before:
            a = mid
        else:
            b = mid
    return _EPOCH + dt.timedelta(seconds=b)


def _offset(d: dt.timedelta) -> str:
    seconds = int(d.total_seconds())
    sign = "+" if seconds >= 0 else "-"
    h, rest = divmod(abs(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h:02d}{m:02d}" + (f"{s:02d}" if s else "")
