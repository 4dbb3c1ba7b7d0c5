"""Calendar checks: periods that end before they start, temps forts outside their campaign,
events of an unlikely length."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Level, rule
from ..model.referentiels import Parametres
from ..planning import local_span
from .base import Context, check

R_INVERTED = rule(
    "periode-inversee", Level.ERREUR, "Une période (campagne, temps fort, événement, silence) finit avant de commencer.",
    "calendrier",
)
R_TF_OUTSIDE = rule(
    "temps-fort-hors-campagne", Level.AVERTISSEMENT, "Un temps fort tombe hors de la période de sa campagne.", "calendrier"
)
R_DURATION = rule(
    "evenement-duree-inhabituelle", Level.AVERTISSEMENT,
    "Un événement dure plus de 12 h ou moins de 15 min (seuils dans parametres).", "calendrier",
)

R_TF_FUTURE_DONE = rule(
    "temps-fort-realise-futur", Level.AVERTISSEMENT, "Un temps fort marqué realise n'a pas encore eu lieu.",
    "calendrier",
)

_UTC = dt.UTC
_PERIOD = frozenset({"debut", "fin"})
_TF = frozenset({"temps_forts"})
"""Read item by item: one bad temps fort hides nothing of the others."""


@check
def check_periods(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    for _cid, c in p.checkable("campagnes", _PERIOD | {"temps_forts", "electorale"}, _TF):
        if c.fin < c.debut:
            yield ctx.diag(
                R_INVERTED, c, "fin",
                message=f"la campagne finit le {c.fin} avant de commencer le {c.debut}",
                fix="corrigez debut ou fin (AAAA-MM-JJ) : fin doit être le même jour ou après debut",
            )
        for i, tf in p.untouched(c, "temps_forts"):
            if tf.date_fin is not None and tf.date_fin < tf.date:
                yield ctx.diag(
                    R_INVERTED, c, "temps_forts", i, "date_fin",
                    message=f"temps_forts[{i}] « {tf.titre} » finit le {tf.date_fin}, avant son début ({tf.date})",
                    fix="corrigez date_fin, ou supprimez-la pour un temps fort d'un seul jour",
                )
        if c.electorale is not None:
            for i, s in enumerate(c.electorale.silence):
                if s.fin < s.debut:
                    yield ctx.diag(
                        R_INVERTED, c, "electorale", "silence", i, "fin",
                        message=f"la période de silence {i + 1} finit le {s.fin:%Y-%m-%d %H:%M}, "
                        f"avant son début ({s.debut:%Y-%m-%d %H:%M})",
                        fix="corrigez debut ou fin (\"AAAA-MM-JJ HH:MM\")",
                    )
    for _, ev in ctx.project.checkable("evenements", frozenset({"debut", "fin"})):
        if ev.fin < ev.debut:
            yield ctx.diag(
                R_INVERTED, ev, "fin",
                message=f"l'événement finit le {ev.fin:%Y-%m-%d %H:%M}, avant son début ({ev.debut:%Y-%m-%d %H:%M})",
                fix="corrigez debut ou fin (\"AAAA-MM-JJ HH:MM\")",
            )


@check
def check_temps_forts_in_campaign(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    for _cid, c in p.checkable("campagnes", _PERIOD | _TF, _TF):
        if c.fin < c.debut:
            continue
        for i, tf in p.untouched(c, "temps_forts"):
            last = tf.date_fin or tf.date
            if tf.date < c.debut or last > c.fin:
                yield ctx.diag(
                    R_TF_OUTSIDE, c, "temps_forts", i, "date",
                    message=f"temps_forts[{i}] « {tf.titre} » ({_period(tf.date, last)}) sort de la période "
                    f"de la campagne (du {c.debut} au {c.fin})",
                    fix="corrigez la date, ou élargissez debut/fin de la campagne",
                )


@check
def check_temps_forts_not_yet_done(ctx: Context) -> Iterator[Diagnostic]:
    """``realise`` claims the day happened: not before it starts (a slip of the list, or ``--today``)."""
    p = ctx.project
    for _cid, c in p.checkable("campagnes", _TF, _TF):
        for i, tf in p.untouched(c, "temps_forts"):
            if tf.statut.value == "realise" and tf.date > ctx.today:
                yield ctx.diag(
                    R_TF_FUTURE_DONE, c, "temps_forts", i, "statut",
                    message=f"temps_forts[{i}] « {tf.titre} » est marqué realise mais n'a lieu que le {tf.date} "
                    f"(aujourd'hui : {ctx.today})",
                    fix="écrivez statut: confirme (ou envisage) jusqu'au jour même",
                )


@check
def check_event_durations(ctx: Context) -> Iterator[Diagnostic]:
    params = ctx.project.site.parametres if ctx.project.site else Parametres()
    longest = dt.timedelta(hours=params.evenement_duree_max_heures)
    shortest = dt.timedelta(minutes=params.evenement_duree_min_minutes)
    for _, ev in ctx.project.checkable("evenements", frozenset({"debut", "fin", "fuseau"})):
        if ev.fin < ev.debut:
            continue
        start, stop = local_span(ev, ctx.tz)
        # Real elapsed time: an evening across the autumn change lasts one hour longer.
        length = stop.astimezone(_UTC) - start.astimezone(_UTC)
        if length > longest:
            yield ctx.diag(
                R_DURATION, ev, "fin",
                message=f"l'événement dure {_hours(length)}, plus de {_hours(longest)}",
                fix="vérifiez fin ; pour plusieurs jours, créez un événement par jour "
                "(seuil : parametres.evenement_duree_max_heures)",
            )
        elif length < shortest:
            yield ctx.diag(
                R_DURATION, ev, "fin",
                message=f"l'événement dure {_hours(length)}, moins de {_hours(shortest)}",
                fix="vérifiez l'heure de fin (\"AAAA-MM-JJ HH:MM\") (seuil : parametres.evenement_duree_min_minutes)",
            )


def _period(a: dt.date, b: dt.date) -> str:
    return str(a) if a == b else f"du {a} au {b}"


def _hours(d: dt.timedelta) -> str:
    minutes = int(d.total_seconds() // 60)
    h, m = divmod(minutes, 60)
    if h and m:
        return f"{h} h {m:02d}"
    return f"{h} h" if h else f"{m} min"
