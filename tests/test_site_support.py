"""Shared helpers of the site tests: the example project, built once per test session.

Builds are slow on shared machines: every test module that needs a built site
calls :func:`built_site`, which builds each audience at most once per process.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)
EPOCH = "1795000000"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def example_copy(dest: Path) -> Path:
    """A private copy of the example project (content, mkdocs.yml, overrides) under ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("content", "campaigns", "kits", "overrides"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@functools.cache
def built_site(audience: str, base: str) -> tuple[Path, object]:
    """Build the example site for ``audience`` once under ``base``; return (site dir, result)."""
    from oep_build.build import build

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    root = example_copy(Path(base) / f"projet-{audience}")
    result = build(root, audience=audience, out=root / "site", today=TODAY)
    assert result.ok, result.report.format_text()
    return root / "site", result
