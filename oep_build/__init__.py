"""oep-build: On Est Prêt's content-as-code publishing system.

Public API::

    from oep_build import check_project
    checked = check_project("chemin/du/depot", today=datetime.date(2026, 3, 1))
    print(checked.report.format_text())
"""

from __future__ import annotations

from .diagnostics import RULES, Diagnostic, Level, Report
from .pipeline import Checked, check_project

__all__ = ["RULES", "Checked", "Diagnostic", "Level", "Report", "check_project"]
__version__ = "0.1.0"
