"""Personal data in anything public: phone numbers, e-mail addresses, faces, names.

Only what reaches the public site is scanned (``is_public``), every text
field and Markdown body. A committee's or the organisation's ``contact_public``
is public on purpose and is the allowlist: the same number or address written
elsewhere is fine too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..counting import find_urls
from ..diagnostics import Diagnostic, Level, rule
from ..incremental import kept_list
from ..model import OBJECT_KINDS
from ..model.referentiels import TypeContact
from ..spots import body_spot, diag_at, text_fields, value_spot
from ..visibility import PUBLIC_FIELDS, shown_to
from .base import Context, check

R_PHONE = rule("telephone-public", Level.ERREUR, "Numéro de téléphone dans un contenu public.", "donnees-personnelles")
R_EMAIL = rule(
    "email-public",
    Level.ERREUR,
    "Adresse e-mail hors des domaines de l'organisation dans un contenu public.",
    "donnees-personnelles",
)
R_IMAGE_RIGHTS = rule(
    "droit-image-manquant",
    Level.ERREUR,
    "Personne reconnaissable sur un visuel public sans autorisation de droit à l'image.",
    "donnees-personnelles",
)
R_REFERENT = rule(
    "referent-sans-consentement",
    Level.ERREUR,
    "Référent·e de comité nommé·e publiquement sans consentement enregistré.",
    "donnees-personnelles",
)

_EMAIL = regex.compile(r"(?<![\w.+\-])[\w.+\-]+@([\w\-]+(?:\.[\w\-]+)+)", regex.IGNORECASE)
# Fields that hold no prose a person could hide in (ids, file names, dates are not strings here).
_SKIP = frozenset({"id", "fichier", "contact_public", "statut", "visibilite", "valide_par", "responsable", "format"})


def _digits(s: str) -> str:
    return regex.sub(r"\D", "", s)


def _allowed_contacts(ctx: Context) -> tuple[set[str], set[str], tuple[str, ...]]:
    """(phone numbers in E.164, e-mail addresses, domains) that may be shown."""
    phones: set[str] = set()
    emails: set[str] = set()
    # A committee's file with another invalid value still vouches for its public contact.
    contacts = [c.contact_public for _, c in ctx.project.checkable("comites", frozenset({"contact_public"}))]
    site = ctx.project.site
    domains: tuple[str, ...] = ()
    if site is not None:
        contacts.append(site.organisation.contact_public)
        domains = tuple(d.strip().lower().lstrip("@") for d in site.organisation.domaines_email if d.strip())
    for c in contacts:
        if c is None:
            continue
        if c.type is TypeContact.telephone:
            import phonenumbers

            for m in phonenumbers.PhoneNumberMatcher(c.valeur, "FR"):
                phones.add(phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164))
        elif c.type is TypeContact.email:
            emails.add(c.valeur.strip().lower().removeprefix("mailto:"))
    return phones, emails, domains


def _domain_allowed(domain: str, domains: tuple[str, ...]) -> bool:
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in domains)


def find_personal_data(
    text: str, phones: set[str], emails: set[str], domains: tuple[str, ...]
) -> Iterator[tuple[str, int, str]]:
    """(kind, offset, found) for each phone number or foreign e-mail address in ``text``."""
    for m in _EMAIL.finditer(text):
        address = m.group().lower()
        if address not in emails and not _domain_allowed(m.group(1), domains):
            yield "email", m.start(), m.group()
    # No valid phone number has fewer than 7 digits: skip the (slow) matcher on most texts.
    if sum(map(str.isdigit, text)) < 7:
        return
    # Digits inside links (petition ids, tracking codes) are not phone numbers;
    # blank the links out, keeping offsets.
    scan = list(text)
    for u in find_urls(text):
        scan[u.start : u.end] = " " * (u.end - u.start)
    for m in _EMAIL.finditer(text):
        scan[m.start() : m.end()] = " " * (m.end() - m.start())
    import phonenumbers  # on first use: its metadata takes a while to load

    for match in phonenumbers.PhoneNumberMatcher("".join(scan), "FR", leniency=phonenumbers.Leniency.VALID):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if e164 not in phones:
            yield "phone", match.start, match.raw_string


@check
def check_personal_data(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    allowed = _allowed_contacts(ctx)
    if p.site is None:
        yield from _without_emails(_scan_public(ctx, allowed))  # no domain list: site.yml's error says why
    else:
        yield from _scan_public(ctx, allowed)
    yield from _check_people(ctx)


def _without_emails(diags: Iterator[Diagnostic]) -> Iterator[Diagnostic]:
    return (d for d in diags if d.id != R_EMAIL.id)


def _scan_public(ctx: Context, allowed: tuple[set[str], set[str], tuple[str, ...]]) -> Iterator[Diagnostic]:
    p = ctx.project
    for kind in OBJECT_KINDS:  # the stand-ins of invalid files too, when what makes them public is valid
        for _, obj in p.checkable(kind, PUBLIC_FIELDS):
            if not ctx.visible(obj, "public"):  # decided every run: a kit's depends on its campaign's file
                continue
            yield from kept_list(ctx, "donnees-personnelles", obj, _scan_object, ctx, obj, allowed)
    if p.site is not None:  # site.yml feeds the public header, footer and kit covers
        for sub, text in text_fields(p.site, skip=_SKIP | {"niveaux", "parametres", "url", "logo"}):
            for what, offset, found in find_personal_data(text, *allowed):
                yield _diag(ctx, p.site, sub, value_spot(p.site, sub, text, offset, len(found)), what, found)
    for _pid, partner in sorted(p.partenaires.items()):
        if shown_to(partner, "public"):
            for sub, text in text_fields(partner, skip=_SKIP):
                for what, offset, found in find_personal_data(text, *allowed):
                    yield _diag(ctx, partner, sub, value_spot(partner, sub, text, offset, len(found)), what, found)


def _scan_object(ctx: Context, obj: Any, allowed: tuple[set[str], set[str], tuple[str, ...]]) -> Iterator[Diagnostic]:
    for sub, text in text_fields(obj, skip=_SKIP):
        for what, offset, found in find_personal_data(text, *allowed):
            yield _diag(ctx, obj, sub, value_spot(obj, sub, text, offset, len(found)), what, found)
    body = ctx.project.body_of(obj)
    for what, offset, found in find_personal_data(body, *allowed):
        yield _diag(ctx, obj, (), body_spot(ctx.project, obj, offset), what, found)


def _diag(ctx: Context, obj: Any, sub: tuple[str | int, ...], spot, what: str, found: str) -> Diagnostic:
    if what == "phone":
        return diag_at(
            ctx,
            R_PHONE,
            obj,
            sub,
            spot,
            message=f"numéro de téléphone « {found} » dans un contenu public",
            fix="retirez-le, ou donnez le contact public du comité (contact_public) ou un formulaire",
        )
    site = ctx.project.site
    domains = ", ".join(site.organisation.domaines_email) if site and site.organisation.domaines_email else "aucun"
    return diag_at(
        ctx,
        R_EMAIL,
        obj,
        sub,
        spot,
        message=f"adresse e-mail « {found} » dans un contenu public, hors des domaines de l'organisation ({domains})",
        fix="retirez-la, ou utilisez une adresse de l'organisation ; un domaine de confiance s'ajoute "
        "dans content/site.yml (organisation.domaines_email)",
    )


def _check_people(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    for vid, v in sorted(p.visuels.items()):
        if v.personnes_identifiables and not v.autorisation_droit_image and ctx.visible(v, "public"):
            yield ctx.diag(
                R_IMAGE_RIGHTS,
                v,
                "personnes_identifiables",
                message=f"visuel public « {vid} » : des personnes sont reconnaissables et aucune autorisation "
                "de droit à l'image n'est enregistrée",
                fix="conservez leur autorisation écrite puis écrivez autorisation_droit_image: true, "
                "ou floutez les visages, ou passez le visuel en visibilite: interne",
            )
    for cid, c in sorted(p.comites.items()):
        if c.referent is not None and c.referent.consentement_le is None and ctx.visible(c, "public"):
            yield ctx.diag(
                R_REFERENT,
                c,
                "referent",
                "nom",
                message=f"comité public « {cid} » : la référente ou le référent « {c.referent.nom} » est nommé·e "
                "sans consentement enregistré",
                fix="demandez son accord puis écrivez referent.consentement_le: AAAA-MM-JJ, ou retirez le nom",
            )
