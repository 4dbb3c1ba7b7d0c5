"""Typography lint on source texts (avertissement).

Spaces before ; : ! ? and inside « » are added when rendering, by
:func:`oep_build.typo.typographie`; this check points at what staff should fix
by hand: straight double quotes, "...", ordinals like « 2ème », a space before
a comma. SMS texts are left alone: they are sent in GSM-7, where " is right.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Level, rule
from ..incremental import kept_list
from ..model import OBJECT_KINDS
from ..model.referentiels import Comptage
from ..spots import body_spot, diag_at, value_spot
from ..typo import TypoIssue, lint_typographie, lint_typographie_markdown
from .base import Context, check

R_TYPO = rule("typographie", Level.AVERTISSEMENT, "Typographie française à corriger dans le texte source.", "typographie")

# Prose fields worth a lint; identifiers, dates, URLs and file names are not prose.
_PROSE = frozenset(
    {"titre", "sous_titre", "resume", "description", "demande", "theorie_du_changement", "texte", "objection",
     "reponse", "alt", "texte_incruste", "intitule", "libelle", "a_ne_pas_dire", "materiel", "appel_action"}
)


@check
def check_typography(ctx: Context) -> Iterator[Diagnostic]:
    for kind in OBJECT_KINDS:  # the stand-ins of invalid files too: each field and the body stand alone
        for _, obj in ctx.project.checkable(kind, frozenset()):
            yield from kept_list(ctx, "typographie", obj, _lint_object, ctx, obj)


def _lint_object(ctx: Context, obj: Any) -> Iterator[Diagnostic]:
    p = ctx.project
    yield from _lint_fields(ctx, obj, (), obj)
    body = p.body_of(obj)
    for issue in lint_typographie_markdown(body):
        yield diag_at(ctx, R_TYPO, obj, (), body_spot(p, obj, issue.offset), message=_message(issue), fix=_fix(issue))


def _lint_fields(ctx: Context, owner: Any, sub: tuple[str | int, ...], value: Any, name: str = "") -> Iterator[Diagnostic]:
    if isinstance(value, str):
        if name in _PROSE:
            for issue in lint_typographie(value):
                spot = value_spot(owner, sub, value, issue.offset, len(issue.found))
                yield diag_at(ctx, R_TYPO, owner, sub, spot, message=_message(issue), fix=_fix(issue))
    elif hasattr(type(value), "model_fields"):
        for field in type(value).model_fields:
            if field == "declinaisons":
                yield from _lint_declinaisons(ctx, owner, sub + (field,), getattr(value, field))
            else:
                yield from _lint_fields(ctx, owner, sub + (field,), getattr(value, field), field)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _lint_fields(ctx, owner, sub + (i,), item, name)


def _lint_declinaisons(ctx: Context, post: Any, sub: tuple[str | int, ...], texts: dict[str, str]) -> Iterator[Diagnostic]:
    for canal_id, text in texts.items():
        canal = ctx.project.canaux.get(canal_id)
        if canal is not None and canal.comptage is Comptage.sms:
            continue
        for issue in lint_typographie(text):
            spot = value_spot(post, sub + (canal_id,), text, issue.offset, len(issue.found))
            yield diag_at(ctx, R_TYPO, post, sub + (canal_id,), spot, message=_message(issue), fix=_fix(issue))


def _message(issue: TypoIssue) -> str:
    if not issue.found.strip():
        return issue.message
    return f"{issue.message} : {issue.found}"


def _fix(issue: TypoIssue) -> str:
    if not issue.suggestion:
        return "supprimez l'espace"
    return f"écrivez : {issue.suggestion}"
