"""Counting under each network's rule: worked examples from the published rules."""

from __future__ import annotations

import pytest

from oep_build.counting import (
    count_hashtags,
    count_sms,
    count_text,
    fill_link,
    find_urls,
    x_weight,
)
from oep_build.model.referentiels import Canal


def canal(**kw) -> Canal:
    return Canal(id=kw.pop("id", "c"), libelle="Canal", **kw)


X = canal(id="x", texte_max=280, comptage="x_pondere", url_compte=23)


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("Bonjour", 7),
        ("Élément « cité » — fin…", 24),  # Latin-1 and U+2014 weigh 1, U+2026 « … » weighs 2
        ("中文", 4),  # CJK weighs 2
        ("😀", 2),
        ("👨‍👩‍👧", 2),  # a whole ZWJ sequence is one emoji
        ("🇫🇷", 2),  # a flag (two regional indicators) is one emoji
        ("1️⃣", 2),  # keycap
        ("👍🏽", 2),  # skin-tone modifier
        ("©", 1),  # text presentation: an ordinary character
        ("e\u0301", 1),  # NFC: e + combining acute = é
        ("https://onestpret.example.org/une/tres/longue/adresse?utm_source=x", 23),
        ("Signez : https://a.fr/p.", 9 + 23 + 1),
        ("onestpret.example.org/agir", 23),  # a bare domain is a link too
    ],
)
def test_x_weight(text: str, weight: int) -> None:
    assert x_weight(text) == weight


def test_x_count_uses_limit_and_unit() -> None:
    c = count_text(X, "a" * 281)
    assert (c.value, c.limit, c.unit, c.over) == (281, 280, "caractères pondérés", True)
    assert not count_text(X, "a" * 280).over


def test_graphemes_count_user_perceived_characters() -> None:
    bsky = canal(id="bluesky", texte_max=300, comptage="graphemes")
    c = count_text(bsky, "👨‍👩‍👧 é\u0301 🇫🇷")
    assert (c.value, c.unit) == (5, "graphèmes")


def test_mastodon_links_count_23() -> None:
    masto = canal(id="mastodon", texte_max=500, comptage="caracteres", url_compte=23)
    c = count_text(masto, "Lire https://example.org/" + "x" * 100)
    assert (c.value, c.unit) == (5 + 23, "caractères")


def test_telegram_counts_utf16_and_caption_limit() -> None:
    tg = canal(id="telegram", texte_max=4096, comptage="utf16", legende_max=1024)
    c = count_text(tg, "😀a")
    assert (c.value, c.unit, c.limit) == (3, "unités UTF-16", 4096)
    assert count_text(tg, "a", media=True).limit == 1024


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments", "ucs2"),
    [
        ("", "GSM-7", 0, 0, ()),
        ("a" * 160, "GSM-7", 160, 1, ()),
        ("a" * 161, "GSM-7", 161, 2, ()),
        ("a" * 306, "GSM-7", 306, 2, ()),
        ("a" * 307, "GSM-7", 307, 3, ()),
        ("€" * 80, "GSM-7", 160, 1, ()),  # extension characters take two septets
        ("a" * 152 + "€" + "a" * 7, "GSM-7", 161, 2, ()),
        ("a" * 152 + "€" + "a" * 152, "GSM-7", 306, 3, ()),  # ESC+€ moves whole to part 2
        ("é è à ù É Ç", "GSM-7", 11, 1, ()),
        ("être", "UCS-2", 4, 1, ("ê",)),
        ("l’été « ici »\u00a0!", "UCS-2", 15, 1, ("’", "«", "»", "\u00a0")),
        ("ç" * 70, "UCS-2", 70, 1, ("ç",)),
        ("ç" * 71, "UCS-2", 71, 2, ("ç",)),
        ("😀" * 35, "UCS-2", 70, 1, ("😀",)),
        ("a" * 66 + "😀" + "a" * 66, "UCS-2", 134, 3, ("😀",)),  # a surrogate pair is never split
    ],
)
def test_sms(text: str, encoding: str, units: int, segments: int, ucs2: tuple[str, ...]) -> None:
    s = count_sms(text)
    assert (s.encoding, s.units, s.segments, s.ucs2_chars) == (encoding, units, segments, ucs2)


def test_sms_count_against_segments_max() -> None:
    sms = canal(id="sms", texte_max=160, comptage="sms", segments_max=2)
    c = count_text(sms, "ê" * 140)
    assert (c.value, c.limit, c.unit, c.over, c.encoding, c.segments, c.ucs2_chars) == (
        3, 2, "segments SMS", True, "UCS-2", 3, ("ê",)
    )


def test_fill_link_fills_canal_then_lien() -> None:
    text = fill_link("Signez : {lien}", "https://p.example.org/?utm_source={canal}", "bluesky")
    assert text == "Signez : https://p.example.org/?utm_source=bluesky"


def test_urls_and_hashtags() -> None:
    text = "Voir https://a.fr/x#ancre), #StopDuplomb #2026 et l&#39;ici #Été."
    assert [u.text for u in find_urls(text)] == ["https://a.fr/x#ancre"]
    assert count_hashtags(text) == 2
