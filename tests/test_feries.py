"""The public holiday tables kept in the project's cache folder give the library's answers."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from oep_build import feries
from oep_build.caches import project_cache
from oep_build.feries import CACHE_FILE, Holidays, holiday_name


def _file(root: Path) -> Path:
    folder = project_cache(root)
    assert folder is not None
    return folder / CACHE_FILE

DAYS = [
    ("2026-04-03", "57"),
    ("2026-12-26", "68"),
    ("2026-12-26", "75"),
    ("2026-05-27", "971"),
    ("2027-05-27", "971"),
    ("2026-07-14", "2A"),
    ("2026-07-14", None),
    ("2026-07-15", "69"),
]


def _answers(holidays: Holidays) -> list[str | None]:
    return [holidays.name(dt.date.fromisoformat(day), dept) for day, dept in DAYS]


def test_second_run_reads_the_tables_without_the_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Holidays(tmp_path)
    expected = _answers(first)
    assert expected == [holiday_name(dt.date.fromisoformat(day), dept) for day, dept in DAYS]
    assert "Fête nationale" in expected
    first.save()
    data = json.loads(_file(tmp_path).read_text(encoding="utf-8"))
    assert data["holidays"] == feries._library_version() and data["format"] == feries.FORMAT
    assert sorted(data["tables"]) == ["57-2026", "6AE-2026", "971-2026", "971-2027", "FR-2026", "FR-2027"]

    monkeypatch.setitem(sys.modules, "holidays", None)  # « import holidays » now fails
    second = Holidays(tmp_path)
    assert _answers(second) == expected
    assert not second.changed
    with pytest.raises(ImportError):  # a table not kept yet still needs the library
        second.name(dt.date(2030, 1, 1), "75")


@pytest.mark.parametrize(
    "content",
    [
        '{"format": 1, "holidays": "0.0", "subdivisions": ["75"], "tables": {"FR-2026": {"2026-07-15": "Faux"}}}',
        '{"holidays": "VERSION", "subdivisions": ["75"], "tables": {"FR-2026": {"2026-07-15": "Faux"}}}',
        "{pas du json",
        "[]",
    ],
)
def test_stale_or_broken_cache_is_asked_again(tmp_path: Path, content: str) -> None:
    _file(tmp_path).write_text(content.replace("VERSION", feries._library_version() or ""), encoding="utf-8")
    holidays = Holidays(tmp_path)
    assert holidays.name(dt.date(2026, 7, 15), "75") is None
    assert holidays.name(dt.date(2026, 7, 14), "75") == "Fête nationale"
    holidays.save()
    data = json.loads(_file(tmp_path).read_text(encoding="utf-8"))
    assert data["holidays"] == feries._library_version()
    assert data["tables"]["FR-2026"]["2026-07-14"] == "Fête nationale"


def test_unwritable_cache_never_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "caches"
    blocker.write_text("un fichier, pas un dossier", encoding="utf-8")
    monkeypatch.setenv("OEP_CACHE", str(blocker))
    holidays = Holidays(tmp_path / "projet")
    assert holidays.file is None
    assert holidays.name(dt.date(2026, 11, 11), "13") == "Armistice"
    holidays.save()  # nowhere to write: nothing raised
    assert blocker.is_file()


def test_a_project_cache_folder_is_never_read(tmp_path: Path) -> None:
    """A ``.cache/feries.json`` in the project (a contributor's file) changes no answer."""
    planted = tmp_path / ".cache" / "feries.json"
    planted.parent.mkdir()
    planted.write_text(json.dumps({"format": feries.FORMAT, "holidays": feries._library_version(), "subdivisions": ["75"],
                                   "tables": {"FR-2026": {"2026-07-15": "Faux"}}}), encoding="utf-8")
    holidays = Holidays(tmp_path)
    assert holidays.name(dt.date(2026, 7, 15), "75") is None
    assert holidays.file is not None and tmp_path not in holidays.file.parents
