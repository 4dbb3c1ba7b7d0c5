"""What ``oep serve`` shows when the content has errors: a page listing them, over the last good preview.

The previous pages stay in the docs folder (the preview keeps the last good
version); a page ``oep-erreurs.md`` lists the diagnostics, and the generated
config carries ``extra.oep_erreurs`` so that the theme shows a banner linking to
it on every page. The next good run prunes the page (nobody produces it).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Level
from .output import write_file

__all__ = ["ERROR_PAGE", "error_page", "error_settings", "write_error_page"]

ERROR_PAGE = "oep-erreurs.md"
_LEVELS = {Level.ERREUR: "erreur", Level.AVERTISSEMENT: "avertissement", Level.INFO: "info"}


def error_page(diagnostics: Iterable[Diagnostic], internal: str = "") -> str:
    """Markdown of the error page (every value escaped: content never becomes markup here)."""
    diags = [d for d in diagnostics if d.level is Level.ERREUR]
    lines = ["# Aperçu non mis à jour", ""]
    if internal:
        lines += [
            "oep a rencontré une erreur interne en régénérant l'aperçu : ce n'est pas votre contenu, "
            "signalez-la à l'équipe technique.",
            "",
            f"<pre>{html.escape(internal)}</pre>",
            "",
        ]
    if diags:
        count = f"{len(diags)} erreur{'s' if len(diags) > 1 else ''}"
        lines += [
            f"Le contenu a {count} : l'aperçu montre la dernière version correcte. "
            "Corrigez, enregistrez, et la page se met à jour.",
            "",
            '<ul class="oep-erreurs">',
        ]
        for d in diags:
            where = f"{d.file}:{d.line}:{d.column}" if d.line else d.file
            fix = f"<br>→ {html.escape(d.fix)}" if d.fix else ""
            lines.append(
                f"<li><code>{html.escape(where)}</code> [{html.escape(d.id)}] {html.escape(d.message)}{fix}</li>"
            )
        lines += ["</ul>", ""]
    return "\n".join(lines)


def write_error_page(docs_dir: Path, diagnostics: Iterable[Diagnostic], internal: str = "") -> int:
    """Write the page into ``docs_dir`` (the other pages are left as they are); return the error count."""
    diags = [d for d in diagnostics if d.level is Level.ERREUR]
    write_file(docs_dir / ERROR_PAGE, error_page(diags, internal).encode("utf-8"))
    return len(diags) or 1


def error_settings(last: dict[str, Any] | None, audience: str, count: int) -> dict[str, Any]:
    """Site settings for the config: the last good ones (or a bare preview) plus the banner's data."""
    settings = dict(last or {
        "site_name": "Aperçu — erreurs de contenu",
        "site_url": "",
        "site_description": "",
        "copyright": "",
        "audience": audience,
    })
    settings["oep_erreurs"] = {"nombre": count, "page": ERROR_PAGE.removesuffix(".md") + "/"}
    return settings
