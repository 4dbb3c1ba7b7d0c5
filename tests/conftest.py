"""Shared test fixtures: golden files and the example project."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ with the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden("area/name.txt", actual)``: compare with, or rewrite, a golden file."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != actual:
                path.write_text(actual, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"golden file {path} missing: run pytest --update-goldens")
        expected = path.read_text(encoding="utf-8")
        if expected != actual:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(True), actual.splitlines(True), str(path), "actual"
                )
            )
            pytest.fail(f"output differs from {path} (pytest --update-goldens to accept):\n{diff}")

    return check


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


TEST_TODAY = os.environ.get("OEP_TEST_TODAY", "2026-11-27")
TEST_EPOCH = "1795000000"


def pytest_configure(config: pytest.Config) -> None:
    """Fix the date for the whole session, before any fixture of any scope runs.

    Module- and session-scoped fixtures (a checked corpus, a built site) are set up
    before function-scoped autouse fixtures apply, so the process environment
    itself carries the date; the autouse fixture below restores it for tests that
    change it.
    """
    os.environ["OEP_TODAY"] = TEST_TODAY
    os.environ["SOURCE_DATE_EPOCH"] = TEST_EPOCH
    # oep's caches (compiled templates, kit PDFs…) go to a folder of this session, not the user's.
    os.environ["OEP_CACHE"] = tempfile.mkdtemp(prefix="oep-cache-tests-")


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = os.environ.get("OEP_CACHE", "")
    if Path(folder).name.startswith("oep-cache-tests-"):
        shutil.rmtree(folder, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under libfaketime (the shifted-clock pass, or any run under ``faketime``) Zensical's
    runtime hangs: its tests are left out there, deselected rather than skipped. They read no
    date from the clock, and the real-date pass runs them."""
    if "faketime" not in os.environ.get("LD_PRELOAD", ""):
        return
    dropped = [item for item in items if item.get_closest_marker("zensical")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not item.get_closest_marker("zensical")]


@pytest.fixture(autouse=True)
def _no_wall_clock_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never depend on the real date unless they say so."""
    monkeypatch.setenv("OEP_TODAY", TEST_TODAY)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TEST_EPOCH)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a defect (a missing tool or package), not a pass."""
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter:
            reporter.write_line(f"CI : {skipped} test(s) sauté(s) — installez ce qui leur manque (extra dev)", red=True)
