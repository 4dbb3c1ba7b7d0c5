"""Which file holds which kind of object (the folder layout of DESIGN §3–§4)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

__all__ = ["CAMPAIGN_FOLDERS", "REFERENTIELS", "YAML_EXT", "Classified", "classify"]

YAML_EXT = (".yml", ".yaml")
REFERENTIELS = ("personnes", "publics", "canaux", "indicateurs", "partenaires", "cibles", "sources")
# folder inside a campaign -> (object kind, accepted extensions)
CAMPAIGN_FOLDERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "edl": ("edl", (".md",)),
    "argumentaires": ("argumentaire", (".md",)),
    "guides": ("guide", (".md",)),
    "posts": ("post", YAML_EXT),
    "visuels": ("visuel", YAML_EXT),
    "evenements": ("evenement", YAML_EXT),
    "articles": ("article", (".md",)),
}
SERIES = {"indicateurs.csv": "serie_indicateurs", "retombees.csv": "serie_retombees"}
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif")
IGNORED_NAMES = (".gitkeep", ".DS_Store", "README.md", "LISEZMOI.md")


@dataclass(frozen=True)
class Classified:
    kind: str  # object kind, "asset", "referentiel-dossier", or "inconnu"
    campaign: str | None = None
    referentiel: str | None = None
    stem: str = ""


def classify(rel: str) -> Classified:
    """Classify a project-relative POSIX path."""
    p = PurePosixPath(rel)
    parts = p.parts
    suffix = p.suffix.lower()
    stem = p.stem
    if p.name in IGNORED_NAMES or p.name.startswith("."):
        return Classified("ignore")
    if parts[0] == "content":
        if len(parts) == 2 and stem == "site" and suffix in YAML_EXT:
            return Classified("site", stem=stem)
        if len(parts) >= 2 and parts[1] == "assets":
            return Classified("asset")
        if len(parts) == 3 and parts[1] == "pages" and suffix == ".md":
            return Classified("page", stem=stem)
        if len(parts) == 3 and parts[1] == "comites" and suffix in YAML_EXT:
            return Classified("comite", stem=stem)
        if len(parts) == 3 and parts[1] == "articles" and suffix == ".md":
            return Classified("article", stem=stem)
        if len(parts) >= 2 and parts[1] == "referentiels":
            if len(parts) == 3 and suffix in YAML_EXT and stem in REFERENTIELS:
                return Classified("referentiel", referentiel=stem, stem=stem)
            if len(parts) == 4 and parts[2] in REFERENTIELS and suffix in YAML_EXT:
                return Classified("referentiel-objet", referentiel=parts[2], stem=stem)
    elif parts[0] == "kits":
        if len(parts) == 2 and suffix in YAML_EXT:
            return Classified("kit", stem=stem)
    elif parts[0] == "campaigns" and len(parts) >= 3:
        cid = parts[1]
        if len(parts) == 3 and stem == "campagne" and suffix in YAML_EXT:
            return Classified("campagne", campaign=cid, stem=cid)
        if len(parts) == 4 and parts[2] in CAMPAIGN_FOLDERS:
            kind, exts = CAMPAIGN_FOLDERS[parts[2]]
            if suffix in exts:
                return Classified(kind, campaign=cid, stem=stem)
            if parts[2] == "visuels" and suffix in IMAGE_EXT:
                return Classified("asset", campaign=cid)
        if len(parts) == 4 and parts[2] == "suivi" and p.name in SERIES:
            return Classified(SERIES[p.name], campaign=cid, stem=stem)
        if len(parts) >= 4 and parts[2] in ("assets", "images"):
            return Classified("asset", campaign=cid)
    return Classified("inconnu")
