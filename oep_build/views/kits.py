"""A kit as every output shows it: its sections and pieces, and the editions an audience gets.

:func:`kit_sections` decides which pieces of a kit's ``sommaire`` an audience
sees and under which section title: the kit's page on the site and its PDF read
the same list. One :class:`Edition` per PDF: the national edition of every kit
the audience may see, plus one per committee of ``declinaisons_locales``, with
that committee's own upcoming events. Visibility is asked of
:meth:`Context.visible` (the one place deciding it); what it removes from a
public edition is said as an info diagnostic, never silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from ..context import Context
from ..diagnostics import Diagnostic
from ..model import Kit
from ..model.campaign import Campagne
from ..model.content import Evenement, SupportKit
from ..model.referentiels import Comite, Source
from ..visibility import public_reason
from .rules import R_COMITE, R_EMPTY_BOOKLET, R_PIECE

__all__ = ["DEFAULT_SECTIONS", "Edition", "Piece", "Section", "anchor_of", "gather_editions", "kit_sections"]

_SLUG = re.compile(r"[^a-z0-9-]+")

# Section title used when a sommaire entry gives none (the site's kit page and the PDF alike).
DEFAULT_SECTIONS = {
    "edl": "Éléments de langage",
    "argumentaires": "Argumentaire",
    "guides": "Passer à l’action",
    "posts": "Textes prêts à publier",
    "visuels": "Visuels",
    "evenements": "Rendez-vous",
    "kits": "Pour aller plus loin",
}


def anchor_of(folder: str, oid: str) -> str:
    """The anchor of a piece in its kit (``argumentaires-chiffres``)."""
    return _SLUG.sub("-", f"{folder}-{oid}".lower())


@dataclass
class Piece:
    index: int
    """Position in ``kit.sommaire`` (diagnostics point at that entry)."""
    folder: str
    obj: Any
    anchor: str
    note: str = ""
    """Internal edition only: why the piece is not public (« statut brouillon »)."""


@dataclass
class Section:
    title: str
    anchor: str
    pieces: list[Piece] = field(default_factory=list)


@dataclass
class Edition:
    """One PDF: a kit, possibly personalised for a committee."""

    kit: Kit
    campagne: Campagne | None
    audience: str
    sections: list[Section]
    sources: list[tuple[int, Source]]
    comite: Comite | None = None
    comite_index: int | None = None
    local_events: list[Evenement] = field(default_factory=list)

    @property
    def kit_id(self) -> str:
        return self.kit.id or ""

    @property
    def label(self) -> str:
        """``kit-x`` or ``kit-x/comite`` (progress, cache manifest)."""
        return self.kit_id + (f"/{self.comite.id}" if self.comite else "")

    @property
    def rel_path(self) -> str:
        if self.comite is not None:
            return f"kits/{self.kit_id}/{self.comite.id}.pdf"
        return f"kits/{self.kit_id}.pdf"

    @property
    def pieces(self) -> list[Piece]:
        return [p for s in self.sections for p in s.pieces]

    def source_number(self, sid: str) -> int | None:
        return next((n for n, s in self.sources if s.id == sid), None)


SectionsOf = Callable[[Kit], tuple[list["Section"], list[Diagnostic]]]


def gather_editions(
    ctx: Context, audience: str, sections_of: SectionsOf | None = None
) -> tuple[list[Edition], list[Diagnostic]]:
    """Every PDF ``audience`` gets, in a stable order (kit id, then committee order).

    ``sections_of``: the kit's sections already worked out for the site (:class:`~.shown.Views`).
    """
    diags: list[Diagnostic] = []
    editions: list[Edition] = []
    for kid, kit in sorted(ctx.project.kits.items()):
        if not ctx.visible(kit, audience):
            continue
        if sections_of is None:
            sections = kit_sections(ctx, kit, audience, diags)
        else:
            sections, omitted = sections_of(kit)
            diags += omitted
        sources = _number_sources(ctx, sections)
        campagne = ctx.project.campagnes.get(kit.campagne)
        editions.append(Edition(kit, campagne, audience, sections, sources))
        for i, cid in enumerate(kit.declinaisons_locales):
            comite = ctx.project.comites.get(cid)
            if comite is None:
                continue  # reference-inconnue, reported by the check stage
            if not ctx.visible(comite, audience):
                why = public_reason(ctx.project, comite, ctx.now)
                diags.append(
                    ctx.diag(
                        R_COMITE,
                        kit,
                        "declinaisons_locales",
                        i,
                        message=f"kit « {kid} » : pas d'édition publique pour le comité « {cid} » ({why})",
                        fix="publiez le comité (statut publie, visibilite public) ou retirez-le de declinaisons_locales",
                    )
                )
                continue
            events = _local_events(ctx, comite, audience)
            editions.append(Edition(kit, campagne, audience, sections, sources, comite, i, events))
    return editions, diags


def kit_sections(ctx: Context, kit: Kit, audience: str, diags: list[Diagnostic] | None = None) -> list[Section]:
    """The pieces of ``kit`` that ``audience`` sees, grouped under their section titles.

    A piece left out of a public edition is said in ``diags`` (when given) as an info.
    """
    diags = [] if diags is None else diags
    sections: list[Section] = []
    omitted = unresolved = 0
    for i, entry in enumerate(kit.sommaire):
        folder = entry.ref.partition("/")[0]
        obj = ctx.project.piece(entry.ref)
        if obj is None:
            unresolved += 1
            continue  # reference-inconnue, reported by the check stage
        why = public_reason(ctx.project, obj, ctx.now)
        if why and not ctx.visible(obj, audience):
            omitted += 1
            diags.append(
                ctx.diag(
                    R_PIECE,
                    kit,
                    "sommaire",
                    i,
                    "ref",
                    message=f"kit « {kit.id} » : « {entry.ref} » n'est pas public ({why}), "
                    "il est retiré de l'édition publique",
                    fix="publiez la pièce si elle doit figurer dans le kit, ou retirez-la du sommaire",
                )
            )
            continue
        title = entry.section.strip() or DEFAULT_SECTIONS.get(folder, "Ressources")
        if not sections or sections[-1].title != title:
            sections.append(Section(title, f"section-{len(sections) + 1}"))
        oid = getattr(obj, "id", "") or ""
        note = why or ""
        sections[-1].pieces.append(Piece(i, folder, obj, anchor_of(folder, oid), note))
    if omitted and not sections and not unresolved and SupportKit.livret in kit.supports:  # not a reference's echo
        diags.append(
            ctx.diag(
                R_EMPTY_BOOKLET,
                kit,
                "sommaire",
                message=f"kit « {kit.id} » : aucune pièce du sommaire n'est publique, le livret public "
                "n'aurait que sa couverture",
                fix="publiez au moins une pièce, rendez le kit interne (visibilite: interne), "
                "ou n'imprimez que le tract : supports: [tract]",
            )
        )
    return sections


def _number_sources(ctx: Context, sections: list[Section]) -> list[tuple[int, Source]]:
    """Sources numbered in order of first citation across the whole kit."""
    order: list[str] = []
    for section in sections:
        for piece in section.pieces:
            if piece.folder != "argumentaires":
                continue
            cited = [s for a in piece.obj.affirmations for s in a.sources]
            cited += [s for o in piece.obj.objections for s in o.sources]
            for sid in cited:
                if sid not in order and sid in ctx.project.sources:
                    order.append(sid)
    return [(n, ctx.project.sources[sid]) for n, sid in enumerate(order, 1)]


def event_start(ev: Evenement, tz: ZoneInfo) -> dt.datetime:
    return _aware(ev.debut, ev, tz)


def _aware(moment: dt.datetime, ev: Evenement, tz: ZoneInfo) -> dt.datetime:
    if moment.tzinfo is not None:
        return moment
    try:
        zone = ZoneInfo(ev.fuseau) if ev.fuseau else tz
    except (KeyError, ValueError):
        zone = tz
    return moment.replace(tzinfo=zone)


def _local_events(ctx: Context, comite: Comite, audience: str) -> list[Evenement]:
    """The committee's own upcoming events (not its neighbours', not past ones)."""
    out = []
    for ev in ctx.project.evenements.values():
        if ev.approbation.value == "refuse" or ev.deroulement.value == "annule":
            continue
        if not ctx.visible(ev, audience) or _aware(ev.fin, ev, ctx.tz) < ctx.now:
            continue
        if ev.organisateur.comite == comite.id:
            out.append(ev)
    return sorted(out, key=lambda e: (event_start(e, ctx.tz), e.id or ""))
