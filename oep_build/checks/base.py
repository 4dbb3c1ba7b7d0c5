"""What every check receives, and how checks are registered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..context import Context
from ..diagnostics import Diagnostic

__all__ = ["CHECKS", "Context", "check"]


CheckFn = Callable[[Context], Iterable[Diagnostic]]
CHECKS: list[CheckFn] = []


def check(fn: CheckFn) -> CheckFn:
    """Register a check; checks run in registration order and never render."""
    CHECKS.append(fn)
    return fn


def run_checks(ctx: Context) -> Iterator[Diagnostic]:
    for fn in CHECKS:
        yield from fn(ctx)
