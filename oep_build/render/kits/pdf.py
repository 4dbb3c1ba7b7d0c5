"""HTML to PDF with WeasyPrint: one kit edition per call, in any process.

A :class:`RenderJob` holds only strings, so that it crosses a process pool;
the result carries the PDF bytes, the page count and every refused resource
and engine warning, for the parent to turn into diagnostics. Tagged PDF/UA-1
by default (``lang="fr"``, title from ``<title>``, alt texts, table headers with
their scope, figure boxes on the page: :mod:`.tagging`); any other WeasyPrint
variant on request.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...logger import engine_warnings
from ..fetcher import JailedFetcher, Refusal, drop_attachments, mount_url
from .glyphs import FONTS_CSS
from .tagging import mend_structure

__all__ = ["DEFAULT_VARIANT", "FONTS_CSS", "RenderJob", "RenderResult", "render_pdf", "variants"]

DEFAULT_VARIANT = "pdf/ua-1"


def variants() -> list[str]:
    """The PDF variants WeasyPrint knows (``pdf/ua-1``, ``pdf/a-3u``…)."""
    from weasyprint.pdf import VARIANTS

    return sorted(VARIANTS)


@dataclass(frozen=True)
class RenderJob:
    label: str
    html: str
    css: str
    mounts: tuple[tuple[str, str], ...]
    """(name, folder) the fetcher may read: ``projet`` (image paths in the HTML are
    relative to it), ``polices`` (the shipped fonts), ``gabarits`` (the folder of kit.css)."""
    variant: str | None = DEFAULT_VARIANT
    one_page: bool = False
    """A tract: when it runs over one page, laid out again with smaller type (:data:`SHRINK`)."""


# Type sizes tried, in turn, for a tract that runs over its page: a slightly smaller
# tract is better than a second sheet with only the footer on it.
SHRINK = (0.92, 0.85, 0.78)
_SHRUNK_TRACT = (
    ".tract {{ font-size: {a4:.2f}pt }} .tract.format-a5 {{ font-size: {a5:.2f}pt }}"
    " .tract .tract-titre {{ font-size: {titre_a4:.2f}pt }} .tract.format-a5 .tract-titre {{ font-size: {titre_a5:.2f}pt }}"
)


@dataclass
class RenderResult:
    label: str
    pdf: bytes | None = None
    pages: int = 0
    refusals: list[Refusal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    detail: str = ""
    """Traceback of an engine failure (debug log only)."""


# Per process: the shipped fonts, decoded once. Turning WOFF2 into fonts Pango can
# use is a third of a small kit's rendering time; the bytes of the PDF are the same.
_FONTS: dict[tuple[str, float], tuple[Any, Any]] = {}


def forget_fonts() -> None:
    """Drop fonts inherited from a parent process (a forked worker decodes its own).

    WeasyPrint deletes a FontConfiguration's folder of decoded fonts when the object
    is collected: the worker lets go of its copy without deleting the parent's files,
    which the parent's next in-process render still reads.
    """
    for fonts, _ in _FONTS.values():
        fonts._folder = None
    _FONTS.clear()


def _shipped_fonts(fetcher: JailedFetcher) -> tuple[Any, Any]:
    """(FontConfiguration, fonts.css stylesheet), reused by every kit this process renders."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    key = (str(FONTS_CSS), FONTS_CSS.stat().st_mtime)
    if key in _FONTS:
        return _FONTS[key]
    fonts = FontConfiguration()
    before = len(fetcher.refusals)
    sheet = CSS(url=mount_url("polices", FONTS_CSS.name), url_fetcher=fetcher, font_config=fonts)
    if len(fetcher.refusals) == before:  # a missing font is reported by every kit, never cached away
        _FONTS[key] = (fonts, sheet)
    return fonts, sheet


def render_pdf(job: RenderJob) -> RenderResult:
    """Lay out and write one PDF; never raises (engine failures come back in ``error``)."""
    from weasyprint import CSS, HTML

    result = RenderResult(job.label)
    fetcher = JailedFetcher({name: Path(folder) for name, folder in job.mounts})
    attachments: list[Refusal] = []
    with engine_warnings("weasyprint") as warnings:
        try:
            fonts, fonts_sheet = _shipped_fonts(fetcher)
            stylesheets = [
                fonts_sheet,
                CSS(string=job.css, base_url=mount_url("gabarits"), url_fetcher=fetcher, font_config=fonts),
            ]
            html = HTML(string=job.html, base_url=mount_url("projet"), url_fetcher=fetcher)
            options = {"pdf_variant": job.variant} if job.variant else {}
            document = html.render(font_config=fonts, stylesheets=stylesheets, **options)
            for scale in SHRINK if job.one_page else ():
                if len(document.pages) <= 1:
                    break
                smaller = _SHRUNK_TRACT.format(a4=12 * scale, a5=10 * scale, titre_a4=28 * scale, titre_a5=20 * scale)
                sheets = [*stylesheets, CSS(string=smaller, font_config=fonts)]
                document = html.render(font_config=fonts, stylesheets=sheets, **options)
            attachments = drop_attachments(job.html, document)
            result.pages = len(document.pages)
            result.pdf = document.write_pdf(finisher=mend_structure, **options)
        except Exception as exc:
            result.error = f"{type(exc).__name__} : {exc}"
            result.detail = traceback.format_exc()
    result.refusals = list(fetcher.refusals)
    if result.pdf is not None:
        result.refusals += attachments
    result.warnings[:0] = warnings
    return result
