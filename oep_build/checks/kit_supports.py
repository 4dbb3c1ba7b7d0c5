"""What a kit prints (``supports``): at least one support, each once, a booklet with pieces and a tract
with something to say."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Level, rule
from ..model.content import SupportKit
from ..views.rules import R_EMPTY_BOOKLET
from .base import Context, check

R_NO_SUPPORT = rule("kit-sans-support", Level.ERREUR, "Un kit n'a aucun support à imprimer (supports vide).", "kits")
R_TWICE = rule("kit-support-double", Level.AVERTISSEMENT, "Un support est écrit deux fois dans supports.", "kits")
R_EMPTY_TRACT = rule(
    "tract-sans-message",
    Level.AVERTISSEMENT,
    "Le tract d'un kit n'a ni message clé ni demande de campagne à imprimer.",
    "kits",
)


@check
def check_kit_supports(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    for kid, kit in p.checkable("kits", frozenset({"supports", "sommaire"})):
        if not kit.sommaire and SupportKit.livret in kit.supports:
            yield ctx.diag(
                R_EMPTY_BOOKLET,
                kit,
                "sommaire",
                message=f"kit « {kid} » : le sommaire est vide, le livret n'aurait que sa couverture",
                fix="ajoutez ses pièces sous sommaire: (- ref: edl/mon-id), ou n'imprimez que le tract : supports: [tract]",
            )
    for kid, kit in p.checkable("kits", frozenset({"supports", "campagne"})):  # one bad sommaire entry hides nothing
        if not kit.supports:
            yield ctx.diag(
                R_NO_SUPPORT,
                kit,
                "supports",
                message=f"kit « {kid} » : supports est vide, rien ne serait imprimé",
                fix="écrivez supports: [livret], [tract] ou [livret, tract] (ou retirez la ligne : livret par défaut)",
            )
        seen: set[str] = set()
        for i, support in enumerate(kit.supports):
            if support.value in seen:
                yield ctx.diag(
                    R_TWICE,
                    kit,
                    "supports",
                    i,
                    message=f"kit « {kid} » : le support « {support.value} » est écrit deux fois",
                    fix="gardez chaque support une seule fois",
                )
            seen.add(support.value)
        campagne = p.campagnes.get(kit.campagne)
        if "tract" in seen and campagne is not None and not campagne.messages_cles and not campagne.demande.strip():
            yield ctx.diag(
                R_EMPTY_TRACT,
                kit,
                "supports",
                message=f"kit « {kid} » : le tract n'aurait que le titre du kit (la campagne « {kit.campagne} » "
                "n'a ni messages_cles ni demande)",
                fix="ajoutez un message clé (messages_cles) ou une demande à la campagne, ou retirez tract de supports",
            )
