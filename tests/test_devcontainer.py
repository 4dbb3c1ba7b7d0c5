"""The browser editor (.devcontainer/): oep installed, schemas mapped, preview forwarded, hook installed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _jsonc(path: Path) -> dict:
    """devcontainer.json is JSON with comments (whole-line « // » comments here)."""
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("//"))
    return json.loads(text)


def test_devcontainer_installs_oep_maps_schemas_and_forwards_the_preview() -> None:
    conf = _jsonc(REPO / ".devcontainer/devcontainer.json")
    assert conf["image"].startswith("mcr.microsoft.com/devcontainers/python:")
    assert 8000 in conf["forwardPorts"]  # oep serve's default address
    assert "8000" in conf["portsAttributes"]
    vscode = conf["customizations"]["vscode"]
    assert "redhat.vscode-yaml" in vscode["extensions"]
    mapping = vscode["settings"]["yaml.schemas"]
    for schema, glob in mapping.items():
        assert (REPO / schema).is_file(), schema
        kind = Path(schema).name.removesuffix(".schema.json")
        assert kind in Path(glob).name or kind in glob, (schema, glob)
    # every kind of YAML file of the example is covered by one mapping
    globs = list(mapping.values())
    for rel in ("content/site.yml", "campaigns/loi-duplomb/campagne.yml", "kits/kit-loi-duplomb.yml",
                "content/referentiels/personnes.yml", "content/comites/lyon.yml"):
        assert any(Path(rel).match(g) for g in globs), rel
    script = REPO / ".devcontainer/post-create.sh"
    assert conf["postCreateCommand"] == "bash .devcontainer/post-create.sh"
    body = script.read_text(encoding="utf-8")
    assert "scripts/setup.sh" in body and "pre-commit install" in body
    assert (REPO / "scripts/setup.sh").is_file() and (REPO / ".pre-commit-config.yaml").is_file()
    subprocess.run(["bash", "-n", str(script)], check=True)
