"""Benchmark of the PDF kits (not a test): ``python benchmarks/kits_bench.py``.

Renders every example kit (internal audience: every kit and committee
edition) of the project at RACINE (default: this repository) five ways, each
in its own process under ``/usr/bin/time -v`` for the peak memory:

- ``brut``: WeasyPrint alone on the same HTML, one after the other (the floor);
- ``brut-pool``: the same in a 2-process pool (what two cores can give);
- ``froid-1``: ``render_kits`` with one process and an empty cache;
- ``froid-2``: ``render_kits`` with two processes and an empty cache;
- ``chaud``: ``render_kits`` again with nothing changed (every PDF from the cache).

Times are those of the rendering call only (imports and ``oep check`` excluded).
Targets (issue 4): froid-1 ≤ 1.1 × brut; froid-1 / froid-2 ≥ 1.5; chaud ≤ 5 % of froid-2.
Prints a Markdown section for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)
AUDIENCE = "interne"
PROJECT_DIRS = ("content", "campaigns", "kits", "overrides")


# -- one measurement, in a child process ------------------------------------------------


def _documents(root: Path):
    from oep_build.pipeline import check_project
    from oep_build.render.kits.build import kit_documents

    checked = check_project(root, TODAY)
    docs, _ = kit_documents(checked.context, AUDIENCE)
    return checked, docs


def _raw_one(args: tuple[str, str, str, str]) -> int:
    """WeasyPrint as its documentation shows it: HTML string, two stylesheets, PDF/UA-1."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from oep_build.render.kits.pdf import FONTS_CSS

    html, base_url, css, css_base = args
    fonts = FontConfiguration()
    sheets = [CSS(filename=str(FONTS_CSS), font_config=fonts), CSS(string=css, base_url=css_base, font_config=fonts)]
    pdf = HTML(string=html, base_url=base_url).write_pdf(stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1")
    return len(pdf)


def measure(mode: str, root: Path) -> dict[str, object]:
    import weasyprint  # noqa: F401  (imported before the clock starts, in every mode)

    from oep_build.render.kits import render_kits
    from oep_build.render.kits.html import KitTemplates

    checked, docs = _documents(root)
    if mode.startswith("brut"):
        templates = KitTemplates(root)
        css, css_base = templates.css(), templates.css_path().parent.as_uri() + "/"
        jobs = [(d.html, root.as_uri() + "/", css, css_base) for d in docs]
        start = time.perf_counter()
        if mode == "brut":
            sizes = [_raw_one(j) for j in jobs]
        else:
            with ProcessPoolExecutor(2, mp_context=get_context("fork")) as pool:
                sizes = list(pool.map(_raw_one, jobs))
        return {"secondes": time.perf_counter() - start, "pdf": len(sizes)}
    processes = 1 if mode == "froid-1" else 2
    start = time.perf_counter()
    result = render_kits(checked.context, AUDIENCE, root / "site", processes=processes)
    seconds = time.perf_counter() - start
    return {"secondes": seconds, "pdf": len(result), "rendus": len(result.rendered), "cache": len(result.cached)}


# -- the driver ------------------------------------------------------------------------------


def _copy(src: Path, dest: Path) -> Path:
    for name in PROJECT_DIRS:
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name)
    return dest


def _run(mode: str, root: Path) -> dict[str, object]:
    cmd = ["/usr/bin/time", "-v", sys.executable, __file__, "--mesure", mode, str(root)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    data["memoire_mo"] = round(int(rss.group(1)) / 1024) if rss else None
    cpu = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr)
    data["cpu"] = sum(float(x) for x in cpu)  # whole process, imports and check included
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("racine", nargs="?", default=str(REPO))
    parser.add_argument("--repetitions", type=int, default=3, help="best of N runs (shared cores are noisy)")
    parser.add_argument("--mesure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mesure:
        print(json.dumps(measure(args.mesure, Path(args.racine))))
        return
    src = Path(args.racine)
    load = os.getloadavg()[0]
    runs: dict[str, list[dict[str, object]]] = {}
    for _ in range(args.repetitions):
        with tempfile.TemporaryDirectory(prefix="oep-kits-bench-") as tmp:
            # Interleaved, so that a burst of load from elsewhere does not hit one mode only.
            for mode in ("brut", "brut-pool", "froid-1"):
                runs.setdefault(mode, []).append(_run(mode, _copy(src, Path(tmp) / mode)))
            warm_root = _copy(src, Path(tmp) / "froid-2")
            runs.setdefault("froid-2", []).append(_run("froid-2", warm_root))
            runs.setdefault("chaud", []).append(_run("chaud", warm_root))
    results = {
        mode: {**min(rs, key=lambda r: float(r["secondes"])), "memoire_mo": max(r["memoire_mo"] or 0 for r in rs)}
        for mode, rs in runs.items()
    }
    print(_markdown(results, args.repetitions, load))


def _markdown(r: dict[str, dict[str, object]], repetitions: int, load: float) -> str:
    s = {k: float(v["secondes"]) for k, v in r.items()}  # type: ignore[arg-type]

    def row(mode: str, label: str, note: str, digits: int = 1) -> str:
        return f"| {label} | {s[mode]:.{digits}f} | {float(r[mode]['cpu']):.1f} | {r[mode]['memoire_mo']} | {note} |"

    lines = [
        f"Machine : {os.cpu_count()} cœurs partagés (charge moyenne au départ : {load:.1f}) ; "
        f"{r['froid-1']['pdf']} PDF (audience interne : tous les kits d'exemple et leurs éditions locales), "
        f"variante PDF/UA-1 ; meilleur temps de {repetitions} passes, mémoire : le maximum des passes. "
        "« CPU » : temps processeur du processus entier (imports et contrôle compris).",
        "",
        "| mesure | secondes | CPU (s) | mémoire max (Mo) | remarque |",
        "|---|---:|---:|---:|---|",
        row("brut", "WeasyPrint seul, en série (`brut`)", "le plancher"),
        row(
            "brut-pool", "WeasyPrint seul, 2 processus (`brut-pool`)", f"accélération {s['brut'] / s['brut-pool']:.2f}×"
        ),
        row(
            "froid-1",
            "`render_kits`, 1 processus, cache vide",
            f"surcoût {s['froid-1'] / s['brut']:.2f}× (cible ≤ 1,1×)",
        ),
        row(
            "froid-2",
            "`render_kits`, 2 processus, cache vide",
            f"accélération {s['froid-1'] / s['froid-2']:.2f}× (cible ≥ 1,5×)",
        ),
        row(
            "chaud",
            "`render_kits`, rien n'a changé",
            f"{100 * s['chaud'] / s['froid-2']:.1f} % du froid (cible ≤ 5 %), {r['chaud']['cache']} PDF du cache",
            2,
        ),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
