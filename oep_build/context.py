"""What every stage receives: the resolved project and the moment the run pretends to be.

Checks, views, renderers, monitoring and planning all take a :class:`Context`;
it lives outside ``checks/`` so that none of them imports the checks package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from .diagnostics import Diagnostic, Rule
from .model import Project, where
from .visibility import is_public

__all__ = ["Context"]


@dataclass
class Context:
    """The resolved project plus the moment the run pretends to be (``--today``)."""

    project: Project
    today: dt.date
    tz: ZoneInfo
    moment: dt.datetime | None = None
    """The real current time when no ``--today`` was given (embargoes lift by the hour)."""
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """Values computed once per run and shared by stages (the kits' views: checked, then printed)."""
    carry: Any = field(default=None, repr=False, compare=False)
    """``oep serve`` only: results of earlier runs still valid for this one (:class:`oep_build.incremental.CarriedRun`)."""

    @property
    def now(self) -> dt.datetime:
        """Aware current instant: the real time, or the start of ``--today`` (reproducible runs)."""
        if self.moment is not None:
            return self.moment.astimezone(self.tz)
        return dt.datetime.combine(self.today, dt.time(), self.tz)

    def visible(self, obj: Any, audience: str) -> bool:
        """Whether ``obj`` belongs in a build for ``audience`` (``public`` or ``interne``)."""
        return audience == "interne" or is_public(self.project, obj, self.now)

    def diag(
        self,
        r: Rule,
        obj: Any,
        *sub: str | int,
        message: str,
        fix: str = "",
        key: bool = False,
        replacement: str | None = None,
        opt_in: str = "",
    ) -> Diagnostic:
        """A diagnostic of rule ``r`` placed at ``obj`` (or its field ``sub``).

        ``replacement``: the YAML text that fixes that value, when the fix is unambiguous.
        """
        w = where(obj, *sub, key=key)
        edit = None
        origin = getattr(obj, "_origin", None)
        if replacement is not None and origin is not None:
            edit = origin.doc.edit(tuple(origin.path) + tuple(sub), replacement, opt_in)
        return Diagnostic(r.id, r.level, w.file, w.line, w.column, message, fix, w.path, edit)
