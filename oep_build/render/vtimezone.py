"""RRULE-based ``VTIMEZONE`` blocks derived from the system's zoneinfo data.

``icalendar.add_missing_timezones()`` lists every past transition as an RDATE
observance; Thunderbird's ical.js and vobject misread that. Calendar clients all
understand the classic form instead: one ``DAYLIGHT`` and one ``STANDARD``
observance, each with a yearly ``RRULE`` (``BYMONTH=3;BYDAY=-1SU`` for Paris).
Zones without daylight saving get a single ``STANDARD`` observance. The block
depends only on the zone (not on the feed's content) so it never changes between
builds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = ["vtimezone_lines"]

FIRST_YEAR = 1970
LAST_YEAR = 2037
HISTORY_FROM = 2020
"""Changes from this year on are always described exactly, even when no yearly rule fits them."""
_UTC = dt.UTC
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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
    by_year = {y: _transitions(tz, y) for y in range(FIRST_YEAR, LAST_YEAR + 1)}
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


def _transitions(tz: ZoneInfo, year: int) -> list[_Transition]:
    """Changes of UTC offset during ``year``, found day by day then to the second."""
    out = []
    t = dt.datetime(year, 1, 1, tzinfo=_UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=_UTC)
    prev = t.astimezone(tz).utcoffset()
    step = dt.timedelta(days=1)
    while t < end:
        nxt = min(t + step, end)
        off = nxt.astimezone(tz).utcoffset()
        if off != prev:
            at = _bisect(tz, t, nxt, prev)
            assert prev is not None and off is not None
            out.append(_Transition((at + prev).replace(tzinfo=None), prev, off, at.astimezone(tz).tzname() or ""))
            prev = off
        t = nxt
    return out


def _bisect(tz: ZoneInfo, lo: dt.datetime, hi: dt.datetime, before: dt.timedelta | None) -> dt.datetime:
    """First instant in (lo, hi] whose offset differs from ``before`` (to the second)."""
    while hi - lo > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi


def _offset(d: dt.timedelta) -> str:
    seconds = int(d.total_seconds())
    sign = "+" if seconds >= 0 else "-"
    h, rest = divmod(abs(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h:02d}{m:02d}" + (f"{s:02d}" if s else "")
