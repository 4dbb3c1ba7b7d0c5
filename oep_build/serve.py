"""``oep serve``: regenerate the docs folder when content changes, rebuild only the pages that changed.

One watcher (ours) watches the content sources (content/, campaigns/, kits/) and
the theme (mkdocs.yml, overrides/); it writes only into build/docs-<audience>/ and
the generated config, then asks the engine's preview to rebuild: with MkDocs, only
the pages whose Markdown changed (a full build when the menu or a title changes,
announced in the preview); with Zensical, its own server rebuilds what changed.
PDF kits are rendered in the background: meanwhile the pages that offer a kit say
« kit en cours de mise à jour ».
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from . import engines
from .build import BuildResult, docs_dir_for, generate_docs, theme_diagnostic
from .diagnostics import Diagnostic, Report
from .engines.config import config_path
from .engines.mkdocs_preview import Change
from .incremental import Carry
from .load import SCANNED_ROOTS, ParseCache
from .logger import LOGGER
from .output import real_folder, write_file
from .pipeline import check_project
from .preview_errors import error_page, error_settings, write_error_page

__all__ = ["Regenerator", "serve"]

DEBOUNCE_SECONDS = 0.4
# Editors' scratch files: saving them is not a content change.
_SCRATCH = (".swp", ".swx", ".tmp", "~", ".part", ".crdownload")
CONTENT_ERRORS = "Erreurs de contenu : l’aperçu montre la dernière version correcte (détail dans le terminal)."


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
        engine: str | None = None,
        background_kits: bool = False,
    ) -> None:
        self.root = root
        self.audience = audience
        self.today = today
        self.kits = kits
        self.echo = echo
        self.theme = theme or root
        self.engine_name = engine
        self.engine: ModuleType = engines.engine(engine or engines.DEFAULT_ENGINE)
        self.config = config_path(root, self.engine.NAME, audience, preview=True)
        self.background_kits = background_kits
        self.last: BuildResult | None = None
        self.message = ""
        """What the preview's banner says (content errors), empty when all is well."""
        self.kits_running = False
        self.pending = Change()
        """What changed in the docs folder since the engine last took it."""
        self.on_kits_done: Callable[[], None] = lambda: None
        self.theme_changed = False
        """mkdocs.yml or overrides/ changed: every page is rebuilt."""
        self._parsed: ParseCache = {}
        """Parsed content files, kept between runs: a save re-parses only the saved file."""
        self._written: dict[str, tuple[bytes, int, int]] = {}
        """The docs folder's files as last written or read: an unchanged file is not read again."""
        self.carry = Carry()
        """Per-object checks and per-campaign pages, kept between runs: a save redoes its campaign's."""
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    @property
    def docs_dir(self) -> Path:
        """The preview's docs folder (``build/docs-<audience>-apercu/``)."""
        return docs_dir_for(self.root, self.audience, preview=True)

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
        checked = check_project(self.root, self.today, self._parsed, self.carry)
        if (diag := theme_diagnostic(self.theme / "mkdocs.yml", self.root)) is not None:
            checked.report.add(diag)
        if checked.report.failed():
            return self._refuse(checked.report)
        if self.last is None:  # the engine is chosen once, by the first good content
            self.engine = engines.engine(self.engine_name or engines.engine_of(checked.context.project.site))
            self.config = config_path(self.root, self.engine.NAME, self.audience, preview=True)
        in_background = self.kits and self.background_kits and self.last is not None
        previous = BuildResult(checked.report, kits=list(self.last.kits) if self.last else [])
        result = generate_docs(
            checked.context, self.audience, self.root, kits=self.kits and not in_background, result=previous,
            written=self._written, preview=True,
        )
        if result.report.failed() or result.docs_dir is None:  # a resource an override template asks for
            return self._refuse(result.report)
        config_changed = self.engine.write_config(
            self.config, base=self.theme / "mkdocs.yml", docs_dir=result.docs_dir, nav=result.nav, settings=result.settings,
            preview=True,
        )
        first = self.last is None
        self.last = result
        self.message = ""
        self.pending.written += result.sync.written
        self.pending.removed += result.sync.removed
        self.pending.full = self.pending.full or config_changed
        changed = result.sync.written + result.sync.removed
        if first:
            self.echo(f"{result.pages} pages générées dans {result.docs_dir}.")
            if len(checked.report):
                self.echo(f"Contrôle : {checked.report.summary()} (oep check pour le détail)")
        elif changed:
            self.echo(f"Mis à jour : {', '.join(changed)}")
        if in_background:
            self._kits_in_background(checked.context, result)
        return True

    def _refuse(self, report: Report) -> bool:
        self.echo(report.format_text())
        self.echo("Aperçu inchangé : corrigez les erreurs ci-dessus (elles sont aussi listées dans l'aperçu).")
        self.message = CONTENT_ERRORS
        self._show_errors(list(report))
        return False

    def _show_errors(self, diagnostics: list[Diagnostic], internal: str = "") -> None:
        """The error page in the docs folder, and the banner in the config; the last good pages stay."""
        docs_dir = self.docs_dir
        real_folder(docs_dir, self.root)
        count = write_error_page(docs_dir, diagnostics, internal)
        if self.last is None and not (docs_dir / "index.md").is_file():  # nothing good yet: the errors are the preview
            write_file(docs_dir / "index.md", error_page(diagnostics, internal).encode("utf-8"))
        self.engine.write_config(
            self.config,
            base=self.theme / "mkdocs.yml",
            docs_dir=docs_dir,
            nav=self.last.nav if self.last else [],
            settings=error_settings(self.last.settings if self.last else None, self.audience, count),
            preview=True,
        )
        self.pending.full = True  # the banner is on every page

    def take(self) -> Change:
        """What changed since the last call (the engine's preview applies it)."""
        with self._lock:
            change, self.pending = self.pending, Change()
            change.full = change.full or self.theme_changed
            self.theme_changed = False
        return change

    def _kits_in_background(self, ctx: Any, result: BuildResult) -> None:
        """Render the kits off the preview's path; when done, new PDFs and pages follow."""
        from .diagnostics import Report
        from .render.kits import render_kits

        docs_dir = result.docs_dir
        if self.kits_running or docs_dir is None:
            return
        self.kits_running = True

        def work() -> None:
            try:
                rendered = render_kits(ctx, self.audience, docs_dir, report=Report(), processes=1)
                if list(rendered) != list(result.kits):
                    with self._lock:
                        if self.last is not None:
                            self.last.kits = list(rendered)
                        self.pending.written += [k.path for k in rendered]
                    self.kits_running = False
                    self.on_kits_done()  # pages show the new page counts and sizes
            except Exception as exc:  # the preview must survive a bad kit
                LOGGER.error("aperçu : kits non régénérés (%s)", exc)
            finally:
                self.kits_running = False

        threading.Thread(target=work, daemon=True, name="oep-kits").start()

    def schedule(self, path: str) -> None:
        """Called by the watcher for each event; bursts collapse into one run."""
        if is_scratch(path):
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


def is_scratch(path: str) -> bool:
    return path.endswith(_SCRATCH) or Path(path).name.startswith((".#", "#"))


def watch_sources(regen: Regenerator, on_change: Callable[[str], None] | None = None):
    """Start a watchdog observer on the content folders and the theme; returns it (call ``stop()``).

    ``on_change(path)`` is called for each event (default: ``regen.schedule``).
    """
    from watchdog import events as ev
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    react = on_change or regen.schedule
    # Only writes, never reads: each save reads every content file, and without this filter
    # the kernel would report each open and close to this process (5 000 events at 500 campaigns).
    writes: list[type[FileSystemEvent]] = [
        ev.FileCreatedEvent, ev.FileModifiedEvent, ev.FileDeletedEvent, ev.FileMovedEvent, ev.FileClosedEvent,
        ev.DirCreatedEvent, ev.DirDeletedEvent, ev.DirMovedEvent,
    ]

    class _Handler(FileSystemEventHandler):
        def __init__(self, only: str = "") -> None:
            self.only = only

        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write") or event.is_directory:
                return
            path = str(getattr(event, "dest_path", "") or event.src_path)
            if self.only and Path(path).name != self.only:
                return
            react(path)

    observer = Observer()
    for folder in [regen.root / top for top in SCANNED_ROOTS] + [regen.theme / "overrides"]:
        if folder.is_dir():
            observer.schedule(_Handler(), str(folder), recursive=True, event_filter=writes)
    # The theme's folder (the project's root) for mkdocs.yml only: `oep serve > apercu.log` there,
    # or a README being edited, is no content change (the log grew at each run: a loop).
    observer.schedule(_Handler(only="mkdocs.yml"), str(regen.theme), recursive=False, event_filter=writes)
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
    engine: str | None = None,
) -> bool:
    """Generate once, then watch and serve until interrupted; False if the first check fails."""
    root = Path(root).resolve()
    regen = Regenerator(root, audience, today, kits, echo, theme, engine, background_kits=True)
    if not regen.run() and not regen.config.is_file():
        return False
    observers = []

    def subscribe(request: Callable[[], None]) -> None:
        def on_change(path: str) -> None:
            if is_scratch(path):
                return
            changed = Path(path)
            if changed.name == "mkdocs.yml" or regen.theme / "overrides" in changed.parents:
                regen.theme_changed = True
            request()

        regen.on_kits_done = request
        observers.append(watch_sources(regen, on_change))

    echo(f"Aperçu sur http://{dev_addr}/ avec {regen.engine.NAME} (Ctrl+C pour arrêter).")
    try:
        regen.engine.serve_preview(regen, dev_addr, subscribe)
    finally:
        for observer in observers:
            observer.stop()
            observer.join(timeout=5)
    return True
