"""Benchmark: ``oep build --sans-kits`` against plain ``mkdocs build`` on the same generated docs.

Usage::

    python benchmarks/site_bench.py            # 10, 100 and 500 campaigns
    python benchmarks/site_bench.py 10 50      # chosen sizes
    python benchmarks/site_bench.py --etapes 500   # + time spent in each stage of oep build

For each size, a synthetic project is generated in a temporary folder (the
example's content/, mkdocs.yml and overrides/, plus N generated public
campaigns, each with an EDL, a post, an event and two temps forts), then:

1. ``oep build --sans-kits`` (check, feeds, pages, MkDocs, swap) under
   ``/usr/bin/time -v``;
2. ``mkdocs build -f build/mkdocs-public.yml`` on the docs the first step
   generated, under ``/usr/bin/time -v``;
3. ``oep build --sans-kits`` again, each time with an empty cache folder (``OEP_CACHE``) and temporary folder,
   so without the compiled-template cache (a first build on a new machine);

Each command runs once untimed, then five times, the
commands taking turns: the best wall time counts; the peak memory is the
largest. Both tools run with their Python bytecode compiled and cached (see
:func:`bench_env`).

Prints a Markdown table (wall time, peak memory, ratio) for BENCHMARKS.md.
Not a test: timings depend on the machine. Run it on an idle machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
SIZES = (10, 100, 500)


def make_project(dest: Path, n: int) -> Path:
    """A project with the example's settings and ``n`` generated public campaigns."""
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copytree(REPO / "overrides", dest / "overrides")
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "kits").mkdir()
    for i in range(1, n + 1):
        _write_campaign(dest / "campaigns" / f"campagne-{i:03d}", i)
    return dest


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def _write_campaign(folder: Path, i: int) -> None:
    cid = folder.name
    lifecycle = "statut: publie\nvisibilite: public\nvalide_par: nadia-k\nvalide_le: 2026-01-10\n"
    _write(
        folder / "campagne.yml",
        f"""
        titre: "Campagne de test numéro {i}"
        {lifecycle.replace(chr(10), chr(10) + '        ')}debut: 2026-10-01
        fin: 2027-06-30
        pilote: camille-r
        resume: Une campagne générée pour mesurer le temps de construction du site, avec un résumé de deux phrases. Elle n'existe pas.
        demande: Que le site se construise vite.
        cibles:
          - assemblee-nationale
        messages_cles:
          - id: message-{i}
            texte: Chaque page compte, et chaque milliseconde aussi.
        temps_forts:
          - id: lancement-{i}
            date: 2026-12-05
            titre: Lancement de la campagne {i}
          - id: temps-fort-{i}
            date: 2027-02-06
            titre: Journée d'action de la campagne {i}
        """,
    )
    _write(
        folder / "edl" / f"edl-{cid}.md",
        f"""
        ---
        titre: "Éléments de langage de la campagne {i}"
        {lifecycle.replace(chr(10), chr(10) + '        ')}responsable: camille-r
        mis_a_jour_le: 2026-11-20
        a_ne_pas_dire:
          - Une phrase à éviter.
        ---

        ## En une phrase

        Une campagne générée pour le banc d'essai, numéro {i}.

        ## Ce qui est en jeu

        Des pages nombreuses et un site qui reste rapide à construire.
        """,
    )
    _write(
        folder / "posts" / f"post-{cid}.yml",
        f"""
        titre: Annonce de la campagne {i}
        {lifecycle.replace(chr(10), chr(10) + '        ')}responsable: amina-b
        edl: edl-{cid}
        lien: https://onestpret.example.org/campagnes/{cid}/?utm_source={{canal}}
        declinaisons:
          x: "La campagne {i} commence. Tout savoir : {{lien}}"
          bluesky: "La campagne {i} commence : rejoignez-nous. {{lien}}"
          mastodon: "La campagne {i} commence : rejoignez-nous. {{lien}}"
        """,
    )
    _write(
        folder / "evenements" / f"reunion-{cid}.yml",
        f"""
        type: reunion
        titre: Réunion publique de la campagne {i}
        debut: "2027-01-{2 + i % 27:02d} 18:00"
        fin: "2027-01-{2 + i % 27:02d} 20:00"
        lieu:
          nom: Salle des fêtes
          commune: Lyon
          departement: "69"
          code_postal: "69003"
        organisateur:
          comite: lyon
        approbation: approuve
        temps_fort: temps-fort-{i}
        {lifecycle.replace(chr(10), chr(10) + '        ')}
        """,
    )


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, float, str]:
    """Run ``cmd`` under /usr/bin/time -v: (wall seconds, peak RSS in MiB, CPU seconds, stderr).

    CPU time (user + system) is what the command itself costs, whatever else the
    machine runs: on a shared machine it is the figure to compare.
    """
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"échec de {' '.join(cmd)} :\n{proc.stdout}\n{proc.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", proc.stderr)
    h, m, s = (float(x) if x else 0.0 for x in wall.groups())
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", proc.stderr).group(1)) for kind in ("User", "System"))
    return h * 3600 + m * 60 + s, rss // 1024, cpu, proc.stderr


def repeats(n: int) -> int:
    """Timed runs per measure (five: the host's noise moved a best of three by ±5 %)."""
    return 5


def measure(
    runs: dict[str, tuple[list[str], dict[str, str], Path | None]], cwd: Path, times: int
) -> dict[str, tuple[float, int, float]]:
    """Best wall time, largest peak memory and least CPU time of each command, runs interleaved.

    Every command first runs once untimed; then the commands take turns, so a
    burst of load on the shared machine hits them alike. A command given a
    folder gets a new empty temporary folder (``TMPDIR``) and a new empty cache
    folder (``OEP_CACHE``) for every run, hence no compiled-template cache: what a
    first build on a new machine costs.
    """
    for cmd, env, _ in runs.values():
        timed(cmd, cwd, env)
    seen: dict[str, list[tuple[float, int, float]]] = {name: [] for name in runs}
    for k in range(times):
        for name, (cmd, env, fresh_tmp) in runs.items():
            if fresh_tmp is not None:
                tmp = fresh_tmp / f"{name}-{k}"
                tmp.mkdir(parents=True)
                env = {**env, "TMPDIR": str(tmp), "OEP_CACHE": str(tmp / "caches")}
            seen[name].append(timed(cmd, cwd, env)[:3])
    return {name: (min(r[0] for r in rs), max(r[1] for r in rs), min(r[2] for r in rs)) for name, rs in seen.items()}


def bench_env(base: Path) -> dict[str, str]:
    """The same conditions for both tools: bytecode compiled and kept for every module.

    Without it, a PYTHONDONTWRITEBYTECODE environment (this sandbox sets it) makes
    oep_build, installed editable, compile its sources on every run, while the
    engines, installed by pip, come precompiled.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        OEP_TODAY=TODAY,
        SOURCE_DATE_EPOCH="1795000000",
        NO_MKDOCS_2_WARNING="1",
        PYTHONPYCACHEPREFIX=str(base / "pycache"),
        OEP_CACHE=str(base / "caches"),  # oep's caches beside the projects, not in the user's
    )
    return env


def bench(n: int, base: Path) -> dict[str, float]:
    root = make_project(base / f"projet-{n}", n)
    env = bench_env(base)
    oep = [sys.executable, "-m", "oep_build", "build", ".", "--sans-kits"]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs-public.yml", "-d", str(root / "site-mkdocs")]
    best = measure(
        {  # oep first: its untimed run writes the docs and config plain MkDocs builds
            "oep": (oep, env, None),
            "mkdocs": (mkdocs, env, None),
            "cold": (oep, env, base / f"tmp-{n}"),
        },
        root,
        repeats(n),
    )
    return {
        "n": n,
        "pages": sum(1 for _ in (root / "build" / "docs-public").rglob("*.md")),
        "oep_s": best["oep"][0],
        "oep_mb": max(best[k][1] for k in ("oep", "cold")),
        "mk_s": best["mkdocs"][0],
        "mk_mb": best["mkdocs"][1],
        "cold_s": best["cold"][0],
        "oep_cpu": best["oep"][2],
        "mk_cpu": best["mkdocs"][2],
        "cold_cpu": best["cold"][2],
    }


_STAGES_SCRIPT = """
import datetime, sys, time
t0 = time.perf_counter()
from oep_build.build import build
marks = [("import", time.perf_counter())]
build(".", today=datetime.date.fromisoformat(sys.argv[1]), kits=False,
      progress=lambda stage: marks.append((stage, time.perf_counter())))
marks.append(("fin", time.perf_counter()))
names = [m[0] for m in marks]
times = [m[1] for m in marks]
spans = [("import", times[0] - t0)] + [(names[i], times[i + 1] - times[i]) for i in range(1, len(marks) - 1)]
print(" · ".join(f"{n} {s:.2f} s" for n, s in spans))
"""


def stage_times(n: int, base: Path) -> str:
    """Seconds spent in each stage of one in-process ``build()`` (a warm run)."""
    root = base / f"projet-{n}"
    env = bench_env(base)
    proc = subprocess.run(
        [sys.executable, "-c", _STAGES_SCRIPT, TODAY], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    return proc.stdout.strip() or proc.stderr.strip()


def main(argv: list[str]) -> None:
    stages = "--etapes" in argv
    sizes = [int(a) for a in argv if a != "--etapes"] or list(SIZES)
    rows = []
    with tempfile.TemporaryDirectory(prefix="oep-bench-") as tmp:
        for n in sizes:
            row = bench(n, Path(tmp))
            rows.append(row)
            print(f"{n} campagnes : oep {row['oep_s']:.2f} s, mkdocs {row['mk_s']:.2f} s", file=sys.stderr)
            if stages:
                print(f"{n} campagnes, étapes : {stage_times(n, Path(tmp))}", file=sys.stderr)
    print(
        "| campagnes | pages | mkdocs build | oep build --sans-kits | ratio | premier build (caches vides) | ratio"
        " | mémoire oep | mémoire mkdocs |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        cells = [f"{r['n']}", f"{r['pages']}", f"{r['mk_s']:.2f} s ({r['mk_cpu']:.2f} s CPU)"]
        for key in ("oep", "cold"):
            wall, cpu = r[f"{key}_s"], r[f"{key}_cpu"]
            cells += [f"{wall:.2f} s ({cpu:.2f} s CPU)", f"{wall / r['mk_s']:.2f} ({cpu / r['mk_cpu']:.2f} CPU)"]
        cells += [f"{r['oep_mb']} Mio", f"{r['mk_mb']} Mio"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
