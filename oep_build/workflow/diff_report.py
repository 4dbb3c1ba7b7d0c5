"""``oep diff`` as Markdown for a pull request comment (what a reviewer reads first)."""

from __future__ import annotations

import datetime as dt

from ..diagnostics import Diagnostic
from ..fr import date_fr
from .diff import Embargo, PublicDiff, PublicObject
from .urls import HOME_URL

__all__ = ["MARKER", "render_markdown"]

MARKER = "<!-- oep-diff -->"
"""First line of the comment: lets CI find and update its previous comment."""
FOLD_AFTER = 12
"""Sections longer than this many rows are folded (``<details>``)."""


def render_markdown(diff: PublicDiff) -> str:
    """The whole report; empty sections are left out."""
    parts = [
        MARKER,
        "## Effet sur le site public",
        f"Comparaison avec {_ref(diff)}, état au {_datetime_fr(diff.now)} ({diff.now.tzinfo}).",
        _diagnostics_line(diff),
    ]
    if diff.nouveaux:
        parts.append(_diagnostics_section("Nouveaux problèmes", diff.nouveaux, with_fix=True))
    if diff.corriges:
        parts.append(_diagnostics_section("Problèmes corrigés", diff.corriges, with_fix=False))
    if diff.empty:
        parts.append("Aucun changement sur le site public.")
    if diff.site_modifie:
        parts.append(
            "⚠️ **Réglages du site modifiés** (`content/site.yml`) : toutes les pages peuvent changer."
        )
    if diff.devient_public:
        parts.append(_objects_section("Devient public", diff.devient_public))
    if diff.cesse_public:
        objects = [o for o, _ in diff.cesse_public]
        parts.append(_objects_section("N'est plus public", objects, [why for _, why in diff.cesse_public]))
    if diff.modifie:
        changed = [", ".join(f"`{f}`" for f in diff.champs_modifies.get(o.key, [])) for o in diff.modifie]
        parts.append(_objects_section("Modifié (déjà public)", diff.modifie, changed, "Champs modifiés"))
    if diff.partenaires_publics or diff.sources_publiques:
        parts.append(_named_section(diff))
    if diff.pages_ajoutees or diff.pages_retirees or diff.pages_modifiees:
        parts.append(_pages_section(diff))
    if diff.embargos:
        parts.append(_embargo_section(diff.embargos))
    return "\n\n".join(parts) + "\n"


def _ref(diff: PublicDiff) -> str:
    if diff.base.rev.startswith(diff.base.label):
        return f"`{diff.base.short}`"
    return f"`{diff.base.label}` (`{diff.base.short}`)"


def _diagnostics_line(diff: PublicDiff) -> str:
    e, w = diff.erreurs, diff.avertissements
    warnings = f"{w} avertissement" + ("s" if w > 1 else "")
    if e:
        errors = f"{e} erreur" + ("s" if e > 1 else "")
        return (
            f"❌ **Contrôle : {errors}**, {warnings}. Rien ne sera publié tant qu'elles ne sont pas "
            "corrigées : voyez les annotations dans l'onglet « Files changed »."
        )
    return f"✅ **Contrôle : aucune erreur**, {warnings}."


def _diagnostics_section(title: str, diags: list[Diagnostic], with_fix: bool) -> str:
    """Each problem named, where it is (even in a file the change did not touch)."""
    lines = []
    for d in diags:
        where = f"{d.file}:{d.line}" if d.line else d.file
        tail = f" — {d.fix}" if with_fix and d.fix else ""
        lines.append(f"- `{where}` {d.level.value} [{d.id}] {_cell(d.message)}{_cell(tail)}")
    return _fold(f"### {title} ({len(lines)})", "\n".join(lines), len(lines))


def _named_section(diff: PublicDiff) -> str:
    lines = [f"- partenaire `{pid}` : {_cell(name)}" for pid, name in diff.partenaires_publics]
    lines += [f"- source `{sid}` : {_cell(title)}" for sid, title in diff.sources_publiques]
    title = f"### Partenaires et sources désormais nommés sur le site ({len(lines)})"
    return _fold(title, "\n".join(lines), len(lines))


def _objects_section(
    title: str, objects: list[PublicObject], reasons: list[str] | None = None, reason_title: str = "Raison"
) -> str:
    head = ["Type", "Identifiant", "Titre", "Campagne"] + ([reason_title] if reasons else [])
    rows = []
    for i, o in enumerate(objects):
        cells = [o.label, f"`{o.id}`", _cell(o.titre), f"`{o.campagne}`" if o.campagne else "—"]
        if reasons:
            cells.append(_cell(reasons[i]))
        rows.append(cells)
    return _fold(f"### {title} ({len(objects)})", _table(head, rows), len(rows))


def _pages_section(diff: PublicDiff) -> str:
    lines = []
    for label, urls in (
        ("ajouté", diff.pages_ajoutees),
        ("retiré", diff.pages_retirees),
        ("modifié", diff.pages_modifiees),
    ):
        lines += [f"- {label} : `{u}`" + (" (page d'accueil)" if u == HOME_URL else "") for u in urls]
    return _fold(f"### Pages et fichiers du site ({len(lines)})", "\n".join(lines), len(lines))


def _fold(title: str, body: str, rows: int) -> str:
    """Long lists fold away so the comment stays readable; the title keeps the count."""
    if rows <= FOLD_AFTER:
        return f"{title}\n\n{body}"
    return f"{title}\n\n<details><summary>Afficher les {rows} lignes</summary>\n\n{body}\n\n</details>"


def _embargo_section(embargos: list[Embargo]) -> str:
    head = ["Jusqu'au", "Type", "Identifiant", "Titre", "À la levée"]
    rows = []
    for e in embargos:
        after = "paraît automatiquement" if e.ensuite is None else f"reste caché ({e.ensuite})"
        if e.nouveau:
            after += " — **nouveau**"
        rows.append([_datetime_fr(e.jusqu_au), e.label, f"`{e.id}`", _cell(e.titre), _cell(after)])
    return _fold(f"### Embargos programmés ({len(embargos)})", _table(head, rows), len(rows))


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """One table cell: no line breaks, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _datetime_fr(t: dt.datetime) -> str:
    """« 1er décembre 2026 à 9 h 00 »."""
    return f"{date_fr(t)} à {t.hour}\u00a0h\u00a0{t.minute:02d}"
