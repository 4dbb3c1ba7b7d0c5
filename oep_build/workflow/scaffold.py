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
from collections import Counter
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

__all__ = ["KINDS", "Request", "Scaffold", "ScaffoldError", "humanize", "plan_scaffold", "slugify", "write_scaffold"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "new"

# Kinds ``oep new`` writes; campaign-level kinds live under campaigns/<id>/<folder>/
KINDS = ("campagne", "kit", "evenement", "post", "visuel", "edl", "argumentaire", "guide", "comite", "article")
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
    image: Path | None = None
    """For a visuel: the image file (copied next to the new file unless it is there already)."""
    alt: str | None = None
    """For a visuel: its text alternative (required)."""


@dataclass
class Scaffold:
    """A file ready to write."""

    path: Path
    rel: str
    """Path from the project root (shown to the user)."""
    text: str
    notes: list[str] = field(default_factory=list)
    """What the user should complete first (French)."""
    copy: tuple[Path, Path] | None = None
    """(source, destination) of an image to put next to the file (``oep new visuel``)."""


def needs_campaign(kind: str) -> bool:
    """Kinds that belong to a campaign (a folder under it, or the kit's ``campagne`` field)."""
    return (kind in _FOLDER_OF and kind not in OPTIONAL_CAMPAIGN) or kind == "kit"


def slugify(text: str) -> str:
    """« Réunion à Lyon ! » -> ``reunion-a-lyon``."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:60].strip("-")


# Frequent campaign words whose accents an identifier lost; the project's own words come first.
_ACCENTED = (
    "réunion débat débats préfecture pétition pétitions élection élections élu élus été média médias "
    "écologie énergie santé sécurité solidarité éducation école écoles hôpital région régions département "
    "départements député députés sénat sénateurs réforme référendum citoyen citoyenne citoyens réseau réseaux "
    "fête forêt forêts rivière déchets espèces biodiversité qualité égalité liberté communauté intérêt général "
    "générale numérique économie étudiants lycée collège"
).split()


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


_ID_VALUE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s*[a-z0-9_/-]*\s*$")
_KEY = re.compile(r"^\s*(?:-\s+)?[\w-]+:")


def _prose_words(text: str) -> list[str]:
    """Words as staff write them: not keys, not identifiers (``tf-debat``, ``comite: lyon``), not links."""
    out: list[str] = []
    for line in text.splitlines():
        if _ID_VALUE.match(line):
            continue
        for token in _KEY.sub(" ", line).split():
            if re.search(r"\w[-_/@.:]\w", token):
                continue
            out += re.findall(r"[^\W\d_]+", token)
    return out


def humanize(oid: str, project: Project | None = None) -> str:
    """A title from an identifier, accents and proper names restored where the project (or a
    list of frequent words) shows how they are written: ``rassemblement-prefecture-lyon`` ->
    « Rassemblement préfecture Lyon »."""
    forms: dict[str, Counter[str]] = {}
    for word in _ACCENTED:
        forms.setdefault(_fold(word), Counter())[word] += 1
    _prose: set[str] = set()
    for doc in (project.docs if project is not None else []):
        for word in _prose_words(doc.text):
            forms.setdefault(_fold(word), Counter())[word] += 1
            _prose.add(word.lower())

    def written(part: str) -> str:
        seen = forms.get(part)
        if not seen:
            return part
        capital = sum(n for w, n in seen.items() if w[:1].isupper())
        if capital > sum(seen.values()) - capital:  # mostly capitalised: a proper name
            return max(sorted(seen), key=lambda w: (w[:1].isupper(), seen[w]))
        lower: Counter[str] = Counter()
        for w, n in seen.items():
            lower[w.lower()] += n
        if part in lower and part in _prose:  # « a », « marche » are words too: no guess
            return part
        return max(sorted(lower), key=lambda w: (lower[w], w != part))

    words = [written(p) for p in oid.replace("_", "-").split("-") if p]
    if not words:
        return oid
    return " ".join([words[0][:1].upper() + words[0][1:]] + words[1:])


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
    if req.kind == "visuel":
        values["image"], values["alt"] = _image(req, path.parent), (req.alt or "").strip()
    text = _render(req.kind, schema=schema, req=req, today=today, **values)
    return Scaffold(path, rel, text, notes, copy=_image_copy(req, path.parent))


def write_scaffold(sc: Scaffold) -> None:
    """Create the file; exclusive creation, so a file that appeared meanwhile is never replaced."""
    sc.path.parent.mkdir(parents=True, exist_ok=True)
    if sc.copy is not None:
        import shutil

        src, dest = sc.copy
        if dest.exists():
            raise ScaffoldError(f"{dest.name} existe déjà dans {dest.parent} : renommez l'image ou choisissez un autre identifiant")
        shutil.copyfile(src, dest)
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


# -- images (oep new visuel) ----------------------------------------------------------


def _image_copy(req: Request, folder: Path) -> tuple[Path, Path] | None:
    if req.kind != "visuel" or req.image is None:
        return None
    src = req.image.resolve()
    dest = folder / f"{req.id}{src.suffix.lower()}"
    return None if src.parent == folder.resolve() else (src, dest)


def _image(req: Request, folder: Path) -> dict[str, Any]:
    """Size and type of the image, read with Pillow, and the known format it matches."""
    from PIL import Image, UnidentifiedImageError

    from ..checks.accessibility import FORMATS

    if req.image is None:
        raise ScaffoldError("indiquez l'image : oep new visuel --image chemin/vers/image.png --campagne ID")
    if not req.image.is_file():
        raise ScaffoldError(f"l'image {req.image} n'existe pas")
    try:
        with Image.open(req.image) as im:
            width, height, kind = im.width, im.height, im.format or req.image.suffix.lstrip(".").upper()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ScaffoldError(f"{req.image} n'est pas une image lisible (PNG, JPEG, WebP, GIF)") from exc
    if not (req.alt or "").strip():
        raise ScaffoldError(
            "le texte alternatif est obligatoire : décrivez ce que l'image montre et dit, avec --alt \"…\""
        )
    copy = _image_copy(req, folder)
    name = copy[1].name if copy else req.image.name
    formats = [f for f, size in FORMATS.items() if size == (width, height)]
    return {"fichier": name, "largeur": width, "hauteur": height, "type": kind, "format": formats[0] if formats else ""}


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
    # a committee only when there is one: the first of a list would be an arbitrary choice
    comite = next(iter(project.comites.values())) if len(project.comites) == 1 else None
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
