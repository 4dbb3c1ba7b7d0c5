"""Reference checks: every id that points somewhere must exist (with suggestions)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..diagnostics import Diagnostic, Level, rule
from ..model import PIECE_FOLDERS, PLACEHOLDER, Project, closest
from ..model.base import STATUTS_VALIDES
from ..model.errors import yaml_text
from ..visibility import public_reason
from .base import Context, check

R_REF = rule("reference-inconnue", Level.ERREUR, "Référence à un id qui n'existe pas.", "references")
R_REF_FORM = rule("reference-mal-formee", Level.ERREUR, "Référence qui n'a pas la forme dossier/id.", "references")
R_DUP_ITEM = rule("id-duplique", Level.ERREUR, "Deux objets du même type ont le même id.", "schema")
R_VALIDATION = rule(
    "validation-incomplete", Level.ERREUR, "Statut validé sans valide_par ou valide_le.", "cycle-de-vie"
)
R_NONPUBLIC = rule(
    "reference-non-publique",
    Level.AVERTISSEMENT,
    "Un objet public renvoie à un objet qui ne l'est pas.",
    "visibilite",
)

_REFERENTIELS = frozenset({"personnes", "publics", "canaux", "indicateurs", "partenaires", "cibles", "sources"})
_LABELS = {
    "personnes": "personne",
    "publics": "public",
    "canaux": "canal",
    "indicateurs": "indicateur",
    "partenaires": "partenaire",
    "cibles": "cible",
    "sources": "source",
    "comites": "comité",
    "campagnes": "campagne",
    "edl": "EDL",
    "visuels": "visuel",
}


def _ref(
    ctx: Context,
    obj: Any,
    sub: tuple[str | int, ...],
    value: str | None,
    choices: Iterable[str],
    label: str,
    fixable: bool = True,
) -> Iterator[Diagnostic]:
    if value is None:
        return
    choices = sorted(set(choices))
    if value in choices or value in ctx.project.invalid_ids:
        return
    sugg = closest(value, choices)
    if sugg:
        fix = "vouliez-vous dire " + " ou ".join(f"« {s} »" for s in sugg) + " ?"
    elif choices:
        shown = ", ".join(choices[:8]) + (" …" if len(choices) > 8 else "")
        fix = f"ids existants : {shown}"
    else:
        fix = "rien de ce type n'existe encore : créez-le d'abord (voir le guide de saisie)"
    yield ctx.diag(
        R_REF, obj, *sub, message=f"{label} « {value} » introuvable", fix=fix,
        replacement=yaml_text(sugg[0]) if fixable and len(sugg) == 1 else None,
    )


@dataclass
class _InEmpty:
    """A reference into a référentiel that has no entry at all: reported once per référentiel."""

    store: str
    value: str
    diag: Diagnostic


def _store_ref(
    ctx: Context, obj: Any, sub: tuple[str | int, ...], value: str | None, store: str, fixable: bool = True
) -> Iterator[Any]:
    if store in ctx.project.broken_referentiels:
        return  # its unreadable file is reported; the id may well be in it
    choices = getattr(ctx.project, store)
    for d in _ref(ctx, obj, sub, value, choices, _LABELS.get(store, store), fixable):
        yield _InEmpty(store, value or "", d) if not choices and store in _REFERENTIELS else d


def _empty_referentiel(p: Project, store: str, refs: list[_InEmpty]) -> Diagnostic:
    """One diagnostic for a deleted, emptied or wholly invalid référentiel, at its first use."""
    first = min(refs, key=lambda r: (r.diag.file, r.diag.line, r.diag.column)).diag
    ids = sorted({r.value for r in refs})
    shown = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
    n = len(refs)
    unresolved = (
        f"{n} référence{'s' if n > 1 else ''} dans le contenu ne {'peut' if n == 1 else 'peuvent'} "
        f"pas être résolue{'' if n == 1 else 's'} ({shown})"
    )
    docs = [d for d in p.docs if d.referentiel == store]
    files = sorted(d.path for d in docs)
    if files:
        where_ = ", ".join(files[:3]) + (" …" if len(files) > 3 else "")
        state = "n'a aucune entrée valide" if any(d.data for d in docs) else "est vide"
        return replace(
            first,
            message=f"le référentiel {store} ({where_}) {state} : {unresolved}",
            fix=f"corrigez d'abord les erreurs signalées dans {where_}, ou ajoutez-y ces entrées"
            if state != "est vide"
            else f"ajoutez-y ces entrées (git restore {files[0]} si elles ont été retirées par erreur)",
        )
    return replace(
        first,
        message=f"le référentiel {store} est absent : {unresolved}",
        fix=f"rétablissez content/referentiels/{store}.yml (git restore content/referentiels/{store}.yml "
        "s'il a été supprimé par erreur), ou créez-le avec ces entrées",
    )


def _piece_ref(ctx: Context, obj: Any, sub: tuple[str | int, ...], ref: str | None) -> Iterator[Diagnostic]:
    if ref is None or ref == PLACEHOLDER:  # a stand-in's neutral value: its own error says what was written
        return
    folder, slash, oid = ref.partition("/")
    if not slash or folder not in PIECE_FOLDERS:
        yield _malformed_piece_ref(ctx, obj, sub, ref)
        return
    yield from _ref(ctx, obj, sub, oid, getattr(ctx.project, PIECE_FOLDERS[folder]), folder)


def _exists(p: Project, folder: str, oid: str) -> bool:
    """Whether ``folder/oid`` names an object, valid or not (its own errors are reported apart)."""
    if oid in getattr(p, PIECE_FOLDERS[folder]):
        return True
    kind = folder if folder == "edl" else folder.rstrip("s")
    return any(d.stem == oid and d.kind == kind for d in p.docs)


def _malformed_piece_ref(ctx: Context, obj: Any, sub: tuple[str | int, ...], ref: str) -> Diagnostic:
    """« edl-500k » or « edls/edl-500k »: name the one ``dossier/id`` that exists, if only one does."""
    folder, slash, oid = ref.partition("/")
    if not slash:
        oid = ref
    near = closest(folder, PIECE_FOLDERS) if slash else list(PIECE_FOLDERS)
    found = [f"{f}/{oid}" for f in near if _exists(ctx.project, f, oid)]
    if len(found) == 1:
        return ctx.diag(
            R_REF_FORM, obj, *sub,
            message=f"référence « {ref} » : il manque le dossier (une référence s'écrit dossier/id)"
            if not slash else f"référence « {ref} » : dossier « {folder} » inconnu",
            fix=f"écrivez « {found[0]} »",
            replacement=found[0],
        )
    fix = "dossiers possibles : " + ", ".join(f"{f}/…" for f in PIECE_FOLDERS)
    if found:
        fix = "plusieurs objets portent cet id : écrivez " + " ou ".join(f"« {f} »" for f in found)
    return ctx.diag(R_REF_FORM, obj, *sub, message=f"référence « {ref} » : il faut dossier/id", fix=fix)


def _dups(ctx: Context, obj: Any, field: str, items: list[Any], attr: str = "id") -> Iterator[Diagnostic]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        v = getattr(item, attr)
        if v == PLACEHOLDER:  # two invalid ids are not the same id
            continue
        if v in seen:
            yield ctx.diag(
                R_DUP_ITEM,
                obj,
                field,
                i,
                attr,
                message=f"{field} : l'id « {v} » est déjà utilisé par {field}[{seen[v]}]",
                fix="donnez un id différent à chaque élément",
            )
        else:
            seen[v] = i


def _with_partials(p: Project, attr: str) -> list[Any]:
    """Valid objects of ``attr``, then the stand-ins of invalid ones (their references count too)."""
    return list(getattr(p, attr).values()) + [o for a, o in p.partials if a == attr]


@check
def check_references(ctx: Context) -> Iterator[Diagnostic]:
    empty: dict[str, list[_InEmpty]] = {}
    for item in _references(ctx):
        if isinstance(item, _InEmpty):
            empty.setdefault(item.store, []).append(item)
        else:
            yield item
    for store, refs in sorted(empty.items()):
        yield _empty_referentiel(ctx.project, store, refs)


def _references(ctx: Context) -> Iterator[Any]:
    p = ctx.project
    for c in _with_partials(p, "campagnes"):
        yield from _store_ref(ctx, c, ("pilote",), c.pilote, "personnes")
        for i, x in enumerate(c.cibles):
            yield from _store_ref(ctx, c, ("cibles", i), x, "cibles")
        for i, x in enumerate(c.publics):
            yield from _store_ref(ctx, c, ("publics", i), x, "publics")
        for i, x in enumerate(c.canaux):
            yield from _store_ref(ctx, c, ("canaux", i), x, "canaux")
        for i, o in enumerate(c.objectifs):
            yield from _store_ref(ctx, c, ("objectifs", i, "indicateur"), o.indicateur, "indicateurs")
        yield from _dups(ctx, c, "objectifs", c.objectifs)
        yield from _dups(ctx, c, "messages_cles", c.messages_cles)
        yield from _dups(ctx, c, "temps_forts", c.temps_forts)
        yield from _dups(ctx, c, "livrables", c.livrables)
        tf_ids = [t.id for t in c.temps_forts]
        lv_ids = [lv.id for lv in c.livrables]
        for i, lv in enumerate(c.livrables):
            base = ("livrables", i)
            yield from _store_ref(ctx, c, base + ("responsable",), lv.responsable, "personnes")
            yield from _store_ref(ctx, c, base + ("valide_par",), lv.valide_par, "personnes")
            yield from _ref(ctx, c, base + ("temps_fort",), lv.temps_fort, tf_ids, "temps fort")
            for j, dep in enumerate(lv.depend_de):
                yield from _ref(ctx, c, base + ("depend_de", j), dep, lv_ids, "livrable")
            yield from _piece_ref(ctx, c, base + ("produit",), lv.produit)
        for i, co in enumerate(c.coalition):
            yield from _store_ref(ctx, c, ("coalition", i, "partenaire"), co.partenaire, "partenaires")
            yield from _store_ref(ctx, c, ("coalition", i, "referent"), co.referent, "personnes")
    for e in _with_partials(p, "edl"):
        c = p.campagne_of(e)
        if c is None:
            continue  # campaign file missing or invalid: reported on its own
        msg_ids = [m.id for m in c.messages_cles]
        for i, m in enumerate(e.messages_cles):
            yield from _ref(ctx, e, ("messages_cles", i), m, msg_ids, "message clé")
    for a in _with_partials(p, "argumentaires"):
        yield from _dups(ctx, a, "affirmations", a.affirmations)
        for i, aff in enumerate(a.affirmations):
            for j, s in enumerate(aff.sources):
                yield from _store_ref(ctx, a, ("affirmations", i, "sources", j), s, "sources")
        for i, obj in enumerate(a.objections):
            for j, s in enumerate(obj.sources):
                yield from _store_ref(ctx, a, ("objections", i, "sources", j), s, "sources")
    for po in _with_partials(p, "posts"):
        yield from _store_ref(ctx, po, ("edl",), po.edl, "edl")
        for i, v in enumerate(po.visuels):
            yield from _store_ref(ctx, po, ("visuels", i), v, "visuels")
        for canal in po.declinaisons:
            # the path is the text, not the key: no automatic fix
            yield from _store_ref(ctx, po, ("declinaisons", canal), canal, "canaux", fixable=False)
    for ev in _with_partials(p, "evenements"):
        yield from _store_ref(ctx, ev, ("organisateur", "comite"), ev.organisateur.comite, "comites")
        yield from _store_ref(ctx, ev, ("organisateur", "partenaire"), ev.organisateur.partenaire, "partenaires")
        decl = ("declaration_prefecture", "responsable")
        yield from _store_ref(ctx, ev, decl, ev.declaration_prefecture.responsable, "personnes")
        c = p.campagne_of(ev)
        if ev.temps_fort and c is not None:
            yield from _ref(ctx, ev, ("temps_fort",), ev.temps_fort, [t.id for t in c.temps_forts], "temps fort")
    for k in _with_partials(p, "kits"):
        yield from _store_ref(ctx, k, ("campagne",), k.campagne, "campagnes")
        for i, entry in enumerate(k.sommaire):
            yield from _piece_ref(ctx, k, ("sommaire", i, "ref"), entry.ref)
        for i, cm in enumerate(k.declinaisons_locales):
            yield from _store_ref(ctx, k, ("declinaisons_locales", i), cm, "comites")
        kc = p.campagnes.get(k.campagne)
        if k.message_tract and kc is not None:
            yield from _ref(ctx, k, ("message_tract",), k.message_tract, [m.id for m in kc.messages_cles], "message clé")
    for ar in _with_partials(p, "articles"):
        yield from _store_ref(ctx, ar, ("auteur",), ar.auteur, "personnes")
        yield from _store_ref(ctx, ar, ("image",), ar.image, "visuels")
        for i, s in enumerate(ar.sources):
            yield from _store_ref(ctx, ar, ("sources", i), s, "sources")
        yield from _article_temps_fort(ctx, ar)
    for rows in p.indicateurs_series.values():
        for r in rows:
            yield from _store_ref(ctx, r, ("indicateur",), r.indicateur, "indicateurs")
    for kind, obj in p.all_objects() + p.partials:
        for f in ("responsable", "valide_par"):
            yield from _store_ref(ctx, obj, (f,), getattr(obj, f, None), "personnes")
        for i, pub in enumerate(getattr(obj, "publics", []) if kind != "campagnes" else []):
            yield from _store_ref(ctx, obj, ("publics", i), pub, "publics")


def _article_temps_fort(ctx: Context, ar: Any) -> Iterator[Diagnostic]:
    if ar.temps_fort is None:
        return
    p = ctx.project
    if p.campagne_id_of(ar) is None:
        yield ctx.diag(
            R_REF,
            ar,
            "temps_fort",
            message=f"temps fort « {ar.temps_fort} » : un article de l'association (content/articles/) "
            "n'appartient à aucune campagne",
            fix="déplacez l'article dans campaigns/<id>/articles/, ou retirez temps_fort",
        )
        return
    c = p.campagne_of(ar)
    if c is not None:
        yield from _ref(ctx, ar, ("temps_fort",), ar.temps_fort, [t.id for t in c.temps_forts], "temps fort")


@check
def check_validation_fields(ctx: Context) -> Iterator[Diagnostic]:
    for _, obj in ctx.project.all_objects():
        statut = getattr(obj, "statut", None)
        if statut in STATUTS_VALIDES:
            missing = [f for f in ("valide_par", "valide_le") if getattr(obj, f, None) is None]
            if missing:
                yield ctx.diag(
                    R_VALIDATION,
                    obj,
                    "statut",
                    message=f"statut {statut.value} sans {' ni '.join(missing)}",
                    fix="indiquez qui a validé (valide_par: id de personne) et quand (valide_le: AAAA-MM-JJ), "
                    "ou revenez au statut en_relecture",
                )


def _linked(p: Project, kind: str, obj: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if kind == "kits":
        for i, entry in enumerate(obj.sommaire):
            target = p.piece(entry.ref)
            if target is not None:
                yield ("sommaire", i, "ref"), target
    elif kind == "posts":
        if obj.edl and obj.edl in p.edl:
            yield ("edl",), p.edl[obj.edl]
        for i, v in enumerate(obj.visuels):
            if v in p.visuels:
                yield ("visuels", i), p.visuels[v]
    elif kind == "articles" and obj.image in p.visuels:
        yield ("image",), p.visuels[obj.image]
    elif kind == "evenements" and obj.organisateur.comite in p.comites:
        yield ("organisateur", "comite"), p.comites[obj.organisateur.comite]


@check
def check_public_links(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    now = ctx.now
    for kind, obj in p.all_objects():
        if public_reason(p, obj, now) is not None:
            continue
        for sub, target in _linked(p, kind, obj):
            why = public_reason(p, target, now)
            if why:
                yield ctx.diag(
                    R_NONPUBLIC,
                    obj,
                    *sub,
                    message=f"cet objet public renvoie à « {target.id} », qui n'est pas public ({why})",
                    fix="publiez l'objet visé, ou retirez la référence : il n'apparaîtra pas sur le site public",
                )
