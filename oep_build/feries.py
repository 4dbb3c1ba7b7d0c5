"""French public holidays where an event takes place, from the ``holidays`` library.

On first use the library imports the tables of its 250 countries (about 0.1 s,
on every ``oep check`` and ``oep build`` with events). The few tables a project
needs, one per year and subdivision, are therefore kept in ``feries.json`` of the
project's cache folder (:mod:`.caches`) under the library's version: the library is
imported only when a table is missing or the library was upgraded. An unreadable
or unwritable cache only means asking the library again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from functools import cache
from importlib import metadata
from pathlib import Path

from .caches import project_cache
from .output import write_file

__all__ = ["Holidays", "holiday_name"]

CACHE_FILE = "feries.json"
FORMAT = 1  # bump when the tables asked of the library change (language, categories…)
# Département -> subdivision of ``holidays.France`` when it is not the département itself
# (holidays groups Bas-Rhin and Haut-Rhin as "6AE"; collectivities have letter codes).
_ALIASES = {"67": "6AE", "68": "6AE", "975": "PM", "977": "BL", "978": "MF", "986": "WF", "987": "PF", "988": "NC"}
_REGION = {"57": "Moselle", "67": "Alsace", "68": "Alsace", "6AE": "Alsace"}
_NATIONAL = "FR"  # key of the tables without subdivision


@cache
def _library_version() -> str | None:
    try:
        return metadata.version("holidays")
    except metadata.PackageNotFoundError:
        return None


class Holidays:
    """Public holidays of France by subdivision, kept in ``root``'s cache folder (None: kept nowhere)."""

    def __init__(self, root: Path | str | None = None) -> None:
        folder = None if root is None else project_cache(root)
        self.file = None if folder is None else folder / CACHE_FILE
        self.version = _library_version()
        self.subdivisions: list[str] = []
        self.tables: dict[str, dict[str, str]] = {}  # "<subdivision>-<year>" -> {ISO date: name}
        self.changed = False
        self._load()

    def name(self, day: dt.date, departement: str | None) -> str | None:
        """French name of the public holiday on ``day`` in ``departement`` (a code), if any."""
        subdiv = self._subdivision((departement or "").strip())
        iso = day.isoformat()
        name = self._table(subdiv, day.year).get(iso)
        if name is None:
            return None
        if subdiv and self._table(None, day.year).get(iso) is None:
            return f"{name}, férié en {_REGION.get(subdiv, 'outre-mer')} seulement"
        return name

    def save(self) -> None:
        """Write the tables asked of the library since loading, if any."""
        if not (self.changed and self.file and self.version):
            return
        data = {"format": FORMAT, "holidays": self.version, "subdivisions": self.subdivisions, "tables": self.tables}
        with contextlib.suppress(OSError):
            write_file(self.file, json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8"))
        self.changed = False

    def _load(self) -> None:
        if self.file is None or self.version is None:
            return
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("holidays") != self.version or data.get("format") != FORMAT:
            return
        subdivisions, tables = data.get("subdivisions"), data.get("tables")
        if isinstance(subdivisions, list) and isinstance(tables, dict):
            self.subdivisions = [s for s in subdivisions if isinstance(s, str)]
            self.tables = {k: v for k, v in tables.items() if isinstance(v, dict)}

    def _subdivision(self, departement: str) -> str | None:
        if not self.subdivisions:
            import holidays

            self.subdivisions = sorted(holidays.France.subdivisions)
            self.changed = True
        for code in (departement, _ALIASES.get(departement)):
            if code and code in self.subdivisions:
                return code
        return None

    def _table(self, subdiv: str | None, year: int) -> dict[str, str]:
        key = f"{subdiv or _NATIONAL}-{year}"
        table = self.tables.get(key)
        if table is None:
            import holidays

            days = holidays.France(subdiv=subdiv, years=year, language="fr")
            table = self.tables[key] = {day.isoformat(): str(name) for day, name in sorted(days.items())}
            self.changed = True
        return table


@cache
def _uncached() -> Holidays:
    return Holidays()


def holiday_name(day: dt.date, departement: str | None) -> str | None:
    """French name of the public holiday on ``day`` where the event takes place, if any (no disk cache)."""
    return _uncached().name(day, departement)
