"""An event's moments as aware datetimes, in its own time zone (``fuseau``) or the site's.

Planning, declarations, checks and feeds all place events in time through here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model.content import Evenement

__all__ = ["local_span", "zone_of"]


def zone_of(ev: Evenement, default: ZoneInfo) -> ZoneInfo | None:
    """The event's time zone (its ``fuseau``, else the site's); ``None`` if unknown."""
    if not ev.fuseau:
        return default
    try:
        return ZoneInfo(ev.fuseau)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_span(ev: Evenement, default: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """Aware start and end of an event (an unknown ``fuseau`` falls back to the site's)."""
    tz = zone_of(ev, default) or default
    return _aware(ev.debut, tz), _aware(ev.fin, tz)


def _aware(value: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
