"""Article checks: figures need sources, and a publication date to come needs an embargo.

Everything else an article shares with the other pieces (typography, personal
data, headings and links of its body, references, embargo to the minute) is
checked where those rules live, over every kind of object.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Level, rule
from ..model import Article
from ..spots import body_spot, diag_at, value_spot
from ..visibility import PUBLIC_FIELDS, is_public
from .base import Context, check
from .sources import find_figure

__all__ = ["check_articles"]

R_FIGURE = rule(
    "article-chiffre-sans-source",
    Level.AVERTISSEMENT,
    "Article qui cite un chiffre sans aucune source.",
    "sources",
)
R_FUTURE = rule(
    "article-date-a-venir",
    Level.AVERTISSEMENT,
    "Article publié dont la date de parution est à venir, sans embargo jusqu'à cette heure.",
    "visibilite",
)


@check
def check_articles(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project  # an article with another invalid value is judged on what is valid
    for _, ar in p.checkable("articles", frozenset({"sources", "resume"})):
        if not ar.sources:
            yield from _unsourced_figure(ctx, ar)
    for _, ar in p.checkable("articles", PUBLIC_FIELDS | {"date_publication"}):
        yield from _date_to_come(ctx, ar)


def _unsourced_figure(ctx: Context, ar: Article) -> Iterator[Diagnostic]:
    fix = "ajoutez sources: [id] (référentiel sources) pour que chacun puisse vérifier ce chiffre"
    m = find_figure(ar.resume)
    if m is not None:
        spot = value_spot(ar, ("resume",), ar.resume, m.start(), len(m.group()))
        yield diag_at(ctx, R_FIGURE, ar, ("resume",), spot,
                      message=f"article « {ar.id} » : le chiffre « {m.group()} » n'a pas de source", fix=fix)
        return
    body = ctx.project.body_of(ar)
    m = find_figure(body)
    if m is not None:
        yield diag_at(ctx, R_FIGURE, ar, (), body_spot(ctx.project, ar, m.start()),
                      message=f"article « {ar.id} » : le chiffre « {m.group()} » n'a pas de source", fix=fix)


def _date_to_come(ctx: Context, ar: Article) -> Iterator[Diagnostic]:
    # Public already, dated later: an embargo until that time would have kept it hidden.
    when = ar.date_publication if ar.date_publication.tzinfo else ar.date_publication.replace(tzinfo=ctx.tz)
    if when <= ctx.now or not is_public(ctx.project, ar, ctx.now):
        return
    stamp = f"{ar.date_publication:%Y-%m-%d %H:%M}"
    yield ctx.diag(
        R_FUTURE,
        ar,
        "date_publication",
        message=f"article « {ar.id} » publié avec une date de parution à venir ({stamp}) : "
        "il paraîtrait dès la prochaine construction, daté du futur",
        fix=f'ajoutez embargo_jusqu_au: "{stamp}" pour qu\'il paraisse à cette heure-là',
    )

