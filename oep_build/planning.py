"""Planning: pure functions over the resolved project (what is due, late, to chase).

Shared by the calendar checks, ``oep plan``, the calendar feeds and the
internal planning page, so that « en retard » means the same thing everywhere.
Nothing here reads the clock: every function takes the day it should reason about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from .eventtime import local_span, zone_of
from .model import Project
from .model.base import Statut
from .model.campaign import Campagne, Coalition, Livrable, StatutCoalition, StatutLivrable, TempsFort
from .model.content import Deroulement, Evenement

__all__ = [
    "FINISHED",
    "Plan",
    "PlannedLivrable",
    "PlannedRelance",
    "PlannedTempsFort",
    "build_plan",
    "campaign_closed",
    "effective_statut",
    "find_cycles",
    "is_done",
    "is_overdue",
    "iso_week",
    "iter_livrables",
    "iter_temps_forts",
    "jours_francs",
    "l52_1_start",
    "local_span",
    "overdue_by_person",
    "product_statut",
    "relances_due",
    "zone_of",
]

FINISHED = frozenset({StatutLivrable.valide, StatutLivrable.publie, StatutLivrable.abandonne})
"""A deliverable in one of these states is no longer work to do."""
_SETTLED = frozenset({StatutCoalition.engage, StatutCoalition.decline})


# -- deliverables ------------------------------------------------------------


@dataclass(frozen=True)
class PlannedLivrable:
    """A deliverable with the campaign it belongs to and its index in ``livrables``."""

    campagne: str
    index: int
    livrable: Livrable

    @property
    def key(self) -> str:
        return f"{self.campagne}/{self.livrable.id}"


@dataclass(frozen=True)
class PlannedTempsFort:
    campagne: str
    index: int
    temps_fort: TempsFort

    @property
    def fin(self) -> dt.date:
        return self.temps_fort.date_fin or self.temps_fort.date


@dataclass(frozen=True)
class PlannedRelance:
    """A coalition follow-up that is due (``prochaine_relance``) or unanswered (``relance_2``)."""

    campagne: str
    index: int
    coalition: Coalition
    date: dt.date
    motif: str


# What a deliverable's status should be, given the lifecycle status of what it produces.
_FROM_PRODUCT = {
    Statut.brouillon: StatutLivrable.en_cours,
    Statut.en_relecture: StatutLivrable.en_relecture,
    Statut.valide: StatutLivrable.valide,
    Statut.publie: StatutLivrable.publie,
    Statut.archive: StatutLivrable.publie,
}
_RANK = {s: i for i, s in enumerate(StatutLivrable)}


def product_statut(project: Project, lv: Livrable) -> StatutLivrable | None:
    """The deliverable status its ``produit`` shows (``None``: no product, or one without a status)."""
    if not lv.produit:
        return None
    statut = getattr(project.piece(lv.produit), "statut", None)
    return _FROM_PRODUCT.get(statut) if isinstance(statut, Statut) else None


def effective_statut(project: Project, lv: Livrable) -> StatutLivrable:
    """The deliverable's status, or its product's when the product is further on (validated, published).

    A deliverable left « a_faire » whose product is already published is done: the
    files disagree (``oep check`` says which value to write), but it is not late.
    """
    shown = product_statut(project, lv)
    if (
        shown in (StatutLivrable.valide, StatutLivrable.publie)
        and lv.statut is not StatutLivrable.abandonne
        and _RANK[shown] > _RANK[lv.statut]
    ):
        return shown
    return lv.statut


def is_done(project: Project, lv: Livrable) -> bool:
    return effective_statut(project, lv) in FINISHED


def is_overdue(project: Project, lv: Livrable, today: dt.date) -> bool:
    return lv.echeance < today and not is_done(project, lv)


def campaign_closed(c: Campagne, today: dt.date) -> bool:
    """Archived or over: its unfinished work is no longer chased day by day."""
    return c.statut.value == "archive" or c.fin < today


def iter_livrables(project: Project, campagne: str | None = None) -> Iterator[PlannedLivrable]:
    """Every deliverable, campaign by campaign (sorted ids), in file order."""
    for cid, c in sorted(project.campagnes.items()):
        if campagne is None or cid == campagne:
            for i, lv in enumerate(c.livrables):
                yield PlannedLivrable(cid, i, lv)


def iter_temps_forts(project: Project, campagne: str | None = None) -> Iterator[PlannedTempsFort]:
    for cid, c in sorted(project.campagnes.items()):
        if campagne is None or cid == campagne:
            for i, tf in enumerate(c.temps_forts):
                yield PlannedTempsFort(cid, i, tf)


def overdue_by_person(
    project: Project, today: dt.date, campagne: str | None = None
) -> dict[str, list[PlannedLivrable]]:
    """Late deliverables of open campaigns, by owner id (owners sorted, oldest first)."""
    out: dict[str, list[PlannedLivrable]] = {}
    for pl in iter_livrables(project, campagne):
        c = project.campagnes[pl.campagne]
        if is_overdue(project, pl.livrable, today) and not campaign_closed(c, today):
            out.setdefault(pl.livrable.responsable, []).append(pl)
    return {k: sorted(v, key=lambda p: (p.livrable.echeance, p.key)) for k, v in sorted(out.items())}


def relances_due(project: Project, until: dt.date, today: dt.date, sans_reponse_jours: int) -> list[PlannedRelance]:
    """Follow-ups planned on or before ``until``, and second reminders left unanswered."""
    out: list[PlannedRelance] = []
    for cid, c in sorted(project.campagnes.items()):
        if campaign_closed(c, today):
            continue
        for i, co in enumerate(c.coalition):
            if co.statut in _SETTLED:
                continue
            if co.prochaine_relance is not None and co.prochaine_relance <= until:
                motif = "relance en retard" if co.prochaine_relance < today else "relance prévue"
                out.append(PlannedRelance(cid, i, co, co.prochaine_relance, motif))
            elif co.statut is StatutCoalition.relance_2 and co.dernier_contact is not None:
                limit = co.dernier_contact + dt.timedelta(days=sans_reponse_jours)
                if limit < today:
                    out.append(PlannedRelance(cid, i, co, limit, "deuxième relance sans réponse"))
    return sorted(out, key=lambda r: (r.date, r.campagne, r.coalition.partenaire))


# -- dates and time zones ------------------------------------------------------


def iso_week(d: dt.date) -> str:
    """``2026-W07``: the ISO week a date belongs to (weeks start on Monday)."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def jours_francs(depot: dt.date, jour: dt.date) -> int:
    """Whole days between a filing and an event, neither of them counted."""
    return (jour - depot).days - 1


def l52_1_start(first_round: dt.date) -> dt.date:
    """First day of the month six months before the month of the first round (art. L52-1)."""
    month = first_round.month - 6
    year = first_round.year
    if month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


# -- dependency cycles -----------------------------------------------------------


def find_cycles(graph: Mapping[str, Sequence[str]], limit: int = 50) -> list[list[str]]:
    """Every elementary cycle of ``graph`` (node -> successors), each reported once.

    A cycle is listed from its node that comes first in ``graph``'s order and
    follows the edges (``a -> b`` when ``b in graph[a]``). Successors absent
    from ``graph`` are ignored. At most ``limit`` cycles are returned.
    """
    order = {n: i for i, n in enumerate(graph)}
    adj = {n: [m for m in dict.fromkeys(graph[n]) if m in order] for n in graph}
    cycles: list[list[str]] = []
    # Johnson's idea: find the cycles through the first node of a strongly connected
    # component, drop that node, and go on with what is still strongly connected.
    todo = [c for c in _strongly_connected(adj, order) if len(c) > 1 or c[0] in adj[c[0]]]
    while todo and len(cycles) < limit:
        comp = todo.pop()
        start, members = comp[0], set(comp)
        _walk_cycles(adj, start, members, cycles, limit)
        rest = {n: [m for m in adj[n] if m in members and m != start] for n in comp[1:]}
        todo += [c for c in _strongly_connected(rest, order) if len(c) > 1 or c[0] in rest[c[0]]]
    return sorted(cycles[:limit], key=lambda cy: [order[n] for n in cy])


def _walk_cycles(adj: Mapping[str, list[str]], start: str, allowed: set[str], out: list[list[str]], limit: int) -> None:
    path = [start]
    on_path = {start}
    stack: list[Iterator[str]] = [iter(adj[start])]
    while stack and len(out) < limit:
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        if nxt == start:
            out.append(list(path))
        elif nxt in allowed and nxt not in on_path:
            path.append(nxt)
            on_path.add(nxt)
            stack.append(iter(adj[nxt]))


def _strongly_connected(adj: Mapping[str, list[str]], order: Mapping[str, int]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (deep dependency chains must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    comps: list[list[str]] = []
    counter = 0
    for root in adj:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(adj[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            child = next(it, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(adj[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    comp.append(m)
                    if m == node:
                        break
                comps.append(sorted(comp, key=order.__getitem__))
    return sorted(comps, key=lambda comp: order[comp[0]])


# -- the plan shown by ``oep plan`` ---------------------------------------------


@dataclass
class Plan:
    """What the next days hold, for the whole team or one person."""

    today: dt.date
    fin: dt.date
    """Last day of the window (inclusive)."""
    personne: str | None = None
    temps_forts: list[PlannedTempsFort] = field(default_factory=list)
    evenements: list[Evenement] = field(default_factory=list)
    dus: dict[str, list[PlannedLivrable]] = field(default_factory=dict)
    """Deliverables due in the window, by owner id."""
    retards: dict[str, list[PlannedLivrable]] = field(default_factory=dict)
    relances: list[PlannedRelance] = field(default_factory=list)
    declarations: dict[str, list[Any]] = field(default_factory=dict)
    """Prefecture declarations to file (window open, not filed), by responsible person id."""

    @property
    def empty(self) -> bool:
        return not (self.temps_forts or self.evenements or self.dus or self.retards or self.relances or self.declarations)


def build_plan(
    project: Project, today: dt.date, jours: int = 14, personne: str | None = None, tz: ZoneInfo | None = None
) -> Plan:
    """The plan for ``jours`` days from ``today`` (included), optionally for one person."""
    tz = tz or ZoneInfo("Europe/Paris")
    end = today + dt.timedelta(days=max(jours, 1) - 1)
    plan = Plan(today=today, fin=end, personne=personne)
    plan.temps_forts = [
        t
        for t in iter_temps_forts(project)
        if t.temps_fort.date <= end and t.fin >= today and t.temps_fort.statut.value != "annule"
    ]
    plan.temps_forts.sort(key=lambda t: (t.temps_fort.date, t.campagne, t.temps_fort.id))
    plan.evenements = sorted(
        (
            ev
            for ev in project.evenements.values()
            if _in_window(ev, today, end, tz) and ev.deroulement is not Deroulement.annule
        ),
        key=lambda ev: (local_span(ev, tz)[0].astimezone(dt.UTC), ev.id or ""),
    )
    dus: dict[str, list[PlannedLivrable]] = {}
    for pl in iter_livrables(project):
        lv = pl.livrable
        if today <= lv.echeance <= end and not is_done(project, lv) and _mine(lv.responsable, personne):
            dus.setdefault(lv.responsable, []).append(pl)
    plan.dus = {k: sorted(v, key=lambda p: (p.livrable.echeance, p.key)) for k, v in sorted(dus.items())}
    plan.retards = {k: v for k, v in overdue_by_person(project, today).items() if _mine(k, personne)}
    params = project.site.parametres if project.site else None
    days = params.relance_sans_reponse_jours if params else 14
    plan.relances = [r for r in relances_due(project, end, today, days) if _mine(r.coalition.referent, personne)]
    from .declarations import open_declarations  # it builds on this module's dates

    decls: dict[str, list[Any]] = {}
    for d in open_declarations(project, today, tz):
        if _mine(d.responsable, personne):
            decls.setdefault(d.responsable or "", []).append(d)
    plan.declarations = dict(sorted(decls.items()))
    return plan


def _mine(owner: str | None, personne: str | None) -> bool:
    return personne is None or owner == personne


def _in_window(ev: Evenement, today: dt.date, end: dt.date, tz: ZoneInfo) -> bool:
    start, stop = local_span(ev, tz)
    return start.date() <= end and stop.date() >= today
