"""``oep serve`` with MkDocs: a live-reload server that rebuilds only the pages that changed.

MkDocs' own ``serve`` rebuilds every page on every save (12 s at 500 campaigns) and
its ``--dirty`` mode leaves the menu and the search index wrong. Here the engine's
state (config, files, menu, rendered pages) stays in memory after a full build:
a save re-renders, through MkDocs' own page functions, only the Markdown files
``oep`` rewrote, and the search index keeps every other page's entries. A change
that can alter other pages (a page added or removed, a title, the menu, the config,
the theme) takes a full build, and the preview says so while it runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .mkdocs_cache import keep_compiled_templates
from .preview_status import BANNER_JS, FULL_REBUILD, STATUS_PATH, status

__all__ = ["Change", "Preview", "serve_preview"]


@dataclass
class Change:
    """What ``oep`` rewrote in the docs folder since the last build."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    full: bool = False
    """The config or the theme changed: every page is rebuilt."""


class Preview:
    """A MkDocs site kept in memory between builds."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.full_builds = 0
        self.busy = ""
        self._state: _State | None = None

    def update(self, change: Change) -> str:
        """Apply ``change``; return ``"pages"`` or ``"complet"`` (what was rebuilt)."""
        state = self._state
        if state is None or change.full or change.removed or not state.refresh(change.written):
            self.full()
            return "complet"
        return "pages"

    def full(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        self.busy = FULL_REBUILD
        try:
            config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
            keep_compiled_templates(config)
            state = _State(config)
            config.plugins["oep-preview"] = state.recorder()
            config.plugins.on_startup(command="serve", dirty=False)
            build(config)
            self._state = state
            self.full_builds += 1
        finally:
            self.busy = ""


class _State:
    """The engine's objects of the last full build, captured through plugin events."""

    def __init__(self, config: Any) -> None:
        self.config = config
        self.files: Any = None
        self.nav: Any = None
        self.env: Any = None

    def recorder(self) -> Any:
        from mkdocs.plugins import BasePlugin

        state = self

        class _Recorder(BasePlugin):
            def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
                state.nav, state.files = nav, files
                return nav

            def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
                state.env = env
                return env

        return _Recorder()

    def refresh(self, written: Iterable[str]) -> bool:
        """Re-render the pages of ``written``; False when only a full build is right."""
        from mkdocs.commands.build import _build_page, _populate_page

        files, config = self.files, self.config
        pages = []
        for src in written:
            f = files.get_file_from_path(src)
            if f is None:  # a new file: the menu and the sitemap change
                return False
            if f.is_documentation_page():
                pages.append(f.page)
            else:
                f.copy_file()
        titles = [p.title for p in pages]
        for page, title in zip(pages, titles, strict=True):
            _populate_page(page, config, files)
            if page.title != title:  # the menu and the neighbours' footers show it
                return False
        search = _search_plugin(config)
        urls = {p.url for p in pages}
        if search is not None:
            search.search_index.entries = [
                e for e in search.search_index.entries if e["location"].split("#", 1)[0] not in urls
            ]
        doc_files = files.documentation_pages()
        for page in pages:
            _build_page(page, config, doc_files, self.nav, self.env)
        if search is not None:
            search.on_post_build(config=config)
        return True


def _search_plugin(config: Any) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


def serve_preview(regen: Any, dev_addr: str, subscribe: Callable[[Callable[[], None]], None]) -> None:
    """Serve ``regen``'s site with live reload until interrupted.

    ``regen`` is :class:`oep_build.serve.Regenerator`: ``run()`` rewrites the docs
    folder, ``take()`` says what changed, ``status()`` is the banner's text.
    ``subscribe(request)`` makes the source watcher call ``request`` on each change.
    """
    from mkdocs.livereload import LiveReloadServer

    from .config import engine_site_dir

    preview = Preview(regen.config, engine_site_dir(regen.config))
    preview.update(regen.take())

    class _Server(LiveReloadServer):
        def _serve_request(self, environ: Any, start_response: Any) -> Any:
            if environ["PATH_INFO"] == STATUS_PATH:
                start_response("200 OK", [("Content-Type", "application/json"), ("Cache-Control", "no-store")])
                return [json.dumps(status(regen, preview.busy)).encode("utf-8")]
            return super()._serve_request(environ, start_response)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)
            at = content.rfind(b"</body>")
            at = at if at >= 0 else len(content)
            return content[:at] + b"<script>" + BANNER_JS.encode() + b"</script>" + content[at:]

        def request_rebuild(self) -> None:
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

    def builder() -> None:
        regen.run()
        change = regen.take()
        if change.written or change.removed or change.full:
            preview.update(change)

    host, port = dev_addr.rsplit(":", 1)
    server = _Server(builder=builder, host=host, port=int(port), root=str(preview.site_dir))
    server.build_delay = 0.05  # editors write a file in one go: no need to wait longer
    # The server adds its reload script to pages only when it watches something: the
    # root config (ours is the watcher of everything else, faster than its polling).
    server.watch(str(regen.theme / "mkdocs.yml"), recursive=False)
    subscribe(server.request_rebuild)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
