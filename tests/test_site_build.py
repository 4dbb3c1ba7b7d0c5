"""oep build / oep serve machinery: write-if-changed, atomic swap, stop on errors, regeneration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_site_support import REPO, TODAY, example_copy

from oep_build.build import build
from oep_build.cli import main
from oep_build.output import staging_dir, swap_into, sync_tree
from oep_build.render.site.assets import WHITE, _rgb, colours_css, contrast
from oep_build.serve import Regenerator


def test_sync_tree_writes_only_changes_and_prunes(tmp_path: Path) -> None:
    src = tmp_path / "police.woff2"
    src.write_bytes(b"font")
    target = tmp_path / "docs"
    first = sync_tree(target, {"a.md": b"A", "b/c.md": b"C"}, {"f/police.woff2": src})
    assert sorted(first.written) == ["a.md", "b/c.md", "f/police.woff2"]
    mtime = (target / "a.md").stat().st_mtime_ns
    second = sync_tree(target, {"a.md": b"A", "b/c.md": b"C2"}, {"f/police.woff2": src}, keep={"k.pdf"})
    assert second.written == ["b/c.md"] and second.unchanged == 2
    assert (target / "a.md").stat().st_mtime_ns == mtime
    (target / "k.pdf").write_bytes(b"pdf")
    (target / "old" ).mkdir()
    (target / "old" / "stale.md").write_bytes(b"x")
    third = sync_tree(target, {"a.md": b"A"}, keep={"k.pdf"})
    assert sorted(third.removed) == ["b/c.md", "f/police.woff2", "old/stale.md"]
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["a.md", "k.pdf"]
    assert oct((target / "a.md").stat().st_mode & 0o777) == "0o644"


def test_swap_replaces_the_output_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "ancien.html").write_text("ancien")
    staged = staging_dir(out)
    (staged / "nouveau.html").write_text("nouveau")
    assert (out / "ancien.html").exists()  # untouched until the swap
    swap_into(staged, out)
    assert [p.name for p in out.iterdir()] == ["nouveau.html"]
    assert oct(out.stat().st_mode & 0o777) == "0o755"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_content_errors_stop_the_build_and_keep_the_previous_site(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    campagne = next((root / "campaigns").glob("*/campagne.yml"))
    campagne.write_text(campagne.read_text(encoding="utf-8").replace("titre:", "titre_mal_ecrit:", 1), encoding="utf-8")
    out = root / "site"
    out.mkdir()
    (out / "index.html").write_text("site précédent")
    result = build(root, out=out, today=TODAY, kits=False)
    assert not result.ok and result.report.errors
    assert (out / "index.html").read_text() == "site précédent"
    assert not (root / "build").exists()


def test_the_engine_runs_with_the_project_model_freed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A national project's model is most of the build's memory: the engine gets it back."""
    import gc
    import weakref

    from oep_build import build as build_module
    from oep_build.engines import mkdocs_engine

    root = example_copy(tmp_path / "projet")
    models: list[weakref.ref[object]] = []
    alive_in_engine: list[bool] = []
    real_check = build_module.check_project

    def check_and_watch(*args: object, **kwargs: object) -> object:
        checked = real_check(*args, **kwargs)
        models.append(weakref.ref(checked.context.project))
        return checked

    def engine_probe(config: Path, site_dir: Path) -> list[str]:
        alive_in_engine.append(models[0]() is not None)
        site_dir.mkdir(parents=True, exist_ok=True)
        (site_dir / "index.html").write_text("sonde", encoding="utf-8")
        return []

    monkeypatch.setattr(build_module, "check_project", check_and_watch)
    monkeypatch.setattr(mkdocs_engine, "build_html", engine_probe)
    result = build(root, today=TODAY, kits=False, engine="mkdocs")
    assert result.ok and result.pages > 10
    assert alive_in_engine == [False]
    assert gc.get_freeze_count() == 0  # the heap is unfrozen once the engine is done


def test_cli_reports_errors_in_french_with_exit_status_1(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    kit = next((root / "kits").glob("*.yml"))
    kit.write_text(kit.read_text(encoding="utf-8") + "\nchamp_inconnu: 1\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(root), "--sans-kits", "--today", TODAY.isoformat()])
    assert res.exit_code == 1
    assert "champ_inconnu" in res.output and "Site non construit" in res.output


def test_serve_regenerates_only_what_changed(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    said: list[str] = []
    regen = Regenerator(root, "public", TODAY, kits=False, echo=said.append)
    assert regen.run()
    config = regen.config.read_text(encoding="utf-8")
    comite = next((root / "content" / "comites").glob("*.yml"))
    text = comite.read_text(encoding="utf-8")
    comite.write_text(re.sub(r"(?m)^commune: (.*)$", r"commune: \1 (centre)", text, count=1), encoding="utf-8")
    assert regen.run()
    assert regen.last.sync.written == ["comites.md"] and regen.last.sync.removed == []
    assert regen.config.read_text(encoding="utf-8") == config
    # A content error keeps the last good pages and says why.
    comite.write_text(text + "\nstatut: inconnu\n", encoding="utf-8")
    assert not regen.run()
    assert "Aperçu inchangé" in said[-1]
    assert (root / "build" / "docs-public-apercu" / "comites.md").read_text(encoding="utf-8").count("(centre)") == 1
    # ... and lists the errors in the preview: a page, and a banner in the config of the last good version
    page = (root / "build" / "docs-public-apercu" / "oep-erreurs.md").read_text(encoding="utf-8")
    assert "[cle-dupliquee]" in page and "« statut »" in page
    shown = regen.config.read_text(encoding="utf-8")
    assert "oep_erreurs" in shown and "nombre: 1" in shown and "comites.md" in shown  # the nav is kept
    # Fixed: the page is pruned, the banner gone.
    comite.write_text(text, encoding="utf-8")
    assert regen.run()
    assert not (root / "build" / "docs-public-apercu" / "oep-erreurs.md").exists()
    assert "oep_erreurs" not in regen.config.read_text(encoding="utf-8")


def test_a_build_beside_the_preview_writes_none_of_its_files(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "projet")
    regen = Regenerator(root, "public", TODAY, kits=False, echo=lambda _: None)
    assert regen.run()
    preview = regen.last.docs_dir
    assert preview == root / "build" / "docs-public-apercu"
    (preview / "oep-erreurs.md").write_text("une page que seul l'aperçu produit\n", encoding="utf-8")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(preview.rglob("*")) if p.is_file()}
    result = build(root, today=TODAY, kits=False)
    assert result.ok and result.docs_dir == root / "build" / "docs-public"
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(preview.rglob("*")) if p.is_file()}
    assert after == before  # nothing rewritten nor pruned in the preview's folder
    assert result.config != regen.config


def test_serve_starts_on_broken_content_and_shows_the_errors(tmp_path: Path) -> None:
    """A first run on broken content (no site.yml settings to read) is a preview of the errors, not a crash."""
    root = example_copy(tmp_path / "projet")
    site = root / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "\nnom_inconnu: [\n", encoding="utf-8")
    said: list[str] = []
    regen = Regenerator(root, "public", TODAY, kits=False, echo=said.append)
    assert not regen.run()
    index = (root / "build" / "docs-public-apercu" / "index.md").read_text(encoding="utf-8")
    assert "Aperçu non mis à jour" in index and "content/site.yml" in index
    config = regen.config.read_text(encoding="utf-8")
    assert "site_name: Aperçu — erreurs de contenu" in config and "oep_erreurs" in config


def test_serve_shows_an_internal_error_without_crashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = example_copy(tmp_path / "projet")
    regen = Regenerator(root, "public", TODAY, kits=False, echo=lambda _: None)

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("site_name")

    monkeypatch.setattr("oep_build.serve.generate_docs", broken)
    assert not regen.run()
    page = (root / "build" / "docs-public-apercu" / "oep-erreurs.md").read_text(encoding="utf-8")
    assert "erreur interne" in page and "KeyError" in page


def test_only_the_engine_adapters_import_an_engine() -> None:
    pattern = re.compile(r"^\s*(?:import|from) (?:mkdocs|material|zensical)\b", re.MULTILINE)
    importers = {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "oep_build").rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    }
    assert importers  # the pattern does find the adapters
    assert {p for p in importers if not p.startswith("oep_build/engines/")} == set()


def test_colours_keep_aa_contrast_with_white() -> None:
    css = colours_css("#8fd694", "#f9a825")  # a light green and the yellow of the example
    colours = re.findall(r"--md-(?:primary|accent)-fg-color: (#[0-9a-f]{6});", css)
    assert len(colours) == 2
    for c in colours:
        assert contrast(_rgb(c, WHITE), WHITE) >= 4.5
    assert "#1b5e20" in colours_css("#1b5e20", "#a84300")  # dark enough: kept as written


@pytest.mark.parametrize("missing", ["mkdocs.yml", "overrides"])
def test_a_missing_theme_is_a_french_diagnostic_not_a_traceback(tmp_path: Path, missing: str) -> None:
    import shutil

    root = example_copy(tmp_path / "projet")
    target = root / missing
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    result = build(root, out=root / "site", today=TODAY, kits=False)
    assert not result.ok and not (root / "site").exists()
    (diag,) = [d for d in result.report if d.id == "theme-manquant"]
    assert (diag.file, diag.line, diag.level.value) == ("mkdocs.yml", 1, "erreur")
    assert missing.split(".")[0] in diag.message and "oep-build" in diag.fix


def test_index_is_no_object_id(tmp_path: Path) -> None:
    """An event called index would take its list's page (evenements/index.md) and its feed would point elsewhere."""
    from oep_build.pipeline import check_project

    root = example_copy(tmp_path / "projet")
    event = next((root / "campaigns").glob("*/evenements/*.yml"))
    event.rename(event.with_name("index.yml"))
    found = [d for d in check_project(root, TODAY).report if d.id == "nom-de-fichier-invalide"]
    assert [(d.file.rsplit("/", 1)[-1], d.level.value) for d in found] == [("index.yml", "erreur")]
    assert "réservé" in found[0].message
