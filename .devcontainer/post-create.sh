#!/usr/bin/env bash
# Run once when the container is created (devcontainer.json: postCreateCommand).
set -euo pipefail
cd "$(dirname "$0")/.."
# oep-build and what WeasyPrint needs (Pango), as on any Debian machine
bash scripts/setup.sh
# the check before each commit (.pre-commit-config.yaml)
python3 -m pip install -q --disable-pip-version-check pre-commit
pre-commit install
echo "Prêt : « oep check » pour vérifier, « oep serve » pour l'aperçu (port 8000)."
