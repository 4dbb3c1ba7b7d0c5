"""Property tests: the counters agree with independent, naive implementations of
the published rules, written here from the specifications and sharing no code
with :mod:`oep_build.counting`."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from oep_build.counting import count_sms, grapheme_count, x_weight

# -- X: twitter-text config/v3.json ---------------------------------------------
# {"scale": 100, "defaultWeight": 200, "transformedURLLength": 23, "ranges": [
#   {"start": 0, "end": 4351, "weight": 100}, {"start": 8192, "end": 8205, "weight": 100},
#   {"start": 8208, "end": 8223, "weight": 100}, {"start": 8242, "end": 8247, "weight": 100}]}
V3_RANGES = [(0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100)]
V3_DEFAULT, V3_SCALE, V3_URL = 200, 100, 23


def naive_x_weight(text: str) -> int:
    """Sum of per-code-point weights after NFC, as the v3 config describes."""
    total = 0
    for ch in unicodedata.normalize("NFC", text):
        weight = V3_DEFAULT
        for start, end, w in V3_RANGES:
            if start <= ord(ch) <= end:
                weight = w
                break
        total += weight
    return total // V3_SCALE


def _not_link_or_emoji(ch: str) -> bool:
    cp = ord(ch)
    # no link can form without "." or ":"; emoji sequences are tested separately
    return ch not in ".:/" and not (0x1F000 <= cp <= 0x1FAFF or 0x2190 <= cp <= 0x2BFF) and cp not in (
        0x200D, 0xFE0F, 0x20E3, 0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299,
    )


PLAIN = st.text(
    st.characters(blacklist_categories=("Cs", "Co", "Cn")).filter(_not_link_or_emoji), max_size=80
)
SINGLE_EMOJI = st.sampled_from(["😀", "🌍", "🐝", "🔥", "📣", "✊", "🗳", "🗳️", "👍🏽", "🇫🇷", "👩‍🌾", "❤️", "#️⃣"])
URLS = st.sampled_from(
    ["https://onestpret.example.org/", "http://a.fr/x?y=1&z=2", "https://www.assemblee-nationale.fr/dyn/petitions"]
)


@given(PLAIN)
def test_x_weight_matches_v3_ranges(text: str) -> None:
    assert x_weight(text) == naive_x_weight(text)


@given(st.lists(st.tuples(PLAIN, SINGLE_EMOJI, URLS), max_size=5))
def test_x_weight_emoji_and_urls(parts: list[tuple[str, str, str]]) -> None:
    # Words, one emoji (weight 2, whatever its code points) and one link (23), space separated.
    text = " ".join(f"{w} {e} {u}" for w, e, u in parts)
    # (word + space) + emoji + space + link per part, a space between parts
    expected = sum(naive_x_weight(w + " ") + V3_DEFAULT // V3_SCALE + 1 + V3_URL for w, _, _ in parts)
    expected += max(len(parts) - 1, 0)
    assert x_weight(text) == expected


# -- graphemes: UAX #29 rules GB3–GB5, GB9, GB11, GB12/13, GB999 ------------------
# over an alphabet where each character's Grapheme_Cluster_Break value is known.
BASES = "aZé中ё "
EXTEND = "\u0301\u0308\U0001F3FB"  # combining marks, emoji modifier (Extend)
PICTO = "😀🐝👩🌾"
RI = "\U0001F1EB\U0001F1F7\U0001F1E9"  # F, R, D regional indicators
ZWJ = "\u200d"
CONTROL = "\r\n"


def gcb(ch: str) -> str:
    if ch == "\r":
        return "CR"
    if ch == "\n":
        return "LF"
    if ch in EXTEND:
        return "Extend"
    if ch == ZWJ:
        return "ZWJ"
    if ch in RI:
        return "RI"
    if ch in PICTO:
        return "Pict"
    return "Any"


def naive_graphemes(text: str) -> int:
    if not text:
        return 0
    clusters = 1
    ri_run = 0  # regional indicators in a row before the current position
    for i in range(1, len(text)):
        a, b = gcb(text[i - 1]), gcb(text[i])
        ri_run = ri_run + 1 if a == "RI" else 0
        if a == "CR" and b == "LF":  # GB3
            continue
        if a in ("CR", "LF") or b in ("CR", "LF"):  # GB4, GB5
            clusters += 1
            continue
        if b in ("Extend", "ZWJ"):  # GB9
            continue
        if a == "ZWJ" and b == "Pict" and _pict_extend_before(text, i - 1):  # GB11
            continue
        if a == "RI" and b == "RI" and ri_run % 2 == 1:  # GB12, GB13
            continue
        clusters += 1  # GB999
    return clusters


def _pict_extend_before(text: str, zwj: int) -> bool:
    """GB11: the ZWJ at ``zwj`` directly follows ExtPict Extend* (a second ZWJ breaks it)."""
    j = zwj - 1
    while j >= 0 and gcb(text[j]) == "Extend":
        j -= 1
    return j >= 0 and gcb(text[j]) == "Pict"


@given(st.text(st.sampled_from(BASES + EXTEND + PICTO + RI + ZWJ + CONTROL), max_size=40))
@example(text="\U0001f33e\u200d\u200d\U0001f33e")  # two ZWJ in a row: GB11 does not apply, 2 clusters
def test_graphemes_match_uax29(text: str) -> None:
    assert grapheme_count(text) == naive_graphemes(text)


# -- SMS: 3GPP TS 23.038 default alphabet and extension table ---------------------
# The default alphabet, by code 0x00..0x7F (0x1B is the escape to the extension table).
GSM_TABLE = [
    "@", "£", "$", "¥", "è", "é", "ù", "ì", "ò", "Ç", "\n", "Ø", "ø", "\r", "Å", "å",
    "Δ", "_", "Φ", "Γ", "Λ", "Ω", "Π", "Ψ", "Σ", "Θ", "Ξ", None, "Æ", "æ", "ß", "É",
    " ", "!", '"', "#", "¤", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",
    "¡", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "Ä", "Ö", "Ñ", "Ü", "§",
    "¿", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "ä", "ö", "ñ", "ü", "à",
]
GSM_EXT = {0x0A: "\f", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\", 0x3C: "[", 0x3D: "~", 0x3E: "]", 0x40: "|", 0x65: "€"}
assert len(GSM_TABLE) == 128


def naive_sms(text: str) -> tuple[str, int]:
    """(encoding, segments): septets in 160 or parts of 153, else UTF-16 units in 70 or parts of 67;
    a two-unit character (escape + char, surrogate pair) is never cut between parts."""
    if not text:
        return "GSM-7", 0
    basic, ext = {c for c in GSM_TABLE if c}, set(GSM_EXT.values())
    if all(c in basic or c in ext for c in text):
        sizes, single, part, enc = [2 if c in ext else 1 for c in text], 160, 153, "GSM-7"
    else:
        sizes, single, part, enc = [2 if ord(c) > 0xFFFF else 1 for c in text], 70, 67, "UCS-2"
    if sum(sizes) <= single:
        return enc, 1
    segments, room = 1, part
    for s in sizes:
        if s > room:
            segments, room = segments + 1, part
        room -= s
    return enc, segments


SMS_ALPHABET = st.sampled_from(list("aeé èàùÉÇ0!?.,'\"\n") + ["€", "[", "^", "~", "ê", "ç", "’", "«", "\u00a0", "😀", "中"])


@settings(max_examples=300)
@given(st.text(SMS_ALPHABET, max_size=400))
def test_sms_segments_match_spec(text: str) -> None:
    s = count_sms(text)
    assert (s.encoding, s.segments) == naive_sms(text)


@given(st.text(st.sampled_from(list("abc €[")), min_size=150, max_size=480))
def test_gsm7_long_messages_match_spec(text: str) -> None:
    s = count_sms(text)
    assert (s.encoding, s.segments) == naive_sms(text)


# -- links and hashtags on long texts (the hostile shapes of benchmarks/text_scans_bench.py) --

LINK_PIECES = ["a", "1", ".", "-", "#", "#a", "x.fr", "https://x.fr/#a", " ", "\n", "@", "/", "é"]


@settings(max_examples=40, deadline=None)
@given(
    st.tuples(
        st.lists(st.sampled_from(LINK_PIECES), min_size=1, max_size=4).map("".join),
        st.integers(min_value=200, max_value=5000),
    ).map(lambda t: t[0] * t[1])
)
def test_hashtags_outside_links_on_long_texts(text: str) -> None:
    from oep_build.counting import HASHTAG_RE, find_hashtags, find_urls

    urls = find_urls(text)
    assert all(a.end <= b.start for a, b in zip(urls, urls[1:]))  # in order, apart
    naive = [m.span() for m in HASHTAG_RE.finditer(text) if not any(u.start <= m.start() < u.end for u in urls)]
    assert [(h.start, h.end) for h in find_hashtags(text)] == naive
