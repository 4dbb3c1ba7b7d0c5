"""Visibility checks that depend on the clock.

A public object referencing a non-public one is ``reference-non-publique``
(checks/references.py). Here: an embargo that lifts within 24 hours, since a
static site only shows the object after a rebuild at that time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Level, rule
from ..visibility import embargo_until, public_reason
from .base import Context, check

R_EMBARGO_SOON = rule(
    "embargo-proche",
    Level.INFO,
    "Un embargo se lève dans moins de 24 heures : prévoir une reconstruction du site.",
    "visibilite",
)

WINDOW = dt.timedelta(hours=24)


@check
def check_embargo_soon(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    now = ctx.now
    for _kind, obj in p.all_objects():
        lift = embargo_until(obj, ctx.tz)
        if lift is None or not (now < lift <= now + WINDOW):
            continue
        # Only worth a rebuild if the object becomes public when the embargo lifts.
        if public_reason(p, obj, lift) is not None:
            continue
        label = getattr(obj, "titre", None) or getattr(obj, "nom", None) or getattr(obj, "id", "")
        yield ctx.diag(
            R_EMBARGO_SOON,
            obj,
            "embargo_jusqu_au",
            message=f"l'embargo de « {label} » se lève le {lift:%Y-%m-%d à %H:%M} ({lift.tzname()}) : "
            "le site statique ne le montrera qu'après une reconstruction",
            fix=f"programmez une reconstruction du site public le {lift:%Y-%m-%d} à {lift:%H:%M} "
            "(tâche planifiée de la CI)",
        )
