"""``date_fr`` takes datetimes, date subclasses and ``None`` (the text is checked day by day in
``test_fr_babel_reference.py``)."""

from __future__ import annotations

import datetime as dt

from oep_build.fr import date_fr


class OtherDate(dt.date):
    """A date subclass: formatted like a plain date."""


def test_datetimes_subclasses_and_none() -> None:
    assert date_fr(dt.datetime(2025, 7, 1, 23, 30, tzinfo=dt.UTC), weekday=True) == "mardi 1er juillet 2025"
    assert date_fr(OtherDate(2025, 7, 1), year=False) == "1er juillet"
    assert date_fr(dt.date(2025, 7, 1), weekday=1) == date_fr(dt.date(2025, 7, 1), weekday=True)  # type: ignore[arg-type]
    assert date_fr(None) == "—"


def test_chart_labels_say_the_first_of_the_month_as_french_does() -> None:
    from oep_build.monitoring.fr import date_courte

    assert date_courte(dt.date(2026, 3, 1)) == "1er mars"
    assert date_courte(dt.date(2026, 3, 2)) == "2 mars"
    assert date_courte(dt.date(2026, 2, 1), year=True) == "1er févr. 2026"
