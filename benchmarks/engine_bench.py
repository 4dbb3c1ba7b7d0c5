"""Benchmark: the two engines side by side, ``oep serve`` edit-to-visible latency, national scale.

Usage::

    python benchmarks/engine_bench.py moteurs 100 500     # mkdocs build, zensical build, oep build with each
    python benchmarks/engine_bench.py apercu 500          # oep serve: save -> page rewritten, per engine
    python benchmarks/engine_bench.py apercu 500 --moteur mkdocs --code /tmp/avant   # one engine, other code
    python benchmarks/engine_bench.py echelle 1 2 4       # national-sized project at 1x, 2x, 4x

Projects come from ``site_bench.make_project`` (the example's content plus N
generated campaigns); ``echelle`` adds, per factor 1, 300 committees, 5 000
events spread over every département and 2 000 posts across 500 campaigns.
Each measure is one untimed run then ``--fois`` timed runs (default 1: the
machine is shared), under ``/usr/bin/time -v`` (wall time, peak memory).
Prints Markdown tables for BENCHMARKS.md. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_bench import _write, bench_env, make_project, timed

from oep_build.departements import SUBDIVISIONS

REPO = Path(__file__).resolve().parent.parent


def _oep(*args: str) -> list[str]:
    return [sys.executable, "-m", "oep_build", *args]


def _best(cmd: list[str], cwd: Path, env: dict[str, str], times: int, warm: bool = True) -> tuple[float, float, int]:
    """Best wall time, best CPU time (user + system, children included) and peak memory of ``cmd``.

    On a shared machine the wall time depends on the other users' load; the CPU
    time much less: both are reported. ``warm``: one untimed run first.
    """
    if warm:
        timed(cmd, cwd, env)
    runs = []
    for _ in range(times):
        wall, rss, cpu, _ = timed(cmd, cwd, env)
        runs.append((wall, cpu, rss))
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def _cell(r: tuple[float, float, int]) -> str:
    return f"{r[0]:.1f} s ({r[1]:.1f} s CPU), {r[2]} Mio"


def engines(sizes: list[int], base: Path, times: int) -> None:
    env = {**bench_env(base), "PYTHONPATH": str(REPO)}
    print("| campagnes | mkdocs build | zensical build | oep build (mkdocs) | oep build (zensical) | surcoût oep / mkdocs | surcoût oep / zensical |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        root = make_project(base / f"moteurs-{n}", n)
        row = {}
        for engine in ("mkdocs", "zensical"):
            row[f"oep-{engine}"] = _best(_oep("build", ".", "--sans-kits", "--moteur", engine), root, env, times)
        # The engines alone, on the docs and configs oep generated above.
        row["mkdocs"] = _best([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs-public.yml"], root, env, times)
        row["zensical"] = _best([sys.executable, "-m", "zensical", "build", "-f", "build/zensical-public.yml"], root, env, times)
        cell = {k: _cell(r) for k, r in row.items()}
        print(
            f"| {n} | {cell['mkdocs']} | {cell['zensical']} | {cell['oep-mkdocs']} | {cell['oep-zensical']} "
            f"| {row['oep-mkdocs'][0] / row['mkdocs'][0]:.2f}× ({row['oep-mkdocs'][1] / row['mkdocs'][1]:.2f}× CPU) "
            f"| {row['oep-zensical'][0] / row['zensical'][0]:.2f}× ({row['oep-zensical'][1] / row['zensical'][1]:.2f}× CPU) |",
            flush=True,
        )


def preview(sizes: list[int], base: Path, edits: int, engines: tuple[str, ...], code: Path) -> None:
    """Start ``oep serve``, open a campaign page in Chromium, save the campaign file ``edits`` times.

    Each time: from the write to the moment the new text is in the page shown
    by the browser (the preview's live reload included). The campaign edited is the
    first one: its summary is on its page, on the home page, in the campaigns index
    and in the search index, the most a campaign's summary can change.
    """
    from playwright.sync_api import sync_playwright

    env = {**bench_env(base), "PYTHONPATH": str(code)}
    print(f"code : {code} ; charge au début : {_load()}")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    print("| campagnes | moteur | médiane | p90 | pire | CPU du serveur par modification (médiane) |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        for k, engine in enumerate(engines):
            root = make_project(base / f"apercu-{n}-{engine}", n)
            port = 8700 + k + n % 50
            proc = subprocess.Popen(
                _oep("serve", ".", "--sans-kits", "--moteur", engine, "--adresse", f"127.0.0.1:{port}"),
                cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            try:
                _wait_for_url(f"http://127.0.0.1:{port}/campagnes/campagne-001/", "Campagne de test numéro 1", 1800)
                time.sleep(2)
                source = root / "campaigns" / "campagne-001" / "campagne.yml"
                text = source.read_text(encoding="utf-8")
                seen, cpu = [], []
                with sync_playwright() as pw:
                    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
                    page = browser.new_page()
                    page.goto(f"http://127.0.0.1:{port}/campagnes/campagne-001/", timeout=120_000)
                    for e in range(edits):
                        marker = f"Repère{e}x{n}"
                        start, ticks = time.perf_counter(), _cpu_ticks(proc.pid)
                        source.write_text(text.replace("Une campagne générée", f"{marker} Une campagne générée", 1), encoding="utf-8")
                        page.wait_for_function(
                            "m => document.body && document.body.innerText.includes(m)", arg=marker, timeout=300_000, polling=20
                        )
                        seen.append(time.perf_counter() - start)
                        cpu.append((_cpu_ticks(proc.pid) - ticks) / os.sysconf("SC_CLK_TCK"))
                        time.sleep(1)
                    browser.close()
            finally:
                proc.terminate()
                proc.wait(timeout=30)
            seen.sort()
            p90 = seen[min(len(seen) - 1, round(0.9 * (len(seen) - 1)))]
            print(
                f"| {n} | {engine} | {statistics.median(seen):.2f} s | {p90:.2f} s | {seen[-1]:.2f} s "
                f"| {statistics.median(cpu):.2f} s |",
                flush=True,
            )
            print(f"  CPU par modification : {' '.join(f'{c:.2f}' for c in cpu)} ; charge : {_load()}", flush=True)


def _load() -> str:
    """The load average (1, 5, 15 min) of the machine: the other users' share of the cores."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _cpu_ticks(pid: int) -> int:
    """User + system clock ticks of process ``pid`` (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _wait_for_url(url: str, text: str, timeout: float) -> None:
    import urllib.request

    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                if text in r.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} n'a pas montré « {text} » en {timeout} s")


def national(dest: Path, factor: float) -> Path:
    """500·f campaigns, 300·f committees, 5 000·f events over every département, 2 000·f posts."""
    campaigns, committees = int(500 * factor), int(300 * factor)
    root = make_project(dest, campaigns)
    deps = [c for c in SUBDIVISIONS if c[:2].isdigit() and len(c) == 2 or c in ("2A", "2B") or c[:2] == "97"]  # the 101 départements
    for c in range(committees):
        dep = deps[c % len(deps)]
        _write(
            root / "content" / "comites" / f"comite-{c:04d}.yml",
            f"""
            nom: Comité numéro {c}
            commune: Commune {c}
            departement: "{dep}"
            contact_public:
              type: email
              valeur: comite-{c}@onestpret.example.org
            statut: publie
            visibilite: public
            valide_par: theo-g
            valide_le: 2025-07-25
            """,
        )
    lifecycle = "statut: publie\nvisibilite: public\nvalide_par: nadia-k\nvalide_le: 2026-01-10\n"
    for e in range(int(5000 * factor) - campaigns):  # make_project already wrote one event per campaign
        cid = f"campagne-{1 + e % campaigns:03d}"
        dep = deps[e % len(deps)]
        day = 1 + e % 28
        _write(
            root / "campaigns" / cid / "evenements" / f"evenement-{e:05d}.yml",
            f"""
            type: reunion
            titre: Réunion numéro {e}
            debut: "2027-02-{day:02d} 18:00"
            fin: "2027-02-{day:02d} 20:00"
            lieu:
              nom: Salle {e}
              commune: Commune {e}
              departement: "{dep}"
            organisateur:
              comite: comite-{e % committees:04d}
            approbation: approuve
            """ + lifecycle.replace("\n", "\n            "),
        )
    for p in range(int(2000 * factor) - campaigns):
        cid = f"campagne-{1 + p % campaigns:03d}"
        _write(
            root / "campaigns" / cid / "posts" / f"post-{p:05d}.yml",
            f"""
            titre: Message numéro {p}
            responsable: amina-b
            edl: edl-{cid}
            lien: https://onestpret.example.org/campagnes/{cid}/
            declinaisons:
              x: "Message {p} : rejoignez-nous. {{lien}}"
              mastodon: "Message {p} : rejoignez-nous. {{lien}}"
            """ + lifecycle.replace("\n", "\n            "),
        )
    return root


def scale(factors: list[float], base: Path, times: int) -> None:
    env = {**bench_env(base), "PYTHONPATH": str(REPO)}
    print("| facteur | campagnes / événements | oep check | oep build --sans-kits | oep build (kits, chaud) | index de recherche (gzip) |")
    print("|---|---|---|---|---|---|")
    for f in factors:
        root = national(base / f"national-{f}", f)
        check = _best(_oep("check", "."), root, env, times, warm=False)
        sans = _best(_oep("build", ".", "--sans-kits"), root, env, times, warm=False)
        kits = _best(_oep("build", "."), root, env, times)  # the untimed run fills the kit cache: warm
        index = root / "site" / "search" / "search_index.json"
        size = len(subprocess.run(["gzip", "-c", str(index)], capture_output=True, check=True).stdout)
        raw = index.stat().st_size
        print(
            f"| {f:g}× | {int(500 * f)} / {int(5000 * f)} | {_cell(check)} | {_cell(sans)} | {_cell(kits)} "
            f"| {size / 1024:.0f} Kio ({raw / 1024:.0f} Kio non compressé) |",
            flush=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> None:
    times = 1
    what_is_scale = bool(argv) and argv[0] == "echelle"
    if "--fois" in argv:
        i = argv.index("--fois")
        times = int(argv[i + 1])
        del argv[i : i + 2]
    engines_ = ("mkdocs", "zensical")
    if "--moteur" in argv:
        i = argv.index("--moteur")
        engines_ = (argv[i + 1],)
        del argv[i : i + 2]
    code = REPO
    if "--code" in argv:  # measure another checkout of oep_build (the code before a change)
        i = argv.index("--code")
        code = Path(argv[i + 1]).resolve()
        del argv[i : i + 2]
    what, sizes = argv[0], [float(a) if what_is_scale else int(a) for a in argv[1:]]
    with tempfile.TemporaryDirectory(prefix="oep-engine-bench-") as tmp:
        base = Path(tmp)
        if what == "moteurs":
            engines(sizes or [100, 500], base, times)
        elif what == "apercu":
            preview(sizes or [500], base, 10, engines_, code)
        elif what == "echelle":
            scale(sizes or [1, 2, 4], base, times)
        else:
            raise SystemExit(__doc__)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    main(sys.argv[1:])
