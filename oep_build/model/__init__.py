"""Model stage: validate source documents into typed objects and one :class:`Project`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, Level, rule
from ..sources import Path_, SourceDoc
from .article import Article
from .base import Lifecycle, Model, Origin, Statut, Visibilite
from .campaign import Campagne, Livrable, TempsFort
from .content import Argumentaire, Edl, Evenement, Guide, Kit, Page, Post, Visuel
from .errors import R_UNKNOWN_KEY, closest, errors_to_diagnostics, suggest_key
from .project import BODY_KINDS, OBJECT_KINDS, PIECE_FOLDERS, Project, Where, where
from .referentiels import REFERENTIEL_MODELS, Comite, Site
from .salvage import PLACEHOLDER, salvage
from .series import SERIES_COLUMNS

__all__ = [
    "BODY_KINDS",
    "OBJECT_KINDS",
    "OBJECT_MODELS",
    "PIECE_FOLDERS",
    "Article",
    "Campagne",
    "Kit",
    "Lifecycle",
    "Livrable",
    "Model",
    "Project",
    "Statut",
    "TempsFort",
    "Visibilite",
    "Where",
    "build_project",
    "closest",
    "where",
]

# document kind -> (model class, Project attribute)
OBJECT_MODELS: dict[str, tuple[type[Model], str]] = {
    "campagne": (Campagne, "campagnes"),
    "edl": (Edl, "edl"),
    "argumentaire": (Argumentaire, "argumentaires"),
    "guide": (Guide, "guides"),
    "post": (Post, "posts"),
    "visuel": (Visuel, "visuels"),
    "evenement": (Evenement, "evenements"),
    "kit": (Kit, "kits"),
    "comite": (Comite, "comites"),
    "page": (Page, "pages"),
    "article": (Article, "articles"),
}

R_ID_FILE = rule("id-different-du-fichier", Level.ERREUR, "L'id écrit ne correspond pas au nom du fichier.", "schema")
R_ID_DUP = rule("id-duplique", Level.ERREUR, "Deux objets du même type ont le même id.", "schema")
R_BAD_STEM = rule("nom-de-fichier-invalide", Level.ERREUR, "Le nom du fichier n'est pas un identifiant valide.", "schema")
R_REF_SHAPE = rule("referentiel-forme", Level.ERREUR, "Référentiel ni liste ni table d'objets.", "schema")
R_NO_CAMPAIGN = rule(
    "campagne-absente", Level.ERREUR, "Un dossier de campagne n'a pas de fichier campagne.yml.", "schema"
)


def attach_origins(obj: Any, doc: SourceDoc, path: Path_) -> None:
    """Record on every nested model object where it came from."""
    if isinstance(obj, BaseModel):
        obj._origin = Origin(doc, path)  # type: ignore[attr-defined]
        for name in type(obj).model_fields:
            attach_origins(getattr(obj, name), doc, path + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            attach_origins(item, doc, path + (i,))
    elif isinstance(obj, dict):
        for k, item in obj.items():
            attach_origins(item, doc, path + (k,))


def _validate(cls: type[Model], data: Any, doc: SourceDoc, path: Path_, diags: list[Diagnostic]) -> Any:
    known = doc.models.get((cls, path))
    if known is not None:  # the same text validated before (oep serve): the same object
        return known
    try:
        obj = cls.model_validate(data)
    except ValidationError as exc:
        diags.extend(errors_to_diagnostics(exc, doc, path, cls))
        return None
    attach_origins(obj, doc, path)
    doc.models[(cls, path)] = obj
    return obj


def _add(store: dict[str, Any], oid: str, obj: Any, doc: SourceDoc, path: Path_, diags: list[Diagnostic]) -> bool:
    prev = store.get(oid)
    if prev is not None:
        w = where(prev)
        diags.append(
            doc.diag(R_ID_DUP, path,
                f"l'id « {oid} » existe déjà ({w.file}:{w.line})",
                "renommez l'un des deux (fichier ou champ id)",
            )
        )
        return False
    store[oid] = obj
    return True


def build_project(root: Path, docs: list[SourceDoc]) -> tuple[Project, list[Diagnostic]]:
    """Validate every document and index the objects; reference checks come later."""
    from .base import SLUG_RE

    project = Project(root=root, docs=docs)
    diags: list[Diagnostic] = []
    for doc in docs:
        if doc.kind == "site":
            if isinstance(doc.data, dict):
                project.site = _validate(Site, doc.data, doc, (), diags)
        elif doc.kind in ("referentiel", "referentiel-objet"):
            _load_referentiel(project, doc, diags)
        elif doc.kind in OBJECT_MODELS:
            _load_object(project, doc, diags, SLUG_RE)
        elif doc.kind in SERIES_COLUMNS:
            _load_series(project, doc, diags)
    diags.extend(_orphan_folders(docs))
    return project, diags


def _orphan_folders(docs: list[SourceDoc]) -> list[Diagnostic]:
    """One diagnostic per campaigns/<id>/ folder without a campagne.yml (its files belong to nothing)."""
    with_file = {d.campaign for d in docs if d.kind == "campagne"}
    orphans: dict[str, list[SourceDoc]] = {}
    for d in docs:
        if d.campaign and d.campaign not in with_file:
            orphans.setdefault(d.campaign, []).append(d)
    out = []
    for cid, files in sorted(orphans.items()):
        first = min(files, key=lambda d: d.path)
        what = "son seul fichier n'est rattaché" if len(files) == 1 else f"ses {len(files)} fichiers ne sont rattachés"
        out.append(
            R_NO_CAMPAIGN.at(
                first.path, 1, 1,
                f"le dossier campaigns/{cid}/ n'a pas de fichier campagne.yml : "
                f"{what} à aucune campagne et rien n'en sera publié",
                f"créez campaigns/{cid}/campagne.yml (oep new campagne {cid}), ou corrigez son nom "
                "(campagne.yml, au singulier et en minuscules)",
            )
        )
    return out


RESERVED_IDS = frozenset({"index"})
"""Ids no object may take: each kind's list page is its folder's index (evenements/index.md…)."""


def _load_object(project: Project, doc: SourceDoc, diags: list[Diagnostic], slug_re: Any) -> None:
    if not isinstance(doc.data, dict):
        project.invalid_ids.add(doc.stem)
        return
    cls, attr = OBJECT_MODELS[doc.kind]
    stem = doc.stem
    if not slug_re.match(stem):
        doc.explained.add(("id",))
        diags.append(
            doc.diag(R_BAD_STEM, (),
                f"le nom « {stem} » n'est pas un identifiant valide",
                "renommez le fichier (ou le dossier) en minuscules sans accent, chiffres et tirets",
            )
        )
    if stem in RESERVED_IDS:
        doc.explained.add(("id",))
        diags.append(
            doc.diag(R_BAD_STEM, (),
                f"le nom « {stem} » est réservé : c'est celui de la page qui liste ces objets",
                "renommez le fichier (ou le dossier), par exemple en ajoutant un mot : « index-2026 »",
            )
        )
    data = dict(doc.data)
    written = data.get("id")
    if written is not None and written != stem:
        diags.append(
            doc.diag(R_ID_FILE, ("id",),
                f"id « {written} » alors que le fichier s'appelle « {stem} »",
                f"écrivez id: {stem}, ou supprimez la ligne id (le nom du fichier suffit)",
            )
        )
    data["id"] = stem
    obj = _validate(cls, data, doc, (), diags)
    if obj is None:
        project.invalid_ids.add(stem)
        standin, touched = salvage(cls, data)
        if standin is not None:
            attach_origins(standin, doc, ())
            project.partials.append((attr, standin))
            project.touched[id(standin)] = touched
            if doc.path.endswith(".md"):  # its body is checked like any other (checkable)
                project._body[id(standin)] = (doc.body, doc.body_line)
            project.invalid_ids.add(PLACEHOLDER)
            if doc.campaign:
                project._campaign[id(standin)] = doc.campaign
        return
    if _add(getattr(project, attr), stem, obj, doc, ("id",) if written else (), diags):
        if doc.campaign:
            project._campaign[id(obj)] = doc.campaign
        if doc.path.endswith(".md"):
            project._body[id(obj)] = (doc.body, doc.body_line)


def _load_referentiel(project: Project, doc: SourceDoc, diags: list[Diagnostic]) -> None:
    name = doc.referentiel or ""
    cls = REFERENTIEL_MODELS[name]
    store = getattr(project, name)
    data = doc.data
    if doc.broken:
        if doc.kind == "referentiel":
            project.broken_referentiels.add(name)
        else:
            project.invalid_ids.add(doc.stem)
        return
    if data is None:
        return
    entries: list[tuple[Path_, Any]] = []
    if doc.kind == "referentiel-objet":
        if isinstance(data, dict):
            d = dict(data)
            d.setdefault("id", doc.stem)
            entries.append(((), d))
    elif isinstance(data, list):
        entries = [((i,), item) for i, item in enumerate(data)]
    elif isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, dict):
                d = dict(v)
                d.setdefault("id", k)
                entries.append(((k,), d))
            else:
                entries.append(((k,), v))
    else:
        diags.append(
            doc.diag(R_REF_SHAPE, (),
                "ce référentiel n'est ni une liste d'objets ni une table d'objets",
                "écrivez une liste (« - id: … ») ou une table (« mon-id: » puis les champs indentés)",
            )
        )
        return
    for path, item in entries:
        obj = _validate(cls, item, doc, path, diags)
        if obj is None and isinstance(item, dict) and isinstance(item.get("id"), str):
            project.invalid_ids.add(item["id"])
        if obj is not None:
            key_path = path + ("id",) if (isinstance(item, dict) and "id" in (doc.data if not path else {})) else path
            _add(store, obj.id, obj, doc, key_path, diags)


EXTRA_COLUMN = "extra."
"""Prefix of a CSV column the organisation keeps for itself (``extra.fiabilite``)."""


def _unknown_column(doc: SourceDoc, j: int, name: str, known: list[str]) -> Diagnostic:
    """One diagnostic per unknown column, on the header line (not one per row)."""
    sugg = suggest_key(name, known)
    n = len(doc.data["lignes"])
    keep = f"renommez-la « {EXTRA_COLUMN}{name} » pour la garder comme champ à vous"
    return doc.diag(
        R_UNKNOWN_KEY, ("colonnes", j),
        f"colonne inconnue « {name} » ({n} ligne{'s' if n > 1 else ''})",
        (f"vouliez-vous dire « {sugg[0]} » ? sinon, {keep}" if sugg else f"{keep} ; colonnes possibles : {', '.join(known)}"),
    )


def _load_series(project: Project, doc: SourceDoc, diags: list[Diagnostic]) -> None:
    if not isinstance(doc.data, dict):
        return
    cls = SERIES_COLUMNS[doc.kind]
    known = set(cls.model_fields) - {"extra"}
    header = doc.data["colonnes"]
    for j, name in enumerate(header):
        if name not in known and not name.startswith(EXTRA_COLUMN):
            diags.append(_unknown_column(doc, j, name, sorted(known)))
    rows = []
    for i, row in enumerate(doc.data["lignes"]):
        clean: dict[str, Any] = {k: v for k, v in row.items() if v != "" and k in known}
        extra = {k[len(EXTRA_COLUMN):]: v for k, v in row.items() if k.startswith(EXTRA_COLUMN) and v != ""}
        if extra:
            clean["extra"] = extra
            for k in extra:
                doc.values[("lignes", i, "extra", k)] = doc.pos(("lignes", i, EXTRA_COLUMN + k))
        obj = _validate(cls, clean, doc, ("lignes", i), diags)
        if obj is not None:
            rows.append(obj)
    target = project.indicateurs_series if doc.kind == "serie_indicateurs" else project.retombees
    target[doc.campaign or ""] = rows
