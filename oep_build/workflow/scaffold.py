"""``oep new``: a new content file with every required field, explained in French.

The explanations are the models' own field docstrings (``doc("lieu.commune")`` in
a template), so the scaffold never drifts from what ``oep check`` expects. The
templates under ``oep_build/templates/new/`` only choose which fields to show,
in which order, with which starting values.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import textwrap
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..load import load_sources
from ..load.files import CAMPAIGN_FOLDERS
from ..model import OBJECT_MODELS, Project, build_project
from ..model.base import SLUG_RE
from ..model.docs import field_doc
from ..render.templating import environment

__all__ = ["KINDS", "Request", "Scaffold", "ScaffoldError", "plan_scaffold", "slugify", "write_scaffold"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "new"

# Kinds ``oep new`` writes; campaign-level kinds live under campaigns/<id>/<folder>/
KINDS = ("campagne", "kit", "evenement", "post", "edl", "argumentaire", "guide", "comite", "article")
# Kinds that may belong to a campaign or, without --campagne, to the whole association
OPTIONAL_CAMPAIGN = ("article",)
_FOLDER_OF = {kind: folder for folder, (kind, _exts) in CAMPAIGN_FOLDERS.items()}
_MARKDOWN = {kind for _folder, (kind, exts) in CAMPAIGN_FOLDERS.items() if exts == (".md",)}
COMMENT_WIDTH = 96


class ScaffoldError(Exception):
    """A refusal (bad id, unknown campaign, file already there); French, for staff."""


@dataclass(frozen=True)
class Request:
    """What the user asked for (already prompted for when interactive)."""

    kind: str
    id: str
    titre: str
    campagne: str | None = None


@dataclass
class Scaffold:
    """A file ready to write."""

    path: Path
    rel: str
    """Path from the project root (shown to the user)."""
    text: str
    notes: list[str] = field(default_factory=list)
    """What the user should complete first (French)."""


def needs_campaign(kind: str) -> bool:
    """Kinds that belong to a campaign (a folder under it, or the kit's ``campagne`` field)."""
    return (kind in _FOLDER_OF and kind not in OPTIONAL_CAMPAIGN) or kind == "kit"


def slugify(text: str) -> str:
    """« Réunion à Lyon ! » -> ``reunion-a-lyon``."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:60].strip("-")


def load_project(root: Path) -> Project:
    """The project as it is (no checks: only ids and référentiels are needed)."""
    if not (root / "content" / "site.yml").is_file() and not (root / "content" / "site.yaml").is_file():
        raise ScaffoldError(
            f"{root} n'est pas la racine d'un projet (content/site.yml manque) : "
            "lancez la commande à la racine du dépôt de contenu, ou indiquez-la en dernier argument"
        )
    docs, _diags = load_sources(root)
    project, _diags = build_project(root, docs)
    return project


def target(kind: str, oid: str, campagne: str | None) -> str:
    """Where a new object of ``kind`` lives, from the project root (DESIGN §3–§4)."""
    if kind == "campagne":
        return f"campaigns/{oid}/campagne.yml"
    if kind == "kit":
        return f"kits/{oid}.yml"
    if kind == "comite":
        return f"content/comites/{oid}.yml"
    if kind == "article" and not campagne:
        return f"content/articles/{oid}.md"
    ext = ".md" if kind in _MARKDOWN else ".yml"
    return f"campaigns/{campagne}/{_FOLDER_OF[kind]}/{oid}{ext}"


def plan_scaffold(root: Path, req: Request, today: dt.date, project: Project | None = None) -> Scaffold:
    """Validate ``req`` against the project and render the file (nothing is written)."""
    root = Path(root)
    project = project or load_project(root)
    _validate(project, req)
    rel = target(req.kind, req.id, req.campagne)
    path = root / rel
    values, notes = _values(project, req, today)
    schema = posixpath.relpath(f"schemas/{req.kind}.schema.json", posixpath.dirname(rel))
    text = _render(req.kind, schema=schema, req=req, today=today, **values)
    return Scaffold(path, rel, text, notes)


def write_scaffold(sc: Scaffold) -> None:
    """Create the file; exclusive creation, so a file that appeared meanwhile is never replaced."""
    sc.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sc.path.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(sc.text)
    except FileExistsError as exc:
        raise ScaffoldError(f"{sc.rel} existe déjà : oep new ne remplace jamais un fichier") from exc


# -- validation -----------------------------------------------------------------


def _validate(project: Project, req: Request) -> None:
    if req.kind not in KINDS:
        raise ScaffoldError(f"type « {req.kind} » inconnu ; types possibles : {', '.join(KINDS)}")
    if not SLUG_RE.match(req.id):
        raise ScaffoldError(
            f"« {req.id} » n'est pas un identifiant valide : minuscules sans accent, chiffres et tirets "
            f"(par exemple « {slugify(req.id) or 'mon-identifiant'} »)"
        )
    if not req.titre.strip():
        raise ScaffoldError("le titre est vide : donnez-en un avec --titre")
    if needs_campaign(req.kind) or (req.kind in OPTIONAL_CAMPAIGN and req.campagne):
        if not req.campagne:
            raise ScaffoldError(f"un objet « {req.kind} » appartient à une campagne : ajoutez --campagne ID ({_campaigns(project)})")
        if req.campagne not in project.campagnes:
            raise ScaffoldError(f"campagne « {req.campagne} » inconnue ({_campaigns(project)})")
    elif req.campagne:
        raise ScaffoldError(f"--campagne ne s'applique pas à « {req.kind} »")
    rel = target(req.kind, req.id, req.campagne)
    if (Path(project.root) / rel).exists():
        raise ScaffoldError(
            f"{rel} existe déjà : oep new ne remplace jamais un fichier — "
            "choisissez un autre identifiant, ou modifiez ce fichier directement"
        )
    attr = OBJECT_MODELS[req.kind][1]
    existing = getattr(project, attr).get(req.id)
    if existing is not None:
        where = project.campagne_id_of(existing)
        place = f" (campagne {where})" if where else ""
        raise ScaffoldError(f"un objet « {req.kind} » a déjà l'identifiant « {req.id} »{place} : choisissez-en un autre")


def _campaigns(project: Project) -> str:
    ids = sorted(project.campagnes)
    return "campagnes existantes : " + ", ".join(ids) if ids else "aucune campagne : créez-en une avec oep new campagne"


# -- starting values ----------------------------------------------------------------


def _values(project: Project, req: Request, today: dt.date) -> tuple[dict[str, Any], list[str]]:
    """Starting values that pass ``oep check``: existing people, pieces, channels, committees."""
    notes: list[str] = []
    campagne = project.campagnes.get(req.campagne or "")
    personne = campagne.pilote if campagne else next(iter(sorted(project.personnes)), "")
    if not personne:
        notes.append("aucune personne dans content/referentiels/personnes.yml : ajoutez-en une, puis renseignez le responsable")
    cid = req.campagne or ""
    pieces = [
        f"{folder}/{o.id}"
        for folder in ("edl", "argumentaires", "guides")
        for o in sorted(project.objects_of(cid, folder), key=lambda o: o.id or "")
    ]
    if req.kind == "kit" and not pieces:
        notes.append(f"la campagne {cid} n'a encore ni EDL, ni argumentaire, ni guide : créez-en un, puis complétez le sommaire du kit")
    edls = sorted(o.id or "" for o in project.objects_of(cid, "edl"))
    canaux = [c for c in (campagne.canaux if campagne else []) if c in project.canaux] or sorted(project.canaux)[:1]
    comite = next(iter(sorted(project.comites.items())), (None, None))[1]
    return {
        "personne": personne,
        "pieces": pieces[:1] or ["edl/a-completer"],
        "edl": edls[0] if edls else None,
        "canaux": canaux,
        "comite": comite,
        "campagne": campagne,
        "debut": today + dt.timedelta(days=21),
    }, notes


# -- rendering -------------------------------------------------------------------------


def _render(kind: str, **values: Any) -> str:
    model = OBJECT_MODELS[kind][0]
    env = environment(TEMPLATES)
    env.filters["q"] = _quote
    env.globals["timedelta"] = dt.timedelta
    env.globals["doc"] = lambda path, indent=0: describe(model, path, indent)
    name = f"{kind}.md.j2" if kind in _MARKDOWN else f"{kind}.yml.j2"
    return env.get_template(name).render(kind=kind, **values)


def _quote(value: Any) -> str:
    """A YAML scalar that reads back as the same string (JSON strings are YAML 1.2)."""
    return json.dumps(str(value), ensure_ascii=False)


def describe(model: type[BaseModel], path: str, indent: int = 0) -> str:
    """The field docstring of ``model`` at dotted ``path`` as ``# …`` comment lines.

    Continuation lines carry the indent themselves: the template writes the first.
    """
    cls: Any = model
    info = None
    for name in path.split("."):
        if info is not None:
            cls = _model_in(info.annotation)
        if cls is None or name not in cls.model_fields:
            raise KeyError(f"{model.__name__} has no field {path}")
        info = cls.model_fields[name]
    assert info is not None
    doc = field_doc(cls, name)
    if not doc:
        raise KeyError(f"{model.__name__}.{path} has no docstring")
    lines = textwrap.wrap(doc, COMMENT_WIDTH - indent - 2)
    return ("\n" + " " * indent).join(f"# {line}" for line in lines)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Lieu | None``, ``list[Objectif]``, ``dict[str, X]``…"""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict, tuple):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
