"""``oep serve``: regenerate the docs folder when content changes; MkDocs' livereload does the rest.

Two watchers, two jobs, no loop: ours watches the content sources (content/,
campaigns/, kits/) and writes only into build/docs-<audience>/ and the generated
config; MkDocs' server watches that folder (and mkdocs.yml, overrides/) and
rebuilds the HTML. Nothing ever writes into a folder its own watcher watches.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from .build import BuildResult, docs_dir_for, generate_docs
from .diagnostics import Diagnostic, Report
from .load import SCANNED_ROOTS
from .logger import LOGGER
from .pipeline import check_project
from .preview_errors import error_page, error_settings, write_error_page

__all__ = ["Regenerator", "serve"]

DEBOUNCE_SECONDS = 0.4
# Editors' scratch files: saving them is not a content change.
_SCRATCH = (".swp", ".swx", ".tmp", "~", ".part", ".crdownload")


class Regenerator:
    """One regeneration of the docs folder per burst of source changes."""

    def __init__(
        self,
        root: Path,
        audience: str,
        today: dt.date | None,
        kits: bool,
        echo: Callable[[str], None],
        theme: Path | None = None,
    ) -> None:
        self.root = root
        self.audience = audience
        self.today = today
        self.kits = kits
        self.echo = echo
        self.theme = theme or root
        self.config = root / "build" / f"mkdocs-{audience}.yml"
        self.last: BuildResult | None = None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def run(self) -> bool:
        """Check, then regenerate; on content errors keep the last good docs, list the errors
        in the preview (a page and a banner) and say why. Never raises: the preview stays up."""
        with self._lock:
            try:
                return self._regenerate()
            except Exception as exc:  # ours, not the content's: shown in the preview too
                LOGGER.error("aperçu : erreur interne (%s : %s)", type(exc).__name__, exc)
                self._show_errors([], internal=f"{type(exc).__name__} : {exc}")
                return False

    def _regenerate(self) -> bool:
        from .engines.mkdocs_engine import write_config

        checked = check_project(self.root, self.today)
        if checked.report.failed():
            return self._refuse(checked.report)
        result = generate_docs(
            checked.context, self.audience, self.root, kits=self.kits, result=BuildResult(checked.report)
        )
        if result.report.failed() or result.docs_dir is None:
            return self._refuse(result.report)
        write_config(
            self.config,
            base=self.theme / "mkdocs.yml",
            docs_dir=result.docs_dir,
            site_dir=self.root / "site",
            nav=result.nav,
            settings=result.settings,
        )
        first = self.last is None
        self.last = result
        changed = result.sync.written + result.sync.removed
        if first:
            self.echo(f"{result.pages} pages générées dans {result.docs_dir}.")
            if len(checked.report):
                self.echo(f"Contrôle : {checked.report.summary()} (oep check pour le détail)")
        elif changed:
            self.echo(f"Mis à jour : {', '.join(changed)}")
        return True

    def _refuse(self, report: Report) -> bool:
        self.echo(report.format_text())
        self.echo("Aperçu inchangé : corrigez les erreurs ci-dessus (elles sont aussi listées dans l'aperçu).")
        self._show_errors(list(report))
        return False

    def _show_errors(self, diagnostics: list[Diagnostic], internal: str = "") -> None:
        """The error page in the docs folder, and the banner in the config; the last good pages stay."""
        from .engines.mkdocs_engine import write_config

        docs_dir = docs_dir_for(self.root, self.audience)
        count = write_error_page(docs_dir, diagnostics, internal)
        if self.last is None and not (docs_dir / "index.md").is_file():  # nothing good yet: the errors are the preview
            (docs_dir / "index.md").write_text(error_page(diagnostics, internal), encoding="utf-8")
        write_config(
            self.config,
            base=self.theme / "mkdocs.yml",
            docs_dir=docs_dir,
            site_dir=self.root / "site",
            nav=self.last.nav if self.last else [],
            settings=error_settings(self.last.settings if self.last else None, self.audience, count),
        )

    def schedule(self, path: str) -> None:
        """Called by the watcher for each event; bursts collapse into one run."""
        if path.endswith(_SCRATCH) or Path(path).name.startswith((".#", "#")):
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(DEBOUNCE_SECONDS, self._run_safely)
        self._timer.daemon = True
        self._timer.start()

    def _run_safely(self) -> None:
        try:
            self.run()
        except Exception as exc:
            LOGGER.error("aperçu : régénération impossible (%s)", exc)


def watch_sources(regen: Regenerator):
    """Start a watchdog observer on the content folders; returns it (call ``stop()``)."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class _Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            regen.schedule(str(getattr(event, "dest_path", "") or event.src_path))

    observer = Observer()
    for top in SCANNED_ROOTS:
        folder = regen.root / top
        if folder.is_dir():
            observer.schedule(_Handler(), str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def serve(
    root: Path | str,
    audience: str = "public",
    dev_addr: str = "127.0.0.1:8000",
    today: dt.date | None = None,
    kits: bool = True,
    echo: Callable[[str], None] = LOGGER.warning,
    theme: Path | None = None,
) -> bool:
    """Generate once, then watch and serve until interrupted; False if the first check fails."""
    from .engines.mkdocs_engine import serve as engine_serve

    root = Path(root).resolve()
    regen = Regenerator(root, audience, today, kits, echo, theme)
    if not regen.run() and not regen.config.is_file():
        return False
    observer = watch_sources(regen)
    try:
        theme_root = regen.theme
        echo(f"Aperçu sur http://{dev_addr}/ (Ctrl+C pour arrêter).")
        engine_serve(regen.config, dev_addr, watch=[p for p in (theme_root / "mkdocs.yml", theme_root / "overrides") if p.exists()])
    finally:
        observer.stop()
        observer.join(timeout=5)
    return True
