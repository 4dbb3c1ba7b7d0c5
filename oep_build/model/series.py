"""Rows of the CSV series under ``campaigns/<id>/suivi/``."""

from __future__ import annotations

import enum

from pydantic import Field

from .base import Date, Model, Slug

__all__ = ["SERIES_COLUMNS", "LigneIndicateur", "Retombee"]


class LigneIndicateur(Model):
    """Une ligne de suivi/indicateurs.csv : la valeur d'un indicateur à une date."""

    date: Date
    """Date du relevé (AAAA-MM-JJ)."""
    indicateur: Slug
    """Indicateur (référentiel indicateurs)."""
    valeur: int = Field(ge=0)
    """Valeur relevée : nombre entier, sans espace ni point."""
    perimetre: str = "national"
    """national, ou un numéro de département ("01")."""
    source: str = ""
    """D'où vient le chiffre."""
    note: str = ""
    """Remarque libre."""


class Tonalite(str, enum.Enum):
    positive = "positive"
    neutre = "neutre"
    negative = "negative"


class Retombee(Model):
    """Une ligne de suivi/retombees.csv : un article, une émission, un post repris."""

    date: Date
    """Date de parution."""
    media: str
    """Nom du média."""
    titre: str
    """Titre de l'article ou de l'émission."""
    url: str = ""
    """Adresse."""
    type_media: str = ""
    """presse_nationale, presse_regionale, radio, tele, web…"""
    portee: int | None = Field(default=None, ge=0)
    """Audience estimée."""
    tonalite: Tonalite = Tonalite.neutre
    """positive, neutre ou negative."""
    temps_fort: str = ""
    """Temps fort lié, s'il y en a un."""


SERIES_COLUMNS: dict[str, type[Model]] = {
    "serie_indicateurs": LigneIndicateur,
    "serie_retombees": Retombee,
}
