"""Event checks: time zone, public holidays, daylight-saving changes, the prefecture
declaration of demonstrations, past events left « prevu », private addresses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..declarations import DECLARATION_MAX, DECLARATION_MIN, open_declarations
from ..diagnostics import Diagnostic, Level, rule
from ..feries import Holidays
from ..model.content import Deroulement, Evenement
from ..planning import jours_francs, local_span, zone_of
from ..visibility import address_declared_public
from .base import Context, check

_CAT = "evenements"
R_TZ = rule("evenement-fuseau-inconnu", Level.ERREUR, "Fuseau horaire d'événement inconnu.", _CAT)
R_HOLIDAY = rule("evenement-jour-ferie", Level.AVERTISSEMENT, "Un événement tombe un jour férié.", _CAT)
R_DST = rule(
    "evenement-changement-heure", Level.AVERTISSEMENT,
    "Un événement traverse un changement d'heure ou commence à une heure qui n'existe pas.", _CAT,
)
R_DECL_LATE = rule(
    "declaration-prefecture-tardive", Level.AVERTISSEMENT,
    "Manifestation déclarée moins de 3 jours francs avant.", _CAT,
)
R_DECL_TODO = rule(
    "declaration-prefecture-a-deposer", Level.AVERTISSEMENT,
    "Déclaration en préfecture à déposer : le délai légal est ouvert (réglable : parametres.declaration_rappel_jours).",
    _CAT,
)
R_DECL_MISSING = rule(
    "declaration-prefecture-hors-delai", Level.ERREUR,
    "Manifestation à venir sans déclaration déposée alors que moins de 3 jours francs restent.", _CAT,
)
R_DECL_EARLY = rule(
    "declaration-prefecture-trop-tot", Level.AVERTISSEMENT,
    "Manifestation déclarée plus de 15 jours francs avant (art. L211-2 CSI).", _CAT,
)
R_DECL_UNKNOWN = rule(
    "declaration-prefecture-non-renseignee", Level.AVERTISSEMENT,
    "Manifestation ou rassemblement à venir sans bloc declaration_prefecture.", _CAT,
)
R_PAST = rule("evenement-passe-prevu", Level.AVERTISSEMENT, "Événement passé encore marqué prevu.", _CAT)
R_FUTURE_DONE = rule(
    "evenement-realise-futur", Level.AVERTISSEMENT, "Événement marqué realise avant d'avoir commencé.", _CAT
)
R_HOME = rule(
    "adresse-chez-habitant-publique", Level.ERREUR, "Événement chez un particulier avec une adresse publique.", _CAT
)

_UTC = dt.UTC
_WHEN = frozenset({"debut", "fin", "fuseau"})
"""What an event's local dates are computed from."""
_HOME = frozenset({"chez_habitant", "adresse", "adresse_visibilite"})
"""What the private-home rule reads of the place."""


@check
def check_event_time_zone(ctx: Context) -> Iterator[Diagnostic]:
    for _, ev in ctx.project.checkable("evenements", frozenset({"fuseau"})):
        if zone_of(ev, ctx.tz) is None:
            yield ctx.diag(
                R_TZ, ev, "fuseau",
                message=f"fuseau « {ev.fuseau} » inconnu (l'heure du site, {ctx.tz.key}, est utilisée)",
                fix="écrivez un fuseau IANA, par exemple America/Cayenne, Indian/Reunion, ou supprimez la ligne",
            )


@check
def check_event_calendar(ctx: Context) -> Iterator[Diagnostic]:
    holidays = Holidays(ctx.project.root)
    for _, ev in ctx.project.checkable("evenements", _WHEN | {"deroulement", "lieu"}):
        if ev.fin < ev.debut or ev.deroulement is Deroulement.annule:
            continue
        yield from _holidays(ctx, holidays, ev)
        yield from _clock_changes(ctx, ev)
    holidays.save()


def _holidays(ctx: Context, holidays: Holidays, ev: Evenement) -> Iterator[Diagnostic]:
    dept = ev.lieu.departement if ev.lieu else None
    day, last = ev.debut.date(), ev.fin.date()
    while day <= last:
        name = holidays.name(day, dept)
        if name:
            yield ctx.diag(
                R_HOLIDAY, ev, "debut",
                message=f"l'événement a lieu le {day}, jour férié ({name})",
                fix="vérifiez que la salle est ouverte et que le public sera là, ou changez de date",
            )
        day += dt.timedelta(days=1)


def _clock_changes(ctx: Context, ev: Evenement) -> Iterator[Diagnostic]:
    tz = zone_of(ev, ctx.tz) or ctx.tz
    odd = False
    for field, naive in (("debut", ev.debut), ("fin", ev.fin)):
        aware = naive.replace(tzinfo=tz)
        if aware.astimezone(_UTC).astimezone(tz).replace(tzinfo=None) != naive:
            odd = True
            yield ctx.diag(
                R_DST, ev, field,
                message=f"{naive:%Y-%m-%d %H:%M} n'existe pas à l'heure de {tz.key} (passage à l'heure d'été)",
                fix="choisissez une heure hors de la nuit du changement d'heure",
            )
        elif aware.utcoffset() != aware.replace(fold=1).utcoffset():
            odd = True
            yield ctx.diag(
                R_DST, ev, field,
                message=f"{naive:%Y-%m-%d %H:%M} existe deux fois à l'heure de {tz.key} (passage à l'heure d'hiver)",
                fix="choisissez une heure hors de la nuit du changement d'heure",
            )
    start, stop = local_span(ev, ctx.tz)
    if not odd and start.utcoffset() != stop.utcoffset():
        yield ctx.diag(
            R_DST, ev, "fin",
            message=f"l'événement traverse un changement d'heure (UTC{_offset(start)} au début, "
            f"UTC{_offset(stop)} à la fin)",
            fix="vérifiez les horaires annoncés : la durée réelle diffère d'une heure de celle affichée",
        )


def _offset(d: dt.datetime) -> str:
    off = d.utcoffset() or dt.timedelta()
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h}" + (f":{m:02d}" if m else "")


# Event types that usually take the public highway; the declaration flag defaults to false,
# so a forgotten block would silence the 3-jours-francs check.
_STREET_TYPES = frozenset({"manifestation", "rassemblement", "marche", "cortege", "defile", "chaine-humaine"})


@check
def check_declarations(ctx: Context) -> Iterator[Diagnostic]:
    for _, ev in ctx.project.checkable("evenements", _WHEN | {"declaration_prefecture", "type", "en_ligne", "deroulement"}):
        decl = ev.declaration_prefecture
        if (
            "declaration_prefecture" not in ev.model_fields_set
            and ev.type.strip().lower() in _STREET_TYPES
            and not ev.en_ligne
            and ev.deroulement is not Deroulement.annule
            and local_span(ev, ctx.tz)[1] >= ctx.now
        ):
            yield ctx.diag(
                R_DECL_UNKNOWN, ev, "type",
                message=f"{ev.type} du {ev.debut:%Y-%m-%d} sans declaration_prefecture : sur la voie publique, un tel "
                f"événement se déclare en préfecture (ou en mairie) {DECLARATION_MIN} à {DECLARATION_MAX} jours francs avant",
                fix="ajoutez declaration_prefecture: {requise: true, deposee_le: AAAA-MM-JJ}, "
                "ou requise: false s'il a lieu dans un lieu privé",
            )
        if not decl.requise or ev.deroulement is Deroulement.annule or decl.deposee_le is None:
            continue
        start, stop = local_span(ev, ctx.tz)
        if stop < ctx.now:
            continue  # once it has happened, a late filing is history, not a task
        day = start.date()
        jf = jours_francs(decl.deposee_le, day)
        # A date after today (or --today) is a filing still to come: a to-do below, and its date judged here.
        filed = "prévue le" if decl.deposee_le > ctx.today else "déposée le"
        if jf < DECLARATION_MIN:
            yield ctx.diag(
                R_DECL_LATE, ev, "declaration_prefecture", "deposee_le",
                message=f"déclaration {filed} {decl.deposee_le} pour une manifestation le {day} : "
                f"{_jf(jf)}, il en faut au moins {DECLARATION_MIN}",
                fix="vérifiez auprès de la préfecture (ou de la mairie) que la manifestation peut avoir lieu ; "
                "sinon, changez de date ou de forme (réunion dans une salle)",
            )
        elif jf > DECLARATION_MAX:
            yield ctx.diag(
                R_DECL_EARLY, ev, "declaration_prefecture", "deposee_le",
                message=f"déclaration {filed} {decl.deposee_le} pour une manifestation le {day} : "
                f"{_jf(jf)}, au plus {DECLARATION_MAX} sont admis",
                fix="déposez la déclaration entre 15 et 3 jours francs avant la date"
                + ("" if decl.deposee_le > ctx.today else " (à nouveau)"),
            )
    yield from _declarations_to_file(ctx)


def _declarations_to_file(ctx: Context) -> Iterator[Diagnostic]:
    """From the day the window opens until ``deposee_le`` is written: a to-do, then an error once too late."""
    for d in open_declarations(ctx.project, ctx.today, ctx.tz):
        ev = d.evenement
        who = _person(ctx, d.responsable)
        if not d.too_late(ctx.today):
            left = (d.dernier_jour - ctx.today).days
            yield ctx.diag(
                R_DECL_TODO, ev, "declaration_prefecture", key=True,
                message=f"manifestation le {d.jour} : déclaration en préfecture à déposer avant le "
                f"{d.dernier_jour} inclus ({DECLARATION_MIN} jours francs avant ; "
                f"{'dernier jour' if left == 0 else f'encore {left} jour' + ('s' if left > 1 else '')}){who}",
                fix="déposez-la en préfecture (ou en mairie) puis écrivez deposee_le: AAAA-MM-JJ sous declaration_prefecture",
            )
        else:
            jf = jours_francs(ctx.today, d.jour)
            yield ctx.diag(
                R_DECL_MISSING, ev, "declaration_prefecture", key=True,
                message=f"manifestation le {d.jour} sans déclaration déposée : le dernier jour légal était le "
                f"{d.dernier_jour} ; déposée aujourd'hui ({ctx.today}), elle n'aurait que {_jf(max(jf, 0))}, "
                f"il en faut au moins {DECLARATION_MIN}{who}",
                fix="voyez sans attendre la préfecture (ou la mairie) ; sinon changez de date ou de forme "
                "(réunion dans une salle) ; si elle a été déposée, écrivez deposee_le",
            )


def _person(ctx: Context, pid: str | None) -> str:
    person = ctx.project.personnes.get(pid or "")
    if person is None:
        return ""
    return f" — responsable : {person.nom_affiche} ({pid})"


def _jf(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''} franc{'s' if n > 1 else ''}"


@check
def check_event_status(ctx: Context) -> Iterator[Diagnostic]:
    for _, ev in ctx.project.checkable("evenements", _WHEN | {"deroulement"}):
        start, stop = local_span(ev, ctx.tz)
        if ev.deroulement is Deroulement.realise and start > ctx.now:
            yield ctx.diag(
                R_FUTURE_DONE, ev, "deroulement",
                message=f"l'événement est marqué realise mais ne commence que le {start:%Y-%m-%d %H:%M}",
                fix="écrivez deroulement: prevu jusqu'à ce qu'il ait eu lieu",
            )
        if ev.deroulement is Deroulement.prevu and stop < ctx.now:
            yield ctx.diag(
                R_PAST, ev, "deroulement" if "deroulement" in ev.model_fields_set else "fin",
                message=f"l'événement est terminé depuis le {stop:%Y-%m-%d %H:%M} mais reste « prevu »",
                fix="indiquez deroulement: realise (ou annule) : l'agenda public ne doit pas l'annoncer à venir",
            )


@check
def check_home_addresses(ctx: Context) -> Iterator[Diagnostic]:
    """A private home's address never public: judged even when another value of the file is invalid."""
    p = ctx.project
    for _, ev in p.checkable("evenements", frozenset({"lieu"}), frozenset({"lieu"})):
        if p.touched_in(ev, "lieu") & _HOME:  # a bad postcode hides nothing; a bad chez_habitant does
            continue
        lieu = ev.lieu
        if lieu is not None and lieu.chez_habitant and address_declared_public(lieu) and lieu.adresse.strip():
            field = "adresse_visibilite" if "adresse_visibilite" in lieu.model_fields_set else "chez_habitant"
            yield ctx.diag(
                R_HOME, ev, "lieu", field,
                message="événement chez un particulier dont l'adresse serait publiée sur le site et dans l'agenda",
                fix="écrivez adresse_visibilite: sur_inscription (l'adresse n'est donnée qu'aux inscrits)",
            )
