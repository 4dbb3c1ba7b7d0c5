"""French typography for what we render, GSM-7 transliteration for SMS, and a lint.

``typographie`` is applied when rendering the site and the PDFs: narrow
no-break space (U+202F) before ; ! ? and inside « », no-break space (U+00A0)
before :, « … » for "...", ordinals written 1er, 1re, 2e. It never touches
code, URLs, e-mail addresses, hashtags, mentions, HTML tags or entities: those
spans are swapped for placeholders, the rules run on what is left, and the
spans are put back byte for byte.

``to_gsm7`` turns a text into the GSM-7 alphabet for SMS, so that one curly
apostrophe does not switch a whole message to UCS-2 (70 characters instead of 160).

``lint_typographie`` finds, in a source text, what staff should fix by hand.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate

import regex

from .counting import GSM7_BASIC, GSM7_EXTENSION, URL_PROTECT_PATTERN

__all__ = [
    "NBSP",
    "NNBSP",
    "TypoIssue",
    "exposants",
    "lint_typographie",
    "lint_typographie_markdown",
    "to_gsm7",
    "typographie",
    "typographie_markdown",
]

NBSP = "\u00a0"
NNBSP = "\u202f"

# -- protected spans ---------------------------------------------------------

# Written so that most branches of the alternation start with a fixed character or
# class, which lets the regular expression engine drop them at once where it is
# absent: the lookbehind comes after the first character it guards (@(?<![\w@]@):
# an « @ » not preceded by a letter or « @ »; `(?<!``): a backtick not preceded by
# one; [\w.+\-](?<![\w.+\-].): the first character of an address, not preceded by
# another) and « mailto: » is a branch of its own. Same matches as the plain forms
# (?<![\w@])@…, (?<!`)`+…, (?:mailto:)?… (tests/test_typo_reference.py compares them).
#
# Every scan is linear in the length of the text (benchmarks/text_scans_bench.py):
# a branch that runs over a word, a run of backticks or the rest of the text
# starts only where that run starts (the lookbehinds), and an element left open
# (« <!-- », « <code> ») runs to the end of the text instead of being looked for
# again from each later opening.
_AT_DOMAIN = r"@[\w\-]+(?:\.[\w\-]+)+"
_ADDRESS = rf"[\w.+\-]+{_AT_DOMAIN}"
_EMAIL = rf"mailto:{_ADDRESS}|[\w.+\-](?<![\w.+\-].)[\w.+\-]*{_AT_DOMAIN}"
_MENTION = r"@(?<![\w@]@)[\w.]+(?:@[\w\-]+(?:\.[\w\-]+)+)?"
_HASHTAG = r"#(?<![\w&/#]#)(?=\w*[^\W\d_])\w+"
_HTML = (
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<tag>pre|code|kbd|samp|script|style|svg|math)\b[^>]*>.*?(?:</(?P=tag)\s*>|\Z)"
    r"|</?[A-Za-z][\w:\-]*(?:\s[^<>]*)?/?>"
    r"|&(?:#\d+|#x[0-9A-Fa-f]+|\w+);"
)
_CODE_SPAN = r"(?P<ticks>`(?<!``)`*)(?!`).*?(?<!`)(?P=ticks)(?!`)"
_PUA = r"[\ue000-\uf8ff]"
# (the links, URL_PROTECT_PATTERN, come between _EMAIL and _MENTION: see _Protect)
_TEXT_SPANS = (_PUA, _HTML, _CODE_SPAN, _EMAIL, _MENTION, _HASHTAG)

# In Markdown, on top of the above: fenced code blocks, link destinations,
# reference definitions, autolinks, attribute lists, emoji shortcodes and the
# marker of admonitions and tabs (``!!! note "Titre"``, ``=== "Onglet"``).
_MD_FENCE = r"^[ \t]{0,3}(?P<fence>`{3,}+|~{3,}+)[^\n]*\n(?:.*?\n)??[ \t]{0,3}(?P=fence)[`~]*[ \t]*(?:\n|\Z)"
_MD_FENCE_OPEN = r"^[ \t]{0,3}(?:`{3,}|~{3,}).*\Z"  # an unclosed fence runs to the end
_MD_LINK_DEST = r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
_MD_REF_DEF = r"^[ \t]{0,3}\*?\[[^\]\n]+\]:[^\n]*"
_MD_AUTOLINK = r"<(?:[a-z][a-z0-9+.\-]*:[^\s<>]*|[\w.+\-]+@[\w\-.]+)>"
_MD_ATTRS = r"\{[:#.][^{}\n]*\}|\{\s*[.#][^{}\n]*\}"
_MD_SHORTCODE = r":(?<![\w:]:)[a-z0-9_+\-]+:(?![\w:])"
_MD_BLOCK_MARKER = r"^[ \t]*(?:!!!|\?\?\?\+?|===\+?)(?:[ \t]+[\w\-]+)*"
_MD_BLOCK_TITLE = r"^[ \t]*(?:!!!|\?\?\?\+?|===\+?)[^\n]*"  # the lint skips the quoted title too
_MD_SPANS = (
    _PUA,
    _MD_FENCE,
    _MD_FENCE_OPEN,
    _MD_BLOCK_MARKER,
    _HTML,
    _CODE_SPAN,
    _MD_LINK_DEST,
    _MD_REF_DEF,
    _MD_AUTOLINK,
    _MD_ATTRS,
    _MD_SHORTCODE,
) + _TEXT_SPANS[3:]


def _compile(spans: tuple[str, ...] | str) -> re.Pattern[str]:
    # stdlib re: same matches on these patterns, about 2.5 times faster than regex
    # on the long alternation (the typography pass runs over every page). The spans
    # are joined as they are, not each in a group: one flat alternation, whose
    # branches the engine can skip on their first character (same matches, in the
    # same order of preference).
    pattern = spans if isinstance(spans, str) else "|".join(spans)
    return re.compile(pattern, re.IGNORECASE | re.DOTALL | re.MULTILINE)


_LINKS = _compile(URL_PROTECT_PATTERN)


class _Protect:
    """The flat alternation of ``spans`` with the links, as two patterns scanned side by side.

    Only the links pattern carries the list of top-level domains (1 400 names, about
    18 ms for the compiler): one copy serves the three alternations below. The matches
    are those of the one flat alternation (tests/test_typo_reference.py compares them):
    a link can only start where the other spans cannot, except an e-mail address, which
    comes first in the alternation; so at equal starts the other spans win.
    """

    def __init__(self, spans: tuple[str, ...]) -> None:
        self.spans = _compile(spans)
        # E-mail addresses and mentions are tried at every word (a costly branch: a
        # third of the scan of a page) and hold an « @ »: without one, they are left out.
        self.spans_without_at = _compile(tuple(s for s in spans if s not in (_EMAIL, _MENTION)))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        spans = self.spans if "@" in text else self.spans_without_at
        span, link = spans.search(text), _LINKS.search(text)
        while span or link:
            m = link if span is None or (link is not None and link.start() < span.start()) else span
            assert m is not None
            yield m
            pos = max(m.end(), m.start() + 1)
            # a match found further on is still the first one from ``pos``: no search again
            if span is not None and span.start() < pos:
                span = spans.search(text, pos)
            if link is not None and link.start() < pos:
                link = _LINKS.search(text, pos)


_TEXT_PROTECT = _Protect(_TEXT_SPANS)
_MD_PROTECT = _Protect(_MD_SPANS)
_MD_LINT_PROTECT = _Protect((_MD_BLOCK_TITLE,) + _MD_SPANS)

# A protected span becomes one private-use character: it reads as "a word" to
# the rules (so « `code` : » still gets its space) and cannot be confused with
# the text, since private-use characters already there are protected too.
PLACEHOLDER = "\ue000"


def _shield(text: str, pattern: re.Pattern[str] | _Protect) -> tuple[str, list[str]]:
    kept: list[str] = []
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() == m.end():
            continue
        out.append(text[pos : m.start()])
        out.append(PLACEHOLDER)
        kept.append(m.group())
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), kept


def _unshield(text: str, kept: list[str]) -> str:
    parts = text.split(PLACEHOLDER)
    return parts[0] + "".join(k + rest for k, rest in zip(kept, parts[1:]))


# -- the rules -------------------------------------------------------------

_BEFORE = r"[^\s;:!?«(\[{]"
_AFTER = r"(?=$|[\s»)\]}\"'”’*_~.,…!?<\ue000])"


@dataclass(frozen=True)
class _Rule:
    """``pattern`` replaced by ``repl`` wherever it matches."""

    pattern: regex.Pattern[str]
    repl: str | Callable[[regex.Match[str]], str]
    hint: regex.Pattern[str]
    """Found in whatever the rule changes: a text without it is left as it is, unscanned."""
    by_line: bool = False
    """Only the lines holding ``hint`` are scanned (for the slow patterns; no rule crosses a line end)."""

    def apply(self, text: str) -> str:
        if self.hint.search(text) is None:
            return text
        if not self.by_line:
            return self.pattern.sub(self.repl, text)
        lines = text.split("\n")
        return "\n".join(self.pattern.sub(self.repl, line) if self.hint.search(line) else line for line in lines)


_RULES: list[_Rule] = [
    # "..." -> "…" (but not "....", a deliberate row of dots)
    _Rule(regex.compile(r"(?<!\.)\.\.\.(?!\.)"), "…", regex.compile(r"\.\.\.")),
    # inside « » (first: the space it adds may end a clause for the next rules)
    _Rule(regex.compile(r"«[ \u00a0\u202f]*(?=\S)"), "«" + NNBSP, regex.compile("«")),
    _Rule(regex.compile(r"(?<=\S)[ \u00a0\u202f]*»"), NNBSP + "»", regex.compile("»"), by_line=True),
    # narrow no-break space before ; ! ? (replacing any space already there)
    _Rule(
        regex.compile(rf"({_BEFORE})[ \u00a0\u202f]?([;!?])" + _AFTER),
        "\\1" + NNBSP + "\\2",
        regex.compile("[;!?]"),
        by_line=True,
    ),
    # no-break space before : when it ends a clause (not 18:30, not https:)
    _Rule(regex.compile(rf"({_BEFORE})[ \u00a0\u202f]?:(?=$|\s)"), "\\1" + NBSP + ":", regex.compile(":")),
    # ordinals: 1er, 1re, 2e (text only; superscript is the renderer's business)
    _Rule(regex.compile(r"\b1(?:ère|ere|ière)(s?)\b"), "1re\\1", regex.compile("1(?:ère|ere|ière)")),
    _Rule(regex.compile(r"\b1ier(s?)\b"), "1er\\1", regex.compile("1ier")),
    _Rule(
        regex.compile(r"\b([2-9]|[1-9]\d+)(?:ème|eme|ième|è)(s?)\b"),
        "\\1e\\2",
        regex.compile(r"(?<!\d)[1-9]\d*(?:ème|eme|ième|è)"),
        by_line=True,
    ),
    # hours stay with their number: « 18 h », « 18 h 30 » never split across lines
    _Rule(regex.compile(r"(?<=\b\d{1,2})[ \u202f]h\b"), NBSP + "h", regex.compile(r"\d[ \u202f]h\b")),
    _Rule(regex.compile(r"(?<=\b\d{1,2}\u00a0h) (?=\d\d\b)"), NBSP, regex.compile("\u00a0h \\d")),
]

# Markdown bodies become HTML: there the ordinals are set in superscript
# (« 8<sup>e</sup> », « V<sup>e</sup> République », « 1<sup>er</sup> »).
# Roman numerals are I, V, X only: « Ce » and « Le » are words, not numbers.
_SUPERSCRIPTS: list[_Rule] = [
    _Rule(
        regex.compile(r"\b(\d+(?:er|re|e)s?|[IVX]+e)\b"),
        lambda m: _superscript(m.group(1)),
        regex.compile(r"(?:\d(?:er|re|e)s?|[IVX]e)\b"),
        by_line=True,
    ),
]


def _superscript(ordinal: str) -> str:
    number = ordinal.rstrip("ers")
    return f"{number}<sup>{ordinal[len(number):]}</sup>"


def _apply_rules(text: str) -> str:
    for rule in _RULES:
        text = rule.apply(text)
    return text


def typographie(text: str) -> str:
    """French typography on plain text or HTML; code, links, e-mails, hashtags untouched."""
    shielded, kept = _shield(text, _TEXT_PROTECT)
    return _unshield(_apply_rules(shielded), kept)


def typographie_markdown(md: str, superscripts: bool = True) -> str:
    """French typography on a Markdown body; code blocks and spans, link targets untouched.

    ``superscripts``: ordinals as ``<sup>`` (for Markdown that allows inline HTML;
    where it is escaped, call :func:`exposants` on the HTML instead).
    """
    shielded, kept = _shield(md, _MD_PROTECT)
    text = _apply_rules(shielded)
    if superscripts:
        text = _superscripts(text)
    return _unshield(text, kept)


def exposants(html: str) -> str:
    """Ordinals of an HTML fragment in superscript (« 8<sup>e</sup> »); tags, code, URLs untouched."""
    shielded, kept = _shield(html, _TEXT_PROTECT)
    return _unshield(_superscripts(shielded), kept)


def _superscripts(text: str) -> str:
    for rule in _SUPERSCRIPTS:
        text = rule.apply(text)
    return text


# -- SMS -------------------------------------------------------------------

_GSM7_MAP = {
    "\u2019": "'", "\u2018": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "´": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "«": '"', "»": '"', "‹": "'", "›": "'",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ", "\t": " ",
    "…": "...", "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "•": "-", "·": ".",
    "œ": "oe", "Œ": "OE", "ç": "c", "À": "A", "Â": "A", "È": "E", "Ê": "E", "Ë": "E",
    "Î": "I", "Ï": "I", "Ô": "O", "Û": "U", "Ù": "U", "Ÿ": "Y", "ÿ": "y",
    "°": "o", "×": "x", "½": "1/2", "¼": "1/4", "ß": "ß",
}
_GUILLEMETS = regex.compile(r"«[ \u00a0\u202f]*|(?<![ \u00a0\u202f])[ \u00a0\u202f]*»")


def _is_gsm7(ch: str) -> bool:
    return ch in GSM7_BASIC or ch in GSM7_EXTENSION


def _gsm7_char(ch: str) -> str:
    if _is_gsm7(ch):
        return ch
    if ch in _GSM7_MAP:
        return _GSM7_MAP[ch]
    # ê -> e, î -> i: drop the accents the GSM-7 alphabet lacks
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if base and all(_is_gsm7(c) for c in base):
        return base
    return ch  # no GSM-7 equivalent (emoji…): the SMS check reports it


def to_gsm7(text: str) -> str:
    """The text in the GSM-7 alphabet where possible (é è à ù É stay, ê ç ’ « » do not)."""
    text = _GUILLEMETS.sub('"', unicodedata.normalize("NFC", text))
    return "".join(_gsm7_char(c) for c in text)


# -- lint ------------------------------------------------------------------


@dataclass(frozen=True)
class TypoIssue:
    """A typographic mistake at ``offset`` (in code points) of the source text."""

    offset: int
    found: str
    message: str
    suggestion: str


_LINTS: list[tuple[regex.Pattern[str], str, Callable[[str], str]]] = [
    (
        regex.compile(r'(?<![\w=])"(?=[^"\n]*\w)([^"\n]{1,200})"(?![\w=])'),
        "guillemets droits",
        lambda s: "« " + s[1:-1].strip() + " »",
    ),
    (regex.compile(r"(?<!\.)\.\.\.(?!\.)"), "trois points", lambda s: "…"),
    (regex.compile(r"\b1(?:ère|ere|ière)s?\b"), "ordinal mal abrégé", lambda s: "1re" + ("s" if s.endswith("s") else "")),
    (regex.compile(r"\b1ier(s?)\b"), "ordinal mal abrégé", lambda s: "1er" + ("s" if s.endswith("s") else "")),
    (
        regex.compile(r"\b(?:[2-9]|[1-9]\d+)(?:ème|eme|ième|è)s?\b"),
        "ordinal mal abrégé",
        lambda s: regex.sub(r"(ème|eme|ième|è)", "e", s),
    ),
    (regex.compile(r"(?<=\w) +(?=[,.](?:\s|$))"), "espace avant une virgule ou un point", lambda s: ""),
]


# What every lint match holds (a straight quote, three dots, a digit, a space before
# « , » or « . »), looked for in the source: most texts hold none and are not shielded.
_LINT_HINT = re.compile(r'"|\.\.\.|\d| [,.]')


def _lint(text: str, pattern: re.Pattern[str] | _Protect) -> list[TypoIssue]:
    if _LINT_HINT.search(text) is None:
        return []
    shielded, kept = _shield(text, pattern)
    found = [
        (m.start(), m.group(), what, fix)
        for lint, what, fix in _LINTS
        for m in lint.finditer(shielded)
        if PLACEHOLDER not in m.group()
    ]
    if not found:
        return []
    # offsets in the shielded text map back through the placeholders' lengths
    holes = [i for i, ch in enumerate(shielded) if ch == PLACEHOLDER]
    extra = list(accumulate((len(k) - 1 for k in kept), initial=0))
    issues = [
        TypoIssue(start + extra[bisect_right(holes, start)], group, what, fix(group))
        for start, group, what, fix in found
    ]
    return sorted(issues, key=lambda i: i.offset)


def lint_typographie(text: str) -> list[TypoIssue]:
    """Mistakes the renderer cannot fix alone, in a plain source text."""
    return _lint(text, _TEXT_PROTECT)


def lint_typographie_markdown(md: str) -> list[TypoIssue]:
    """Same as :func:`lint_typographie` for a Markdown body (code and link targets skipped)."""
    return _lint(md, _MD_LINT_PROTECT)
