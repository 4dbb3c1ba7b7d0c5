"""The internal planning page of a campaign: a static SVG timeline, its text
alternative, and the late deliverables by person.

The SVG is written at build time (no JavaScript): one row per temps fort or
deliverable, so labels never overlap; shapes, not only colours, tell the state
(the legend says which), and every mark carries a ``<title>``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..context import Context
from ..model.campaign import LIBELLES_STATUT, Campagne, Livrable, StatutLivrable
from ..planning import effective_statut, is_done, is_overdue, overdue_by_person
from ..safety import markdown_text

__all__ = ["md_text", "planning_markdown", "planning_svg"]

WIDTH = 960
LABEL_W = 330
RIGHT = 24
TOP = 44
ROW = 22
LEGEND = 56
_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
_LATE = "#c62828"
_DONE = "#2e7d32"
_ACCENT = "#f9a825"


@dataclass(frozen=True)
class _Row:
    kind: str  # "groupe", "temps_fort" or "livrable"
    label: str
    start: dt.date | None = None
    end: dt.date | None = None
    target: dt.date | None = None
    """For a deliverable: the date of the temps fort it prepares."""
    target_label: str = ""
    state: str = ""
    """For a deliverable: fait, en_retard, a_venir or abandonne."""
    tooltip: str = ""
    owner: str = ""


# -- public entry points --------------------------------------------------------------


def planning_markdown(ctx: Context, campagne: Campagne) -> str:
    """Markdown for the internal planning page: timeline, text alternative, late work by person."""
    cid = campagne.id or ""
    parts = [
        "## Frise\n",
        '<figure class="oep-planning">',
        # Drawn at its real size (12 px text) in a region that scrolls sideways and takes the keyboard
        # focus, rather than shrunk to the column, which made the labels about 6 px high.
        f'<div class="oep-scroll" tabindex="0" role="region" aria-labelledby="planning-{cid or "campagne"}-titre">',
        planning_svg(ctx, campagne),
        "</div>",
        (
            f"<figcaption>Frise de « {escape(campagne.titre)} » : temps forts et livrables, "
            "avec la date du jour. Le même contenu suit en texte.</figcaption>"
        ),
        "</figure>\n",
        "## Le planning en texte\n",
        _text_table(ctx, campagne),
        "## En retard, par personne\n",
        _late_list(ctx, cid),
    ]
    return "\n".join(parts)


def planning_svg(ctx: Context, campagne: Campagne) -> str:
    """The timeline as one ``<svg>`` element (no blank line: safe inside Markdown)."""
    cid = campagne.id or "campagne"
    rows = _rows(ctx, campagne)
    start, end = _extent(ctx, campagne, rows)
    height = TOP + ROW * len(rows) + LEGEND
    scale = _Scale(start, end)
    late = sum(1 for r in rows if r.state == "en_retard")
    n_tf = sum(1 for r in rows if r.kind == "temps_fort")
    n_lv = sum(1 for r in rows if r.kind == "livrable")
    desc = (
        f"Du {_fr(start)} au {_fr(end)} : {n_tf} temps fort{'s' if n_tf > 1 else ''} et {n_lv} "
        f"livrable{'s' if n_lv > 1 else ''}, dont {late} en retard au {_fr(ctx.today)}."
    )
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
            f'aria-labelledby="planning-{cid}-titre planning-{cid}-desc" font-family="inherit" font-size="12">'
        ),
        f'<title id="planning-{cid}-titre">Frise du planning : {escape(campagne.titre)}</title>',
        f'<desc id="planning-{cid}-desc">{escape(desc)}</desc>',
    ]
    out += _grid(scale, height)
    for i, row in enumerate(rows):
        out += _draw_row(scale, row, TOP + ROW * i)
    out += _today(scale, ctx.today, height)
    out += _legend(height - LEGEND + 18)
    out.append("</svg>")
    return "\n".join(out)


# -- rows -------------------------------------------------------------------------------


def _rows(ctx: Context, c: Campagne) -> list[_Row]:
    rows: list[_Row] = []
    tfs = sorted(c.temps_forts, key=lambda t: (t.date, t.id))
    if tfs:
        rows.append(_Row("groupe", "Temps forts"))
    for tf in tfs:
        last = tf.date_fin if tf.date_fin and tf.date_fin >= tf.date else tf.date
        when = _fr(tf.date) if last == tf.date else f"du {_fr(tf.date)} au {_fr(last)}"
        rows.append(
            _Row("temps_fort", tf.titre, tf.date, last, state=tf.statut.value,
                 tooltip=f"{tf.titre} — {when} ({LIBELLES_STATUT.get(tf.statut.value, tf.statut.value)})")
        )
    by_id = {t.id: t for t in c.temps_forts}
    owners: dict[str, list] = {}
    for lv in c.livrables:
        owners.setdefault(lv.responsable, []).append(lv)
    for owner in sorted(owners, key=lambda o: _name(ctx, o)):
        rows.append(_Row("groupe", f"Livrables — {_name(ctx, owner)}"))
        for lv in sorted(owners[owner], key=lambda x: (x.echeance, x.id)):
            state = _state(ctx, lv)
            tf_of = by_id.get(lv.temps_fort or "")
            rows.append(
                _Row("livrable", lv.titre, lv.echeance, lv.echeance, tf_of.date if tf_of else None, tf_of.titre if tf_of else "",
                     state,
                     f"{lv.titre} — dû le {_fr(lv.echeance)} ({_STATE_LABEL[state]}, "
                     f"{LIBELLES_STATUT[effective_statut(ctx.project, lv).value]})", owner)
            )
    return rows


_STATE_LABEL = {"fait": "terminé", "en_retard": "en retard", "a_venir": "à venir", "abandonne": "abandonné"}


def _state(ctx: Context, lv: Livrable) -> str:
    if lv.statut is StatutLivrable.abandonne:
        return "abandonne"
    if is_done(ctx.project, lv):
        return "fait"
    return "en_retard" if is_overdue(ctx.project, lv, ctx.today) else "a_venir"


def _extent(ctx: Context, c: Campagne, rows: list[_Row]) -> tuple[dt.date, dt.date]:
    dates = [c.debut, c.fin] + [d for r in rows for d in (r.start, r.end, r.target) if d is not None]
    start, end = min(dates), max(dates)
    if end <= start:
        end = start + dt.timedelta(days=1)
    return start, end


class _Scale:
    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start, self.end = start, end
        self.days = (end - start).days or 1

    def x(self, d: dt.date) -> float:
        return LABEL_W + (d - self.start).days / self.days * (WIDTH - LABEL_W - RIGHT)


# -- drawing ----------------------------------------------------------------------------


def _grid(scale: _Scale, height: int) -> list[str]:
    out = ['<g stroke="currentColor" stroke-opacity="0.18">']
    labels = []
    month = dt.date(scale.start.year, scale.start.month, 1)
    months = []
    while month <= scale.end:
        months.append(month)
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    every = max(1, len(months) // 12)  # at most about twelve labels across the width
    for i, m in enumerate(months):
        if m < scale.start:
            continue
        x = scale.x(m)
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 14}" x2="{x:.1f}" y2="{height - LEGEND}"/>')
        if i % every == 0 and x < WIDTH - RIGHT - 60:  # a label must fit before the edge
            labels.append(f'<text x="{x + 3:.1f}" y="{TOP - 18}">{_MONTHS[m.month - 1]} {m.year}</text>')
    out.append("</g>")
    out.append('<g fill="currentColor">' + "".join(labels) + "</g>")
    return out


def _draw_row(scale: _Scale, row: _Row, y: int) -> list[str]:
    mid = y + ROW / 2
    if row.kind == "groupe":
        return [f'<text x="4" y="{mid + 4:.1f}" font-weight="bold" fill="currentColor">{escape(row.label)}</text>']
    assert row.start is not None and row.end is not None
    label = _truncate(row.label, 48)
    out = [f"<g><title>{escape(row.tooltip)}</title>"]
    out.append(f'<text x="16" y="{mid + 4:.1f}" fill="currentColor">{escape(label)}</text>')
    x = scale.x(row.start)
    if row.kind == "temps_fort":
        x2 = scale.x(row.end)
        faded = ' fill-opacity="0.45"' if row.state in ("envisage", "annule") else ""
        if x2 - x > 4:
            out.append(f'<rect x="{x:.1f}" y="{mid - 5:.1f}" width="{x2 - x:.1f}" height="10" fill="{_ACCENT}"'
                       f'{faded} stroke="currentColor"/>')
        else:
            out.append(f'<path d="{_diamond(x, mid)}" fill="{_ACCENT}"{faded} stroke="currentColor"/>')
    else:
        if row.target is not None and row.target != row.start:
            out.append(f'<line x1="{x:.1f}" y1="{mid:.1f}" x2="{scale.x(row.target):.1f}" y2="{mid:.1f}" '
                       'stroke="currentColor" stroke-dasharray="3 3" stroke-opacity="0.6"/>')
        out.append(_mark(row.state, x, mid))
    out.append("</g>")
    return out


def _mark(state: str, x: float, y: float) -> str:
    if state == "fait":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{_DONE}"/>'
    if state == "en_retard":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{_LATE}"/>'
    if state == "abandonne":
        return (f'<path d="M{x - 4:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 4:.1f}M{x + 4:.1f} {y - 4:.1f}'
                f'L{x - 4:.1f} {y + 4:.1f}" stroke="currentColor" stroke-opacity="0.6" stroke-width="2"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="none" stroke="currentColor" stroke-width="2"/>'


def _diamond(x: float, y: float) -> str:
    return f"M{x:.1f} {y - 7:.1f}L{x + 7:.1f} {y:.1f}L{x:.1f} {y + 7:.1f}L{x - 7:.1f} {y:.1f}Z"


def _today(scale: _Scale, today: dt.date, height: int) -> list[str]:
    if not scale.start <= today <= scale.end:
        return []
    x = scale.x(today)
    return [
        f'<g fill="{_LATE}" stroke="{_LATE}"><title>Aujourd\'hui : {_fr(today)}</title>',
        f'<line x1="{x:.1f}" y1="{TOP - 10}" x2="{x:.1f}" y2="{height - LEGEND}" stroke-width="1.5"/>',
        f'<text x="{x + 3:.1f}" y="{TOP - 4}" stroke="none">aujourd\'hui</text>',
        "</g>",
    ]


def _legend(y: int) -> list[str]:
    items = [
        (f'<path d="{_diamond(10, y)}" fill="{_ACCENT}" stroke="currentColor"/>', "temps fort"),
        (_mark("a_venir", 10, y), "livrable à venir"),
        (_mark("fait", 10, y), "terminé"),
        (_mark("en_retard", 10, y), "en retard"),
        (_mark("abandonne", 10, y), "abandonné"),
        (f'<line x1="2" y1="{y}" x2="18" y2="{y}" stroke="currentColor" stroke-dasharray="3 3"/>',
         "marge jusqu'au temps fort"),
    ]
    out = ['<g fill="currentColor">']
    for i, (shape, text) in enumerate(items):
        dx = 4 + i * 150
        out.append(f'<g transform="translate({dx} 0)">{shape}<text x="24" y="{y + 4}">{escape(text)}</text></g>')
    out.append("</g>")
    return out


# -- text alternative -------------------------------------------------------------------


def _text_table(ctx: Context, c: Campagne) -> str:
    rows = [r for r in _rows(ctx, c) if r.kind != "groupe"]
    if not rows:
        return "Ni temps fort ni livrable pour l'instant.\n"
    lines = ["| Date | Élément | Nature | Pour | Responsable | État |", "|---|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: (r.start, r.kind != "temps_fort", r.label)):
        assert r.start is not None and r.end is not None
        when = _fr(r.start) if r.start == r.end else f"du {_fr(r.start)} au {_fr(r.end)}"
        if r.kind == "temps_fort":
            lines.append(f"| {when} | {md_text(r.label)} | temps fort | — | — | {LIBELLES_STATUT.get(r.state, r.state)} |")
        else:
            lines.append(
                f"| {when} | {md_text(r.label)} | livrable | {md_text(r.target_label) or '—'} | {md_text(_name(ctx, r.owner))} "
                f"| {_STATE_LABEL[r.state]} |"
            )
    return "\n".join(lines) + "\n"


def _late_list(ctx: Context, cid: str) -> str:
    late = overdue_by_person(ctx.project, ctx.today, cid)
    if not late:
        return f"Aucun livrable en retard au {_fr(ctx.today)}.\n"
    out = []
    for owner, items in late.items():
        out.append(f"**{md_text(_name(ctx, owner))}** ({len(items)})\n")
        for pl in items:
            lv = pl.livrable
            days = (ctx.today - lv.echeance).days
            out.append(
                f"- « {md_text(lv.titre)} » — dû le {_fr(lv.echeance)}, {days} jour{'s' if days > 1 else ''} "
                f"de retard ({LIBELLES_STATUT[lv.statut.value]})"
            )
        out.append("")
    return "\n".join(out)


# -- small helpers ----------------------------------------------------------------------


def _fr(d: dt.date) -> str:
    return f"{d:%d/%m/%Y}"


def _name(ctx: Context, pid: str) -> str:
    person = ctx.project.personnes.get(pid)
    return person.nom_affiche if person else pid


def _truncate(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


_INLINE_MARKS = str.maketrans({"`": "&#96;", "*": "&#42;", "_": "&#95;", "|": "&#124;"})


def md_text(text: str) -> str:
    """Plain text inside Markdown (a table cell or a list item): no markup, no HTML."""
    # The one Markdown text escaper (no HTML, link, attribute list), plus what would make
    # emphasis, code or a table cell.
    return markdown_text(text.replace("\n", " ")).translate(_INLINE_MARKS)
