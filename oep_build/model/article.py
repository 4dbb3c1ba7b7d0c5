"""News articles (« actualités »): per campaign or for the whole association."""

from __future__ import annotations

from .base import DateTime, Lifecycle, Slug, Text

__all__ = ["Article"]


class Article(Lifecycle):
    """Une actualité (campaigns/<id>/articles/<id>.md, ou content/articles/<id>.md pour l'association) : le texte est le corps Markdown. Publiée sur les pages « Actualités » et dans les flux Atom."""

    id: Slug | None = None
    """Facultatif : c'est le nom du fichier."""
    titre: Text
    """Titre de l'article."""
    date_publication: DateTime
    """Date et heure de parution affichées ("AAAA-MM-JJ HH:MM", heure de Paris). Pour une parution programmée, mettez aussi embargo_jusqu_au à la même heure."""
    auteur: Slug | None = None
    """Personne qui signe l'article (référentiel personnes) : seul son nom affiché (nom_affiche) paraît."""
    resume: str = ""
    """Chapeau : une ou deux phrases, reprises dans la liste des actualités et les flux."""
    image: Slug | None = None
    """Visuel d'illustration (identifiant de visuel) ; son texte alternatif l'accompagne partout."""
    temps_fort: Slug | None = None
    """Temps fort de la campagne dont parle l'article (articles de campagne seulement)."""
    sources: list[Slug] = []
    """Sources (référentiel sources) des faits et chiffres cités, numérotées en fin d'article."""
