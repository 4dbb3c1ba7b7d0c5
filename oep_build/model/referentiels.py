"""Référentiels (``content/referentiels/``), committees and site settings."""

from __future__ import annotations

import enum
from typing import Literal

from pydantic import Field

from .base import Date, Departement, Lifecycle, Model, Slug, Text, Visibilite

__all__ = [
    "REFERENTIEL_MODELS",
    "Canal",
    "ChampExtra",
    "Cible",
    "Comite",
    "ContactPublic",
    "Indicateur",
    "Organisation",
    "Parametres",
    "Partenaire",
    "Personne",
    "Public",
    "Site",
    "Source",
]


class Personne(Model):
    """Une personne de l'équipe. Jamais de coordonnées personnelles ici."""

    id: Slug
    """Identifiant court (minuscules, tirets), utilisé comme responsable ou valideur."""
    nom_affiche: Text
    """Nom tel qu'il peut apparaître en interne (prénom et initiale suffisent)."""
    role: str = ""
    """Rôle dans l'équipe (chargée de campagne, communication…)."""
    livrables_max_semaine: int | None = Field(default=None, ge=1)
    """Nombre de livrables au-delà duquel la semaine de cette personne est jugée surchargée."""


class Public(Model):
    """Un public visé par les campagnes."""

    id: Slug
    """Identifiant du public."""
    libelle: Text
    """Nom du public, tel qu'affiché."""
    description: str = ""
    """Quelques mots pour le décrire."""


class Comptage(str, enum.Enum):
    caracteres = "caracteres"
    graphemes = "graphemes"
    x_pondere = "x_pondere"
    utf16 = "utf16"
    sms = "sms"


class Canal(Model):
    """Un réseau ou canal de diffusion, avec ses limites (elles changent : datez-les)."""

    id: Slug
    """Identifiant du canal (x, bluesky, mastodon, sms…), clé des déclinaisons des posts."""
    libelle: Text
    """Nom affiché du canal."""
    texte_max: int | None = Field(default=None, ge=1)
    """Nombre maximal de caractères d'un texte, selon la règle de comptage."""
    comptage: Comptage = Comptage.graphemes
    """Règle de comptage : caracteres, graphemes, x_pondere (lien = 23, émoji = 2), utf16 ou sms."""
    url_compte: int | None = Field(default=None, ge=1)
    """Si renseigné, chaque lien compte pour ce nombre de caractères (23 sur X et Mastodon)."""
    hashtags_max: int | None = Field(default=None, ge=0)
    """Nombre maximal de hashtags par publication."""
    visible_avant_plus: int | None = Field(default=None, ge=1)
    """Caractères visibles avant « plus » : l'appel à l'action doit tenir dedans."""
    alt_max: int | None = Field(default=None, ge=1)
    """Longueur maximale du texte alternatif d'une image."""
    legende_max: int | None = Field(default=None, ge=1)
    """Longueur maximale d'une légende de média (Telegram)."""
    segments_max: int | None = Field(default=None, ge=1)
    """Pour les SMS : nombre maximal de segments acceptés."""
    partage: str = ""
    """Adresse de partage, avec {texte} et {url} (ex. https://wa.me/?text={texte})."""
    verifie_le: Date | None = None
    """Date à laquelle ces limites ont été vérifiées (avertissement au-delà de 90 jours)."""
    notes: str = ""
    """Remarques libres."""


class TypeIndicateur(str, enum.Enum):
    cumul = "cumul"
    flux = "flux"


class Indicateur(Model):
    """Un indicateur suivi (signatures, participants, retombées…)."""

    id: Slug
    """Identifiant, utilisé dans les objectifs et dans suivi/indicateurs.csv."""
    libelle: Text
    """Nom affiché."""
    type: TypeIndicateur = TypeIndicateur.cumul
    """cumul (ne doit jamais baisser, ex. signatures) ou flux (valeur par période)."""
    unite: str = ""
    """Unité affichée (signatures, personnes…)."""


class Partenaire(Model):
    """Une organisation partenaire de coalition."""

    id: Slug
    """Identifiant du partenaire."""
    nom: Text
    """Nom de l'organisation."""
    type: str = ""
    """Nature (association, syndicat, collectif…)."""
    url: str = ""
    """Site public."""
    visibilite: Visibilite = Visibilite.interne
    """public pour l'afficher sur le site comme partenaire."""


class Cible(Model):
    """Une cible de plaidoyer (institution, décideur)."""

    id: Slug
    """Identifiant de la cible."""
    nom: Text
    """Nom de la cible."""
    type: str = ""
    """Nature (institution, groupe parlementaire, élu…)."""
    description: str = ""
    """Ce qu'on lui demande."""


class TypeSource(str, enum.Enum):
    officiel = "officiel"
    presse = "presse"
    etude = "etude"
    juridique = "juridique"
    interne = "interne"
    autre = "autre"


class Source(Model):
    """Une source citée par les argumentaires."""

    id: Slug
    """Identifiant de la source."""
    type: TypeSource = TypeSource.autre
    """officiel, presse, etude, juridique, interne ou autre."""
    titre: Text
    """Titre de la source."""
    url: str = ""
    """Adresse publique de la source."""
    editeur: str = ""
    """Qui la publie."""
    date_publication: Date | None = None
    """Date de publication (AAAA-MM-JJ)."""
    consulte_le: Date | None = None
    """Date de consultation (AAAA-MM-JJ)."""


REFERENTIEL_MODELS: dict[str, type[Model]] = {
    "personnes": Personne,
    "publics": Public,
    "canaux": Canal,
    "indicateurs": Indicateur,
    "partenaires": Partenaire,
    "cibles": Cible,
    "sources": Source,
}


class TypeContact(str, enum.Enum):
    email = "email"
    telephone = "telephone"
    site = "site"
    reseau = "reseau"
    formulaire = "formulaire"


class ContactPublic(Model):
    """Un moyen public de joindre un comité (jamais une adresse personnelle sans accord)."""

    type: TypeContact
    """email, telephone, site, reseau ou formulaire."""
    valeur: Text
    """L'adresse, le numéro ou le lien."""

    @property
    def lien(self) -> str:
        """What a link to it points at: ``mailto:``, ``tel:`` (digits only), else the value."""
        value = self.valeur.strip()
        if self.type is TypeContact.email:
            return f"mailto:{value}"
        if self.type is TypeContact.telephone:
            return "tel:" + "".join(ch for ch in value if ch.isdigit() or ch == "+")
        return value


class Referent(Model):
    """Référent·e nommé·e d'un comité."""

    nom: Text
    """Nom affiché."""
    consentement_le: Date | None = None
    """Date à laquelle la personne a accepté d'être nommée publiquement."""


class Comite(Lifecycle):
    """Un comité local (faits publics seulement)."""

    id: Slug | None = None
    """Facultatif : c'est le nom du fichier."""
    nom: Text
    """Nom du comité."""
    commune: Text
    """Commune principale."""
    departement: Departement
    """Numéro de département, entre guillemets : "01", "2A", "974"."""
    contact_public: ContactPublic | None = None
    """Contact public du comité."""
    referent: Referent | None = None
    """Référent·e nommé·e, seulement avec son consentement enregistré."""
    description: str = ""
    """Présentation courte."""


class Couleurs(Model):
    primaire: str = "#1b5e20"
    """Couleur principale (code hexadécimal)."""
    accent: str = "#f9a825"
    """Couleur d'accent (code hexadécimal)."""


class Organisation(Model):
    """L'organisation qui publie."""

    nom: Text
    """Nom de l'organisation."""
    description: str = ""
    """Phrase de présentation (site, kits)."""
    logo: str = ""
    """Chemin du logo sous content/assets/."""
    image_partage: str = ""
    """Image PNG ou JPEG de 1200×630 (chemin depuis content/, comme le logo : assets/partage.png), montrée quand une page du site est partagée sur un réseau (si la page n'a pas d'image à elle)."""
    image_partage_alt: str = ""
    """Texte alternatif de cette image."""
    couleurs: Couleurs = Couleurs()
    """Couleurs du site et des kits."""
    domaines_email: list[str] = []
    """Domaines des adresses e-mail de l'organisation, autorisées sur le site public."""
    contact_public: ContactPublic | None = None
    """Contact public de l'organisation (quatrième de couverture des kits)."""
    licence: str = "CC BY-SA 4.0"
    """Licence des contenus publiés."""
    mentions: str = ""
    """Mentions légales courtes (directeur de publication…)."""


class Parametres(Model):
    """Réglages des contrôles."""

    livrable_marge_jours: int = Field(default=2, ge=0)
    """Un livrable dû moins de N jours avant son temps fort donne un avertissement."""
    livrables_max_semaine: int = Field(default=5, ge=1)
    """Au-delà, la semaine d'une personne est jugée surchargée."""
    quatre_yeux: list[str] = ["edl", "argumentaire", "communique"]
    """Types de livrables qui ne peuvent pas être validés par leur responsable."""
    relance_sans_reponse_jours: int = Field(default=14, ge=1)
    """Délai après une deuxième relance sans réponse."""
    declaration_rappel_jours: int = Field(default=15, ge=3, le=60)
    """La déclaration en préfecture d'une manifestation devient une tâche N jours francs avant (15 : dès que la loi le permet)."""
    evenement_duree_max_heures: int = Field(default=12, ge=1)
    """Un événement plus long que N heures donne un avertissement (une date par jour, plutôt)."""
    evenement_duree_min_minutes: int = Field(default=15, ge=1)
    """Un événement plus court que N minutes donne un avertissement (heure de fin mal saisie ?)."""
    canaux_verification_jours: int = Field(default=90, ge=1)
    """Ancienneté maximale de verifie_le dans le référentiel des canaux."""
    fraicheur_jours: int = Field(default=30, ge=1)
    """Un EDL ou un kit non mis à jour depuis N jours pendant une campagne active donne un avertissement."""
    kits_processus: int = Field(default=2, ge=1)
    """Nombre de kits rendus en parallèle."""
    sms_prix_segment: float | None = Field(default=None, ge=0)
    """Prix d'un segment SMS chez votre prestataire, en euros : le coût d'un envoi est alors indiqué."""
    image_poids_max_ko: int = Field(default=800, ge=1)
    """Au-delà de ce poids (en kilo-octets), un visuel est jugé trop lourd pour un téléphone."""
    suivi_trou_jours: int = Field(default=7, ge=1)
    """Pendant une campagne active, un indicateur sans relevé depuis plus de N jours donne un avertissement."""
    rythme_avance_pct: int = Field(default=10, ge=0)
    """Un objectif est « en avance » quand son rythme moyen dépasse le rythme requis de plus de N %."""
    retombees_negatives_pct: int = Field(default=30, ge=1, le=100)
    """Au-delà de N % de retombées négatives dans la semaine, le rapport suggère de réagir."""


class TypeChamp(str, enum.Enum):
    texte = "texte"
    entier = "entier"
    nombre = "nombre"
    date = "date"
    booleen = "booleen"
    liste = "liste"
    choix = "choix"


class ChampExtra(Model):
    """Un champ propre à l'organisation, écrit sous extra: dans les fichiers, déclaré ici pour être vérifié."""

    type: TypeChamp = TypeChamp.texte
    """texte, entier, nombre, date (AAAA-MM-JJ), booleen (true ou false), liste ou choix (une des valeurs)."""
    valeurs: list[str] = []
    """Pour le type choix : les valeurs permises."""
    objets: list[str] = []
    """Types d'objets concernés (campagne, post, evenement, comite, personnes, livrables…) ; vide : tous."""
    requis: bool = False
    """Si true, chaque objet des types listés dans objets doit le renseigner."""
    description: str = ""
    """À quoi sert ce champ (pour l'équipe)."""


class Site(Model):
    """Réglages du site (content/site.yml)."""

    titre: Text
    """Titre du site."""
    description: str = ""
    """Description courte (moteurs de recherche, réseaux)."""
    url: Text
    """Adresse publique du site, avec https:// et / final."""
    langue: str = "fr"
    """Langue du site."""
    fuseau: str = "Europe/Paris"
    """Fuseau horaire des dates et heures."""
    moteur: Literal["mkdocs", "zensical"] = "mkdocs"
    """Moteur qui fabrique les pages HTML : mkdocs (par défaut) ou zensical, son successeur. Le contenu ne change pas ; `oep build --moteur` l'emporte sur ce réglage."""
    organisation: Organisation
    """L'organisation."""
    niveaux: dict[str, str] = {}
    """Niveau par identifiant de contrôle : erreur, avertissement, info ou ignore."""
    parametres: Parametres = Parametres()
    """Réglages des contrôles."""
    champs_extra: dict[str, ChampExtra] = {}
    """Les champs propres à l'organisation (écrits sous extra: dans les fichiers), avec leur type : ils sont alors vérifiés."""
