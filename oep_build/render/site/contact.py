"""Public contact links (committees, organisation): e-mail, phone, web."""

from __future__ import annotations

from ...model.referentiels import ContactPublic

__all__ = ["contact_line"]

_LABELS = {
    "email": "Écrire",
    "telephone": "Appeler",
    "site": "Site web",
    "reseau": "Réseau social",
    "formulaire": "Formulaire de contact",
}


def contact_line(contact: ContactPublic | None, prefix: str = "") -> str:
    """A Markdown line such as « Formulaire de contact : [lien](…) »."""
    if contact is None:
        return ""
    kind = contact.type.value
    label = prefix or _LABELS[kind]
    shown = contact.valeur.strip()
    if kind in ("site", "reseau", "formulaire"):
        shown = shown.removeprefix("https://").removeprefix("http://").rstrip("/")
    return f"{label}\u00a0: [{shown}]({contact.lien})"
