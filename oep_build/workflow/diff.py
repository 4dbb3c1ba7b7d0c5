"""What a change does to the public output: the model side of ``oep diff``.

Both sides (the base revision and the working tree) go through the same
``check_project``; the one visibility rule (:func:`oep_build.visibility.is_public`)
decides, at the same instant, what each side publishes. Comparing those two
public sets gives objects that appear, disappear or change, and through
:func:`public_urls` the pages and PDFs that do.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Level, Report
from ..model import Project
from ..pipeline import Checked, check_project
from ..visibility import coalition_entry_shown, embargo_until, public_reason, shown_to
from .git import BaseRef, export_content, resolve_base
from .urls import SITE_PAGES, in_public_site, public_urls

__all__ = ["Embargo", "PublicDiff", "PublicObject", "Snapshot", "compare", "public_diff", "snapshot"]

# Project attribute -> what staff call it (singular)
KIND_LABELS = {
    "campagnes": "campagne",
    "kits": "kit",
    "edl": "EDL",
    "argumentaires": "argumentaire",
    "guides": "guide d'action",
    "posts": "post",
    "visuels": "visuel",
    "evenements": "événement",
    "comites": "comité",
    "pages": "page",
    "articles": "article",
}


@dataclass(frozen=True)
class PublicObject:
    """One object of the public output, as the diff shows it."""

    kind: str
    """Project attribute (``kits``, ``posts``…)."""
    id: str
    titre: str
    campagne: str
    fingerprint: str
    """Stable serialisation of the object and its body: equal iff unchanged."""
    fields: tuple[tuple[str, str], ...] = ()
    """(field, serialised value) for each field, and ``corps`` for a Markdown body."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Embargo:
    """An object hidden until a future date-time."""

    kind: str
    id: str
    titre: str
    jusqu_au: dt.datetime
    ensuite: str | None
    """Why it stays hidden once the embargo lifts (``None``: it becomes public then)."""
    nouveau: bool
    """The embargo is new or moved in this change."""

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class Snapshot:
    """The public side of one checked project at one instant."""

    objects: dict[tuple[str, str], PublicObject]
    pages: dict[str, tuple[tuple[str, str, str], ...]]
    """Public URL path -> what it is made of (kind, id, fingerprint), sorted."""
    embargoes: dict[tuple[str, str], Embargo]
    site: str
    """Fingerprint of content/site.yml (every page shows it)."""
    partenaires: dict[str, str] = field(default_factory=dict)
    """Partners the public site names (id -> name)."""
    sources: dict[str, str] = field(default_factory=dict)
    """Sources the public site cites (id -> title)."""


@dataclass
class PublicDiff:
    """Everything ``oep diff`` reports."""

    base: BaseRef
    now: dt.datetime
    devient_public: list[PublicObject] = field(default_factory=list)
    cesse_public: list[tuple[PublicObject, str]] = field(default_factory=list)
    """Objects that were public, with why they no longer are."""
    modifie: list[PublicObject] = field(default_factory=list)
    pages_ajoutees: list[str] = field(default_factory=list)
    pages_retirees: list[str] = field(default_factory=list)
    pages_modifiees: list[str] = field(default_factory=list)
    embargos: list[Embargo] = field(default_factory=list)
    site_modifie: bool = False
    champs_modifies: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """For each object of ``modifie``, the fields that changed."""
    partenaires_publics: list[tuple[str, str]] = field(default_factory=list)
    """Partners the public site names from now on (id, name)."""
    sources_publiques: list[tuple[str, str]] = field(default_factory=list)
    """Sources the public site cites from now on (id, title)."""
    erreurs: int = 0
    avertissements: int = 0
    nouveaux: list[Diagnostic] = field(default_factory=list)
    """Errors and warnings the change brings (absent from the base)."""
    corriges: list[Diagnostic] = field(default_factory=list)
    """Errors and warnings of the base that the change makes disappear."""

    @property
    def empty(self) -> bool:
        """Nothing public changes (embargoes and diagnostics aside)."""
        return not (
            self.devient_public or self.cesse_public or self.modifie
            or self.pages_ajoutees or self.pages_retirees or self.pages_modifiees
            or self.site_modifie or self.partenaires_publics or self.sources_publiques
        )


def public_diff(root: Path, base: str | None = None, today: dt.date | None = None) -> PublicDiff:
    """Compare the public output of ``base`` (default: see :func:`resolve_base`) with the working tree."""
    root = Path(root).resolve()
    # Base: which revision, then its content folders in a scratch directory
    ref = resolve_base(root, base)
    head = check_project(root, today)
    now = head.context.now
    with tempfile.TemporaryDirectory(prefix="oep-diff-") as tmp:
        export_content(root, ref.rev, Path(tmp))
        before = check_project(Path(tmp), today)
        # Both sides are judged at the same instant, so only the content differs
        old = snapshot(before, now)
    new = snapshot(head, now, previous=old)
    out = compare(old, new, ref, now)
    out.nouveaux, out.corriges = diagnostics_delta(before.report, head.report)
    # Reasons and counts come from the head: that is what the pull request would merge
    out.cesse_public = [(o, _why_not(head, o)) for o, _ in out.cesse_public]
    out.erreurs, out.avertissements = head.report.errors, head.report.warnings
    return out


def snapshot(checked: Checked, now: dt.datetime, previous: Snapshot | None = None) -> Snapshot:
    """The public objects of ``checked`` at ``now``, the pages they make, and pending embargoes."""
    project = checked.project
    tz = checked.context.tz
    objects: dict[tuple[str, str], PublicObject] = {}
    publics: list[tuple[str, Any]] = []
    embargoes: dict[tuple[str, str], Embargo] = {}
    for kind, obj in project.all_objects():
        oid = getattr(obj, "id", None) or ""
        emb = embargo_until(obj, tz)
        if emb is not None and emb > now:
            embargoes[(kind, oid)] = _embargo(project, kind, obj, emb, previous)
        if public_reason(project, obj, now) is not None or not in_public_site(kind, obj):
            continue
        publics.append((kind, obj))
        objects[(kind, oid)] = PublicObject(
            kind, oid, _title(obj), _campaign_id(project, kind, obj), _fingerprint(project, obj), _fields(project, obj)
        )
    pages: dict[str, list[tuple[str, str, str]]] = {url: [] for url in SITE_PAGES}
    for kind, obj in publics:
        po = objects[(kind, getattr(obj, "id", None) or "")]
        for url in public_urls(project, kind, obj, lambda o: public_reason(project, o, now) is None):
            pages.setdefault(url, []).append((po.kind, po.id, po.fingerprint))
    site = _dump(project.site) if project.site is not None else ""
    return Snapshot(
        objects, {u: tuple(sorted(c)) for u, c in pages.items()}, embargoes, site,
        _public_partners(project, publics), _public_sources(project, publics),
    )


def compare(old: Snapshot, new: Snapshot, base: BaseRef, now: dt.datetime) -> PublicDiff:
    """The difference between two snapshots, every list in a stable order."""
    out = PublicDiff(base=base, now=now)
    for key in sorted(new.objects.keys() - old.objects.keys(), key=_order):
        out.devient_public.append(new.objects[key])
    for key in sorted(old.objects.keys() - new.objects.keys(), key=_order):
        out.cesse_public.append((old.objects[key], ""))
    for key in sorted(old.objects.keys() & new.objects.keys(), key=_order):
        if old.objects[key].fingerprint != new.objects[key].fingerprint:
            out.modifie.append(new.objects[key])
            before, after = dict(old.objects[key].fields), dict(new.objects[key].fields)
            out.champs_modifies[key] = sorted(f for f in before.keys() | after.keys() if before.get(f) != after.get(f))
    out.pages_ajoutees = sorted(new.pages.keys() - old.pages.keys())
    out.pages_retirees = sorted(old.pages.keys() - new.pages.keys())
    out.pages_modifiees = sorted(u for u in old.pages.keys() & new.pages.keys() if old.pages[u] != new.pages[u])
    out.embargos = sorted(new.embargoes.values(), key=lambda e: (e.jusqu_au, _order((e.kind, e.id))))
    out.site_modifie = bool(old.site) and old.site != new.site
    out.partenaires_publics = sorted((k, v) for k, v in new.partenaires.items() if k not in old.partenaires)
    out.sources_publiques = sorted((k, v) for k, v in new.sources.items() if k not in old.sources)
    return out


def _diag_key(d: Diagnostic) -> tuple[str, str, str, str]:
    # not the line: editing a file moves the problems below the edit
    return (d.file, d.id, d.path, d.message)


def diagnostics_delta(base: Report, head: Report) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(new, fixed) errors and warnings of ``head`` compared with ``base``."""
    shown = (Level.ERREUR, Level.AVERTISSEMENT)
    old = Counter(_diag_key(d) for d in base if d.level in shown)
    new = Counter(_diag_key(d) for d in head if d.level in shown)
    added, gone = new - old, old - new
    fresh = []
    for d in head:
        if d.level in shown and added[_diag_key(d)] > 0:
            added[_diag_key(d)] -= 1
            fresh.append(d)
    fixed = []
    for d in base:
        if d.level in shown and gone[_diag_key(d)] > 0:
            gone[_diag_key(d)] -= 1
            fixed.append(d)
    return fresh, fixed


def _public_partners(project: Project, publics: list[tuple[str, Any]]) -> dict[str, str]:
    """Partners the public site names: a coalition line of a public campaign, or the organiser of
    a public event — decided as the campaign and event pages decide (visibility.py)."""
    out: dict[str, str] = {}
    for kind, obj in publics:
        if kind == "campagnes":
            for entry in obj.coalition:
                p = project.partenaires.get(entry.partenaire)
                if p is not None and coalition_entry_shown(entry, p, "public"):
                    out[p.id] = p.nom
        elif kind == "evenements" and obj.organisateur.partenaire:
            p = project.partenaires.get(obj.organisateur.partenaire)
            if p is not None and shown_to(p, "public"):
                out[p.id] = p.nom
    return out


def _public_sources(project: Project, publics: list[tuple[str, Any]]) -> dict[str, str]:
    """Sources cited by public argumentaires and articles."""
    out: dict[str, str] = {}
    for kind, obj in publics:
        if kind == "articles":
            claims = [obj]
        else:
            claims = list(getattr(obj, "affirmations", [])) + list(getattr(obj, "objections", []))
        for claim in claims:
            for src in project.claim_sources(claim):
                out[src.id] = src.titre
    return out


# -- helpers -----------------------------------------------------------------------


def _order(key: tuple[str, str]) -> tuple[int, str]:
    """Campaigns first, then kits, then their pieces (the order of :data:`KIND_LABELS`)."""
    kinds = list(KIND_LABELS)
    return (kinds.index(key[0]) if key[0] in kinds else len(kinds), key[1])


def _title(obj: Any) -> str:
    return str(getattr(obj, "titre", None) or getattr(obj, "nom", None) or getattr(obj, "id", "") or "")


def _campaign_id(project: Project, kind: str, obj: Any) -> str:
    if kind == "campagnes":
        return ""
    cid = project.campagne_id_of(obj)
    if cid is None and isinstance(getattr(obj, "campagne", None), str):
        cid = obj.campagne
    return cid or ""


def _dump(obj: Any) -> str:
    return json.dumps(obj.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def _fields(project: Project, obj: Any) -> tuple[tuple[str, str], ...]:
    dumped = obj.model_dump(mode="json")
    pairs = [(k, json.dumps(v, sort_keys=True, ensure_ascii=False)) for k, v in sorted(dumped.items())]
    return tuple(pairs + [("corps", project.body_of(obj))])


def _fingerprint(project: Project, obj: Any) -> str:
    # The body is part of what readers see; the id is not in every dump (it is the file name).
    return _dump(obj) + "\n" + project.body_of(obj)


def _embargo(project: Project, kind: str, obj: Any, until: dt.datetime, previous: Snapshot | None) -> Embargo:
    oid = getattr(obj, "id", None) or ""
    after = public_reason(project, obj, until + dt.timedelta(minutes=1))
    before = previous.embargoes.get((kind, oid)) if previous is not None else None
    return Embargo(kind, oid, _title(obj), until, after, before is None or before.jusqu_au != until)


def _why_not(head: Checked, po: PublicObject) -> str:
    obj = getattr(head.project, po.kind, {}).get(po.id)
    if obj is None:
        return "fichier invalide (voir les erreurs)" if po.id in head.project.invalid_ids else "supprimé"
    if not in_public_site(po.kind, obj):
        return "page réservée à l'équipe"
    return public_reason(head.project, obj, head.context.now) or ""
