"""The one-page tract of a kit (``supports: [livret, tract]``): for Saturday's market stall.

A tract is an edition like the booklet (same kit, same committee, same checks) printed
through ``tract.html`` on one page of the kit's format: the key message, the next
temps fort (or, for a committee, its next event), the call to action and a code QR to
the kit's page. Which editions an audience gets stays the decision of
:mod:`oep_build.views.kits`; this module only says which of them are printed as a
booklet, as a tract, or both.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ...context import Context
from ...fr import date_fr
from ...typo import typographie
from ...views.kits import Edition
from ...visibility import shown_to

__all__ = ["TractEdition", "is_tract", "printed_editions", "tract_values"]

LIVRET, TRACT = "livret", "tract"


@dataclass
class TractEdition(Edition):
    """The tract of an edition: its own PDF (``kits/<id>-tract.pdf``, ``kits/<id>/<comite>-tract.pdf``)."""

    @property
    def label(self) -> str:
        return super().label + "-tract"

    @property
    def rel_path(self) -> str:
        return super().rel_path.removesuffix(".pdf") + "-tract.pdf"


def is_tract(edition: Edition) -> bool:
    return isinstance(edition, TractEdition)


def printed_editions(editions: list[Edition]) -> list[Edition]:
    """Each edition as its kit's ``supports`` ask: the booklet, the tract, or both (booklet first)."""
    out: list[Edition] = []
    for edition in editions:
        supports = {s.value for s in edition.kit.supports}
        if LIVRET in supports:
            out.append(edition)
        if TRACT in supports:
            out.append(TractEdition(**{f.name: getattr(edition, f.name) for f in fields(edition)}))
    return out


def tract_values(ctx: Context, edition: Edition, event: dict[str, Any] | None) -> dict[str, Any]:
    """What the tract says beyond the booklet's cover values; ``event``: the committee's next one."""
    kit, campagne = edition.kit, edition.campagne
    messages = campagne.messages_cles if campagne else []
    chosen = next((m for m in messages if m.id == kit.message_tract), messages[0] if messages else None)
    petition = campagne.petition.url if campagne and campagne.petition and campagne.petition.url else ""
    return {
        "message": typographie(chosen.texte) if chosen else "",
        "demande": typographie(campagne.demande.strip()) if campagne else "",
        "temps_fort": _next_temps_fort(ctx, edition),
        "evenement": event,
        "appel": {
            "texte": "Signez la pétition" if petition else "Retrouvez tout le kit",
            "url": petition,
            "url_courte": petition.split("://", 1)[-1].rstrip("/") if petition else "",
        },
    }


def _next_temps_fort(ctx: Context, edition: Edition) -> dict[str, str] | None:
    campagne = edition.campagne
    if campagne is None:
        return None
    upcoming = [
        tf
        for tf in campagne.temps_forts
        if shown_to(tf, edition.audience) and (tf.date_fin or tf.date) >= ctx.today and tf.statut.value != "annule"
    ]
    if not upcoming:
        return None
    tf = min(upcoming, key=lambda t: (t.date, t.titre))
    quand = date_fr(tf.date, weekday=True)
    if tf.date_fin and tf.date_fin != tf.date:
        quand = f"du {date_fr(tf.date)} au {date_fr(tf.date_fin)}"
    return {"titre": typographie(tf.titre), "quand": quand, "description": typographie(tf.description.strip())}
