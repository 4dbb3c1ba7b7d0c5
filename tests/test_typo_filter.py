"""French typography filter, GSM-7 transliteration and the source lint."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oep_build.typo import (
    lint_typographie,
    lint_typographie_markdown,
    to_gsm7,
    typographie,
    typographie_markdown,
)

N, NB = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Signez !", f"Signez{N}!"),
        ("Signez!", f"Signez{N}!"),
        ("Vraiment ?!", f"Vraiment{N}?!"),
        ("Un ; deux", f"Un{N}; deux"),
        ("Note : ceci", f"Note{NB}: ceci"),
        ("Note: ceci", f"Note{NB}: ceci"),
        ("à 18:30", "à 18:30"),
        ("« Citation »", f"«{N}Citation{N}»"),
        ("«Citation»", f"«{N}Citation{N}»"),
        ("Et puis...", "Et puis…"),
        ("Attendez....", "Attendez...."),
        ("le 1er, la 1ère, le 2ème, les 3èmes", "le 1er, la 1re, le 2e, les 3es"),
        ("Voir https://a.fr/x?y=1&z=2 !", f"Voir https://a.fr/x?y=1&z=2{N}!"),
        ("Écrire à contact@onestpret.example.org : merci", f"Écrire à contact@onestpret.example.org{NB}: merci"),
        ("#StopDuplomb ! @oep@mastodon.social ?", f"#StopDuplomb{N}! @oep@mastodon.social{N}?"),
        ('<a title="Note: là !" href="https://a.fr/?q=1">ici !</a>', f'<a title="Note: là !" href="https://a.fr/?q=1">ici{N}!</a>'),
        ("<code>a ; b</code> &amp; `c : d`", "<code>a ; b</code> &amp; `c : d`"),
        (f"Déjà{N}! et{NB}:", f"Déjà{N}! et{NB}:"),
    ],
)
def test_typographie(source: str, expected: str) -> None:
    assert typographie(source) == expected
    assert typographie(expected) == expected  # idempotent


MD_IN = """\
# Pourquoi agir ?

Voir [le site](https://a.fr/x?p=1 "Titre : ici") ! Et `code ; ici` :

```python
x = "a" ; y = 1 ! z...
```

!!! warning "Attention !"
    Lisez :smile: la suite{ .md-button }

[ref]: https://b.fr/?a=1
[^1]: Note de bas de page
<https://c.fr/?q=1>
"""

MD_OUT = f"""\
# Pourquoi agir{N}?

Voir [le site](https://a.fr/x?p=1 "Titre : ici"){N}! Et `code ; ici`{NB}:

```python
x = "a" ; y = 1 ! z...
```

!!! warning "Attention{N}!"
    Lisez :smile: la suite{{ .md-button }}

[ref]: https://b.fr/?a=1
[^1]: Note de bas de page
<https://c.fr/?q=1>
"""


def test_typographie_markdown() -> None:
    assert typographie_markdown(MD_IN) == MD_OUT
    assert typographie_markdown(MD_OUT) == MD_OUT


def test_unclosed_fence_is_protected_to_the_end() -> None:
    md = "Texte !\n```\ncode ; ici !\n"
    assert typographie_markdown(md) == f"Texte{N}!\n```\ncode ; ici !\n"


# -- property: protected spans come out byte-identical ---------------------------

PROSE = st.text(st.sampled_from(list("abcé ÀZ019;:!?«».,'\"-…\u00a0\u202f\n")), max_size=12)
TOKENS = st.sampled_from(
    [
        "`a ; b : c !`",
        "``x ` ; y``",
        "https://www.example.org/path?x=1&y=2;z=3#frag",
        "http://a.fr/b:c!d",
        "www.onestpret.example.org/agir?ref=1",
        "contact+kit@onestpret.example.org",
        "#StopDuplomb",
        "#Municipales2026",
        "@oep@mastodon.social",
        '<a href="https://a.fr/?x=1;y=2" title="Note : là !">',
        "<code>a ; b ! c ?</code>",
        "&nbsp;",
    ]
)


@given(st.lists(st.tuples(PROSE, TOKENS), max_size=6), PROSE)
def test_typographie_never_touches_code_urls_emails_hashtags(parts: list[tuple[str, str]], tail: str) -> None:
    text = "".join(f"{p} {tok} " for p, tok in parts) + tail
    out = typographie(text)
    pos = 0
    for _, tok in parts:
        found = out.find(tok, pos)
        assert found >= 0, (tok, out)
        pos = found + len(tok)


MD_TOKENS = st.sampled_from(
    [
        "`a ; b : c !`",
        "\n```\nx = 1 ; y : z !\n...\n```\n",
        "\n~~~yaml\ncle: valeur ; x ?\n~~~\n",
        "[lien](https://a.fr/x?y=1;z=2 \"Titre : là !\")",
        "![image](visuels/a.png)",
        "<https://a.fr/?q=1:2>",
        "contact@onestpret.example.org",
        "#StopDuplomb",
        "https://onestpret.example.org/agir?x=1!",
    ]
)


@given(st.lists(st.tuples(PROSE, MD_TOKENS), max_size=6), PROSE)
def test_typographie_markdown_never_touches_code_and_links(parts: list[tuple[str, str]], tail: str) -> None:
    text = "".join(f"{p} {tok} " for p, tok in parts) + tail
    out = typographie_markdown(text)
    pos = 0
    for _, tok in parts:
        # a link's text is prose (it gets typography); its destination must not change
        keep = tok[tok.index("](") :] if tok.startswith(("[", "![")) else tok
        found = out.find(keep, pos)
        assert found >= 0, (keep, out)
        pos = found + len(keep)


@given(st.text(st.sampled_from(list("ab ;:!?«».\u00a0\u202f")), max_size=30))
def test_typographie_is_idempotent(text: str) -> None:
    once = typographie(text)
    assert typographie(once) == once


# -- SMS -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("L’été « chaud » : ça ira…", "L'été \"chaud\" : ca ira..."),
        (f"«{N}Citation{N}»{NB}!", '"Citation" !'),
        ("œuvre, Œil, être, Noël, où, île, À", "oeuvre, OEil, etre, Noel, où, ile, A"),
        ("é è à ù É Ç ü ñ €", "é è à ù É Ç ü ñ €"),
        ("— tiret – demi", "- tiret - demi"),
        ("Merci 😀", "Merci 😀"),  # no equivalent: the SMS check reports it
    ],
)
def test_to_gsm7(source: str, expected: str) -> None:
    assert to_gsm7(source) == expected


# -- lint ------------------------------------------------------------------------


def test_lint_finds_what_the_filter_cannot_fix() -> None:
    issues = lint_typographie('Il a dit "non" au 2ème tour... mot , fin')
    assert [(i.offset, i.found, i.message, i.suggestion) for i in issues] == [
        (9, '"non"', "guillemets droits", "« non »"),
        (18, "2ème", "ordinal mal abrégé", "2e"),
        (27, "...", "trois points", "…"),
        (34, " ", "espace avant une virgule ou un point", ""),
    ]


def test_lint_skips_code_links_and_admonition_titles() -> None:
    md = '!!! note "Titre"\n    Texte `"x"...` [a](https://a.fr/"b") <a href="x">y</a>\n'
    assert lint_typographie_markdown(md) == []


FRENCH = st.text(
    st.sampled_from(list("abcxyzABCXYZ éèêëàâäîïôöùûüÿçœæÉÈÊÀÂÎÔÙÛÇŒÆ’‘“”«»…–—\u00a0\u202f;:!?.,'\"-()0123456789€°")),
    max_size=60,
)


@given(FRENCH)
def test_to_gsm7_makes_french_text_gsm7(text: str) -> None:
    from oep_build.counting import count_sms

    assert count_sms(to_gsm7(text)).encoding == "GSM-7"


@given(st.text(max_size=80))
def test_filters_and_lint_accept_any_text(text: str) -> None:
    for out in (typographie(text), typographie_markdown(text), to_gsm7(text)):
        assert isinstance(out, str)
    for issue in lint_typographie(text) + lint_typographie_markdown(text):
        assert text[issue.offset : issue.offset + len(issue.found)] == issue.found
