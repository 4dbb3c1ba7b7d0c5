#!/usr/bin/env bash
# Installs everything oep-build needs on a fresh Debian machine (idempotent).
#   scripts/setup.sh          -> the package and its engines (to build the site and kits)
#   scripts/setup.sh --dev    -> plus test tools: pytest, Chromium for browser tests, poppler, qpdf, faketime,
#                                and the Nu HTML checker (Java + the vnu-jar npm package in .cache/vnu)
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
[[ "${1:-}" == "--dev" ]] && DEV=1

PY="${PYTHON:-python3}"
SUDO=""
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null; then SUDO="sudo"; fi

apt_pkgs=(poppler-utils libpango-1.0-0 libpangoft2-1.0-0)   # WeasyPrint needs Pango; pdfinfo for kit page counts
if [[ $DEV -eq 1 ]]; then
  apt_pkgs+=(qpdf chromium chromium-driver faketime)
  command -v java >/dev/null || apt_pkgs+=(default-jre-headless)
  command -v npm >/dev/null || apt_pkgs+=(npm)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "==> apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

extra=""
[[ $DEV -eq 1 ]] && extra="[dev]"
# constraints.txt pins every package to the versions the suite passed with (scripts/lock.py)
echo "==> pip install -c constraints.txt -e .${extra}"
"$PY" -m pip install -q --disable-pip-version-check -c constraints.txt -e ".${extra}"

# The Nu HTML checker validates every built page (tests/test_site_audit.py). Its npm
# package ships the jar; --ignore-scripts: its install script would fetch a Java of
# its own, the system one is used instead.
VNU_VERSION=26.9.27
if [[ $DEV -eq 1 && ! -f .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar ]]; then
  echo "==> npm install vnu-jar@${VNU_VERSION} (.cache/vnu)"
  mkdir -p .cache/vnu
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix .cache/vnu "vnu-jar@${VNU_VERSION}"
fi
