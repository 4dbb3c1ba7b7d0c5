"""Static, accessible progress bars and charts, generated at build time.

No JavaScript, no external service: a native ``<progress>`` per objective,
an inline SVG line chart per series (``role="img"`` with ``<title>`` and
``<desc>``) and the same data as an HTML table for screen readers. The HTML is
written without blank lines so that Markdown passes it through untouched.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape as _escape

from ..context import Context
from ..model.campaign import Campagne
from ..typo import typographie
from .fr import date_courte, date_fr, nombre, pourcentage, rythme
from .pace import Point
from .progress import ObjectiveProgress, Statut, objective_progress
from .series import is_cumulative, points_of

__all__ = [
    "Chart",
    "chart_html",
    "chart_of",
    "charts_of",
    "data_table_html",
    "geo_notes",
    "line_chart_svg",
    "progress_bar_html",
    "progress_markdown",
]

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 84, 20, 20, 40
INK = "#3b3b3b"  # 9.5:1 on white
TARGET = "#a84300"  # 6.1:1 on white, the site's focus/accent colour
FONT = "Atkinson Hyperlegible, sans-serif"


@dataclass
class Chart:
    """One series with the targets drawn over it."""

    html_id: str
    titre: str
    unite: str
    cumulative: bool
    releves: list[Point]
    """The CSV values, one per day (the table shows them as written)."""
    points: list[Point]
    """What is drawn: the relevés, or their running total for a flux indicator."""
    cibles: list[tuple[int, dt.date]]


def progress_markdown(ctx: Context, campagne: Campagne, audience: str, as_of: dt.date | None = None) -> str:
    """Progress bars, then one chart and data table per series, for a campaign page.

    ``audience="public"`` keeps only the objectives marked ``visibilite: public``
    and leaves out paces and statuses; ``"interne"`` shows everything.
    Returns ``""`` when there is nothing to show.
    """
    progress = objective_progress(ctx, campagne, as_of)
    if audience == "public":
        progress = [p for p in progress if p.public]
    if not progress:
        return ""
    cid = campagne.id or ""
    blocks = [progress_bar_html(p, f"oep-objectif-{cid}-{p.objectif.id}", audience) for p in progress]
    color = _primary(ctx)
    for chart in charts_of(ctx, cid, progress, "oep-graphique"):
        blocks.append(chart_html(chart, color))
    return typographie("\n\n".join(blocks) + "\n")


def charts_of(ctx: Context, cid: str, progress: list[ObjectiveProgress], prefix: str) -> list[Chart]:
    """One chart per series measured, with the targets of every objective on it."""
    seen: dict[tuple[str, str], Chart] = {}
    for p in progress:
        key = (p.objectif.indicateur, p.objectif.perimetre)
        if not p.points:
            continue
        if key not in seen:
            html_id = f"{prefix}-{cid}-{key[0]}-{key[1]}"
            seen[key] = chart_of(ctx, cid, key[0], key[1], p.as_of, html_id)
            if p.departements_sommes:  # no series of its own: the sum the objective is measured on
                seen[key].titre += " (somme des départements)"
                seen[key].releves = seen[key].points = p.points
        seen[key].cibles.append((p.cible, p.echeance))
    return list(seen.values())


def chart_of(ctx: Context, cid: str, indicateur: str, perimetre: str, as_of: dt.date, html_id: str) -> Chart:
    """The chart of one series of a campaign, up to ``as_of``, without targets yet."""
    p = ctx.project
    rows = sorted(
        (r for r in p.indicateurs_series.get(cid, []) if r.indicateur == indicateur and r.perimetre == perimetre),
        key=lambda r: r.date,
    )
    cumulative = is_cumulative(p, indicateur)
    ind = p.indicateurs.get(indicateur)
    titre = ind.libelle if ind else indicateur
    if perimetre != "national":
        titre += f" (département {perimetre})"
    return Chart(
        html_id=html_id,
        titre=titre,
        unite=ind.unite if ind else "",
        cumulative=cumulative,
        releves=points_of(rows, True, as_of),
        points=points_of(rows, cumulative, as_of),
        cibles=[],
    )


def chart_html(chart: Chart, color: str = "#1b5e20") -> str:
    """The figure (SVG) followed by its data table."""
    caption = escape(chart.titre + ("" if chart.cumulative else " (total cumulé)"))
    return (
        f'<figure class="oep-chart" id="{chart.html_id}">\n'
        f"{line_chart_svg(chart, color)}\n"
        f"<figcaption>{caption}</figcaption>\n"
        f"</figure>\n"
        f"{data_table_html(chart)}"
    )


# -- progress bar ----------------------------------------------------------


def progress_bar_html(p: ObjectiveProgress, html_id: str, audience: str = "public") -> str:
    """A labelled native ``<progress>`` with « à jour au … » (and paces for the team)."""
    o = p.objectif
    unite = f" {p.unite}" if p.unite else ""
    if p.valeur is None:
        figure = "aucun relevé pour l’instant"
        value = 0
    else:
        figure = f"{nombre(p.valeur)} sur {nombre(o.cible)}{unite} ({pourcentage(p.pourcentage)})"
        value = min(p.valeur, o.cible)
    meta = []
    if p.date is not None:
        source = f" ({escape(p.source)})" if p.source else ""
        meta.append(f"À jour au {_time(p.date)}{source}")
    if p.statut is Statut.atteint and p.atteint_le is not None:
        meta.append(f"objectif atteint le {_time(p.atteint_le)}")
    else:
        meta.append(f"échéance : {_time(o.echeance)}")
    meta += geo_notes(p)
    lines = [
        '<div class="oep-progress">',
        f'<p class="oep-progress__label" id="{html_id}"><span>{escape(o.intitule)}</span><span>{figure}</span></p>',
        f'<progress class="oep-progress__bar" max="{max(o.cible, 1)}" value="{value}" aria-labelledby="{html_id}">'
        f"{pourcentage(p.pourcentage) if p.pourcentage is not None else '0 %'}</progress>",
        f'<p class="oep-card__meta">{_capitalize(" · ".join(meta))}</p>',
    ]
    if audience != "public" and p.statut is Statut.atteint:
        lines.append('<p class="oep-card__meta">Statut : <strong>atteint</strong></p>')
    elif audience != "public":
        lines.append(
            f'<p class="oep-card__meta">Statut : <strong>{p.statut.value}</strong> · rythme récent : {rythme(p.rythme_recent)}'
            f" · sur 7 jours : {rythme(p.rythme_7j)} · moyen : {rythme(p.rythme_moyen)}"
            f" · requis : {rythme(p.rythme_requis)}"
            f" · date projetée : {_projected(p.date_projetee, p.rythme_recent)}"
            f" ({_projected(p.date_projetee_moyenne, p.rythme_moyen)} au rythme moyen)</p>"
        )
        if p.alerte:
            lines.append(f"<p><strong>Alerte\u00a0:</strong> {escape(p.alerte)}</p>")
    lines.append("</div>")
    return "\n".join(lines)


def _projected(day: dt.date | None, pace: float | None) -> str:
    """A date, « jamais » when the pace never gets there, « — » when there is no pace at all."""
    if day is not None:
        return _time(day)
    return "—" if pace is None else "jamais"


def geo_notes(p: ObjectiveProgress) -> list[str]:
    """« 34 départements sur 30 requis », or why it is not known."""
    need = p.objectif.departements_min
    if need is None:
        return []
    if p.departements is None:
        return [f"condition de {need} départements non vérifiée : aucun relevé par département"]
    return [f"{p.departements} département{'s' if p.departements > 1 else ''} sur {need} requis"]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _time(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{date_fr(day)}</time>'


# -- chart -----------------------------------------------------------------


def line_chart_svg(chart: Chart, color: str = "#1b5e20") -> str:
    """An SVG line and area chart of ``chart.points`` with dashed target lines."""
    pts = chart.points
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = max([p.value for p in pts] + [c for c, _ in chart.cibles] + [1])
    step = _nice_step(top_value / 4)
    y_max = step * math.ceil(top_value / step)
    d0, d1 = pts[0].date, pts[-1].date
    span = max((d1 - d0).days, 1)

    def x(day: dt.date) -> float:
        if d0 == d1:
            return LEFT + pw / 2
        return LEFT + (day - d0).days / span * pw

    def y(v: float) -> float:
        return TOP + ph - v / y_max * ph

    tid, did = f"{chart.html_id}-titre", f"{chart.html_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="{tid} {did}" style="max-width:100%;height:auto" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="{tid}">{escape(chart.titre)}</title>',
        f'<desc id="{did}">{escape(_describe(chart))}</desc>',
        '<g aria-hidden="true">',
    ]
    # Horizontal grid and value axis
    v = 0
    while v <= y_max:
        out.append(f'<line x1="{LEFT}" y1="{y(v):.1f}" x2="{WIDTH - RIGHT}" y2="{y(v):.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y(v) + 4:.1f}" text-anchor="end" fill="{INK}">{nombre(v)}</text>')
        v += step
    # Date axis
    out.append(f'<line x1="{LEFT}" y1="{TOP + ph}" x2="{WIDTH - RIGHT}" y2="{TOP + ph}" stroke="{INK}"/>')
    with_year = d0.year != d1.year
    ticks = _date_ticks(d0, d1)
    for day in ticks:
        # Short months keep six labels apart; the last one ends at the axis end instead of
        # overflowing the right margin (the viewBox would cut it).
        label = date_courte(day, year=with_year)
        anchor = "end" if day == d1 and len(ticks) > 1 else "middle"
        out.append(f'<line x1="{x(day):.1f}" y1="{TOP + ph}" x2="{x(day):.1f}" y2="{TOP + ph + 4}" stroke="{INK}"/>')
        out.append(f'<text x="{x(day):.1f}" y="{TOP + ph + 18}" text-anchor="{anchor}" fill="{INK}">{label}</text>')
    # Area and line
    line = " ".join(f"{'M' if i == 0 else 'L'}{x(p.date):.1f},{y(p.value):.1f}" for i, p in enumerate(pts))
    base = f"L{x(d1):.1f},{y(0):.1f} L{x(d0):.1f},{y(0):.1f} Z"
    out.append(f'<path d="{line} {base}" fill="{color}" fill-opacity="0.15" stroke="none"/>')
    out.append(f'<path d="{line}" fill="none" stroke="{color}" stroke-width="2.5" stroke-linejoin="round"/>')
    if len(pts) <= 60:
        for p in pts:
            out.append(f'<circle cx="{x(p.date):.1f}" cy="{y(p.value):.1f}" r="3" fill="{color}"/>')
    # Targets: dashed, labelled, never told by colour alone
    for cible, echeance in sorted(set(chart.cibles)):
        out.append(
            f'<line x1="{LEFT}" y1="{y(cible):.1f}" x2="{WIDTH - RIGHT}" y2="{y(cible):.1f}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        out.append(
            f'<text x="{WIDTH - RIGHT - 4}" y="{y(cible) - 5:.1f}" text-anchor="end" fill="{TARGET}">'
            f"cible {nombre(cible)} au {date_courte(echeance)}</text>"
        )
    out += ["</g>", "</svg>"]
    return "\n".join(out)


def _describe(chart: Chart) -> str:
    first, last = chart.points[0], chart.points[-1]
    unite = f" {chart.unite}" if chart.unite else ""
    total = "" if chart.cumulative else "total cumulé, "
    n = len(chart.points)
    text = (
        f"Courbe de {n} relevé{'s' if n > 1 else ''} ({total}voir le tableau de données) : "
        f"{nombre(first.value)}{unite} le {date_fr(first.date)}"
    )
    if n > 1:
        text += f", {nombre(last.value)}{unite} le {date_fr(last.date)}"
    text += "."
    for cible, echeance in sorted(set(chart.cibles)):
        text += f" Cible : {nombre(cible)} au {date_fr(echeance)}."
    return text


def _nice_step(raw: float) -> int:
    """1, 2, 2.5 or 5 times a power of ten, and a whole number."""
    if raw <= 1:
        return 1
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        step = m * mag
        if step >= raw and float(step).is_integer():
            return int(step)
    return int(10 * mag)


def _date_ticks(d0: dt.date, d1: dt.date, most: int = 5) -> list[dt.date]:
    span = (d1 - d0).days
    if span <= most:
        return [d0 + dt.timedelta(days=i) for i in range(span + 1)]
    return sorted({d0 + dt.timedelta(days=round(i * span / most)) for i in range(most + 1)})


# -- data table ------------------------------------------------------------


def data_table_html(chart: Chart) -> str:
    """The relevés as a table, in a disclosure under the chart."""
    head = '<th scope="col">Date</th><th scope="col">Valeur relevée</th>'
    if not chart.cumulative:
        head += '<th scope="col">Total cumulé</th>'
    rows = []
    for rel, cum in zip(chart.releves, chart.points):
        cells = f"<td>{_time(rel.date)}</td><td>{nombre(rel.value)}</td>"
        if not chart.cumulative:
            cells += f"<td>{nombre(cum.value)}</td>"
        rows.append(f"<tr>{cells}</tr>")
    unite = f" ({escape(chart.unite)})" if chart.unite else ""
    return "\n".join(
        [
            '<details class="oep-chart__donnees">',
            f"<summary>Données du graphique : {escape(chart.titre)}</summary>",
            "<table>",
            f"<caption>{escape(chart.titre)}{unite}, relevé par relevé</caption>",
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
            "</details>",
        ]
    )


def escape(text: str) -> str:
    """Escape for text nodes and double-quoted attributes; apostrophes stay readable."""
    return _escape(text, quote=False).replace('"', "&quot;")


def _primary(ctx: Context) -> str:
    site = ctx.project.site
    return site.organisation.couleurs.primaire if site else "#1b5e20"
