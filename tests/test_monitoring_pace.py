"""Hand-computed paces, required paces and projections (oep_build.monitoring.pace)."""

from __future__ import annotations

import datetime as dt

from oep_build.monitoring.pace import (
    Point,
    average_pace,
    latest_pace,
    projected_date,
    reached_on,
    required_pace,
    value_on,
)

D = dt.date


def pts(*pairs: tuple[str, int]) -> list[Point]:
    return [Point(D.fromisoformat(d), v) for d, v in pairs]


# 10 000 on 01-20, then a slowdown: 1 000/day over the last 7 days.
SLOWING = pts(("2026-01-20", 10_000), ("2026-01-27", 30_000), ("2026-02-03", 45_000),
              ("2026-02-07", 50_000), ("2026-02-14", 57_000))


def test_latest_pace_uses_the_last_relevé_at_least_7_days_older() -> None:
    assert latest_pace(SLOWING) == 1_000.0  # (57 000 − 50 000) / 7


def test_latest_pace_over_sparse_relevés_spans_the_real_days() -> None:
    # 07-29 is the last relevé 7+ days before 08-08: 100 000 over 10 days.
    series = pts(("2025-07-22", 1_500_000), ("2025-07-29", 2_000_000), ("2025-08-08", 2_100_000))
    assert latest_pace(series) == 10_000.0


def test_latest_pace_of_a_young_series_starts_at_its_first_relevé() -> None:
    assert latest_pace(pts(("2026-02-10", 100), ("2026-02-13", 400))) == 100.0


def test_average_pace_from_first_to_latest() -> None:
    assert average_pace(SLOWING) == 1_880.0  # 47 000 / 25 days


def test_single_point_has_no_pace_and_no_projection() -> None:
    one = pts(("2026-02-14", 500))
    assert latest_pace(one) is None
    assert average_pace(one) is None
    assert projected_date(500, 1_000, D(2026, 2, 14), latest_pace(one)) is None
    # but the required pace is known: 500 to go in 10 days
    assert required_pace(500, 1_000, D(2026, 2, 14), D(2026, 2, 24)) == 50.0


def test_flat_series_never_reaches_the_target() -> None:
    flat = pts(("2026-02-01", 800), ("2026-02-08", 800), ("2026-02-15", 800))
    assert latest_pace(flat) == 0.0
    assert projected_date(800, 1_000, D(2026, 2, 15), 0.0) is None


def test_decreasing_series_has_a_negative_pace_and_no_projection() -> None:
    down = pts(("2026-02-01", 900), ("2026-02-08", 830))
    assert latest_pace(down) == -10.0
    assert projected_date(830, 1_000, D(2026, 2, 8), -10.0) is None


def test_required_pace_and_projection_by_hand() -> None:
    # 43 000 to go between 02-14 and 03-15 (29 days)
    assert required_pace(57_000, 100_000, D(2026, 2, 14), D(2026, 3, 15)) == 43_000 / 29
    # at 1 000/day: 43 days after 02-14
    assert projected_date(57_000, 100_000, D(2026, 2, 14), 1_000.0) == D(2026, 3, 29)
    # 4 to go at 1/7 per day is exactly 28 days, not 29 (floating point)
    assert projected_date(6, 10, D(2026, 2, 10), 1 / 7) == D(2026, 3, 10)
    # a partial day counts as a whole one: 43 000 at 1 482.76/day -> 29.000… -> 30 days
    assert projected_date(57_000, 100_000, D(2026, 2, 14), 1_482.0) == D(2026, 3, 16)


def test_target_already_reached() -> None:
    assert required_pace(57_000, 50_000, D(2026, 2, 14), D(2026, 2, 28)) == 0.0
    assert projected_date(57_000, 50_000, D(2026, 2, 14), 1_000.0) == D(2026, 2, 14)
    assert reached_on(SLOWING, 50_000) == D(2026, 2, 7)
    assert reached_on(SLOWING, 60_000) is None


def test_deadline_passed_or_today_leaves_no_required_pace() -> None:
    assert required_pace(6, 10, D(2026, 2, 10), D(2026, 1, 31)) is None
    assert required_pace(6, 10, D(2026, 2, 10), D(2026, 2, 10)) is None
    # reached targets stay at 0 even after the deadline
    assert required_pace(12, 10, D(2026, 2, 10), D(2026, 1, 31)) == 0.0


def test_value_on_is_the_last_known_relevé() -> None:
    assert value_on(SLOWING, D(2026, 1, 19)) is None
    assert value_on(SLOWING, D(2026, 2, 7)) == 50_000
    assert value_on(SLOWING, D(2026, 2, 10)) == 50_000
    assert value_on(SLOWING, D(2026, 3, 1)) == 57_000
