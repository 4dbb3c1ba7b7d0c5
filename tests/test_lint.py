"""Code gates: ruff and mypy pass over oep_build, and no module grows past ~400 lines.

Configuration lives in pyproject.toml ([tool.ruff], [tool.mypy]); CI runs these
with the rest of the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "oep_build"
MAX_LINES = 400


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_passes() -> None:
    out = _run("ruff", "check", "--no-cache", "oep_build")
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_passes() -> None:
    out = _run("mypy", "--cache-dir", str(ROOT / ".cache" / "mypy"))
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_gate_catches_a_type_error(tmp_path: Path) -> None:
    """The configuration is strict enough to see an Optional passed where a value is required."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from __future__ import annotations\n"
        "from pathlib import Path\n"
        "def f(p: Path) -> str:\n    return p.name\n"
        "def g(p: Path | None):\n    return f(p)\n",
        encoding="utf-8",
    )
    out = _run("mypy", "--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", str(bad))
    assert out.returncode == 1 and "arg-type" in out.stdout, out.stdout + out.stderr


def test_no_module_over_400_lines() -> None:
    big = {
        str(p.relative_to(ROOT)): n
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not big, f"split these modules (over {MAX_LINES} lines): {big}"
