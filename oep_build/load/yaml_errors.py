"""French explanations of YAML syntax errors, for staff who are not developers.

The parser (:mod:`.yaml`) hands every error of libyaml or ruamel.yaml here; the
message names what the staff member sees (a shifted key, a French « : », an
unclosed quote) and the fix.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from ..diagnostics import Diagnostic, Edit, Level, Rule, rule
from ..sources import Path_, Pos, SourceDoc

R_SYNTAX = rule("yaml-syntaxe", Level.ERREUR, "Le fichier YAML ne peut pas être lu.", "syntaxe")
R_TAB = rule("yaml-tabulation", Level.ERREUR, "Indentation avec une tabulation.", "syntaxe")
R_DUP = rule("cle-dupliquee", Level.ERREUR, "La même clé apparaît deux fois.", "syntaxe")
R_COLON = rule(
    "deux-points-non-protege", Level.ERREUR, "Une valeur contient « : » sans guillemets.", "syntaxe"
)
R_HASH = rule(
    "diese-commentaire",
    Level.ERREUR,
    "Une valeur commençant par « # » est lue comme un commentaire.",
    "syntaxe",
)
R_HASH_TAIL = rule(
    "diese-apres-valeur",
    Level.AVERTISSEMENT,
    "Un « #mot » après une valeur est lu comme un commentaire et disparaît.",
    "syntaxe",
)
R_KEY_TYPE = rule("cle-non-texte", Level.ERREUR, "Une clé n'est pas un simple mot.", "syntaxe")
R_ALIAS = rule(
    "alias-yaml",
    Level.ERREUR,
    "Des alias YAML « * » se déplient en trop de valeurs (ou trop de niveaux, ou trop d'alias).",
    "syntaxe",
)
R_TAG = rule(
    "etiquette-yaml", Level.ERREUR, "Une valeur commençant par « ! » perd ce mot (étiquette YAML).", "syntaxe"
)

def _diag(
    doc: SourceDoc, r: Rule, pos: Pos, msg: str, fix: str, path: Path_ = (), edit: tuple[int, int, int, str] | None = None
) -> Diagnostic:
    """A syntax diagnostic; ``edit`` = (line, column, end column, text) replaces part of one line."""
    d = doc.diag(r, path, msg, fix, pos=pos)
    if edit is not None:
        line, col, end, text = edit
        d = replace(d, edit=Edit(doc.path, line, col, line, end, text))
    return d


def _quoted(value: str) -> str:
    """A double-quoted YAML scalar (JSON strings are YAML 1.2) that reads back as ``value``."""
    return json.dumps(value, ensure_ascii=False)


# « titre: Réunion : suite  # note » -> the value, without the comment
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s#:\"'][^:]*:\s+)(.+?)(\s+#\s.*)?\s*$")


_SYNTAX_FIX = (
    "vérifiez l'indentation (espaces, alignés), les guillemets ouverts et fermés, "
    "et les « - » des listes"
)


def _syntax_diag(doc: SourceDoc, exc: Any, text: str, offset: int) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1) if mark else 1
    col = (mark.column + 1) if mark else 1
    problem = (exc.problem or "").strip()
    src_lines = text.splitlines()
    src = src_lines[line - 1] if 0 < line <= len(src_lines) else ""
    pos = Pos(line + offset, col)
    # hashtags: [#EauPourTous]: « # » starts a comment, the « [ » is never closed, and the
    # parser stops lines further down, on whatever comes next. Point at that « # ».
    for n in range(min(line, len(src_lines)) - 1, max(line - 50, 0) - 1, -1):
        m = _FLOW_COMMENT.match(src_lines[n])
        # ... only a list never closed below (a « ] » on a later line closes a valid multi-line one)
        if m and not any("]" in later for later in src_lines[n + 1 : line]):
            return _diag(
                doc, R_SYNTAX, Pos(n + 1 + offset, m.start("hash") + 1),
                "« # » dans une liste entre crochets commence un commentaire : la liste n'est jamais fermée",
                'mettez chaque mot-dièse entre guillemets : ["#EauPourTous", "#Duplomb"]',
            )
    if "mapping values are not allowed" in problem and _is_shifted_key(src, col, mark):
        return _diag(
            doc,
            R_SYNTAX,
            Pos(line + offset, 1),
            "cette ligne est décalée vers la droite : YAML la lit comme la suite de la valeur "
            "de la ligne au-dessus",
            f"alignez « {src.strip().split(':')[0]}: » sur les autres clés du même niveau "
            "(même nombre d'espaces en début de ligne)",
        )
    if "mapping values are not allowed" in problem:
        key, _, value = src.partition(":")
        value = value.strip().replace('"', '\\"')
        example = f'{key.strip()}: "{value}"' if key.strip() and value else 'cle: "texte : suite"'
        m = _KEY_VALUE.match(src)
        edit = None
        if m and m.group(2)[0] not in "\"'[{|>&*!%@`" and len(m.group(1)) < col - 1:
            start = len(m.group(1)) + 1
            edit = (line + offset, start, start + len(m.group(2)), _quoted(m.group(2)))
        return _diag(
            doc,
            R_COLON,
            pos,
            "cette valeur contient « : » suivi d'un espace (typographie française) ; "
            "YAML croit qu'une nouvelle clé commence",
            f"mettez toute la valeur entre guillemets : {example}",
            edit=edit,
        )
    before = src[: col - 1].rstrip()
    block_end = problem.endswith("expected key") or problem.startswith("expected <block end>")
    if block_end and before[-1:] in ("'", '"') and before.count(before[-1]) >= 2:
        # titre: 'L'assemblée' or titre: "Il a dit" oui: text goes on after the closing quote
        return _diag(
            doc, R_SYNTAX, pos,
            f"du texte suit le guillemet fermant {before[-1]} : YAML croit que la valeur s'arrête là",
            "entourez la valeur de guillemets doubles \"…\" (et écrivez \\\" pour un guillemet à l'intérieur), "
            "ou doublez l'apostrophe dans une valeur entre apostrophes : 'L''assemblée'",
        )
    if "cannot start any token" in problem or "expected alphabetic or numeric character" in problem:
        char = src[col - 1 : col].strip() or "?"
        if "alphabetic" in problem:  # libyaml points after the « & » or « * » that needs a name
            char = next((c for c in reversed(src[: col - 1]) if c in "&*"), "*")
            pos = Pos(line + offset, src.rfind(char, 0, col - 1) + 1 or col)
        return _diag(
            doc, R_SYNTAX, pos,
            f"une valeur ne peut pas commencer par « {char} » sans guillemets",
            "mettez toute la valeur entre guillemets \"…\"",
        )
    unclosed = ("expected ',' or", "did not find expected ',' or", "found unexpected end of stream")
    if problem.startswith(unclosed) and exc.context_mark is not None:
        # point at the « [ », « { » or quote left open, not at the end of the file
        opened = exc.context_mark
        pos = Pos(opened.line + 1 + offset, opened.column + 1)
    what = _PROBLEMS_FR.get(_problem_key(problem), (f"erreur de syntaxe YAML ({problem or exc})", ""))
    return _diag(doc, R_SYNTAX, pos, what[0], what[1] or _SYNTAX_FIX)


# Messages of ruamel.yaml and of libyaml (used when available), in staff words: (what, fix).
def _is_shifted_key(src: str, col: int, mark: Any) -> bool:
    """`` departement: "75"`` one space too far right: a key, not a French « : »."""
    colon = col - 1
    return (
        mark is not None
        and mark.line > 0
        and src[colon : colon + 1] == ":"
        and re.fullmatch(r"[ ]+[A-Za-z_][\w-]*", src[:colon]) is not None
    )


# A value that is a flow list left open by a comment: « cle: [#mot », « - [ "a", #mot ».
_FLOW_COMMENT = re.compile(r"\s*(?:-\s+(?:[^\s#\"'-][^#:]*:\s+)?|[^\s#\"'-][^#:]*:\s+)\[(?:[^\]\n#]*?[\s,])?(?P<hash>#)")

_PROBLEMS_FR = {
    "did not find expected node content": ("une valeur manque là où YAML en attend une", ""),
    "found unexpected end of stream": ("un guillemet ouvert n'est jamais fermé", "fermez le guillemet à la fin de la valeur"),
    "expected ',' or ']'": ("une liste entre crochets [ … ] n'est pas fermée", "ajoutez le « ] » qui manque"),
    "did not find expected ',' or ']'": ("une liste entre crochets [ … ] n'est pas fermée", "ajoutez le « ] » qui manque"),
    "expected ',' or '}'": ("une table entre accolades { … } n'est pas fermée", "ajoutez le « } » qui manque"),
    "did not find expected ',' or '}'": ("une table entre accolades { … } n'est pas fermée", "ajoutez le « } » qui manque"),
    "expected <block end>": ("l'indentation de cette ligne ne correspond à aucun niveau au-dessus", ""),
    "did not find expected key": ("l'indentation de cette ligne ne correspond à aucun niveau au-dessus", ""),
    "did not find expected '-' indicator": (
        "cette ligne n'est pas alignée avec les éléments « - » de la liste au-dessus",
        "alignez-la sur les autres « - », ou indentez-la sous l'élément auquel elle appartient",
    ),
    "could not find expected ':'": ("une clé n'est pas suivie de « : »", "écrivez « cle: valeur », ou rattachez la ligne à la valeur au-dessus"),
    "found undefined alias": ("un alias « * » ne renvoie à aucune ancre « & »", "mettez la valeur entre guillemets \"…\""),
    "found unknown directive name": ("une ligne commence par « % », réservé à YAML", "mettez la valeur entre guillemets \"…\""),
    "but found another document": (
        "une ligne « --- » commence un second document dans le même fichier",
        "supprimez cette ligne « --- » : un fichier décrit un seul objet",
    ),
    "expected chomping or indentation indicators": (
        "du texte suit « | » ou « > » sur la même ligne",
        "passez à la ligne après « | » ou « > », ou mettez la valeur entre guillemets \"…\"",
    ),
    "expected a comment or a line break": (
        "du texte suit « | » ou « > » sur la même ligne",
        "passez à la ligne après « | » ou « > », ou mettez la valeur entre guillemets \"…\"",
    ),
    "did not find expected comment or line break": (
        "du texte suit « | » ou « > » sur la même ligne",
        "passez à la ligne après « | » ou « > », ou mettez la valeur entre guillemets \"…\"",
    ),
}


def _problem_key(problem: str) -> str:
    for k in _PROBLEMS_FR:
        if problem.startswith(k):
            return k
    return problem
