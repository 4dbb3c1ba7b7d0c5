"""Small pure functions behind issue 15's template fixes: theme markup, counts, typography."""

from __future__ import annotations

from oep_build.counting import Count, plain_count
from oep_build.engines.theme_markup import tidy_theme_markup
from oep_build.typo import typographie, typographie_markdown

THEME = """
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input type="text" class="md-search__input" name="query" autocomplete="off">
<label class="md-nav__link " for="__nav_4" id="__nav_4_label" tabindex="">
  <span class="md-nav__icon md-icon"></span>
</label>
<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_4_label" aria-expanded="false">
  <label class="md-nav__title" for="__nav_4">
    <span class="md-nav__icon md-icon"></span>
    Campagnes &amp; kits
  </label>
</nav>
<nav class="md-nav md-nav--secondary" aria-label="Table des matières">
  <label class="md-nav__title" for="__toc">
    <span class="md-nav__icon md-icon"></span>
    Table des matières
  </label>
  <nav class="md-nav" aria-label="Kits">
</nav>
"""


def test_theme_markup_is_corrected_once_and_for_all() -> None:
    out = tidy_theme_markup(THEME)
    assert 'tabindex=""' not in out
    assert 'type="checkbox" id="__drawer">' in out  # no autocomplete on a checkbox
    assert 'class="md-search__input" name="query" autocomplete="off"' in out  # kept on text inputs
    assert 'aria-labelledby="__nav_4_label"' not in out
    assert '<nav class="md-nav" data-md-level="1" aria-label="Campagnes &amp; kits" aria-expanded="false">' in out
    # No control #__toc on this page: the label becomes a plain title.
    assert 'for="__toc"' not in out and '<div class="md-nav__title">' in out
    assert 'aria-label="Sous-sections : Kits"' in out
    assert tidy_theme_markup(out) == out


def test_label_of_a_control_on_the_page_is_kept() -> None:
    page = '<input type="checkbox" id="__toc"><label class="md-nav__title" for="__toc">Table</label>'
    assert tidy_theme_markup(page) == page


def test_counts_speak_to_militants() -> None:
    assert plain_count(Count(202, 280, "caractères pondérés")) == "il reste 78 caractères"
    assert plain_count(Count(279, 280, "graphèmes")) == "il reste 1 caractère"
    assert plain_count(Count(292, 280, "caractères pondérés")) == "12 caractères de trop pour ce réseau"
    assert plain_count(Count(1200, None, "caractères")) == "1\u202f200 caractères"
    assert plain_count(Count(2, 3, "SMS"), sms=True) == "2 SMS"


def test_ordinals_in_superscript_and_hours_kept_whole() -> None:
    md = typographie_markdown("Dans le 8e, sous la Ve République, le 1er et la 1re (18 h) ou 18 h 30. Vers Ce Le `8e`.")
    assert "8<sup>e</sup>" in md and "V<sup>e</sup> République" in md
    assert "1<sup>er</sup>" in md and "1<sup>re</sup>" in md
    assert "(18\u00a0h)" in md and "18\u00a0h\u00a030" in md
    assert "Vers Ce Le `8e`" in md
    # Titles and plain text are not HTML: no tags there, the hours still hold together.
    assert typographie("Le 8e (18 h)") == "Le 8e (18\u00a0h)"


def test_tabs_and_their_radio_inputs_are_not_wrapped_in_a_paragraph() -> None:
    # <input> has no end tag: counted as an open element, it swallowed the rest of the body
    # into one « stray » paragraph, <p><div class="tabbed-set">…<p>Fin.</p></p>.
    from oep_build.safety.markdown import safe_body

    out = safe_body('Avant.\n\n=== "Un"\n\n    Texte un.\n\n=== "Deux"\n\n    Texte deux.\n\nFin.\n')
    assert '<div class="tabbed-set' in out
    assert "<p><div" not in out and "</p></p>" not in out
    assert out.rstrip().endswith("<p>Fin.</p>")
