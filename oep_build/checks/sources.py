"""Source checks: every claim sourced, every source findable, every figure dated, texts fresh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import regex

from ..diagnostics import Diagnostic, Level, rule
from ..model.base import Statut
from ..model.referentiels import TypeSource
from ..spots import diag_at, value_spot
from .base import Context, check

R_UNSOURCED = rule("affirmation-sans-source", Level.ERREUR, "Affirmation d'un argumentaire sans source.", "sources")
R_NO_URL = rule("source-sans-url", Level.AVERTISSEMENT, "Source sans adresse où la retrouver.", "sources")
R_NO_CONSULT = rule("source-sans-consultation", Level.AVERTISSEMENT, "Source sans date de consultation.", "sources")
R_UNDATED = rule("chiffre-sans-date", Level.AVERTISSEMENT, "Chiffre sans la date à laquelle il est vrai (vaut_au).", "sources")
R_STALE = rule(
    "contenu-perime",
    Level.AVERTISSEMENT,
    "EDL ou kit pas mis à jour depuis longtemps pendant une campagne active.",
    "sources",
)

_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
# A number; spaces (incl. no-break) group thousands, a comma or point marks decimals.
_NUMBER = regex.compile(r"(?<![\w\-/])\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?(?![\w\-/])|(?<![\w\-/,.])\d+(?:,\d+)?(?![\w\-/])")
_SCALE = regex.compile(r"\b(?:millions?|milliards?|centaines?|milliers?|dizaines?)\b", regex.IGNORECASE)
_NOT_A_FIGURE_AFTER = regex.compile(rf"^\s*(?:er\b|re\b|e\b|{_MONTHS})", regex.IGNORECASE)
_NOT_A_FIGURE_BEFORE = regex.compile(
    r"(?:\bn°|\bno|\bart\.?|\barticle|\balinéa|\bloi|\bdécision|\bdecision|\bL|\bR)\s*$", regex.IGNORECASE
)


def find_figure(text: str) -> regex.Match[str] | None:
    """The first figure of ``text``: a quantity, not a year, a date, an ordinal or an article number."""
    for m in _NUMBER.finditer(text):
        digits = regex.sub(r"\D", "", m.group())
        if len(digits) == 4 and 1800 <= int(digits) <= 2100 and not regex.search(r"[ \u00a0\u202f.,]", m.group()):
            continue  # a year
        if _NOT_A_FIGURE_AFTER.match(text[m.end() :]) or _NOT_A_FIGURE_BEFORE.search(text[: m.start()]):
            continue
        return m
    return _SCALE.search(text)


@check
def check_argumentaires(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project  # one bad affirmation, or a bad title, hides nothing of the others
    for _aid, a in p.checkable("argumentaires", frozenset({"affirmations"}), frozenset({"affirmations"})):
        for i, aff in p.untouched(a, "affirmations"):
            if not aff.sources:
                yield ctx.diag(
                    R_UNSOURCED,
                    a,
                    "affirmations",
                    i,
                    "texte",
                    message=f"affirmation « {aff.id} » sans source",
                    fix="ajoutez sources: [id] (référentiel sources), ou retirez l'affirmation",
                )
            m = find_figure(aff.texte)
            if m is not None and aff.vaut_au is None:
                sub = ("affirmations", i, "texte")
                yield diag_at(
                    ctx,
                    R_UNDATED,
                    a,
                    sub,
                    value_spot(a, sub, aff.texte, m.start(), len(m.group())),
                    message=f"affirmation « {aff.id} » : le chiffre « {m.group()} » n'a pas de date",
                    fix=f"ajoutez vaut_au: AAAA-MM-JJ (la date à laquelle ce chiffre est vrai) à l'affirmation « {aff.id} »",
                )


@check
def check_sources(ctx: Context) -> Iterator[Diagnostic]:
    for sid, s in sorted(ctx.project.sources.items()):
        if not s.url.strip() and s.type is not TypeSource.interne:
            yield ctx.diag(
                R_NO_URL,
                s,
                "titre",
                message=f"source « {sid} » sans adresse (url)",
                fix="ajoutez url: https://… pour que chacun puisse la vérifier (ou type: interne)",
            )
        if s.consulte_le is None:
            yield ctx.diag(
                R_NO_CONSULT,
                s,
                "titre",
                message=f"source « {sid} » sans date de consultation",
                fix=f"relisez-la et ajoutez consulte_le: {ctx.today.isoformat()}",
            )


@check
def check_freshness(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    days = p.site.parametres.fraicheur_jours if p.site else 30
    for eid, e in sorted(p.edl.items()):
        c = p.campagne_of(e)
        if c is None or not _active(c, ctx.today) or e.statut is Statut.archive:
            continue
        last = _latest(e.mis_a_jour_le, e.valide_le)
        field = "mis_a_jour_le" if e.mis_a_jour_le else ("valide_le" if e.valide_le else "titre")
        yield from _stale(ctx, e, field, f"EDL « {eid} »", last, days, c.titre)
    for kid, k in sorted(p.kits.items()):
        c = p.campagnes.get(k.campagne)
        if c is None or not _active(c, ctx.today) or k.statut is Statut.archive:
            continue
        last = _latest(k.date_version, k.mis_a_jour_le)
        field = "mis_a_jour_le" if k.mis_a_jour_le and k.mis_a_jour_le == last else "date_version"
        yield from _stale(ctx, k, field, f"kit « {kid} »", last, days, c.titre)


def _active(c, today: dt.date) -> bool:
    return c.debut <= today <= c.fin and c.statut is not Statut.archive


def _latest(*dates: dt.date | None) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _stale(ctx: Context, obj, field: str, label: str, last: dt.date | None, days: int, campagne: str) -> Iterator[Diagnostic]:
    if last is None:
        yield ctx.diag(
            R_STALE,
            obj,
            field,
            message=f"{label} : aucune date de mise à jour pendant la campagne active « {campagne} »",
            fix=f"relisez-le et ajoutez mis_a_jour_le: {ctx.today.isoformat()}",
        )
    elif (ctx.today - last).days > days:
        yield ctx.diag(
            R_STALE,
            obj,
            field,
            message=f"{label} : dernière mise à jour le {last.isoformat()}, il y a {(ctx.today - last).days} jours "
            f"(plus de {days}) pendant la campagne active « {campagne} »",
            fix=f"relisez-le au regard de l'actualité puis écrivez mis_a_jour_le: {ctx.today.isoformat()}",
            # only a human who re-read it may say so: oep check --fix=dates
            replacement=ctx.today.isoformat() if field == "mis_a_jour_le" else None,
            opt_in="dates",
        )
