"""Mobilisation material: EDL, argumentaires, guides, posts, visuels, events, kits, pages."""

from __future__ import annotations

import enum
from typing import Any

from .base import Date, DateTime, Departement, Lifecycle, Model, Slug, Text

__all__ = [
    "Affirmation",
    "Argumentaire",
    "Edl",
    "Etape",
    "Evenement",
    "Guide",
    "Kit",
    "Lieu",
    "Objection",
    "Page",
    "Post",
    "Visuel",
]


class _Piece(Lifecycle):
    id: Slug | None = None
    """Facultatif : c'est le nom du fichier."""
    titre: Text
    """Titre affiché."""
    resume: str = ""
    """Une ou deux phrases de présentation."""
    responsable: Slug | None = None
    """Personne responsable du contenu."""
    publics: list[Slug] = []
    """Publics visés (référentiel publics)."""


class Edl(_Piece):
    """Éléments de langage (edl/<id>.md) : le texte est le corps Markdown."""

    a_ne_pas_dire: list[str] = []
    """Formulations à éviter (encadré « À ne pas dire »)."""
    messages_cles: list[Slug] = []
    """Messages clés de la campagne que cet EDL décline."""


class Affirmation(Model):
    """Une affirmation factuelle, toujours sourcée."""

    id: Slug
    """Identifiant de l'affirmation."""
    texte: Text
    """L'affirmation."""
    sources: list[Slug] = []
    """Sources (référentiel sources) : au moins une."""
    vaut_au: Date | None = None
    """Pour un chiffre : la date à laquelle il est vrai."""


class Objection(Model):
    """Une objection entendue et la réponse à y faire."""

    objection: Text
    """Ce qu'on nous oppose."""
    reponse: Text
    """Ce qu'on répond."""
    sources: list[Slug] = []
    """Sources de la réponse."""


class Argumentaire(_Piece):
    """Argumentaire (argumentaires/<id>.md) : affirmations sourcées et objections."""

    affirmations: list[Affirmation] = []
    """Affirmations factuelles avec leurs sources."""
    objections: list[Objection] = []
    """Objections et réponses."""


class Niveau(str, enum.Enum):
    decouverte = "decouverte"
    engage = "engage"
    moteur = "moteur"


class Etape(Model):
    titre: Text
    """Ce qu'il faut faire."""
    texte: str = ""
    """Détails."""


class Guide(_Piece):
    """Guide d'action (guides/<id>.md)."""

    niveau_engagement: Niveau = Niveau.decouverte
    """decouverte (5 minutes), engage (quelques heures) ou moteur (organiser)."""
    duree_estimee: str = ""
    """Durée, en clair : "15 minutes", "une soirée"."""
    materiel: list[str] = []
    """Ce qu'il faut avoir sous la main."""
    etapes: list[Etape] = []
    """Étapes numérotées (sinon, une liste numérotée dans le corps)."""


class Post(Lifecycle):
    """Un texte prêt à publier, décliné par réseau (posts/<id>.yml)."""

    id: Slug | None = None
    """Facultatif : c'est le nom du fichier."""
    titre: str = ""
    """Titre interne du post (facultatif : son identifiant sinon)."""
    edl: Slug | None = None
    """EDL dont il découle."""
    publication_prevue: DateTime | None = None
    """Date et heure de publication prévues ("AAAA-MM-JJ HH:MM")."""
    lien: str = ""
    """Lien à partager ; {canal} est remplacé par l'identifiant du réseau (suivi des clics)."""
    declinaisons: dict[Slug, Text] = {}
    """Texte par canal (x, bluesky, mastodon, sms…), tel qu'il sera publié ; {lien} insère le lien."""
    visuels: list[Slug] = []
    """Visuels joints (identifiants de visuels)."""
    appel_action: str = ""
    """Phrase d'appel à l'action (« Signez la pétition ») : sur les réseaux qui coupent le texte (« plus »), elle doit être visible avant la coupure."""
    sponsorise: bool = False
    """true si la diffusion est payante (interdit pendant une période électorale)."""
    responsable: Slug | None = None
    """Personne responsable."""

    def model_post_init(self, context: Any, /) -> None:
        if not self.titre.strip():
            self.titre = self.id or ""


class Credits(Model):
    auteur: Text
    """Auteur ou autrice."""
    licence: Text
    """Licence (CC BY-SA 4.0, tous droits réservés…)."""


class Visuel(Lifecycle):
    """Une image publiée (visuels/<id>.yml à côté du fichier image)."""

    id: Slug | None = None
    """Facultatif : c'est le nom du fichier."""
    titre: str = ""
    """Titre interne."""
    fichier: Text
    """Nom du fichier image, dans le même dossier visuels/."""
    format: str = ""
    """Format prévu : instagram-portrait (1080×1350), carre (1080×1080), story (1080×1920), open-graph (1200×630), x (1600×900)…"""
    alt: Text
    """Texte alternatif : ce que l'image montre et dit, pour qui ne la voit pas."""
    texte_incruste: str = ""
    """Texte écrit dans l'image : il doit figurer dans le texte alternatif."""
    credits: Credits | None = None
    """Auteur et licence."""
    personnes_identifiables: bool = False
    """true si on reconnaît des personnes sur l'image."""
    autorisation_droit_image: bool = False
    """true si leur autorisation écrite est conservée."""


class Lieu(Model):
    nom: str = ""
    """Nom du lieu (salle, place…)."""
    adresse: str = ""
    """Rue et numéro."""
    commune: Text
    """Commune."""
    departement: Departement
    """Numéro de département, entre guillemets : "01", "2A", "974"."""
    code_postal: str = ""
    """Code postal, entre guillemets : "01000"."""
    adresse_visibilite: str = "publique"
    """publique, ou sur_inscription (l'adresse n'est donnée qu'aux inscrits)."""
    chez_habitant: bool = False
    """true si l'événement a lieu chez un particulier (adresse jamais publique)."""


class Organisateur(Model):
    comite: Slug | None = None
    """Comité organisateur."""
    partenaire: Slug | None = None
    """Partenaire organisateur."""


class Declaration(Model):
    requise: bool = False
    """true pour une manifestation sur la voie publique (déclaration en préfecture)."""
    deposee_le: Date | None = None
    """Date de dépôt de la déclaration."""
    responsable: Slug | None = None
    """Personne de l'équipe qui la dépose (par défaut : la personne qui pilote la campagne)."""


class Approbation(str, enum.Enum):
    propose = "propose"
    approuve = "approuve"
    refuse = "refuse"


class Deroulement(str, enum.Enum):
    prevu = "prevu"
    realise = "realise"
    annule = "annule"


class Evenement(Lifecycle):
    """Un événement citoyen (evenements/<id>.yml)."""

    id: Slug | None = None
    """Facultatif : c'est le nom du fichier."""
    type: str = "reunion"
    """reunion, rassemblement, manifestation, porte-a-porte, tractage, projection, en-ligne…"""
    titre: Text
    """Titre affiché dans l'agenda."""
    description: str = ""
    """Ce qui s'y passe."""
    debut: DateTime
    """Début ("AAAA-MM-JJ HH:MM")."""
    fin: DateTime
    """Fin ("AAAA-MM-JJ HH:MM")."""
    fuseau: str = ""
    """Fuseau horaire, si ce n'est pas celui du site (ex. America/Cayenne)."""
    lieu: Lieu | None = None
    """Lieu ; absent pour un événement en ligne."""
    en_ligne: bool = False
    """true pour un événement en ligne."""
    organisateur: Organisateur = Organisateur()
    """Comité ou partenaire organisateur."""
    inscription_url: str = ""
    """Adresse d'inscription."""
    accessibilite: str = ""
    """Accès PMR, interprétation LSF…"""
    declaration_prefecture: Declaration = Declaration()
    """Déclaration en préfecture."""
    approbation: Approbation = Approbation.propose
    """propose, approuve ou refuse (seuls les approuvés paraissent)."""
    deroulement: Deroulement = Deroulement.prevu
    """prevu, realise ou annule."""
    temps_fort: Slug | None = None
    """Temps fort de la campagne auquel il se rattache."""


class EntreeSommaire(Model):
    ref: Text
    """Pièce incluse, sous la forme dossier/id : edl/…, argumentaires/…, guides/…, posts/…, visuels/…, evenements/…"""
    section: str = ""
    """Titre de la section du kit où la placer."""


class Changement(Model):
    version: Text
    """Numéro de version, entre guillemets : "1.10"."""
    date: Date
    """Date de la version."""
    resume: Text
    """Ce qui a changé."""


class FormatKit(str, enum.Enum):
    A4 = "A4"
    A5 = "A5"


class SupportKit(str, enum.Enum):
    livret = "livret"
    tract = "tract"


class Kit(Lifecycle):
    """Un kit militant imprimable (kits/<id>.yml)."""

    id: Slug | None = None
    """Facultatif : c'est le nom du fichier."""
    titre: Text
    """Titre du kit (couverture)."""
    sous_titre: str = ""
    """Sous-titre de couverture."""
    campagne: Slug
    """Campagne du kit."""
    version: Text
    """Version, entre guillemets : "1.2"."""
    date_version: Date
    """Date de cette version."""
    format: FormatKit = FormatKit.A4
    """A4 ou A5."""
    sommaire: list[EntreeSommaire] = []
    """Pièces du kit, dans l'ordre (au moins une pour imprimer un livret)."""
    declinaisons_locales: list[Slug] = []
    """Comités pour lesquels produire une édition personnalisée."""
    supports: list[SupportKit] = [SupportKit.livret]
    """Ce qui est imprimé : livret (le kit complet), tract (une page au format du kit : le message clé, le prochain temps fort, l'appel à agir et un code QR vers la page du kit), ou les deux : [livret, tract]. Les éditions locales ont aussi leur tract, avec le rendez-vous et le contact du comité."""
    message_tract: Slug | None = None
    """Message clé de la campagne imprimé sur le tract (son id dans messages_cles) ; par défaut le premier."""
    changelog: list[Changement] = []
    """Historique des versions."""


class Page(Lifecycle):
    """Une page rédigée à la main (content/pages/<id>.md)."""

    id: Slug | None = None
    """Facultatif : c'est le nom du fichier."""
    titre: Text
    """Titre de la page."""
    description: str = ""
    """Description courte (réseaux sociaux, moteurs)."""
    ordre: int = 50
    """Position dans le menu (plus petit = plus haut)."""
    audience: str = "tous"
    """tous, ou equipe pour une page réservée au site interne."""
    menu_public: bool = True
    """false : page pour l'équipe ; sur le site public elle reste lisible à son adresse mais n'est ni au menu ni dans la recherche (le site interne la garde au menu)."""
