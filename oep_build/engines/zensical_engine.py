"""The only module that imports Zensical, Material's successor: config, build, preview.

Zensical reads the same generated config as MkDocs (``build/zensical-<audience>.yml``)
with two differences this adapter absorbs: it builds only inside the config's folder
(so into ``build/site-zensical-<audience>/``, then moved to the requested output) and it
writes no ``sitemap.xml.gz`` (made here from its ``sitemap.xml``). Its search index
is ``search.json``, in the language of ``theme.language`` (``fr``). Its cache of rendered
pages, ``.cache/`` beside the config, is a link to the project's cache folder, outside
the project (:func:`own_cache`).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..caches import project_cache
from ..logger import LOGGER
from ..output import file_mode, write_file
from . import config
from .preview_status import BANNER_JS, FULL_REBUILD, SCRIPT_NAME, STATUS_PATH, status

__all__ = ["NAME", "build_html", "serve_preview", "write_config"]

NAME = "zensical"
# Lines Zensical prints on every build: progress, not warnings.
_CHATTER = ("Build started", "Build finished", "No issues found", "Serving ", "Watching ")
# Zensical's runtime is one per process: one build at a time.
_LOCK = threading.Lock()


def write_config(path: Path, *, preview: bool = False, **kwargs: Any) -> bool:
    """The generated config for Zensical (see :func:`.config.write_config`); for ``oep serve``
    (``preview``), with the banner's script (:mod:`.preview_status`)."""
    return config.write_config(path, lists_replace=False, scripts=[SCRIPT_NAME] if preview else None, **kwargs)


def build_html(config_file: Path, site_dir: Path) -> list[str]:
    """Build ``config_file``'s site into ``site_dir``; return Zensical's warnings."""
    import zensical

    built = _own_folders(config_file)
    with _LOCK, _captured_output() as output:
        zensical.build(str(config_file.resolve()), {"clean": False, "strict": False})
    warnings = [line for line in output() if line.strip() and not line.startswith(_CHATTER)]
    for line in warnings:
        LOGGER.debug("zensical : %s", line)
    complete_site(built)
    _hand_over(built, site_dir)
    return warnings


def _own_folders(config_file: Path) -> Path:
    """Zensical's output folder for ``config_file`` (returned) and its cache, as oep's own: a link or
    a file committed at either place in ``build/`` is removed, never written (or cleaned) through."""
    built = config.engine_site_dir(config_file)
    if built.is_symlink() or built.is_file():
        built.unlink()
    own_cache(config_file)
    return built


def own_cache(config_file: Path) -> None:
    """Make Zensical's cache (``.cache/`` beside ``config_file``, so inside the project) a link to
    the project's cache folder (:mod:`oep_build.caches`).

    Zensical publishes what its cache holds as rendered pages: a folder committed there
    (``git add -f build/.cache``) would put any markup on the site. Whatever stands at
    that place and is not our link is removed; where no link can be made, Zensical
    starts from an empty cache at each build (slower, never wrong).
    """
    here = config_file.parent / ".cache"
    target = project_cache(config_file.parent, "zensical")
    if target is not None and here.is_symlink() and os.readlink(here) == str(target):
        return
    if here.is_symlink() or here.is_file():
        here.unlink()
    elif here.is_dir():
        shutil.rmtree(here)
    if target is not None:
        with contextlib.suppress(OSError):  # no links here (some Windows set-ups)
            here.symlink_to(target, target_is_directory=True)


# Zensical's search worker folds case and decomposes accents (NFKD) but keeps the
# combining marks: « petition » does not find « pétition ». Its one normalising function
# is made to drop them (and to spell œ, æ out), for the index and the query alike.
_NORMALISE = 'normalize("NFKD").toLowerCase()'
_FOLD = 'normalize("NFKD").replace(/[\\u0300-\\u036f]/g,"").toLowerCase().replace(/\\u0153/g,"oe").replace(/\\u00e6/g,"ae")'


def fold_search_accents(site: Path) -> bool:
    """Patch the built site's search worker for accent-free French search; False if it has no such worker."""
    found = False
    for worker in sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js")):
        text = worker.read_text(encoding="utf-8")
        if _FOLD in text:  # already folded
            found = True
            continue
        if text.count(_NORMALISE) != 1:
            LOGGER.warning("zensical : recherche sans accents non appliquée (%s a changé)", worker.name)
            continue
        worker.write_text(text.replace(_NORMALISE, _FOLD), encoding="utf-8")
        found = True
    return found


def complete_site(site: Path) -> None:
    """Add what MkDocs writes and Zensical does not: ``sitemap.xml.gz``, accent-free search."""
    fold_search_accents(site)
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    data = gzip.compress(sitemap.read_bytes(), mtime=epoch)
    gz = site / "sitemap.xml.gz"
    if not gz.is_file() or gz.read_bytes() != data:
        gz.write_bytes(data)


def _hand_over(built: Path, site_dir: Path) -> None:
    """Move Zensical's output to ``site_dir`` (the empty staging folder): one rename, where copying
    its 2 500 files took 1.1 s at 500 campaigns. Zensical writes every file again at each build
    (and is no slower without its previous output), so nothing is lost. Across file systems
    (``--out`` elsewhere), a copy."""
    try:
        site_dir.rmdir()  # empty: made by staging_dir, which chose its place and permissions
        os.replace(built, site_dir)
    except OSError:
        site_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(built, site_dir, dirs_exist_ok=True)
        return
    with contextlib.suppress(OSError):  # as staging_dir made it (Zensical's folder has the umask's)
        site_dir.chmod(file_mode(directory=True))


@contextmanager
def _captured_output() -> Iterator[Callable[[], list[str]]]:
    """Zensical's runtime prints to the process' stdout and stderr: collect them instead."""
    lines: list[str] = []
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(1), os.dup(2)
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        try:
            yield lambda: lines
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            sink.seek(0)
            lines.extend(sink.read().decode("utf-8", "replace").splitlines())


def serve_preview(regen: Any, dev_addr: str, subscribe: Callable[[Callable[[], None]], None]) -> None:
    """``oep serve`` with Zensical: its own server watches the docs folder and rebuilds what changed.

    Ours regenerates the docs folder on each source change (``regen.run``), at
    once: Zensical waits for the writes to settle on its side. The banner's script
    and state are files of the output folder, which Zensical's server serves
    (:func:`_keep_banner`).
    """
    import zensical

    site = _own_folders(regen.config)
    rebuild = Rebuild(site, regen.docs_dir)
    threading.Thread(target=_keep_banner, args=(regen, site, rebuild), daemon=True, name="oep-bandeau").start()

    def request() -> None:
        regen.run()
        rebuild.wait_for(regen.take().written)

    subscribe(lambda: threading.Thread(target=request, daemon=True).start())
    zensical.serve(str(regen.config.resolve()), {"dev_addr": dev_addr, "open": False, "strict": False})


class Rebuild:
    """Zensical's rebuild after ``oep`` rewrote pages: its server does not say when it runs, so it is
    taken as running until every rewritten page's output is at least as recent as its Markdown
    (or for :data:`REBUILD_LIMIT` seconds: an output Zensical found unchanged is not written again)."""

    def __init__(self, site: Path, docs: Path) -> None:
        self.site = site
        self.docs = docs
        self._pages: list[tuple[Path, Path]] = []
        self._since = 0.0

    def wait_for(self, written: list[str]) -> None:
        """``written`` (docs paths) were just rewritten: Zensical rebuilds from then on. Nothing
        written (a second event of the same save) leaves the rebuild being waited for as it is."""
        if not written:
            return
        self._since = time.monotonic()
        self._pages = [(self.docs / src, self.site / _output_of(src)) for src in written]

    def message(self) -> str:
        pages, since = self._pages, self._since
        running = time.monotonic() - since < REBUILD_LIMIT and any(
            (_mtime(out) or 0) < (_mtime(src) or 0) for src, out in pages
        )
        return FULL_REBUILD if running else ""


REBUILD_LIMIT = 30.0


def _output_of(src: str) -> str:
    """The output file of a docs file (pages as folders: ``a/b.md`` -> ``a/b/index.html``)."""
    if not src.endswith(".md"):
        return src
    stem = src.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _keep_banner(regen: Any, site: Path, rebuild: Rebuild, every: float = 0.3) -> None:
    """Keep the preview's output folder holding the banner's script and its current state
    (:mod:`.preview_status`, with Zensical's rebuild: :class:`Rebuild`), put back when a build of Zensical cleaned the folder, and
    its search worker folded for accent-free search as a build does (each new worker once)."""
    script = BANNER_JS.encode("utf-8")
    folded: set[tuple[str, int]] = set()
    while True:
        if site.is_dir():
            try:
                _put(site / SCRIPT_NAME, script)
                _put(site / STATUS_PATH.lstrip("/"), json.dumps(status(regen, rebuild.message())).encode("utf-8"))
                if _workers(site) != folded:
                    fold_search_accents(site)
                    folded = _workers(site)  # as folded
            except OSError:  # the folder is being rebuilt: next time
                pass
        time.sleep(every)


def _workers(site: Path) -> set[tuple[str, int]]:
    return {(p.name, p.stat().st_mtime_ns) for p in (site / "assets" / "javascripts" / "workers").glob("search.*.js")}


def _put(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        write_file(path, data)
