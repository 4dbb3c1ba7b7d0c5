"""Counting a text the way each network counts it.

The rule and the limits come from the ``canaux`` référentiel (:class:`Canal`):
platforms change them, so they live in data. This module only knows the
published counting rules:

- ``x_pondere``: twitter-text configuration v3 — text NFC-normalised, each URL
  weighs 23, each emoji (a whole sequence) weighs 2, code points in
  U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 weigh 1,
  every other code point (CJK, symbols…) weighs 2;
- ``graphemes``: user-perceived characters (extended grapheme clusters);
- ``caracteres``: Unicode code points;
- ``utf16``: UTF-16 code units (Telegram);
- ``sms``: GSM-7 (160 per SMS, 153 per part) unless one character is outside
  the GSM-7 tables, which switches the whole message to UCS-2 (70, 67 per part).

When ``url_compte`` is set, each link counts for that many units whatever its length.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from importlib import resources

import regex

from .fr import number_fr
from .model.referentiels import Canal, Comptage

__all__ = [
    "GSM7_BASIC",
    "GSM7_EXTENSION",
    "Count",
    "SmsCount",
    "count_hashtags",
    "count_sms",
    "count_text",
    "fill_link",
    "filled_link",
    "find_hashtags",
    "find_urls",
    "grapheme_count",
    "plain_count",
    "x_weight",
]

UNITS = {
    Comptage.x_pondere: "caractères pondérés",
    Comptage.graphemes: "graphèmes",
    Comptage.caracteres: "caractères",
    Comptage.utf16: "unités UTF-16",
    Comptage.sms: "segments SMS",
}

# -- links and hashtags ------------------------------------------------------

# Bare domains are links too on X and Mastodon ("onestpret.fr/agir", "bit.ly/x"): as in
# twitter-text, a domain is a link when it ends with a top-level domain of the IANA list
# (tlds.txt says where it comes from) followed by no letter, digit, « @ », « + » or « - ».
#
# Stdlib re, not regex: on a long dotted word ("a.a.a.…") the regex module
# backtracks into every label from every position (quadratic), re does not; every
# branch starts only where a run of word characters starts (the lookbehinds).


def _trie_pattern(names: list[str]) -> str:
    """One alternation of ``names`` as a prefix tree: re tries it in one pass, longest first."""
    tree: dict[str, dict] = {}
    for name in names:
        node = tree
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + walk(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(tree)


def _tlds() -> str:
    text = resources.files(__package__).joinpath("tlds.txt").read_text(encoding="utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return f"(?:{_trie_pattern(names)}|xn--[0-9a-z]+)"


_ACCENTS = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    "\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_DCH = r"[^\W_]"  # a letter or digit of any script
_TLD = _tlds() + r"(?![0-9a-z@+\-])"
# The domain up to its top-level domain: with https:// (any script; « _ » allowed in
# sub-domains), or bare (ASCII and Latin letters only). The branches share one copy of
# the top-level domains and of what follows them: the list is long, and every copy of
# it costs the regular expression compiler about 17 ms at each start. Each branch
# reads its first character before looking behind it (« h(?<!…h) » is « (?<!…)h »):
# the engine then drops the branch at once at most positions of a text.
_SCHEME_DOMAIN = rf"h(?<![\w@＠$#＃]h)ttps?://(?:(?:{_DCH}(?:[_\-]|{_DCH})*)?{_DCH}\.)*(?:(?:{_DCH}(?:-|{_DCH})*)?{_DCH}\.)"
_BARE_DOMAIN = rf"[\-a-z0-9{_ACCENTS}](?<![\w@＠$#＃.\-/].)[\-a-z0-9{_ACCENTS}]*\.(?:[\-a-z0-9{_ACCENTS}]+\.)*"
_PATH_CHARS = rf"[a-z\u0400-\u04ff0-9!*';:=+,.$/%#\[\]\-\u2013_~&|@{_ACCENTS}]"
_PARENS = rf"\((?:{_PATH_CHARS}+|\({_PATH_CHARS}+\))\)"
_PATH_END = rf"(?:[+\-a-z\u0400-\u04ff0-9=_#/{_ACCENTS}]|{_PARENS})"
_PATH = rf"(?:/(?:(?:{_PATH_CHARS}*(?:{_PARENS}{_PATH_CHARS}*)*{_PATH_END})|(?:@{_PATH_CHARS}+/))*)?"
_QUERY = r"(?:\?[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@]*[a-z0-9\-_&=#/])?"
_TAIL = r"(?::[0-9]+)?" + _PATH + _QUERY
URL_PATTERN = rf"(?:{_SCHEME_DOMAIN}|{_BARE_DOMAIN}){_TLD}{_TAIL}"
"""Links, with or without https://."""
URL_PROTECT_PATTERN = rf"(?:{URL_PATTERN})[^\s<>«»\"]*"
"""A link and whatever is glued to it: what typography must leave intact (typo.py)."""
URL_RE = re.compile(
    rf"(?:{_SCHEME_DOMAIN}|{_BARE_DOMAIN}"
    # « eau_2026.gouv.fr »: twitter-text reads a sub-domain with « _ » and links what
    # follows it; the word before the « _ » is matched, not linked (the link starts at
    # the empty group ``link``)
    + rf"|(?<![\w\-.@＠$#＃])[\w\-.]*_(?P<link>)(?:[\-a-z0-9{_ACCENTS}]+\.){{2,}}){_TLD}{_TAIL}",
    re.IGNORECASE,
)
_TCO = re.compile(r"https?://t\.co/([a-z0-9]+)", re.IGNORECASE)
HASHTAG_RE = regex.compile(r"(?<![\w&/#])#(?=\w*[^\W\d_])\w+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def find_urls(text: str) -> list[Span]:
    """Links in ``text`` (with or without ``https://``), as twitter-text finds them: the
    closing punctuation of the sentence is not part of a link, balanced parentheses are."""
    out = []
    for m in URL_RE.finditer(text):
        start = m.start("link") if m.start("link") >= 0 else m.start()
        link = text[start : m.end()]
        tco = _TCO.match(link)
        if tco:  # an X short link is only its slug: what follows is text
            if len(tco.group(1)) > 40:
                continue
            link = tco.group()
        out.append(Span(start, start + len(link), link))
    return out


def find_hashtags(text: str) -> list[Span]:
    """Hashtags (``#Mot``) outside links."""
    urls = find_urls(text)  # in order, not overlapping
    starts = [u.start for u in urls]
    out = []
    for m in HASHTAG_RE.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < urls[i].end:
            continue
        out.append(Span(m.start(), m.end(), m.group()))
    return out


def count_hashtags(text: str) -> int:
    return len(find_hashtags(text))


def fill_link(text: str, lien: str, canal_id: str) -> str:
    """The text as published on ``canal_id``: ``{lien}`` replaced by the link with ``{canal}`` filled."""
    return text.replace("{lien}", filled_link(lien, canal_id))


def filled_link(lien: str, canal_id: str) -> str:
    """A post's ``lien`` as published on ``canal_id`` (``{canal}`` filled); empty if it may not be
    published (``javascript:``…: oep check's url-interdite, even when its level was lowered)."""
    from .safety.urls import url_problem

    link = lien.replace("{canal}", canal_id)
    return "" if url_problem(link) else link


# -- X (twitter-text v3) -----------------------------------------------------

X_URL_WEIGHT = 23
X_DEFAULT_WEIGHT = 2
# twitter-text config v3 "ranges" (weight 100 at scale 100 = 1); everything else weighs 2.
X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

_GRAPHEME = regex.compile(r"\X")
_EMOJI_HINT = regex.compile(
    r"\p{Emoji_Presentation}|\uFE0F|\u20E3|\p{Regional_Indicator}|\p{Extended_Pictographic}\u200D"
)


def _x_codepoint_weight(cp: int) -> int:
    for lo, hi in X_LIGHT_RANGES:
        if lo <= cp <= hi:
            return 1
    return X_DEFAULT_WEIGHT


def _is_emoji(cluster: str) -> bool:
    # A grapheme is an emoji when it is drawn as one: emoji presentation, a
    # variation selector 16, a keycap, a flag or a ZWJ sequence. A bare "©"
    # (text presentation) stays an ordinary character of weight 1.
    return bool(_EMOJI_HINT.search(cluster))


def x_weight(text: str, url_weight: int = X_URL_WEIGHT) -> int:
    """Weighted length of ``text`` on X (twitter-text v3)."""
    text = unicodedata.normalize("NFC", text)
    total = 0
    pos = 0
    for url in find_urls(text):
        total += _x_plain_weight(text[pos : url.start]) + url_weight
        pos = url.end
    return total + _x_plain_weight(text[pos:])


def _x_plain_weight(text: str) -> int:
    total = 0
    for cluster in _GRAPHEME.findall(text):
        if _is_emoji(cluster):
            total += X_DEFAULT_WEIGHT
        else:
            total += sum(_x_codepoint_weight(ord(c)) for c in cluster)
    return total


# -- graphemes, code points, UTF-16 --------------------------------------------


def grapheme_count(text: str) -> int:
    """User-perceived characters (extended grapheme clusters, as Bluesky counts)."""
    return len(_GRAPHEME.findall(text))


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _with_urls_as(text: str, url_units: int | None, count) -> int:
    if url_units is None:
        return count(text)
    total = 0
    pos = 0
    for url in find_urls(text):
        total += count(text[pos : url.start]) + url_units
        pos = url.end
    return total + count(text[pos:])


# -- SMS ---------------------------------------------------------------------

# GSM 03.38 default alphabet (ESC excluded) and its extension table, whose
# characters take two septets (ESC + character).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")
SMS_SINGLE = {"GSM-7": 160, "UCS-2": 70}
SMS_PART = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True)
class SmsCount:
    encoding: str
    """« GSM-7 » or « UCS-2 »."""
    units: int
    """Septets (GSM-7) or UTF-16 code units (UCS-2)."""
    segments: int
    ucs2_chars: tuple[str, ...]
    """The distinct characters, in order of appearance, that force UCS-2."""


def _gsm_units(ch: str) -> int:
    return 2 if ch in GSM7_EXTENSION else 1


def count_sms(text: str) -> SmsCount:
    """Encoding, length and number of segments of an SMS."""
    if not text:
        return SmsCount("GSM-7", 0, 0, ())
    ucs2 = tuple(dict.fromkeys(c for c in text if c not in GSM7_BASIC and c not in GSM7_EXTENSION))
    encoding = "UCS-2" if ucs2 else "GSM-7"
    sizes = [_gsm_units(c) for c in text] if encoding == "GSM-7" else [_utf16_units(c) for c in text]
    units = sum(sizes)
    if units <= SMS_SINGLE[encoding]:
        return SmsCount(encoding, units, 1, ucs2)
    return SmsCount(encoding, units, _pack(sizes, SMS_PART[encoding]), ucs2)


def _pack(sizes: list[int], part: int) -> int:
    # A character is never split across two parts: an extension character
    # (ESC + char) or a surrogate pair moves whole to the next part.
    parts, used = 1, 0
    for size in sizes:
        if used + size > part:
            parts += 1
            used = 0
        used += size
    return parts


# -- the entry point -------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """A text counted under a network's rule, against its limit."""

    value: int
    limit: int | None
    unit: str
    encoding: str | None = None
    segments: int | None = None
    ucs2_chars: tuple[str, ...] = field(default=())
    units: int | None = None
    """For SMS: septets or UTF-16 units (``value`` is the number of segments)."""

    @property
    def over(self) -> bool:
        return self.limit is not None and self.value > self.limit


def count_text(canal: Canal, text: str, media: bool = False) -> Count:
    """Count ``text`` (links already filled) under ``canal``'s rule.

    With ``media`` (a visual is attached) the limit is the caption limit
    ``legende_max`` when the network has one (Telegram).
    """
    rule = canal.comptage
    unit = UNITS[rule]
    limit = canal.texte_max
    if media and canal.legende_max is not None:
        limit = canal.legende_max
    if rule is Comptage.sms:
        sms = count_sms(text)
        return Count(
            sms.segments, canal.segments_max, unit, sms.encoding, sms.segments, sms.ucs2_chars, sms.units
        )
    if rule is Comptage.x_pondere:
        value = x_weight(text, canal.url_compte or X_URL_WEIGHT)
    elif rule is Comptage.graphemes:
        value = _with_urls_as(text, canal.url_compte, grapheme_count)
    elif rule is Comptage.utf16:
        value = _with_urls_as(text, canal.url_compte, _utf16_units)
    else:
        value = _with_urls_as(text, canal.url_compte, len)
    return Count(value, limit, unit)


def plain_count(count: Count, sms: bool = False) -> str:
    """A count in militants' words: what is left, without the platform's counting rule.

    ``count`` already follows the network's rule (X's weights, graphemes…), so
    « il reste 78 caractères » is what the person can still type. Staff pages
    keep the exact rule (« 202 sur 280 caractères pondérés »).
    """
    if sms:
        return f"{count.value} SMS"  # for SMS the value is the number of segments
    if not count.limit:
        return _caracteres(count.value)
    left = count.limit - count.value
    if left < 0:
        return f"{_caracteres(-left)} de trop pour ce réseau"
    return f"il reste {_caracteres(left)}"


def _caracteres(n: int) -> str:
    return f"{number_fr(n)} caractère" + ("s" if n > 1 else "")
