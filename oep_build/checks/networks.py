"""Network checks: each post's text fits its network, counted the network's way.

The text counted is the one published, as :func:`oep_build.views.posts.publish`
makes it for the site and the kits alike (link filled, French typography, GSM-7
for SMS).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..counting import count_sms, find_hashtags, grapheme_count
from ..diagnostics import Diagnostic, Level, rule
from ..incremental import kept_list
from ..model.content import Post
from ..model.referentiels import Canal, Comptage
from ..spots import diag_at, value_spot
from ..typo import to_gsm7
from ..views.posts import PublishedText, publish
from .base import Context, check

R_LENGTH = rule("texte-trop-long", Level.ERREUR, "Texte plus long que ce que le réseau accepte.", "reseaux")
R_CAPTION = rule("legende-trop-longue", Level.ERREUR, "Légende d'image plus longue que ce que le réseau accepte.", "reseaux")
R_STALE = rule(
    "canal-verification-ancienne",
    Level.AVERTISSEMENT,
    "Limites d'un réseau vérifiées il y a trop longtemps (verifie_le).",
    "reseaux",
)
R_HASHTAGS = rule("hashtags-trop-nombreux", Level.ERREUR, "Plus de hashtags que le réseau n'en permet.", "reseaux")
R_FOLD = rule(
    "appel-action-sous-la-coupure",
    Level.AVERTISSEMENT,
    "L'appel à l'action n'est pas visible avant « plus ».",
    "reseaux",
)
R_NO_LINK = rule("lien-vide", Level.ERREUR, "Le texte contient {lien} mais le post n'a pas de lien.", "reseaux")
R_PLACEHOLDER = rule(
    "espace-reserve-inconnu", Level.ERREUR, "Un {mot} du texte n'est remplacé par rien : il serait publié tel quel.", "reseaux"
)
R_ALT = rule("alt-trop-long", Level.AVERTISSEMENT, "Texte alternatif plus long que ce que le réseau accepte.", "reseaux")
R_SMS_SEGMENTS = rule("sms-segments", Level.ERREUR, "SMS en plus de segments que segments_max.", "sms")
R_SMS_UCS2 = rule(
    "sms-ucs2", Level.AVERTISSEMENT, "Un caractère hors GSM-7 fait passer tout le SMS en UCS-2 (70 caractères).", "sms"
)
R_SMS_TRANSLIT = rule(
    "sms-translitteration", Level.INFO, "Caractères remplacés par leur équivalent GSM-7 dans le SMS publié.", "sms"
)
R_SMS_COST = rule("sms-cout", Level.INFO, "SMS facturé en plusieurs segments.", "sms")

# Verbs and phrases that make a call to action, when the post does not say
# which sentence is its call to action (``appel_action``).
_ACTION = regex.compile(
    r"\b(?:signez|signe|signer|partagez|partage|partager|rejoignez|rejoins|inscrivez|inscris|venez|viens|"
    r"participez|participe|agissez|agis|écrivez|écris|interpellez|interpelle|votez|mobilisez|mobilise|"
    r"relayez|relaie|soutenez|soutiens|donnez|téléchargez|imprimez|organisez|appelez|cliquez|découvrez|"
    r"lisez|vérifiez|vérifie|pensez|on vote|en bio|rendez-vous)\b",
    regex.IGNORECASE,
)


@check
def check_canaux_freshness(ctx: Context) -> Iterator[Diagnostic]:
    site = ctx.project.site
    days = site.parametres.canaux_verification_jours if site else 90
    for c in ctx.project.canaux.values():
        if c.verifie_le is None:
            yield ctx.diag(
                R_STALE,
                c,
                "id",
                message=f"les limites du canal « {c.id} » n'ont pas de date de vérification",
                fix=f"vérifiez-les sur le site du réseau puis ajoutez verifie_le: {ctx.today.isoformat()}",
            )
        elif (ctx.today - c.verifie_le).days > days:
            yield ctx.diag(
                R_STALE,
                c,
                "verifie_le",
                message=f"les limites du canal « {c.id} » ont été vérifiées le {c.verifie_le.isoformat()}, "
                f"il y a {(ctx.today - c.verifie_le).days} jours (plus de {days})",
                fix=f"revérifiez-les sur le site du réseau (elles changent) puis écrivez verifie_le: {ctx.today.isoformat()}",
                replacement=ctx.today.isoformat(),
                opt_in="dates",  # only a human who re-checked may say so: oep check --fix=dates
            )


_TEXT_FIELDS = frozenset({"declinaisons", "lien", "visuels", "appel_action"})
"""What the text checks of a post read (of ``visuels``: whether there is one, and the valid ids)."""


@check
def check_post_lengths(ctx: Context) -> Iterator[Diagnostic]:
    p = ctx.project
    # A post with a bad date, a bad visuel id or one empty text still has its other texts checked.
    for _, post in p.checkable("posts", _TEXT_FIELDS, frozenset({"declinaisons", "visuels"})):
        for canal_id, text in p.untouched(post, "declinaisons"):
            canal = p.canaux.get(canal_id)
            if canal is None:
                continue  # reference-inconnue already says so
            yield from kept_list(ctx, ("longueurs", canal_id), post, _check_text, ctx, post, canal, canal_id, text)
            yield from _check_alt(ctx, post, canal)  # not kept: a visuel may come from another campaign


def _check_text(ctx: Context, post: Post, canal: Canal, canal_id: str, text: str) -> Iterator[Diagnostic]:
    sub = ("declinaisons", canal_id)
    yield from _check_placeholders(ctx, post, sub, text, "{lien}")
    if "{lien}" in text and not post.lien.strip():
        yield diag_at(
            ctx,
            R_NO_LINK,
            post,
            sub,
            value_spot(post, sub, text, text.index("{lien}"), len("{lien}")),
            message=f"{canal_id} : le texte contient {{lien}} mais le post n'a pas de lien",
            fix="ajoutez lien: https://… au post, ou retirez {lien} du texte",
        )
    version = publish(ctx.project, post, canal_id)
    if version.sms:
        yield from _check_sms(ctx, post, canal, text, version)
    else:
        yield from _check_length(ctx, post, canal, version)
        yield from _check_hashtags(ctx, post, canal, text)
        yield from _check_fold(ctx, post, canal, text, version.written)


_PLACEHOLDER = regex.compile(r"\{[^{}\s]{1,30}\}")


def _check_placeholders(
    ctx: Context, post: Post, sub: tuple[str | int, ...], text: str, known: str
) -> Iterator[Diagnostic]:
    """« {lein} » or « {canal} » in a text: nothing fills it, the platform would show the braces."""
    for m in _PLACEHOLDER.finditer(text):
        if m.group() == known:
            continue
        yield diag_at(
            ctx,
            R_PLACEHOLDER,
            post,
            sub,
            value_spot(post, sub, text, m.start(), len(m.group())),
            message=f"« {m.group()} » ne sera remplacé par rien : il serait publié tel quel",
            fix=f"écrivez {known} (seul mot remplacé ici), ou retirez les accolades",
        )


@check
def check_post_links(ctx: Context) -> Iterator[Diagnostic]:
    for _, post in ctx.project.checkable("posts", frozenset({"lien"})):
        if post.lien:
            yield from _check_placeholders(ctx, post, ("lien",), post.lien, "{canal}")


def _check_length(ctx: Context, post: Post, canal: Canal, version: PublishedText) -> Iterator[Diagnostic]:
    media = version.media and canal.legende_max is not None
    c = version.count  # the published text, as site and kits show it (a U+202F weighs 2 on X)
    if not c.over or c.limit is None:
        return
    links = " (chaque lien compte " + str(canal.url_compte or 23) + ")" if canal.url_compte or canal.comptage is Comptage.x_pondere else ""
    what = "légende (le post a un visuel)" if media else "texte"
    yield ctx.diag(
        R_CAPTION if media else R_LENGTH,
        post,
        "declinaisons",
        canal.id,
        message=f"{canal.libelle} : {what} de {c.value} {c.unit} pour {c.limit} au plus{links}, "
        f"{c.value - c.limit} de trop",
        fix=f"raccourcissez le texte de {canal.id} d'au moins {c.value - c.limit} {c.unit}",
    )


def _check_hashtags(ctx: Context, post: Post, canal: Canal, text: str) -> Iterator[Diagnostic]:
    if canal.hashtags_max is None:
        return
    tags = find_hashtags(text)
    if len(tags) <= canal.hashtags_max:
        return
    extra = tags[canal.hashtags_max]
    sub = ("declinaisons", canal.id)
    allowed = "un seul" if canal.hashtags_max == 1 else f"{canal.hashtags_max} au plus"
    yield diag_at(
        ctx,
        R_HASHTAGS,
        post,
        sub,
        value_spot(post, sub, text, extra.start, len(extra.text)),
        message=f"{canal.libelle} : {len(tags)} hashtags ({', '.join(t.text for t in tags)}), {allowed}",
        fix=f"gardez les {canal.hashtags_max} plus utiles et retirez les autres, à partir de {extra.text}"
        if canal.hashtags_max > 1
        else f"gardez un seul hashtag et retirez les autres, à partir de {extra.text}",
    )


def _check_fold(ctx: Context, post: Post, canal: Canal, text: str, published: str) -> Iterator[Diagnostic]:
    fold = canal.visible_avant_plus
    if fold is None or grapheme_count(published) <= fold:
        return
    sub = ("declinaisons", canal.id)
    if post.appel_action.strip():
        cta = post.appel_action.strip()
        at = published.find(cta)
        if at < 0:
            yield ctx.diag(
                R_FOLD,
                post,
                *sub,
                message=f"{canal.libelle} : l'appel à l'action « {cta} » n'est pas dans le texte",
                fix=f"mettez « {cta} » dans les {fold} premiers caractères",
            )
            return
        end = grapheme_count(published[: at + len(cta)])
    else:
        m = _ACTION.search(published)
        if m is None:
            yield ctx.diag(
                R_FOLD,
                post,
                *sub,
                message=f"{canal.libelle} : aucun appel à l'action repéré dans le texte, coupé après {fold} caractères",
                fix="commencez par ce qu'il faut faire (« Signez… », « Rejoignez… ») ou indiquez-le dans appel_action",
            )
            return
        cta = m.group()
        end = grapheme_count(published[: m.end()])
    if end > fold:
        yield diag_at(
            ctx,
            R_FOLD,
            post,
            sub,
            value_spot(post, sub, text, text.find(cta), len(cta)) if cta in text else None,
            message=f"{canal.libelle} : l'appel à l'action « {cta} » finit au caractère {end}, "
            f"après la coupure « plus » ({fold})",
            fix=f"remontez-le dans les {fold} premiers caractères",
        )


def _check_alt(ctx: Context, post: Post, canal: Canal) -> Iterator[Diagnostic]:
    if canal.alt_max is None:
        return
    for i, vid in enumerate(post.visuels):
        v = ctx.project.visuels.get(vid)
        if v is None:
            continue
        n = grapheme_count(v.alt)
        if n > canal.alt_max:
            yield ctx.diag(
                R_ALT,
                post,
                "visuels",
                i,
                message=f"{canal.libelle} : le texte alternatif de « {vid} » fait {n} caractères, {canal.alt_max} au plus",
                fix=f"raccourcissez alt dans le visuel {vid}, ou ne le joignez pas sur {canal.id}",
            )


def _check_sms(ctx: Context, post: Post, canal: Canal, text: str, version: PublishedText) -> Iterator[Diagnostic]:
    sub = ("declinaisons", canal.id)
    published = version.written
    c = count_sms(version.text)  # the detail (encoding, units) of version.count
    replaced = [ch for ch in dict.fromkeys(published) if to_gsm7(ch) != ch]
    if c.ucs2_chars:
        first = next(i for i, ch in enumerate(text) if ch in c.ucs2_chars) if any(ch in text for ch in c.ucs2_chars) else None
        shown = ", ".join(_show(ch) for ch in c.ucs2_chars)
        yield diag_at(
            ctx,
            R_SMS_UCS2,
            post,
            sub,
            value_spot(post, sub, text, first, 1) if first is not None else None,
            message=f"SMS : {shown} sans équivalent GSM-7 fait passer tout le message en UCS-2 "
            f"({c.units} caractères, 70 par SMS, 67 par segment)",
            fix="retirez ou remplacez ce caractère (les émojis ne passent pas en GSM-7)",
        )
    # Once a character forces UCS-2, transliterating the others gains nothing: say it once.
    if replaced and not c.ucs2_chars:
        first = next(i for i, ch in enumerate(text) if ch in replaced) if any(ch in text for ch in replaced) else None
        shown = ", ".join(f"{_show(ch)} → {_show(to_gsm7(ch))}" for ch in replaced)
        yield diag_at(
            ctx,
            R_SMS_TRANSLIT,
            post,
            sub,
            value_spot(post, sub, text, first, 1) if first is not None else None,
            message=f"SMS : remplacés à la publication pour rester en GSM-7 : {shown}",
            fix="écrivez directement ces équivalents si vous voulez maîtriser le texte envoyé",
        )
    if canal.segments_max is not None and c.segments > canal.segments_max:
        yield ctx.diag(
            R_SMS_SEGMENTS,
            post,
            *sub,
            message=f"SMS : {c.segments} segments {c.encoding} ({c.units} caractères) pour {canal.segments_max} au plus",
            fix=f"raccourcissez le SMS : {_capacity(canal.segments_max, c.encoding)} caractères {c.encoding} "
            f"tiennent en {canal.segments_max} segment{'s' if canal.segments_max > 1 else ''}",
        )
    elif c.segments > 1:
        price = ctx.project.site.parametres.sms_prix_segment if ctx.project.site else None
        cost = f", soit {_euros(price * c.segments)} par destinataire" if price is not None else ""
        yield ctx.diag(
            R_SMS_COST,
            post,
            *sub,
            message=f"SMS : {c.segments} segments {c.encoding} ({c.units} caractères), "
            f"facturé {c.segments} fois{cost}",
            fix=f"tenir en un seul SMS : {_capacity(1, c.encoding)} caractères {c.encoding} au plus",
        )


def _capacity(segments: int, encoding: str) -> int:
    if segments == 1:
        return 160 if encoding == "GSM-7" else 70
    return segments * (153 if encoding == "GSM-7" else 67)


def _show(ch: str) -> str:
    names = {"\u00a0": "espace insécable", "\u202f": "espace fine insécable", "\n": "retour à la ligne"}
    if ch in names:
        return names[ch]
    return f"« {ch} »"


def _euros(amount: float) -> str:
    return f"{amount:.3f}".rstrip("0").rstrip(".").replace(".", ",") + " €"
