"""The resolved :class:`Project`: every object of the content, linked by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from ..sources import Path_, Pos, SourceDoc, format_path
from .article import Article
from .campaign import Campagne
from .content import Argumentaire, Edl, Evenement, Guide, Kit, Page, Post, Visuel
from .referentiels import (
    Canal,
    Cible,
    Comite,
    Indicateur,
    Partenaire,
    Personne,
    Public,
    Site,
    Source,
)
from .salvage import Touch
from .series import LigneIndicateur, Retombee

__all__ = ["BODY_KINDS", "OBJECT_KINDS", "PIECE_FOLDERS", "Project", "Where", "where"]

T = TypeVar("T")

# folder name used in references (``edl/<id>``) -> Project attribute
PIECE_FOLDERS = {
    "edl": "edl",
    "argumentaires": "argumentaires",
    "guides": "guides",
    "posts": "posts",
    "visuels": "visuels",
    "evenements": "evenements",
    "kits": "kits",
}

# Project attributes holding top-level objects, in the stable order checks and listings use.
OBJECT_KINDS = (
    "campagnes",
    "edl",
    "argumentaires",
    "guides",
    "posts",
    "visuels",
    "evenements",
    "kits",
    "comites",
    "pages",
    "articles",
)
# Kinds written as Markdown with a front matter: their body is prose like any field.
BODY_KINDS = ("edl", "argumentaires", "guides", "pages", "articles")


@dataclass(frozen=True)
class Where:
    file: str
    line: int
    column: int
    path: str


def where(obj: Any, *sub: str | int, key: bool = False) -> Where:
    """Source position of ``obj`` (a model object), or of its field ``sub``."""
    origin = getattr(obj, "_origin", None)
    if origin is None:
        return Where("", 0, 0, "")
    path: Path_ = tuple(origin.path) + tuple(sub)
    doc: SourceDoc = origin.doc
    pos: Pos = doc.key_pos(path) if key else doc.pos(path)
    return Where(doc.path, pos.line, pos.column, format_path(path))


@dataclass
class Project:
    """Everything the content says, validated and indexed by id.

    Objects that failed validation are absent; their diagnostics were reported.
    Campaign-level objects carry their campaign id in ``campagne_of``.
    """

    root: Any
    site: Site | None = None
    docs: list[SourceDoc] = field(default_factory=list)
    personnes: dict[str, Personne] = field(default_factory=dict)
    publics: dict[str, Public] = field(default_factory=dict)
    canaux: dict[str, Canal] = field(default_factory=dict)
    indicateurs: dict[str, Indicateur] = field(default_factory=dict)
    partenaires: dict[str, Partenaire] = field(default_factory=dict)
    cibles: dict[str, Cible] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    comites: dict[str, Comite] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    campagnes: dict[str, Campagne] = field(default_factory=dict)
    edl: dict[str, Edl] = field(default_factory=dict)
    argumentaires: dict[str, Argumentaire] = field(default_factory=dict)
    guides: dict[str, Guide] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    visuels: dict[str, Visuel] = field(default_factory=dict)
    evenements: dict[str, Evenement] = field(default_factory=dict)
    kits: dict[str, Kit] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    indicateurs_series: dict[str, list[LigneIndicateur]] = field(default_factory=dict)
    retombees: dict[str, list[Retombee]] = field(default_factory=dict)
    partials: list[tuple[str, Any]] = field(default_factory=list)
    """(kind, stand-in) for objects that failed validation: their invalid values replaced by
    neutral ones, so that reference checks still run on the rest (all problems in one run).
    Other checks see them only through :meth:`checkable`; renderers never."""
    touched: dict[int, frozenset[Touch]] = field(default_factory=dict, repr=False)
    """id(stand-in) -> what its neutral values replaced (whole fields, items of lists)."""
    invalid_ids: set[str] = field(default_factory=set)
    """Ids of objects whose file exists but failed validation (no cascade of unknown references)."""
    broken_referentiels: set[str] = field(default_factory=set)
    """Référentiels (``personnes``…) with a file that could not be read: any id may be in it."""
    # id(obj) -> campaign id, for objects stored under campaigns/<id>/
    _campaign: dict[int, str] = field(default_factory=dict, repr=False)
    # id(obj) -> markdown body and its first line (BODY_KINDS)
    _body: dict[int, tuple[str, int]] = field(default_factory=dict, repr=False)

    # -- lookups -----------------------------------------------------------
    def campagne_of(self, obj: BaseModel) -> Campagne | None:
        cid = self._campaign.get(id(obj))
        return self.campagnes.get(cid) if cid else None

    def campagne_id_of(self, obj: BaseModel) -> str | None:
        return self._campaign.get(id(obj))

    def body_of(self, obj: BaseModel) -> str:
        return self._body.get(id(obj), ("", 1))[0]

    def body_line_of(self, obj: BaseModel) -> int:
        return self._body.get(id(obj), ("", 1))[1]

    def piece(self, ref: str) -> BaseModel | None:
        """Resolve a ``dossier/id`` reference (``edl/pourquoi``, ``kits/kit-x``)."""
        folder, _, oid = ref.partition("/")
        attr = PIECE_FOLDERS.get(folder)
        if attr is None:
            return None
        return getattr(self, attr).get(oid)

    def kind_of(self, obj: BaseModel) -> str:
        for folder, attr in PIECE_FOLDERS.items():
            if getattr(self, attr).get(getattr(obj, "id", None) or "") is obj:
                return folder
        return type(obj).__name__.lower()

    def kit_pieces(self, kit: Kit) -> list[tuple[str, str, BaseModel]]:
        """(section, folder, object) for each resolvable entry of the kit's sommaire."""
        out = []
        for entry in kit.sommaire:
            obj = self.piece(entry.ref)
            if obj is not None:
                out.append((entry.section, entry.ref.partition("/")[0], obj))
        return out

    # -- links (unknown ids resolve to None / are skipped: checks report them) --
    def temps_fort(self, campagne: Campagne, tf_id: str | None) -> Any:
        return next((t for t in campagne.temps_forts if t.id == tf_id), None)

    def livrable(self, campagne: Campagne, lv_id: str) -> Any:
        return next((lv for lv in campagne.livrables if lv.id == lv_id), None)

    def dependencies(self, campagne: Campagne, livrable: Any) -> list[Any]:
        found = (self.livrable(campagne, d) for d in livrable.depend_de)
        return [lv for lv in found if lv is not None]

    def personne(self, pid: str | None) -> Personne | None:
        return self.personnes.get(pid) if pid else None

    def post_edl(self, post: Post) -> Edl | None:
        return self.edl.get(post.edl) if post.edl else None

    def post_visuels(self, post: Post) -> list[Visuel]:
        return [self.visuels[v] for v in post.visuels if v in self.visuels]

    def event_comite(self, ev: Evenement) -> Comite | None:
        return self.comites.get(ev.organisateur.comite) if ev.organisateur.comite else None

    def claim_sources(self, claim: Any) -> list[Source]:
        return [self.sources[s] for s in claim.sources if s in self.sources]

    def objects_of(self, campagne_id: str, attr: str) -> list[Any]:
        """Objects of kind ``attr`` (``posts``…) stored under ``campaigns/<campagne_id>/``."""
        return [o for o in getattr(self, attr).values() if self._campaign.get(id(o)) == campagne_id]

    def checkable(self, attr: str, reads: frozenset[str], items: frozenset[str] = frozenset()) -> list[tuple[str, Any]]:
        """(id, object) of kind ``attr`` for a check that reads only the fields ``reads`` of each:
        the valid objects, and the stand-ins of invalid ones whose neutral values are in none
        of those fields (their file's other problems are then said in the same run), by id.
        ``items``: the list fields among ``reads`` the check reads item by item through
        :meth:`untouched`, so that one bad item does not hide the others."""
        out = list(getattr(self, attr).items())
        for a, o in self.partials:
            touched = self.touched.get(id(o))
            if a != attr or touched is None:
                continue
            if not any(t[0] in reads and (len(t) == 1 or t[0] not in items) for t in touched):
                origin = getattr(o, "_origin", None)  # its file's name: its id may be the invalid value
                out.append((origin.doc.stem if origin is not None else o.id or "", o))
        return sorted(out, key=lambda item: item[0])

    def touched_in(self, obj: Any, field: str) -> set[Any]:
        """The keys (or indices) of ``obj.field`` a stand-in's neutral values replaced."""
        return {t[1] for t in self.touched.get(id(obj), ()) if len(t) == 2 and t[0] == field}

    def untouched(self, obj: Any, field: str) -> list[tuple[Any, Any]]:
        """(index, item) of the list ``obj.field``, or (key, value) of the table, as written: a
        stand-in's neutralised items left out."""
        touched = self.touched.get(id(obj), frozenset())
        value = getattr(obj, field)
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        return [(k, item) for k, item in pairs if (field, k) not in touched]

    def all_objects(self) -> list[tuple[str, BaseModel]]:
        """(kind, object) for every top-level object, in a stable order."""
        out: list[tuple[str, BaseModel]] = []
        for attr in OBJECT_KINDS:
            out += [(attr, o) for _, o in sorted(getattr(self, attr).items())]
        return out
