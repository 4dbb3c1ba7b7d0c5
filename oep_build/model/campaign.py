"""The campaign file ``campaigns/<id>/campagne.yml``."""

from __future__ import annotations

import enum

from pydantic import Field

from .base import Date, DateTime, Hashtag, Lifecycle, Model, Slug, Text

__all__ = [
    "LIBELLES_STATUT",
    "LIBELLES_TYPE_LIVRABLE",
    "Campagne",
    "Coalition",
    "Electorale",
    "Livrable",
    "MessageCle",
    "Objectif",
    "StatutLivrable",
    "TempsFort",
    "status_label",
]


class Objectif(Model):
    """Un objectif chiffré de la campagne."""

    id: Slug
    """Identifiant de l'objectif."""
    intitule: Text
    """Ce qu'on veut atteindre, en une phrase."""
    indicateur: Slug
    """Indicateur mesuré (référentiel indicateurs), relevé dans suivi/indicateurs.csv."""
    cible: int = Field(ge=0)
    """Valeur à atteindre (nombre entier)."""
    echeance: Date
    """Date à laquelle l'atteindre."""
    perimetre: str = "national"
    """Périmètre des relevés comptés (colonne perimetre du CSV)."""
    departements_min: int | None = Field(default=None, ge=1)
    """Condition géographique : nombre minimal de départements distincts (ex. 30)."""
    visibilite: str = "public"
    """public pour afficher la progression sur le site."""


class MessageCle(Model):
    """Un message clé que toute la campagne répète."""

    id: Slug
    """Identifiant du message."""
    texte: Text
    """Le message, tel qu'il doit être dit."""


class StatutTempsFort(str, enum.Enum):
    envisage = "envisage"
    confirme = "confirme"
    realise = "realise"
    annule = "annule"


class TempsFort(Model):
    """Un moment clé du calendrier (vote, débat, journée d'action…)."""

    id: Slug
    """Identifiant du temps fort, utilisé par les livrables et les événements."""
    date: Date
    """Date (ou premier jour)."""
    date_fin: Date | None = None
    """Dernier jour, s'il dure plusieurs jours."""
    type: str = "mobilisation"
    """Nature : institutionnel, mobilisation, mediatique, electoral…"""
    titre: Text
    """Titre affiché dans les calendriers."""
    statut: StatutTempsFort = StatutTempsFort.confirme
    """envisage, confirme, realise ou annule."""
    factuel: bool = False
    """true si c'est un fait public vérifié (date officielle), false si c'est notre plan."""
    description: str = ""
    """Quelques mots d'explication."""
    visibilite: str = "public"
    """public pour l'afficher sur le site (si la campagne est publique)."""


class StatutLivrable(str, enum.Enum):
    a_faire = "a_faire"
    en_cours = "en_cours"
    en_relecture = "en_relecture"
    valide = "valide"
    publie = "publie"
    abandonne = "abandonne"


class TypeLivrable(str, enum.Enum):
    edl = "edl"
    argumentaire = "argumentaire"
    guide = "guide"
    post = "post"
    visuel = "visuel"
    kit = "kit"
    communique = "communique"
    evenement = "evenement"
    autre = "autre"


# What staff read for each lifecycle, deliverable, temps-fort, coalition and approval status
# (site, feeds, plan, report): no raw value is ever shown. Shared values mean the same thing.
LIBELLES_STATUT = {
    "brouillon": "brouillon",
    "archive": "archivé",
    "propose": "proposé",
    "approuve": "approuvé",
    "refuse": "refusé",
    "prevu": "prévu",
    "a_faire": "à faire",
    "en_cours": "en cours",
    "en_relecture": "en relecture",
    "valide": "validé",
    "publie": "publié",
    "abandonne": "abandonné",
    "envisage": "envisagé",
    "confirme": "confirmé",
    "realise": "réalisé",
    "annule": "annulé",
    "a_contacter": "à contacter",
    "contacte": "contacté",
    "relance_1": "relancé une fois",
    "relance_2": "relancé deux fois",
    "engage": "engagé",
    "decline": "a décliné",
}

LIBELLES_TYPE_LIVRABLE = {
    "edl": "éléments de langage",
    "argumentaire": "argumentaire",
    "guide": "guide d’action",
    "post": "post",
    "visuel": "visuel",
    "kit": "kit",
    "communique": "communiqué",
    "evenement": "événement",
    "autre": "autre",
}


def status_label(value: enum.Enum | str | None) -> str:
    """French label of a status (deliverable, temps fort, coalition) or deliverable type."""
    if value is None:
        return ""
    raw = value.value if isinstance(value, enum.Enum) else value
    return LIBELLES_STATUT.get(raw) or LIBELLES_TYPE_LIVRABLE.get(raw) or raw.replace("_", " ")


class Livrable(Model):
    """Une production à livrer, avec son responsable et son échéance."""

    id: Slug
    """Identifiant du livrable, utilisé par depend_de."""
    titre: Text
    """Ce qui est à produire."""
    type: TypeLivrable = TypeLivrable.autre
    """edl, argumentaire, guide, post, visuel, kit, communique, evenement ou autre."""
    responsable: Slug
    """Personne responsable (référentiel personnes)."""
    echeance: Date
    """Date limite (AAAA-MM-JJ)."""
    statut: StatutLivrable = StatutLivrable.a_faire
    """a_faire, en_cours, en_relecture, valide, publie ou abandonne."""
    temps_fort: Slug | None = None
    """Temps fort que ce livrable prépare : il doit être prêt avant."""
    depend_de: list[Slug] = []
    """Livrables qui doivent être terminés avant celui-ci."""
    valide_par: Slug | None = None
    """Personne qui a validé (requis dès valide)."""
    valide_le: Date | None = None
    """Date de validation (requise dès valide)."""
    produit: str | None = None
    """Objet produit, sous la forme dossier/id : edl/…, argumentaires/…, kits/…"""


class StatutCoalition(str, enum.Enum):
    a_contacter = "a_contacter"
    contacte = "contacte"
    relance_1 = "relance_1"
    relance_2 = "relance_2"
    engage = "engage"
    decline = "decline"


class Coalition(Model):
    """Le suivi d'un partenaire de coalition."""

    partenaire: Slug
    """Partenaire (référentiel partenaires)."""
    role: str = ""
    """Ce qu'on attend de lui (relais, co-signature…)."""
    statut: StatutCoalition = StatutCoalition.a_contacter
    """a_contacter, contacte, relance_1, relance_2, engage ou decline."""
    referent: Slug | None = None
    """Personne de l'équipe qui suit ce partenaire."""
    dernier_contact: Date | None = None
    """Date du dernier échange."""
    prochaine_relance: Date | None = None
    """Date prévue de la prochaine relance."""
    engagements: list[str] = []
    """Ce à quoi le partenaire s'est engagé."""


class Tour(Model):
    date: Date
    """Date du tour de scrutin."""
    libelle: str = ""
    """Premier tour, second tour…"""


class Silence(Model):
    debut: DateTime
    """Début de la période sans propagande ("AAAA-MM-JJ HH:MM")."""
    fin: DateTime
    """Fin de la période ("AAAA-MM-JJ HH:MM")."""


class Electorale(Model):
    """Le cadre électoral d'une campagne liée à un scrutin."""

    scrutin: Text
    """Nom du scrutin."""
    tours: list[Tour] = []
    """Dates des tours."""
    silence: list[Silence] = []
    """Périodes où aucune publication de campagne n'est permise."""
    publicite_interdite_depuis: Date | None = None
    """Début de l'interdiction de publicité commerciale (art. L52-1 du Code électoral)."""


class Seuil(Model):
    valeur: int = Field(ge=1)
    """Nombre de signatures."""
    libelle: Text
    """Ce que ce seuil déclenche."""
    departements_min: int | None = Field(default=None, ge=1)
    """Condition géographique éventuelle."""


class Petition(Model):
    url: str = ""
    """Adresse publique de la pétition."""
    seuils: list[Seuil] = []
    """Seuils et ce qu'ils déclenchent."""


class Campagne(Lifecycle):
    """Une campagne : son but, son calendrier, ses livrables, sa coalition."""

    id: Slug | None = None
    """Facultatif : c'est le nom du dossier."""
    titre: Text
    """Titre de la campagne."""
    debut: Date
    """Premier jour de la campagne."""
    fin: Date
    """Dernier jour de la campagne."""
    pilote: Slug
    """Personne qui pilote la campagne."""
    resume: Text
    """Résumé en deux ou trois phrases, affiché en tête de page."""
    demande: str = ""
    """Ce que nous demandons, en une phrase."""
    bilan: str = ""
    """Ce que la campagne a obtenu, en une ou deux phrases : affiché, une fois la campagne terminée, en tête de sa page et sur l'accueil."""
    objectifs: list[Objectif] = []
    """Objectifs chiffrés."""
    theorie_du_changement: str = ""
    """Comment la campagne compte obtenir le changement."""
    cibles: list[Slug] = []
    """Cibles de plaidoyer (référentiel cibles)."""
    publics: list[Slug] = []
    """Publics visés (référentiel publics)."""
    messages_cles: list[MessageCle] = []
    """Messages clés."""
    canaux: list[Slug] = []
    """Canaux utilisés (référentiel canaux)."""
    hashtags: list[Hashtag] = []
    """Hashtags, entre guillemets : "#StopDuplomb"."""
    petition: Petition | None = None
    """Pétition associée."""
    temps_forts: list[TempsFort] = []
    """Calendrier des temps forts."""
    livrables: list[Livrable] = []
    """Productions à livrer."""
    coalition: list[Coalition] = []
    """Suivi des partenaires."""
    electorale: Electorale | None = None
    """Cadre électoral, pour une campagne liée à un scrutin."""
