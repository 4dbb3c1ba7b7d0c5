"""The URL rule, the HTML allowlist and safe Markdown (oep_build.safety)."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest

from oep_build.safety import (
    markdown_text,
    safe_body,
    safe_url,
    sanitize_html,
    unsafe_html,
    url_problem,
)

BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "java\x00script:alert(1)",
]
GOOD_URLS = ["https://a.fr/x?y=1&z=2", "http://a.fr", "mailto:a@b.fr", "tel:+33123456789", "/agir/", "../x.md", "#ancre", "//cdn.fr/x"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_bad_urls_are_refused(url: str) -> None:
    assert url_problem(url)
    assert safe_url(url) == ""


@pytest.mark.parametrize("url", GOOD_URLS)
def test_good_urls_pass(url: str) -> None:
    assert url_problem(url) is None
    assert safe_url(url) == url


def test_problem_names_the_scheme_in_french() -> None:
    assert "« javascript: »" in (url_problem("JaVaScRiPt:x") or "")


PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<details ontoggle=alert(1) open><summary>a</summary>b</details>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "<object data=x></object><embed src=x><form action=x></form>",
    '<p style="position:fixed;inset:0">x</p>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitiser_removes_what_runs(payload: str) -> None:
    out = sanitize_html(payload).lower()
    for bad in ("<script", "onerror", "onload", "ontoggle", "javascript:", "<iframe", "<object", "<embed", "<form", "style=", "<svg"):
        assert bad not in out
    assert unsafe_html(payload), payload


def test_sanitiser_keeps_what_staff_need() -> None:
    html = (
        '<table><thead><tr><th scope="col">a</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table>'
        '<details open=""><summary>s</summary>t</details><figure><img src="a.png" alt="x"><figcaption>c</figcaption></figure>'
        '<abbr title="Zone">ZAD</abbr><h2 id="ancre" class="note">h</h2><a href="https://a.fr">l</a>'
    )
    assert sanitize_html(html) == html
    assert unsafe_html(html) == []


def test_theme_layout_classes_are_dropped_buttons_kept() -> None:
    assert sanitize_html('<a class="md-button md-header x" href="/">a</a>') == '<a class="md-button x" href="/">a</a>'


class _Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_markdown_text_is_inert() -> None:
    md = markdown.Markdown(extensions=["attr_list", "md_in_html"])
    value = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) {: onclick="alert(1)" } <https://x.fr> \\'
    out = md.convert(markdown_text(value))
    assert _Tags(out).tags == [("p", {})]
    assert "[x](javascript:alert(1))" in _text(out)


def _text(html: str) -> str:
    import html as h

    return h.unescape(html)


BODY = """# Titre *x* {: onclick=alert(1) }

<script>alert(1)</script>
<img src=x onerror=alert(1)>

Para {: onclick="alert(1)" }

[x](javascript:alert(1)) [ref][r] ![i](data:text/html,x) [ok](../agir.md)

[r]: JaVaScRiPt:alert(1)

<div markdown="1" onclick="x">**y**</div>

## Un `titre` [lien](javascript:x) {: #ok .c onclick=x }

Texte[^1]

[^1]: note
"""


def test_body_reaches_the_engine_without_anything_that_runs() -> None:
    body = safe_body(BODY, scope="p", links=lambda h: h.replace(".md", "/"))
    # What the engine (Python-Markdown with the site's extensions) makes of it.
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc", "footnotes", "abbr", "admonition"])
    html = md.convert(body).lower()
    tags = _Tags(html).tags
    assert not {t for t, _ in tags} & {"script", "iframe", "svg", "object", "embed", "form"}
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    assert not [v for _, attrs in tags for v in attrs.values() if v and ("javascript" in v or "data:" in v)]
    assert '<h1 id="titre-x">titre <em>x</em></h1>' in html
    assert '<h2 class="c" id="ok">un <code>titre</code> lien</h2>' in html
    assert 'href="../agir/"' in html
    assert 'id="fn:p-1"' in html


@pytest.mark.parametrize(
    "fragment",
    ['<p><input name="motdepasse" type="password">x</p>', "<input>", "<INPUT TYPE=TEXT value=a>", '<input type="file">'],
)
def test_only_the_tabs_inputs_survive(fragment: str) -> None:
    """A text or password box is removed whole (nh3 alone drops its type and keeps a text box)."""
    out = sanitize_html(fragment)
    assert "<input" not in out.lower()
    assert any(s.tag == "input" for s in unsafe_html(fragment))  # and oep check says so


def test_tab_inputs_stay() -> None:
    assert sanitize_html('<input type="radio" name="t" checked onclick="x">') == '<input type="radio" name="t" checked="">'
    assert sanitize_html('<input type="checkbox" disabled>') == '<input type="checkbox" disabled="">'
