"""The typography pass gives the same text as its first, plainer version.

The protected spans are written for speed (branches that start with a fixed
character, one flat alternation) and the rules skip texts and lines that cannot
match: here the plain forms are kept as the reference.
"""

from __future__ import annotations

import dataclasses
import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from oep_build import typo
from oep_build.counting import URL_PROTECT_PATTERN
from oep_build.typo import (
    _AFTER,
    _BEFORE,
    _HTML,
    _MD_ATTRS,
    _MD_AUTOLINK,
    _MD_BLOCK_MARKER,
    _MD_BLOCK_TITLE,
    _MD_FENCE,
    _MD_FENCE_OPEN,
    _MD_LINK_DEST,
    _MD_PROTECT,
    _MD_REF_DEF,
    _PUA,
    _TEXT_PROTECT,
    _lint,
    _shield,
    _unshield,
    typographie,
    typographie_markdown,
)

NBSP, NNBSP = "\u00a0", "\u202f"

# -- the reference: spans each in its group, lookbehinds first, every rule on the whole text --

EMAIL = r"(?:mailto:|(?<![\w.+\-]))[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
CODE_SPAN = r"(?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)"
MENTION = r"(?<![\w@])@[\w.]+(?:@[\w\-]+(?:\.[\w\-]+)+)?"
HASHTAG = r"(?<![\w&/#])#(?=\w*[^\W\d_])\w+"
SHORTCODE = r"(?<![\w:]):[a-z0-9_+\-]+:(?![\w:])"
TEXT_SPANS = (_PUA, _HTML, CODE_SPAN, EMAIL, URL_PROTECT_PATTERN, MENTION, HASHTAG)
MD_SPANS = (
    _PUA,
    _MD_FENCE,
    _MD_FENCE_OPEN,
    _MD_BLOCK_MARKER,
    _HTML,
    CODE_SPAN,
    _MD_LINK_DEST,
    _MD_REF_DEF,
    _MD_AUTOLINK,
    _MD_ATTRS,
    SHORTCODE,
) + TEXT_SPANS[3:]


def compile_spans(spans: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in spans), re.IGNORECASE | re.DOTALL | re.MULTILINE)


TEXT_PROTECT = compile_spans(TEXT_SPANS)
MD_PROTECT = compile_spans(MD_SPANS)
MD_LINT_PROTECT = compile_spans((_MD_BLOCK_TITLE,) + MD_SPANS)

RULES = [
    (regex.compile(r"(?<!\.)\.\.\.(?!\.)"), "…"),
    (regex.compile(r"«[ \u00a0\u202f]*(?=\S)"), "«" + NNBSP),
    (regex.compile(r"(?<=\S)[ \u00a0\u202f]*»"), NNBSP + "»"),
    (regex.compile(rf"({_BEFORE})[ \u00a0\u202f]?([;!?])" + _AFTER), "\\1" + NNBSP + "\\2"),
    (regex.compile(rf"({_BEFORE})[ \u00a0\u202f]?:(?=$|\s)"), "\\1" + NBSP + ":"),
    (regex.compile(r"\b1(?:ère|ere|ière)(s?)\b"), "1re\\1"),
    (regex.compile(r"\b1ier(s?)\b"), "1er\\1"),
    (regex.compile(r"\b([2-9]|[1-9]\d+)(?:ème|eme|ième|è)(s?)\b"), "\\1e\\2"),
    (regex.compile(r"(?<=\b\d{1,2})[ \u202f]h\b"), NBSP + "h"),
    (regex.compile(r"(?<=\b\d{1,2}\u00a0h) (?=\d\d\b)"), NBSP),
]
# Markdown only: ordinals in superscript.
SUPERSCRIPT = regex.compile(r"\b(\d+)(er|re|e)(s?)\b|\b([IVX]+)(e)()\b")


def _sup(m: regex.Match[str]) -> str:
    number, suffix, plural = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), "")
    return f"{number}<sup>{suffix}{plural}</sup>"


def reference(text: str, pattern: re.Pattern[str]) -> str:
    shielded, kept = _shield(text, pattern)
    for rule, repl in RULES:
        shielded = rule.sub(repl, shielded)
    if pattern is MD_PROTECT:
        shielded = SUPERSCRIPT.sub(_sup, shielded)
    return _unshield(shielded, kept)


# -- texts made of the pieces the patterns care about ------------------------------------

PIECES = [
    "a", "Z", "mot", "é", "V", "XI", "h", "30", "e\u0301", "²", "1", "2", "12", "ème", "eme", "ière", "ère", "è", "er", "s", "ier",
    " ", "  ", NBSP, NNBSP, "\t", "\n", "\n\n", "\r",
    ".", "...", "....", ",", ":", ";", "!", "?", "«", "»", "(", ")", "[", "]", "{", "}", '"', "'", "’", "…",
    "*", "_", "~", "=", "-", "+", "/", "&", "#", "@", "`", "```", "~~~", "<", ">", "\ue000", "\uf8ff",
    "mailto:", "http://", "https://", "www.", "exemple.fr", "a@b.fr", "@jean", "#Tag", ":smile:",
    "!!! note", "=== ", "??? ", "<code>", "</code>", "<b>", "&amp;", "&#x41;", "<!--", "-->",
    "](", "[^1]:", "{: .x}", "{#id}", "<https://x.fr>",
    "jean@onestpret.fr", "bit.ly/x", "x.paris", "eau_2026.gouv.fr", "(b)",
]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def issues(found: list[typo.TypoIssue]) -> list[tuple[object, ...]]:
    return [dataclasses.astuple(i) for i in found]


@settings(max_examples=600, deadline=None)
@given(texts)
def test_spans_are_the_same(text: str) -> None:
    for fast, plain in ((_TEXT_PROTECT, TEXT_PROTECT), (_MD_PROTECT, MD_PROTECT), (typo._MD_LINT_PROTECT, MD_LINT_PROTECT)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(texts)
def test_typography_is_the_same(text: str) -> None:
    assert typographie(text) == reference(text, TEXT_PROTECT)
    assert typographie_markdown(text) == reference(text, MD_PROTECT)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_lint_is_the_same(text: str) -> None:
    assert issues(typo.lint_typographie(text)) == issues(_lint(text, TEXT_PROTECT))
    assert issues(typo.lint_typographie_markdown(text)) == issues(_lint(text, MD_LINT_PROTECT))
    for issue in typo.lint_typographie(text) + typo.lint_typographie_markdown(text):  # offsets in the source
        assert text[issue.offset : issue.offset + len(issue.found)] == issue.found


def test_examples() -> None:
    for text in [
        "Pourquoi ? Parce que !\nLe 3ème « essai »...\n1ère fois ; 2eme : fin",
        "Écrire à @jean-paul@mail.fr ou mailto:a@b.fr ; voir www.exemple.fr !",
        "Avant « x »\n»\n« \ny  »",
        "#Tag:smile: et :smile: ; `code ; ici` !",
    ]:
        assert typographie(text) == reference(text, TEXT_PROTECT)
        assert typographie_markdown(text) == reference(text, MD_PROTECT)


# -- long texts: the hostile shapes of benchmarks/text_scans_bench.py, for correctness --------
# (the time budget lives in the benchmark, not here: a timed unit test is flaky on a busy machine)

long_texts = st.tuples(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join),
    st.integers(min_value=200, max_value=3000),
    texts,
).map(lambda t: t[0] * t[1] + t[2])


@settings(max_examples=40, deadline=None)
@given(long_texts)
def test_long_texts_are_the_same(text: str) -> None:
    assert typographie(text) == reference(text, TEXT_PROTECT)
    assert typographie_markdown(text) == reference(text, MD_PROTECT)
    assert issues(typo.lint_typographie(text)) == issues(_lint(text, TEXT_PROTECT))


def test_hostile_shapes_keep_their_meaning() -> None:
    word = "a" * 40_000
    assert typographie(word) == word
    assert typographie(word + "@exemple.fr ; x") == word + "@exemple.fr" + NNBSP + "; x"
    assert typographie("`" * 40_000 + " ; x") == "`" * 40_000 + NNBSP + "; x"
    # an element left open protects the rest of the text, as a browser reads it
    assert typographie("<!-- a ; b" * 1000) == "<!-- a ; b" * 1000
    assert typographie("<code>a ; b" * 1000) == "<code>a ; b" * 1000
    assert typographie("x ; <code>a ; b") == "x" + NNBSP + "; <code>a ; b"
    assert typo.to_gsm7("a" + " " * 40_000 + "b »") == "a" + " " * 40_000 + 'b"'
