"""Compiled templates kept between runs: ours and those of the MkDocs theme."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from test_site_support import TODAY, example_copy

from oep_build.build import build
from oep_build.caches import project_cache
from oep_build.render.templating import _QuietCache, environment


def _entry(cache: jinja2.FileSystemBytecodeCache, name: str, filename: Path) -> Path:
    return Path(cache.directory) / (cache.pattern % cache.get_cache_key(name, str(filename)))


def test_templates_are_compiled_once_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = _QuietCache(str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    monkeypatch.setattr("oep_build.render.templating.bytecode_cache", lambda settings: cache)
    folder = tmp_path / "gabarits"
    folder.mkdir()
    template = folder / "page.md.j2"
    template.write_text("Bonjour {{ nom }}\n", encoding="utf-8")
    assert environment(folder).get_template("page.md.j2").render(nom="Nadia") == "Bonjour Nadia\n"
    entry = _entry(cache, "page.md.j2", template)
    assert entry.is_file()
    # A new environment (a new run) loads the stored code instead of compiling.
    compiled: list[str] = []
    env = environment(folder)
    monkeypatch.setattr(env, "compile", lambda *a, **k: compiled.append(a[1]) or jinja2.Environment.compile(env, *a, **k))
    assert env.get_template("page.md.j2").render(nom="Théo") == "Bonjour Théo\n"
    assert compiled == []
    # An edited template is compiled again: the entry is checked against the source.
    template.write_text("Salut {{ nom }}\n", encoding="utf-8")
    assert environment(folder).get_template("page.md.j2").render(nom="Théo") == "Salut Théo\n"


def test_an_unusable_cache_folder_only_means_compiling(tmp_path: Path) -> None:
    folder = tmp_path / "gabarits"
    folder.mkdir()
    (folder / "page.md.j2").write_text("{{ 1 + 1 }}\n", encoding="utf-8")
    missing = _QuietCache(str(tmp_path / "absent"))  # cannot be read nor written
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=missing)
    assert env.get_template("page.md.j2").render() == "2"
    corrupt_dir = tmp_path / "abime"
    corrupt_dir.mkdir()
    corrupt = _QuietCache(str(corrupt_dir))
    _entry(corrupt, "page.md.j2", folder / "page.md.j2").write_bytes(b"pas du bytecode")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=corrupt)
    assert env.get_template("page.md.j2").render() == "2"


def test_the_site_build_keeps_the_theme_templates_compiled_under_the_project(tmp_path: Path) -> None:
    import material

    from oep_build.engines.mkdocs_cache import theme_bytecode_cache

    root = example_copy(tmp_path / "projet")
    before = sorted(p.name for p in root.iterdir())
    assert build(root, today=TODAY, kits=False).ok
    cache = theme_bytecode_cache()  # the loaded project's
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    assert Path(cache.directory) == project_cache(root, "gabarits")  # outside the project
    base = Path(material.__file__).parent / "templates" / "base.html"
    entry = _entry(cache, "base.html", base)
    assert entry.is_file() and entry.stat().st_size > 0
    ours = list(Path(cache.directory).glob("*.cache"))
    assert len(ours) > 1  # the theme's and ours
    # Nothing else lands in the project (build/ and site/ are the outputs).
    assert sorted(p.name for p in root.iterdir()) == sorted({*before, "build", "site"})


def test_the_theme_environment_is_not_patched() -> None:
    """The cache reaches Material through MkDocs' public on_env event, not by replacing theme.get_env."""
    engines = Path(__file__).parents[1] / "oep_build" / "engines"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(engines.glob("mkdocs_*.py")))
    assert "get_env =" not in text and "def on_env" in text


def test_code_compiled_under_other_options_is_not_reused(tmp_path: Path) -> None:
    folder = tmp_path / "gabarits"
    folder.mkdir()
    (folder / "page.j2").write_text("Bonjour {{ nom }}", encoding="utf-8")
    assert environment(folder).get_template("page.j2").render(nom="<b>") == "Bonjour <b>"
    assert environment(folder, autoescape=True).get_template("page.j2").render(nom="<b>") == "Bonjour &lt;b&gt;"
    assert environment(folder).get_template("page.j2").render(nom="<b>") == "Bonjour <b>"
