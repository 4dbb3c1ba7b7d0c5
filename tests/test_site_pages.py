"""Generated site pages: golden Markdown for the example content, and what each audience sees."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from test_site_support import REPO, TODAY

from oep_build.diagnostics import RULES
from oep_build.pipeline import check_project
from oep_build.render.ics import render_feeds
from oep_build.render.site import render_site
from oep_build.render.site.common import KitLink, demote_headings
from oep_build.typo import typographie_markdown
from oep_build.visibility import is_public

# The page generated from the model's own docs and rule list changes with every new
# rule or field: it is checked for completeness below rather than byte for byte.
NOT_GOLDEN = {"guide-de-saisie.md"}


@dataclass(frozen=True)
class FakeKit:
    """What render_kits returns, without running WeasyPrint."""

    kit_id: str
    comite: str | None
    path: str
    pages: int
    size: int
    support: str = "livret"


@pytest.fixture(scope="module")
def checked():  # type: ignore[no-untyped-def]
    result = check_project(REPO, TODAY)
    assert not result.report.failed(), result.report.format_text()
    return result


def _docs(checked, audience: str):  # type: ignore[no-untyped-def]
    ctx = checked.context
    kits = [
        FakeKit(k.id, None, f"kits/{k.id}.pdf", 12, 1_234_567)
        for k in checked.project.kits.values()
        if ctx.visible(k, audience)
    ]
    kits += [
        FakeKit(k.id, None, f"kits/{k.id}-tract.pdf", 1, 15_000, "tract")
        for k in checked.project.kits.values()
        if ctx.visible(k, audience) and "tract" in {s.value for s in k.supports}
    ]
    return render_site(ctx, audience, kits, render_feeds(ctx, audience))


@pytest.mark.parametrize("audience", ["public", "interne"])
def test_pages_match_goldens(checked, golden, audience: str) -> None:  # type: ignore[no-untyped-def]
    docs = _docs(checked, audience)
    names = sorted(p.path for p in docs.pages if p.path not in NOT_GOLDEN)
    golden(f"site/{audience}/_pages.txt", "\n".join(names) + "\n")
    for page in docs.pages:
        if page.path not in NOT_GOLDEN:
            golden(f"site/{audience}/{page.path}", page.text())


def test_public_pages_never_name_a_non_public_object(checked) -> None:  # type: ignore[no-untyped-def]
    docs = _docs(checked, "public")
    text = "\n".join(p.text() for p in docs.pages) + repr(docs.nav)
    now = checked.context.now
    hidden = [o for _, o in checked.project.all_objects() if not is_public(checked.project, o, now)]
    assert hidden, "the example content should hold non-public objects"
    for obj in hidden:
        title = getattr(obj, "titre", None) or getattr(obj, "nom", None)
        assert f"/{obj.id}" not in text and f"-{obj.id}" not in text, obj.id
        if title:
            assert title not in text, title


def test_public_pages_name_no_staff_member(checked) -> None:  # type: ignore[no-untyped-def]
    docs = _docs(checked, "public")
    text = "\n".join(p.text() for p in docs.pages)
    site = checked.project.site
    # The legal notice may name the publication director, a visual may credit its
    # author (CC BY-SA asks for it) and a public article its signer: published on purpose.
    now = checked.context.now
    declared = site.organisation.mentions + " ".join(
        v.credits.auteur for v in checked.project.visuels.values() if v.credits
    )
    signers = {a.auteur for a in checked.project.articles.values() if is_public(checked.project, a, now)}
    declared += " ".join(checked.project.personnes[pid].nom_affiche for pid in signers if pid)
    assert "Louis M." in declared  # signs a public article of the example
    for person in checked.project.personnes.values():
        if person.nom_affiche not in declared:
            assert person.nom_affiche not in text, person.id


def test_interne_shows_everything_with_badges_and_a_staff_section(checked) -> None:  # type: ignore[no-untyped-def]
    docs = _docs(checked, "interne")
    paths = {p.path for p in docs.pages}
    assert "equipe/index.md" in paths
    for cid in checked.project.campagnes:
        assert f"campagnes/{cid}/index.md" in paths
    text = "\n".join(p.text() for p in docs.pages)
    assert 'oep-badge--brouillon' in text or 'oep-badge--relecture' in text
    staff = next(p for p in docs.pages if p.path == "equipe/index.md").text()
    assert "Livrables par responsable" in staff and "Suivi de la coalition" in staff
    staff_nav = next(e["Équipe"] for e in docs.nav if "Équipe" in e)
    assert staff_nav[0] == "equipe/index.md"
    staff_paths = {v for entry in staff_nav[1:] for v in entry.values()}
    for cid in checked.project.campagnes:
        assert {f"equipe/planning-{cid}.md", f"equipe/rapport-{cid}.md"} <= staff_paths
        assert f"equipe/planning-{cid}.md" in paths and f"equipe/rapport-{cid}.md" in paths
    planning = next(p for p in docs.pages if p.path == "equipe/planning-loi-duplomb.md").text()
    assert "<svg" in planning and "Le planning en texte" in planning


def test_kit_and_campaign_pages_link_the_pdf_with_pages_and_size(checked) -> None:  # type: ignore[no-untyped-def]
    docs = _docs(checked, "public")
    kit_id = next(k.id for k in checked.project.kits.values() if checked.context.visible(k, "public"))
    kit_page = next(p for p in docs.pages if p.path == f"kits/{kit_id}/index.md").text()
    assert f"(PDF, 12 pages, 1,2\u00a0Mo)](../{kit_id}.pdf)" in kit_page


def test_staff_guide_documents_every_rule_and_file(checked) -> None:  # type: ignore[no-untyped-def]
    docs = _docs(checked, "public")
    guide = next(p for p in docs.pages if p.path == "guide-de-saisie.md").text()
    for rid in RULES:
        assert f"`{rid}`" in guide, rid
    for path in ("campaigns/<id>/campagne.yml", "kits/<id>.yml", "content/comites/<id>.yml"):
        assert path in guide
    assert "`temps_forts[]`" in guide and "`embargo_jusqu_au`" in guide


def test_pdf_label_is_french() -> None:
    assert KitLink("kits/k.pdf", 12, 1_234_567).label == "PDF, 12 pages, 1,2\u00a0Mo"
    assert KitLink("kits/k.pdf", 1, 350_000).label == "PDF, 1 page, 350\u00a0ko"


def test_embedded_headings_start_at_the_given_level() -> None:
    body = "## Titre\n\ntexte\n\n```\n## pas un titre\n```\n\n### Sous-titre"
    assert demote_headings(body, 4) == "#### Titre\n\ntexte\n\n```\n## pas un titre\n```\n\n##### Sous-titre"


def test_home_during_the_campaigns_counts_down_to_the_next_temps_forts(golden) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    # Early February 2026 both example campaigns run (the suivi files already hold later
    # rows, so the check complains about the date; the pages only need the model).
    checked = check_project(REPO, dt.date(2026, 2, 1))
    docs = render_site(checked.context, "public", [], render_feeds(checked.context, "public"))
    home = next(p for p in docs.pages if p.path == "index.md").text()
    assert "dans 3 jours" in home  # online registration closes on 2026-02-04
    golden("site/public-2026-02-01/index.md", home)


def _home_on(day):  # type: ignore[no-untyped-def]
    import datetime as dt

    checked = check_project(REPO, dt.date.fromisoformat(day))
    docs = render_site(checked.context, "public", [], render_feeds(checked.context, "public"))
    return next(p for p in docs.pages if p.path == "index.md").text()


def test_home_opens_on_one_call_to_action_while_a_campaign_runs(golden) -> None:  # type: ignore[no-untyped-def]
    # 5 February 2026: the day before the last day to register at the town hall.
    home = _home_on("2026-02-05")
    first_block = home.split("## ")[0]
    assert first_block.count('class="oep-appel"') == 1 and first_block.count("{ .md-button") == 1
    assert "Dernier jour pour s’inscrire en mairie" in first_block and "demain" in first_block
    assert "# On Est Prêt" not in home and "# Agir maintenant" in home
    assert "## Près de chez vous" in home and "oep-filtre-accueil" in home
    assert "## Les kits à imprimer" in home
    golden("site/public-2026-02-05/index.md", home)


def test_home_without_a_current_campaign_shows_the_last_result_and_the_archive(checked) -> None:  # type: ignore[no-untyped-def]
    home = next(p for p in _docs(checked, "public").pages if p.path == "index.md").text()
    assert "oep-appel" not in home and "# Agir avec nous" in home
    assert "Campagne terminée le 22 mars 2026" in home and "5 120 personnes" in home
    assert "(campagnes/index.md)" in home  # the archive, never a dead end
    assert "Aucune campagne n’est en cours en ce moment\u00a0: la prochaine" in home


def test_finished_campaigns_say_so_and_offer_nothing_to_act_on(checked) -> None:  # type: ignore[no-untyped-def]
    pages = {p.path: p.text() for p in _docs(checked, "public").pages}
    campagne = pages["campagnes/loi-duplomb/index.md"]
    assert "**Campagne terminée le 28 février 2026.** Plus de deux millions de signatures" in campagne
    assert "Signer la pétition" not in campagne
    kit = pages["kits/kit-loi-duplomb/index.md"]
    assert "Campagne terminée le 28 février 2026" in kit
    assert "oep-copy" not in kit and "oep-share" not in kit
    for path, text in pages.items():
        assert "S’inscrire" not in text, path  # every example event is over on 27 November 2026


def test_every_public_event_has_its_own_page(checked) -> None:  # type: ignore[no-untyped-def]
    pages = {p.path: p.text() for p in _docs(checked, "public").pages}
    events = [e for e in checked.project.evenements.values() if checked.context.visible(e, "public")]
    assert events
    for ev in events:
        page = pages[f"evenements/{ev.id}.md"]
        assert f"# {typographie_markdown(ev.titre)}" in page
        assert "https://www.openstreetmap.org/search?query=" in page or ev.lieu is None
        # Linked from its département's agenda page (the agenda is paginated per département).
        dep = ev.lieu.departement.lower() if ev.lieu and ev.lieu.departement else ""
        if dep:
            assert f"](../../evenements/{ev.id}.md)" in pages[f"agenda/{dep}/index.md"], ev.id
    # Someone's home is never on a map: only the commune is searched.
    private = [e for e in events if e.lieu and (e.lieu.chez_habitant or e.lieu.adresse_visibilite != "publique")]
    for ev in private:
        assert not ev.lieu.adresse or ev.lieu.adresse not in pages[f"evenements/{ev.id}.md"]


def test_the_menu_names_a_few_campaigns_and_the_index_names_them_all(checked) -> None:  # type: ignore[no-untyped-def]
    # The theme writes the whole menu into every page: with every campaign of a national
    # election in it the build would grow with the square of the project (BENCHMARKS.md).
    from oep_build.render.site.campaign import render_campaigns_index
    from oep_build.render.site.common import SiteContext
    from oep_build.render.site.nav import MENU_MAX, build_nav

    for audience in ("public", "interne"):
        sc = SiteContext(checked.context, audience)
        base = sc.campagnes[0]
        many = [base.model_copy(update={"id": f"campagne-{i:02d}", "titre": f"Campagne {i}"}) for i in range(20)]
        sc.__dict__["campagnes"] = many  # the cached list of visible campaigns, current ones first
        kits = sc.kits_of()
        sc.kits_of = lambda cid=None: [k.model_copy(update={"id": f"kit-{i:02d}"}) for i in range(20) for k in kits[:1]]  # type: ignore[method-assign]
        nav = {title: items for entry in build_nav(sc) for title, items in entry.items()}
        assert [next(iter(e)) for e in nav["Campagnes"][1:]] == [f"Campagne {i}" for i in range(MENU_MAX)]
        assert len(nav["Kits"]) == 1 + MENU_MAX
        if audience == "interne":
            assert len(nav["Équipe"]) == 2 + 2 * MENU_MAX
        index = render_campaigns_index(sc).text()
        assert all(f"Campagne {i}" in index for i in range(20))


def test_the_home_page_shows_a_few_running_campaigns_and_links_to_all(checked) -> None:  # type: ignore[no-untyped-def]
    # A national election runs hundreds of campaigns: the home page stays a page, not a wall.
    from oep_build.render.site.common import SiteContext
    from oep_build.render.site.home import CAMPAIGNS_MAX, render_home

    import datetime as dt

    sc = SiteContext(checked.context, "public")
    base = sc.campagnes[0].model_copy(update={"fin": sc.today + dt.timedelta(days=30)})
    assert sc.is_active(base)
    many = [base.model_copy(update={"id": f"campagne-{i:02d}", "titre": f"Campagne {i:02d}"}) for i in range(20)]
    sc.__dict__["campagnes"] = many
    home = render_home(sc).text()
    shown = [i for i in range(20) if f"Campagne {i:02d}" in home]
    assert shown == list(range(CAMPAIGNS_MAX))  # the menu's first ones
    assert "[Les 20 campagnes en cours, et les campagnes passées](campagnes/index.md)" in home

    sc.__dict__["campagnes"] = many[:2]
    home = render_home(sc).text()
    assert "Campagne 00" in home and "Campagne 01" in home
    assert "[Toutes les campagnes, y compris les campagnes passées](campagnes/index.md)" in home
