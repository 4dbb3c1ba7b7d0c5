"""Election checks (campaigns with an ``electorale`` block): posts scheduled during a
silence period, sponsored posts during the art. L52-1 advertising ban."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from ..diagnostics import Diagnostic, Level, rule
from ..model.campaign import Campagne, Electorale
from ..planning import l52_1_start
from .base import Context, check

_CAT = "elections"
R_SILENCE = rule(
    "publication-pendant-silence", Level.ERREUR, "Post programmé pendant une période de silence électoral.", _CAT
)
R_SPONSORED = rule(
    "sponsorise-periode-electorale", Level.AVERTISSEMENT,
    "Post sponsorisé pendant l'interdiction de publicité commerciale (art. L52-1 du Code électoral).", _CAT,
)


def ban_period(c: Campagne) -> tuple[dt.date, dt.date] | None:
    """First and last day of the L52-1 ban on paid advertising, if the campaign says enough."""
    e = c.electorale
    if e is None:
        return None
    rounds = sorted(t.date for t in e.tours)
    start = e.publicite_interdite_depuis or (l52_1_start(rounds[0]) if rounds else None)
    if start is None:
        return None
    return start, rounds[-1] if rounds else c.fin


def _local(value: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)


@check
def check_electoral_posts(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    for cid, c in sorted(p.campagnes.items()):
        if c.electorale is None:
            continue
        ban = ban_period(c)
        for post in sorted(p.objects_of(cid, "posts"), key=lambda o: o.id or ""):
            when = post.publication_prevue
            if when is None:
                continue
            yield from _silence(ctx, c.electorale, post, _local(when, ctx.tz))
            if post.sponsorise and ban is not None and ban[0] <= _local(when, ctx.tz).date() <= ban[1]:
                yield ctx.diag(
                    R_SPONSORED, post, "sponsorise",
                    message=f"post sponsorisé programmé le {when:%Y-%m-%d %H:%M}, pendant l'interdiction de "
                    f"publicité commerciale à des fins de propagande électorale (du {ban[0]} au {ban[1]}, "
                    "art. L52-1 du Code électoral)",
                    fix="diffusez-le sans sponsorisation (sponsorise: false), ou faites valider ce cas par un juriste",
                )


def _silence(ctx: Context, e: Electorale, post: object, when: dt.datetime) -> Iterator[Diagnostic]:
    for s in e.silence:
        start, stop = _local(s.debut, ctx.tz), _local(s.fin, ctx.tz)
        if start <= when < stop:
            yield ctx.diag(
                R_SILENCE, post, "publication_prevue",
                message=f"post programmé le {when:%Y-%m-%d %H:%M}, pendant la période de silence électoral "
                f"({start:%Y-%m-%d %H:%M} → {stop:%Y-%m-%d %H:%M})",
                fix=f"programmez-le avant le {start:%Y-%m-%d %H:%M} ou à partir du {stop:%Y-%m-%d %H:%M}",
            )
            return
