"""Our RRULE-based VTIMEZONE blocks, read back by icalendar and vobject, agree with zoneinfo."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from oep_build.render.ics import fold
from oep_build.render.vtimezone import vtimezone_lines

ZONES = [
    "Europe/Paris",
    "America/Miquelon",
    "America/Cayenne",
    "Indian/Reunion",
    "Pacific/Noumea",
    "Australia/Sydney",
    "America/Santiago",
]
UTC = dt.UTC


def calendar_text(key: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//FR", *vtimezone_lines(key), "END:VCALENDAR"]
    return b"".join(fold(x) for x in lines).decode("utf-8")


@pytest.fixture(scope="module")
def zones() -> dict[str, tuple[dt.tzinfo, dt.tzinfo]]:
    out = {}
    for key in ZONES:
        text = calendar_text(key)
        ical = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
        vobj = vobject.readOne(text, validate=True).vtimezone.gettzinfo()
        out[key] = (ical, vobj)
    return out


@settings(max_examples=300, deadline=None)
@given(
    key=st.sampled_from(ZONES),
    instant=st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2037, 12, 31)),
)
def test_offsets_match_zoneinfo(zones, key: str, instant: dt.datetime) -> None:
    moment = instant.replace(tzinfo=UTC)
    expected = moment.astimezone(ZoneInfo(key)).utcoffset()
    for tz in zones[key]:
        assert moment.astimezone(tz).utcoffset() == expected, (key, moment, tz)


@pytest.mark.parametrize(
    ("key", "local", "offset_hours"),
    [
        ("Europe/Paris", "2026-03-29 01:59", 1),
        ("Europe/Paris", "2026-03-29 03:00", 2),
        ("Europe/Paris", "2026-10-25 01:59", 2),
        ("Europe/Paris", "2026-10-25 03:00", 1),
        ("America/Miquelon", "2027-03-13 10:00", -3),
        ("America/Miquelon", "2027-03-20 10:00", -2),
    ],
)
def test_local_times_around_the_changes(zones, key: str, local: str, offset_hours: int) -> None:
    naive = dt.datetime.fromisoformat(local)
    for tz in zones[key]:
        assert naive.replace(tzinfo=tz).utcoffset() == dt.timedelta(hours=offset_hours), tz


def test_paris_block_is_the_classic_one() -> None:
    assert vtimezone_lines("Europe/Paris") == (
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19960331T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19961027T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    )
