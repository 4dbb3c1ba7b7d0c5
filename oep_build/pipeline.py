"""The pipeline up to the check stage: load -> model -> check."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .checks import run_checks
from .context import Context
from .diagnostics import Diagnostic, Level, Report, rule
from .incremental import Carry
from .load import ParseCache, load_sources, walk_sources
from .model import Project, build_project
from .render.templating import use_project_cache

__all__ = ["Checked", "check_project", "load_project", "resolve_today"]

R_LEVEL = rule("niveau-inconnu", Level.ERREUR, "Niveau de contrôle mal écrit dans site.yml.", "configuration")
R_TZ = rule("fuseau-inconnu", Level.ERREUR, "Fuseau horaire inconnu.", "configuration")

TODAY_ENV = "OEP_TODAY"


@dataclass
class Checked:
    """A checked project: the model, the report and the context used."""

    project: Project
    report: Report
    context: Context


def resolve_today(today: dt.date | None = None) -> dt.date:
    """``--today`` if given, else ``$OEP_TODAY``, else the real date."""
    if today is not None:
        return today
    env = os.environ.get(TODAY_ENV)
    if env:
        return dt.date.fromisoformat(env)
    return dt.date.today()


def check_project(
    root: Path | str, today: dt.date | None = None, cache: ParseCache | None = None, carry: Carry | None = None
) -> Checked:
    """Load, validate and check everything under ``root``; all diagnostics at once.

    ``cache`` and ``carry`` keep parsed files and per-object results between runs (``oep serve``).
    """
    checked = load_project(root, today, cache, carry)
    # Check: cross-object rules over the whole set
    checked.report.extend(run_checks(checked.context))
    return checked


def load_project(
    root: Path | str, today: dt.date | None = None, cache: ParseCache | None = None, carry: Carry | None = None
) -> Checked:
    """Load and validate everything under ``root``, without the cross-object checks.

    The report holds the loading and validation diagnostics; run the checks on
    ``context`` (:func:`check_project` does) before trusting the project.
    ``cache`` keeps parsed files between runs (``oep serve``).
    """
    root = Path(root).resolve()
    use_project_cache(root)  # compiled templates in the project's cache folder (outside it: caches.py)
    report = Report()
    # Load: every content file, with positions
    files = walk_sources(root)
    docs, diags = load_sources(root, cache, files)
    report.extend(diags)
    # Model: typed objects, indexed by id
    project, diags = build_project(root, docs)
    report.extend(diags)
    report.partial_files = sorted(d.path for d in docs if d.broken)
    # Configuration: per-id levels, time zone
    tz = _configure(project, report)
    day = resolve_today(today)
    moment = None
    if today is None and not os.environ.get(TODAY_ENV):
        moment = dt.datetime.now(tz)
        if carry is not None:  # the preview's clock moves by the minute: saves within one reuse work
            moment = moment.replace(second=0, microsecond=0)
        day = moment.date()
    ctx = Context(project=project, today=day, tz=tz, moment=moment)
    if carry is not None:
        ctx.carry = carry.begin(root, files, ctx.now, texts={d.path: d.text for d in docs if d.text or not d.broken})
    return Checked(project, report, ctx)


def _configure(project: Project, report: Report) -> ZoneInfo:
    from .diagnostics import RULES
    from .model import closest, where

    site = project.site
    tz = ZoneInfo("Europe/Paris")
    if site is None:
        return tz
    try:
        tz = ZoneInfo(site.fuseau)
    except (ZoneInfoNotFoundError, ValueError):
        w = where(site, "fuseau")
        report.add(
            Diagnostic(R_TZ.id, R_TZ.level, w.file, w.line, w.column, f"fuseau « {site.fuseau} » inconnu",
                       "écrivez un fuseau IANA, par exemple Europe/Paris", w.path)
        )
        tz = ZoneInfo("Europe/Paris")
    levels: dict[str, Level] = {}
    for rid, value in site.niveaux.items():
        w = where(site, "niveaux", rid)
        if rid not in RULES:
            sugg = closest(rid, RULES)
            report.add(Diagnostic(R_LEVEL.id, R_LEVEL.level, w.file, w.line, w.column,
                                  f"contrôle « {rid} » inconnu",
                                  f"vouliez-vous dire « {sugg[0]} » ?" if sugg else "voir la liste des contrôles dans le guide de saisie",
                                  w.path))
            continue
        try:
            levels[rid] = Level(value)
        except ValueError:
            report.add(Diagnostic(R_LEVEL.id, R_LEVEL.level, w.file, w.line, w.column,
                                  f"niveau « {value} » inconnu pour {rid}",
                                  "valeurs possibles : erreur, avertissement, info, ignore", w.path))
    report.levels.update(levels)
    return tz
