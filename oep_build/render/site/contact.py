"""Public contact links (committees, organisation): e-mail, phone, web."""

from __future__ import annotations

from markupsafe import Markup

from ...model.referentiels import ContactPublic
from .common import md_link

__all__ = ["contact_line"]

_LABELS = {
    "email": "Écrire",
    "telephone": "Appeler",
    "site": "Site web",
    "reseau": "Réseau social",
    "formulaire": "Formulaire de contact",
}


def contact_line(contact: ContactPublic | None, prefix: str = "") -> Markup | str:
    """A Markdown line such as « Formulaire de contact : [lien](…) »."""
    if contact is None:
        return ""
    kind = contact.type.value
    label = prefix or _LABELS[kind]
    shown = contact.valeur.strip()
    if kind in ("site", "reseau", "formulaire"):
        shown = shown.removeprefix("https://").removeprefix("http://").rstrip("/")
    return Markup(f"{label}\u00a0: ") + md_link(shown, contact.lien)
