"""HTML to PDF with WeasyPrint: one kit edition per call, in any process.

A :class:`RenderJob` holds only strings, so that it crosses a process pool;
the result carries the PDF bytes, the page count and every refused resource
and engine warning, for the parent to turn into diagnostics. Tagged PDF/UA-1
by default (``lang="fr"``, title from ``<title>``, alt texts, table headers);
any other WeasyPrint variant on request.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .fetcher import JailedFetcher, Refusal, mount_url

__all__ = ["DEFAULT_VARIANT", "FONTS_CSS", "RenderJob", "RenderResult", "render_pdf", "variants"]

DEFAULT_VARIANT = "pdf/ua-1"
FONTS_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
FONTS_CSS = FONTS_DIR / "fonts.css"


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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(job: RenderJob) -> RenderResult:
    """Lay out and write one PDF; never raises (engine failures come back in ``error``)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    result = RenderResult(job.label)
    fetcher = JailedFetcher({name: Path(folder) for name, folder in job.mounts})
    collect = _Collect()
    engine_log = logging.getLogger("weasyprint")
    engine_log.addHandler(collect)
    try:
        fonts = FontConfiguration()
        stylesheets = [
            CSS(url=mount_url("polices", FONTS_CSS.name), url_fetcher=fetcher, font_config=fonts),
            CSS(string=job.css, base_url=mount_url("gabarits"), url_fetcher=fetcher, font_config=fonts),
        ]
        html = HTML(string=job.html, base_url=mount_url("projet"), url_fetcher=fetcher)
        options = {"pdf_variant": job.variant} if job.variant else {}
        document = html.render(font_config=fonts, stylesheets=stylesheets, **options)
        result.pages = len(document.pages)
        result.pdf = document.write_pdf(**options)
    except Exception as exc:  # noqa: BLE001 - any engine failure becomes a diagnostic
        result.error = f"{type(exc).__name__} : {exc}"
        result.detail = traceback.format_exc()
    finally:
        engine_log.removeHandler(collect)
    result.refusals = list(fetcher.refusals)
    result.warnings[:0] = collect.messages
    return result
