"""Calendar feeds (RFC 5545): the public agenda, one feed per campaign, one per person.

We write the bytes ourselves so that every feed opens the same way in every
client: CRLF line ends, lines folded at 75 octets without cutting a UTF-8
character, UIDs that never change between builds (``<kind>-<id>@<site host>``),
a DTSTAMP taken from ``SOURCE_DATE_EPOCH`` (never the wall clock), and an
RRULE-based ``VTIMEZONE`` for each zone used (see :mod:`.vtimezone`).

Public feeds hold only what :func:`oep_build.visibility.is_public` lets through.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from ..context import Context
from ..declarations import PendingDeclaration, pending_declarations
from ..incremental import kept
from ..model.campaign import (
    Campagne,
    Livrable,
    StatutLivrable,
    TempsFort,
    status_label,
)
from ..model.content import Approbation, Deroulement, Evenement
from ..planning import effective_statut, local_span, zone_of
from ..safety import safe_url
from ..views.events import event_url, organiser, place
from ..visibility import shown_to
from .vtimezone import vtimezone_lines

__all__ = ["dtstamp", "event_ics", "fold", "render_feeds"]

_UTC = dt.UTC
_FALLBACK_STAMP = dt.datetime(1980, 1, 1, tzinfo=_UTC)
_TF_STATUS = {"envisage": "TENTATIVE", "confirme": "CONFIRMED", "realise": "CONFIRMED", "annule": "CANCELLED"}


@dataclass
class _Component:
    """One VEVENT: its sort key, the zones it needs and its unfolded lines."""

    start: dt.datetime
    uid: str
    lines: list[str]
    zones: set[str] = field(default_factory=set)

    @cached_property
    def folded(self) -> bytes:
        return b"".join(fold(line) for line in self.lines)


# -- public entry points ----------------------------------------------------------


def render_feeds(ctx: Context, audience: str) -> dict[str, bytes]:
    """Every feed of a build for ``audience`` (``public`` or ``interne``), by relative path.

    ``agenda.ics`` (events and temps forts), ``campagnes/<id>.ics``,
    ``evenements/<id>.ics`` (one event, for « ajouter à mon agenda ») and, for
    ``interne`` only, ``equipe/<personne>.ics`` with that person's deliverables.
    """
    p = ctx.project
    internal = audience == "interne"
    stamp = dtstamp(ctx)
    host = _host(ctx)
    titre = p.site.titre if p.site else "Agenda"
    campaigns = {cid: c for cid, c in sorted(p.campagnes.items()) if ctx.visible(c, audience)}
    events = [ev for _, ev in sorted(p.evenements.items()) if _event_in_feed(ctx, ev, audience)]
    tfs = {cid: [tf for tf in c.temps_forts if shown_to(tf, audience)] for cid, c in campaigns.items()}
    # Kept by oep serve per event and per campaign: saving one campaign file redoes that campaign's.
    step = ("ics", audience, stamp, host)
    ev_comp = {ev.id: kept(ctx, step, ev, _event, ctx, ev, audience, stamp, host) for ev in events}
    tf_comp = {cid: kept(ctx, step, c, _temps_forts, ctx, cid, c, tfs[cid], stamp, host) for cid, c in campaigns.items()}

    out: dict[str, bytes] = {}
    agenda = list(ev_comp.values()) + [comp for comps in tf_comp.values() for comp in comps]
    out["agenda.ics"] = _calendar(ctx, f"{titre} — agenda", agenda)
    by_campaign: dict[str | None, list[_Component]] = {}
    for ev in events:  # grouped once: asking each campaign for its events is 500 × 500 at national scale
        by_campaign.setdefault(p.campagne_id_of(ev), []).append(ev_comp[ev.id])
    for cid, c in campaigns.items():
        comps = by_campaign.get(cid, []) + tf_comp[cid]
        if internal:
            comps += [_livrable(ctx, cid, c, lv, stamp, host) for lv in c.livrables]
        out[f"campagnes/{cid}.ics"] = _calendar(ctx, f"{titre} — {c.titre}", comps)
    for ev in events:
        out[f"evenements/{ev.id}.ics"] = _calendar(ctx, ev.titre, [ev_comp[ev.id]])
    if internal:
        declarations = pending_declarations(p, ctx.today, ctx.tz)
        for pid, person in sorted(p.personnes.items()):
            comps = [
                _livrable(ctx, cid, c, lv, stamp, host)
                for cid, c in campaigns.items()
                for lv in c.livrables
                if lv.responsable == pid
            ]
            comps += [_declaration(ctx, d, stamp, host) for d in declarations if d.responsable == pid]
            out[f"equipe/{pid}.ics"] = _calendar(ctx, f"{titre} — livrables de {person.nom_affiche}", comps)
    return out


def event_ics(ctx: Context, evenement: Evenement, audience: str = "public") -> bytes:
    """A one-event calendar file, with the same UID as in the feeds (no duplicates on import)."""
    comp = _event(ctx, evenement, audience, dtstamp(ctx), _host(ctx))
    return _calendar(ctx, evenement.titre, [comp])


def dtstamp(ctx: Context) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the latest date written in the content (reproducible)."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return dt.datetime.fromtimestamp(int(env), _UTC)
    dates = [
        d
        for _, obj in ctx.project.all_objects()
        for d in (getattr(obj, "mis_a_jour_le", None), getattr(obj, "valide_le", None))
        if d is not None
    ]
    if not dates:
        return _FALLBACK_STAMP
    return dt.datetime.combine(max(dates), dt.time(), _UTC)


def fold(line: str) -> bytes:
    """One content line as bytes: at most 75 octets per physical line, CRLF, UTF-8 kept whole.

    Each physical line takes as many whole characters as fit: 75 octets, then 74
    after the space that starts a continuation line.
    """
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    parts = []
    start, room = 0, 75
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        parts.append(data[start:end])
        start, room = end, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


# -- calendar and components --------------------------------------------------------


def _calendar(ctx: Context, name: str, comps: Iterable[_Component]) -> bytes:
    comps = sorted(comps, key=lambda c: (c.start, c.uid))
    org = ctx.project.site.organisation.nom if ctx.project.site else "oep"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_text(org)}//oep-build//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
        f"X-WR-TIMEZONE:{ctx.tz.key}",
    ]
    for key in sorted({z for c in comps for z in c.zones}):
        lines += vtimezone_lines(key)
    head = b"".join(fold(line) for line in lines)
    return head + b"".join(c.folded for c in comps) + fold("END:VCALENDAR")


def _event(ctx: Context, ev: Evenement, audience: str, stamp: dt.datetime, host: str) -> _Component:
    tz = zone_of(ev, ctx.tz) or ctx.tz
    start, stop = local_span(ev, ctx.tz)
    # Normalise through UTC: a time inside the spring gap is written as the hour that really exists.
    start, stop = start.astimezone(_UTC).astimezone(tz), stop.astimezone(_UTC).astimezone(tz)
    c = ctx.project.campagne_of(ev)
    lines = [
        "BEGIN:VEVENT",
        f"UID:evenement-{ev.id}@{host}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;TZID={tz.key}:{start:%Y%m%dT%H%M%S}",
    ]
    if stop > start:  # an end before the start is reported by the checks; never write it
        lines.append(f"DTEND;TZID={tz.key}:{stop:%Y%m%dT%H%M%S}")
    lines.append(f"SUMMARY:{_text(ev.titre)}")
    description = _event_description(ctx, ev, c, audience)
    if description:
        lines.append(f"DESCRIPTION:{_text(description)}")
    location = place(ev, reveal_private=audience == "interne")
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    inscription = safe_url(ev.inscription_url).strip()
    # The public event page (shareable, with sign-up and the map link), else the sign-up form;
    # never another scheme, nor a line break that would start a property.
    url = _event_page(ctx, ev, audience) or inscription
    if url:
        lines.append(f"URL:{url}")
    lines += [f"CATEGORIES:{_text(ev.type)}", f"STATUS:{_event_status(ev)}", "END:VEVENT"]
    return _Component(start.astimezone(_UTC), f"evenement-{ev.id}", lines, {tz.key})


def _event_page(ctx: Context, ev: Evenement, audience: str) -> str:
    """The event's page on the public site (only public feeds point there)."""
    site = ctx.project.site
    if audience == "interne" or site is None:
        return ""
    return event_url(site.url, ev.id or "")


def _event_status(ev: Evenement) -> str:
    if ev.deroulement is Deroulement.annule or ev.approbation is Approbation.refuse:
        return "CANCELLED"
    return "TENTATIVE" if ev.approbation is Approbation.propose else "CONFIRMED"


def _event_description(ctx: Context, ev: Evenement, c: Campagne | None, audience: str) -> str:
    parts = [ev.description.strip()]
    org = organiser(ctx, ev, audience)
    if org is not None:
        parts.append(f"Organisé par : {org.nom}")
    if ev.accessibilite.strip():
        parts.append(f"Accessibilité : {ev.accessibilite.strip()}")
    if safe_url(ev.inscription_url):
        parts.append(f"Inscription : {ev.inscription_url.strip()}")
    if c is not None:
        parts.append(f"Campagne : {c.titre}")
    return "\n\n".join(x for x in parts if x)


def _temps_forts(
    ctx: Context, cid: str, c: Campagne, tfs: list[TempsFort], stamp: dt.datetime, host: str
) -> list[_Component]:
    return [_temps_fort(ctx, cid, c, tf, stamp, host) for tf in tfs]


def _temps_fort(ctx: Context, cid: str, c: Campagne, tf: TempsFort, stamp: dt.datetime, host: str) -> _Component:
    last = tf.date_fin if tf.date_fin and tf.date_fin >= tf.date else tf.date
    desc = "\n\n".join(x for x in (tf.description.strip(), f"Campagne : {c.titre}") if x)
    lines = [
        "BEGIN:VEVENT",
        f"UID:temps-fort-{cid}-{tf.id}@{host}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{tf.date:%Y%m%d}",
        f"DTEND;VALUE=DATE:{last + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_text(tf.titre)}",
        f"DESCRIPTION:{_text(desc)}",
        f"CATEGORIES:{_text(tf.type)}",
        f"STATUS:{_TF_STATUS.get(tf.statut.value, 'CONFIRMED')}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return _Component(_day_key(ctx, tf.date), f"temps-fort-{cid}-{tf.id}", lines)


def _livrable(ctx: Context, cid: str, c: Campagne, lv: Livrable, stamp: dt.datetime, host: str) -> _Component:
    p = ctx.project
    owner = p.personnes.get(lv.responsable)
    tf = next((t for t in c.temps_forts if t.id == lv.temps_fort), None)
    facts = [
        f"Campagne : {c.titre}",
        f"Responsable : {owner.nom_affiche if owner else lv.responsable}",
        f"Statut : {status_label(effective_statut(p, lv))}",
        f"Type : {status_label(lv.type)}",
    ]
    if tf is not None:
        facts.append(f"Prépare : {tf.titre} ({tf.date:%d/%m/%Y})")
    if lv.depend_de:
        facts.append("Dépend de : " + ", ".join(lv.depend_de))
    lines = [
        "BEGIN:VEVENT",
        f"UID:livrable-{cid}-{lv.id}@{host}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{lv.echeance:%Y%m%d}",
        f"DTEND;VALUE=DATE:{lv.echeance + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_text('À rendre : ' + lv.titre)}",
        f"DESCRIPTION:{_text(chr(10).join(facts))}",
        f"CATEGORIES:livrable,{_text(lv.type.value)}",
        f"STATUS:{'CANCELLED' if lv.statut is StatutLivrable.abandonne else 'CONFIRMED'}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return _Component(_day_key(ctx, lv.echeance), f"livrable-{cid}-{lv.id}", lines)


def _declaration(ctx: Context, d: PendingDeclaration, stamp: dt.datetime, host: str) -> _Component:
    """The last legal day to file a prefecture declaration, as an all-day entry in its filer's feed."""
    ev = d.evenement
    facts = [
        f"Manifestation : {ev.titre}, le {d.jour:%d/%m/%Y}",
        f"Déclaration en préfecture (ou en mairie) à déposer entre le {d.ouverture:%d/%m/%Y} "
        f"et le {d.dernier_jour:%d/%m/%Y} inclus (3 jours francs avant au moins)",
        "Une fois déposée, écrivez deposee_le dans le fichier de l'événement.",
    ]
    c = ctx.project.campagnes.get(d.campagne)
    if c is not None:
        facts.append(f"Campagne : {c.titre}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:declaration-{ev.id}@{host}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{d.dernier_jour:%Y%m%d}",
        f"DTEND;VALUE=DATE:{d.dernier_jour + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_text('Déclaration en préfecture à déposer : ' + ev.titre)}",
        f"DESCRIPTION:{_text(chr(10).join(facts))}",
        "CATEGORIES:declaration",
        "STATUS:CONFIRMED",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return _Component(_day_key(ctx, d.dernier_jour), f"declaration-{ev.id}", lines)


# -- helpers ---------------------------------------------------------------------------


def _event_in_feed(ctx: Context, ev: Evenement, audience: str) -> bool:
    if not ctx.visible(ev, audience):
        return False
    return audience == "interne" or ev.approbation is Approbation.approuve


def _day_key(ctx: Context, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), ctx.tz).astimezone(_UTC)


def _host(ctx: Context) -> str:
    site = ctx.project.site
    host = urlsplit(site.url).hostname if site else None
    return host or "oep.invalid"


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11); control characters are dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch == "\n" or (ch >= " " and ch != "\x7f"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
