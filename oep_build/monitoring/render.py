"""Render the weekly report: Jinja templates to Markdown and HTML, WeasyPrint to PDF."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..context import Context
from ..logger import LOGGER
from ..model.campaign import Campagne, status_label
from ..render.fetcher import JailedFetcher, drop_attachments, mount_url
from ..render.templating import environment
from ..safety import markdown_field, markdown_text, markdown_url
from ..typo import typographie, typographie_markdown
from .charts import chart_html
from .fr import date_fr, nombre, pourcentage, rythme
from .pace import Window
from .report import WeeklyReport, build_weekly_report, tonalite, type_media

__all__ = ["render_html", "render_markdown", "report_filename", "write_pdf"]

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates" / "report"
FONTS = PACKAGE / "assets" / "fonts"

def _variation(value: int | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + nombre(value).replace("-", "−")


def _window(w: Window | None) -> str:
    """« +52 500 (7 500/j) »: the gain and the pace of one window; its length when it is not 7 days."""
    if w is None:
        return "—"
    days = "" if w.days == 7 else f" en {w.days} j"
    return f"{_variation(w.gain)}{days} ({rythme(w.pace)})"


def _projection(day: dt.date | None) -> str:
    return date_fr(day) if day else "jamais"


def _cell(value: object) -> Markup:
    """Markdown table cell: text only (no HTML, link or pipe), on one line."""
    return Markup(markdown_text(str(value)).replace("|", "&#124;").replace("\n", " "))


@lru_cache(maxsize=2)
def _env(html: bool) -> jinja2.Environment:
    # The Markdown page escapes every {{ … }} as text, like the site's own pages.
    env = environment(TEMPLATES, autoescape=html, finalize=None if html else markdown_field)
    env.filters.update(
        date=lambda d, year=True: date_fr(d, year=year),
        nombre=nombre,
        rythme=rythme,
        pourcentage=pourcentage,
        variation=_variation,
        fenetre=_window,
        projection=_projection,
        cell=_cell,
        lien=lambda u: Markup(markdown_url(u)),
        livrable=status_label,
        coalition=status_label,
        temps_fort=status_label,
        type_media=type_media,
        tonalite=lambda s: tonalite(s.value),
    )
    return env


def _values(r: WeeklyReport, ctx: Context, html: bool) -> dict[str, object]:
    color = ctx.project.site.organisation.couleurs.primaire if ctx.project.site else "#1b5e20"
    charts = [Markup(chart_html(c, color)) for c in r.charts]
    org = ctx.project.site.organisation.nom if ctx.project.site else ""
    return {"r": r, "c": r.campagne, "charts": charts, "organisation": org, "today": ctx.today}


def render_markdown(r: WeeklyReport, ctx: Context) -> str:
    """The internal site page."""
    text = _env(False).get_template("rapport.md.j2").render(**_values(r, ctx, False))
    return typographie_markdown(text)


def render_html(r: WeeklyReport, ctx: Context) -> str:
    """A standalone HTML document for WeasyPrint (fonts from oep_build/assets/fonts)."""
    text = _env(True).get_template("rapport.html.j2").render(**_values(r, ctx, True), fonts_css=_fonts_url())
    return typographie(text)


def _fonts_url() -> str:
    return mount_url("polices", "fonts.css")


# -- PDF -------------------------------------------------------------------


def write_pdf(html: str, target: Path) -> None:
    """Render ``html`` to ``target`` with WeasyPrint, offline: the kits' jailed fetcher, package files only."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = JailedFetcher({"gabarits": TEMPLATES, "polices": FONTS})
    document = weasyprint.HTML(string=html, base_url=mount_url("gabarits"), url_fetcher=fetcher).render(
        font_config=fonts, pdf_tags=True
    )
    for refusal in drop_attachments(html, document) + fetcher.refusals:
        LOGGER.warning("rapport : « %s » %s", refusal.path or refusal.url, refusal.reason)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_tags=True)


def report_filename(r: WeeklyReport, suffix: str) -> str:
    """``rapport-loi-duplomb-2025-S30.md``."""
    return f"rapport-{r.campagne_id}-{r.semaine}.{suffix}"


def weekly_report_markdown(ctx: Context, campagne: Campagne, week: str | None = None) -> str:
    """The report as a Markdown page of the internal site (French typography applied)."""
    return render_markdown(build_weekly_report(ctx, campagne, week), ctx)


def weekly_report_html(ctx: Context, campagne: Campagne, week: str | None = None) -> str:
    """The report as a standalone HTML document, for the PDF."""
    return render_html(build_weekly_report(ctx, campagne, week), ctx)
