"""Diagnostic rules of the kits' content (checked over the views by ``oep check``), declared once at import.

``oep_build.checks`` imports this module too, so that ``niveaux`` in
``content/site.yml`` may name these ids even in a plain ``oep check``.
"""

from __future__ import annotations

from ..diagnostics import Level, rule

__all__ = [
    "R_COMITE",
    "R_EMPTY_BOOKLET",
    "R_GLYPH",
    "R_IMAGE",
    "R_IMAGE_BAD",
    "R_IMAGE_HTML",
    "R_LINK",
    "R_PIECE",
    "R_RESOURCE",
    "R_TEMPLATE",
    "R_TRACT_PAGES",
]

R_EMPTY_BOOKLET = rule(
    "kit-sommaire-vide",
    Level.ERREUR,
    "Le livret d'un kit n'a aucune pièce (sommaire absent ou vide, ou aucune pièce publique pour le kit public).",
    "kits",
)
R_PIECE = rule(
    "kit-piece-omise",
    Level.INFO,
    "Une pièce non publique est retirée de l'édition publique d'un kit.",
    "kits",
)
R_COMITE = rule(
    "kit-comite-non-public",
    Level.AVERTISSEMENT,
    "L'édition locale d'un kit pour un comité non public n'est pas produite.",
    "kits",
)
R_IMAGE = rule(
    "kit-image-manquante",
    Level.ERREUR,
    "Une image d'un kit est introuvable ou hors du projet.",
    "kits",
)
R_IMAGE_BAD = rule(
    "kit-image-illisible",
    Level.ERREUR,
    "Une image d'un kit ne peut pas être lue ni publiée (fichier tronqué, format inconnu, SVG avec DOCTYPE, script ou lien vers d'autres fichiers).",
    "kits",
)
R_RESOURCE = rule(
    "kit-ressource-refusee",
    Level.ERREUR,
    "Le rendu d'un kit demande un fichier introuvable, hors du projet, ou une adresse réseau.",
    "kits",
)
R_GLYPH = rule(
    "kit-glyphe-manquant",
    Level.AVERTISSEMENT,
    "Un caractère d'un kit n'existe pas dans ses polices (il s'imprimerait en carré vide).",
    "kits",
)
R_IMAGE_HTML = rule(
    "kit-image-html",
    Level.AVERTISSEMENT,
    "Une image écrite en HTML (<img>) s'affiche sur le site mais pas dans les kits, qui n'interprètent pas le HTML.",
    "kits",
)
R_LINK = rule(
    "kit-lien-local",
    Level.AVERTISSEMENT,
    "Un lien d'un kit ne mène à aucune adresse publique (fichier local, pièce absente).",
    "kits",
)
R_TEMPLATE = rule(
    "kit-gabarit-invalide",
    Level.ERREUR,
    "Un gabarit ou une feuille de style de overrides/kits/ est invalide.",
    "kits",
)
R_TRACT_PAGES = rule(
    "tract-deborde",
    Level.AVERTISSEMENT,
    "Le tract d'un kit tient sur plus d'une page.",
    "kits",
)
