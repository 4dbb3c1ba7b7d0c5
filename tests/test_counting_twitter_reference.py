"""X counting against an independent implementation of twitter-text (PyPI twitter-text-parser),
on a generated corpus of French posts with links — with and without https://, on short and
recent top-level domains (bit.ly, t.co, .paris, .bzh…) — and look-alikes that are not links."""

from __future__ import annotations

import random

import pytest
import twitter_text

from oep_build.counting import find_urls, x_weight

WORDS = ["Signez", "la", "pétition", "contre", "loi", "Duplomb", "l’eau", "bien", "commun", "réunion", "à",
         "Lyon", "18h30", "etc.", "p.", "ex.", "n°3", "«", "»", "—", "2026", "#StopDuplomb", "@onestpret"]
TLDS = ["fr", "com", "org", "ly", "co", "in", "paris", "bzh", "eu", "info", "io", "gouv.fr", "app", "xyz",
        "museum", "travel", "corsica", "alsace", "bretagne", "re", "ca"]
NOT_TLDS = ["le", "txt", "pdf", "docx", "invalidtld", "h30", "x1"]
LABELS = ["bit", "t", "ow", "lnkd", "onestpret", "mairie", "ville-lyon", "a", "x", "petition", "eau_2026", "stop"]
PATHS = ["", "/", "/x", "/agir", "/abc123", "/p/1?utm=x", "/a-b_c.html", "/#top", "/voir.", "/(x)"]
TAILS = ["", ".", ",", " !", " ?", ")", "…", " :", ";"]


def _link(rng: random.Random) -> str:
    labels = ".".join(rng.choice(LABELS) for _ in range(rng.choice([1, 1, 1, 2])))
    tld = rng.choice(TLDS) if rng.random() < 0.85 else rng.choice(NOT_TLDS)
    proto = rng.choice(["", "", "", "https://", "http://", "www."])
    return proto + f"{labels}.{tld}" + rng.choice(PATHS) + rng.choice(TAILS)


def _post(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        parts.append(_link(rng) if rng.random() < 0.3 else rng.choice(WORDS))
    return " ".join(parts)


CORPUS = [_post(random.Random(seed)) for seed in range(1500)] + [
    "bit.ly/x", "t.co/abc", "ow.ly/Ab1", "lnkd.in/dEf", "mairie.paris", "breizh.bzh/agir",
    "Rendez-vous sur onestpret.fr/agir.", "etc.Le texte", "(voir https://x.com/a)", "voir bit.ly",
]


@pytest.mark.parametrize("start", range(0, len(CORPUS), 250))
def test_x_weight_matches_twitter_text(start: int) -> None:
    mismatches = []
    for text in CORPUS[start : start + 250]:
        expected = twitter_text.parse_tweet(text).weightedLength
        if x_weight(text) != expected:
            mismatches.append((text, x_weight(text), expected, [u.text for u in find_urls(text)]))
    assert not mismatches, mismatches[:10]


def test_the_corpus_has_bare_links_on_short_and_recent_domains() -> None:
    """The corpus is not trivially passing: it holds the links the issue was about."""
    found = {u.text for text in CORPUS for u in find_urls(text)}
    for link in ("bit.ly/x", "t.co/abc", "ow.ly/Ab1", "lnkd.in/dEf", "mairie.paris", "breizh.bzh/agir"):
        assert link in found
    assert sum(1 for text in CORPUS if find_urls(text)) > 300
    assert x_weight("bit.ly/x") == 23
