"""oep-build: On Est Prêt's content-as-code publishing system.

Public API::

    from oep_build import check_project
    checked = check_project("chemin/du/depot", today=datetime.date(2026, 3, 1))
    print(checked.report.format_text())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["RULES", "Checked", "Diagnostic", "Level", "Report", "check_project"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .diagnostics import RULES, Diagnostic, Level, Report
    from .pipeline import Checked, check_project


def __getattr__(name: str) -> Any:
    # Lazy: ``python -m oep_build.engines…`` and ``oep --help`` need neither the models nor the checks.
    if name in ("RULES", "Diagnostic", "Level", "Report"):
        from . import diagnostics

        return getattr(diagnostics, name)
    if name in ("Checked", "check_project"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
