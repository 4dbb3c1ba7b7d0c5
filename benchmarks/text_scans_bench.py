"""Benchmark of the text scans on hostile inputs (not a test): ``python benchmarks/text_scans_bench.py``.

Every scan that content reaches — typography (plain text and Markdown), its
lint, GSM-7 transliteration, counting per network, links, hashtags and the
personal-data scan — runs on texts built to make a backtracking regular
expression take quadratic time (one 40 000-letter word, long runs of
backticks, spaces, digits, unclosed « <!-- » or « <code> »…), at size N and
2 N. A linear scan takes about twice as long on the double size; a quadratic
one four times as long.

Budget (issue 12): every scan of a 40 000-character text under 0.5 s — 3 s for
the personal-data scan, where phonenumbers validates every digit group that could
be a number (about 0.5 ms each; the hostile texts hold thousands) — and the time
ratio between 2 N and N under 3 (checked from 50 ms on: below, it is noise on a
busy machine). Times are the best of three runs. Exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oep_build import typo  # noqa: E402
from oep_build.checks.personal_data import find_personal_data  # noqa: E402
from oep_build.counting import count_sms, find_hashtags, find_urls, grapheme_count, x_weight  # noqa: E402

N = 40_000
BUDGET_S = 0.5
BUDGET_BY_SCAN = {"donnees_personnelles": 3.0}
MAX_RATIO = 3.0

# name -> text of about n characters
HOSTILE: dict[str, Callable[[int], str]] = {
    "mot": lambda n: "a" * n,
    "mot-tirets": lambda n: "a-" * (n // 2),
    "mot-points": lambda n: "a." * (n // 2),
    "lien-points": lambda n: "https://" + "a." * (n // 2),
    "mot-soulignes": lambda n: "a_" * (n // 2),
    "chiffres": lambda n: "1" * n,
    "espaces": lambda n: "a" + " " * n + "b",
    "backticks": lambda n: "`" * n,
    "backticks-a": lambda n: "`a" * (n // 2),
    "commentaires": lambda n: "<!--" * (n // 4),
    "code-ouverts": lambda n: "<code>" * (n // 6),
    "crochets": lambda n: "](x " * (n // 4),
    "accolades": lambda n: "{ " * (n // 2),
    "arobases": lambda n: "a@" * (n // 2),
    "dieses": lambda n: "#1" * (n // 2),
    "urls-dieses": lambda n: "x.fr #a " * (n // 8),
    "guillemets": lambda n: '" ' * (n // 2),
    "deux-points": lambda n: ":a" * (n // 2),
    "fences": lambda n: "```a\n" * (n // 5),
    "lignes-vides": lambda n: "\n" * n,
    "telephones": lambda n: "01 23 45 67 8 " * (n // 14),
}

SCANS: dict[str, Callable[[str], object]] = {
    "typographie": typo.typographie,
    "typographie_markdown": typo.typographie_markdown,
    "lint_typographie": typo.lint_typographie,
    "lint_typographie_markdown": typo.lint_typographie_markdown,
    "to_gsm7": typo.to_gsm7,
    "find_urls": find_urls,
    "find_hashtags": find_hashtags,
    "x_weight": x_weight,
    "grapheme_count": grapheme_count,
    "count_sms": count_sms,
    "donnees_personnelles": lambda t: list(find_personal_data(t, set(), set(), ("onestpret.fr",))),
}


def _time(scan: Callable[[str], object], text: str, runs: int = 3) -> float:
    """Best of ``runs``: the machine may be busy with something else."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        scan(text)
        best = min(best, time.perf_counter() - start)
        if best > 1.0:
            break  # clearly over: no need to wait for more runs
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=N, help="taille des textes (défaut : %(default)s)")
    parser.add_argument("--scan", action="append", help="seulement ce contrôle (répétable)")
    parser.add_argument("--texte", action="append", help="seulement ce texte hostile (répétable)")
    args = parser.parse_args()
    failures = []
    print(f"| contrôle | texte | {args.n} car. (s) | × 2 (s) | rapport |\n|---|---|---|---|---|")
    for name, scan in SCANS.items():
        if args.scan and name not in args.scan:
            continue
        for kind, make in HOSTILE.items():
            if args.texte and kind not in args.texte:
                continue
            small = _time(scan, make(args.n))
            big = _time(scan, make(2 * args.n))
            ratio = big / small if small > 0.05 else 2.0  # below 50 ms the ratio is noise
            budget = BUDGET_BY_SCAN.get(name, BUDGET_S) * args.n / N
            flag = ""
            if small > budget or ratio > MAX_RATIO:
                flag = " ⚠"
                failures.append(f"{name} / {kind}")
            print(f"| {name} | {kind} | {small:.3f} | {big:.3f} | {ratio:.1f}{flag} |", flush=True)
    if failures:
        print("\nHors budget : " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
