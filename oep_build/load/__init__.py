"""Load stage: read every content file into :class:`~oep_build.sources.SourceDoc`.

Never raises on bad content: whatever the bytes, problems become diagnostics.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from pathlib import Path

from ..diagnostics import Diagnostic, Level, Rule, rule
from ..sources import Pos, SourceDoc
from .files import IMAGE_EXT, classify
from .yaml import parse_yaml_into

__all__ = ["SCANNED_ROOTS", "ParseCache", "load_sources", "parse_document", "read_bytes", "read_text", "walk_sources"]

SCANNED_ROOTS = ("content", "campaigns", "kits")
ASSETS = "content/assets/"
"""Published as they are, after their own checks (``fichier-refuse``, links included)."""

R_BINARY = rule("fichier-binaire", Level.ERREUR, "Un fichier de contenu n'est pas du texte.", "fichier")
R_ENCODING = rule("encodage", Level.ERREUR, "Le fichier n'est pas en UTF-8.", "fichier")
R_EMPTY = rule("fichier-vide", Level.ERREUR, "Le fichier est vide.", "fichier")
R_BOM = rule("bom-utf8", Level.INFO, "Le fichier commence par une marque d'ordre (BOM).", "fichier")
R_ROOT = rule("racine-non-table", Level.ERREUR, "Le fichier ne contient pas une table de clés.", "fichier")
R_UNKNOWN = rule("fichier-inconnu", Level.AVERTISSEMENT, "Fichier à un emplacement inattendu.", "fichier")
R_FRONT = rule("entete-markdown", Level.ERREUR, "En-tête YAML d'un Markdown absent ou mal fermé.", "fichier")
R_CSV = rule("csv-invalide", Level.ERREUR, "Le fichier CSV est mal formé.", "fichier")
R_LINK = rule(
    "lien-refuse",
    Level.ERREUR,
    "Un fichier ou un dossier du contenu est un lien symbolique : oep ne le suit jamais (il pourrait publier un fichier "
    "hors du projet).",
    "fichier",
)
R_SITE = rule("site-absent", Level.ERREUR, "content/site.yml manque : ce n'est pas un projet.", "fichier")


def _d(r: Rule, path: str, line: int, col: int, msg: str, fix: str) -> Diagnostic:
    return r.at(path, line, col, msg, fix)


def read_bytes(path: Path) -> bytes:
    """The bytes of the file ``path`` itself: if it is a symbolic link, even one made after the
    project was listed, it is refused (``OSError``), never followed. (The folders above it were
    listed without following links: :func:`walk_sources`.)"""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        return f.read()


def read_text(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a content file as UTF-8, explaining binary, encoding and BOM problems."""
    try:
        data = read_bytes(path)
    except OSError as exc:
        return None, [_d(R_ENCODING, rel, 1, 1, f"fichier illisible ({exc.strerror})", "vérifiez ses droits")]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(data[:8192]):
        return None, [
            _d(
                R_ENCODING,
                rel,
                1,
                1,
                "le fichier est enregistré en UTF-16 (« Unicode » dans certains éditeurs), pas en UTF-8",
                "réenregistrez-le en UTF-8 (dans votre éditeur : Encodage → UTF-8)",
            )
        ]
    if b"\x00" in data[:8192]:
        return None, [
            _d(
                R_BINARY,
                rel,
                1,
                1,
                "ce fichier est binaire (image, document bureautique…), pas du texte",
                "enregistrez-le en texte brut UTF-8 ou déplacez-le dans un dossier d'images",
            )
        ]
    diags = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        diags.append(
            _d(R_BOM, rel, 1, 1, "le fichier commence par un BOM UTF-8 (ignoré)", "enregistrez-le en « UTF-8 sans BOM »")
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        guess = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        return None, diags + [
            _d(
                R_ENCODING,
                rel,
                line,
                col,
                f"octet {data[exc.start]:#04x} invalide en UTF-8 (probablement « {guess} » en Windows-1252)",
                "réenregistrez le fichier en UTF-8 (dans votre éditeur : Encodage → UTF-8)",
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        diags.append(
            _d(R_EMPTY, rel, 1, 1, "le fichier est vide", "remplissez-le à partir d'un modèle (oep new …) ou supprimez-le")
        )
        return None, diags
    return text, diags


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 text without a byte-order mark: ASCII letters alternate with NUL bytes."""
    if len(head) < 8:
        return False
    return any(zeros.count(0) >= 0.9 * len(zeros) for zeros in (head[1::2], head[0::2]))


ParseCache = dict[str, tuple[str, SourceDoc, list[Diagnostic]]]
"""Parsed files by path, with the text they were parsed from (``oep serve`` keeps one between runs)."""


def load_sources(
    root: Path, cache: ParseCache | None = None, files: list[str] | None = None
) -> tuple[list[SourceDoc], list[Diagnostic]]:
    """Read all content files under ``root``; return documents and load diagnostics.

    With ``cache``, a file whose text did not change since it was cached is not parsed again.
    ``files``: the project's files as :func:`walk_sources` listed them (listed again if omitted).
    """
    docs: list[SourceDoc] = []
    diags: list[Diagnostic] = []
    site = [root / "content" / n for n in ("site.yml", "site.yaml")]
    if not any(p.is_file() for p in site):
        diags.append(
            _d(
                R_SITE,
                "content/site.yml",
                1,
                1,
                f"{root} ne contient pas content/site.yml",
                "lancez la commande à la racine du dépôt de contenu, ou indiquez-la : oep check CHEMIN",
            )
        )
    for rel in walk_sources(root) if files is None else files:
        if os.path.islink(root / rel) and not rel.startswith(ASSETS):  # content/assets/: asset_problem refuses it
            what = "dossier" if (root / rel).is_dir() else "fichier"
            diags.append(
                _d(
                    R_LINK,
                    rel,
                    1,
                    1,
                    f"ce {what} est un lien symbolique vers un autre emplacement : oep ne le lit pas",
                    f"remplacez le lien par le {what} lui-même, copié dans le projet",
                )
            )
            continue
        cls = classify(rel)
        if cls.kind in ("ignore", "asset"):
            continue
        if cls.kind == "inconnu":
            suffix = Path(rel).suffix.lower()
            if suffix in IMAGE_EXT or suffix in (".pdf", ".txt", ".csv", ".json"):
                continue
            diags.append(
                _d(
                    R_UNKNOWN,
                    rel,
                    1,
                    1,
                    "ce fichier n'est à aucun emplacement connu ; il est ignoré",
                    "déplacez-le au bon endroit (voir le guide de saisie) ou vérifiez son extension (.yml, .md)",
                )
            )
            continue
        text, file_diags = read_text(root / rel, rel)
        diags.extend(file_diags)
        known = cache.get(rel) if cache is not None and text is not None else None
        if known is not None and known[0] == text:
            docs.append(_fresh(known[1]))
            diags.extend(known[2])
            continue
        doc = SourceDoc(
            path=rel,
            kind=cls.kind,
            campaign=cls.campaign,
            referentiel=cls.referentiel,
            stem=cls.stem,
            text=text or "",
        )
        # An unreadable file still tells the model stage that its objects exist,
        # so one bad byte does not turn into an « introuvable » in every file using them.
        if text is None:
            doc.broken = True
            docs.append(doc)
            continue
        parse_diags = _parse(doc, text)
        doc.broken = doc.data is None and any(d.level is Level.ERREUR for d in parse_diags)
        diags.extend(parse_diags)
        docs.append(doc)
        if cache is not None and text is not None:
            cache[rel] = (text, _fresh(doc), parse_diags)
    return docs, diags


def _fresh(doc: SourceDoc) -> SourceDoc:
    """A copy the model stage may annotate (``explained``) without touching the cached one."""
    return dataclasses.replace(doc, explained=set(doc.explained))


def _parse(doc: SourceDoc, text: str) -> list[Diagnostic]:
    if doc.path.endswith(".md"):
        return _parse_markdown(doc, text)
    if doc.path.endswith(".csv"):
        return _parse_csv(doc, text)
    diags = parse_yaml_into(doc, text)
    if doc.kind != "referentiel" and doc.data is not None and not isinstance(doc.data, dict):
        diags.append(_root_not_mapping(doc))
        doc.data = None
    return diags


def parse_document(rel: str, text: str) -> list[Diagnostic]:
    """The syntax diagnostics of one file's text (``rel``: its project-relative path)."""
    cls = classify(rel)
    return _parse(SourceDoc(path=rel, kind=cls.kind, referentiel=cls.referentiel, stem=cls.stem, text=text), text)


def _root_not_mapping(doc: SourceDoc) -> Diagnostic:
    found = "une liste" if isinstance(doc.data, list) else f"la valeur « {doc.data} »"
    return _d(
        R_ROOT,
        doc.path,
        1,
        1,
        f"le fichier contient {found} au lieu d'une table de clés",
        "écrivez une clé par ligne, par exemple « titre: … » (sans « - » au début)",
    )


def walk_sources(root: Path) -> list[str]:
    """Every file under the scanned folders, as sorted paths relative to ``root``; a symbolic link
    (to a file or a folder) is listed as itself, never followed: :func:`load_sources` refuses it."""
    out = []
    for top in SCANNED_ROOTS:
        base = root / top
        if base.is_symlink():
            out.append(top)
            continue
        if not base.is_dir():
            continue
        cut = len(str(base))
        for dirpath, dirnames, filenames in os.walk(base):
            # String slicing, not Path.relative_to: this runs on every save in oep serve.
            rel = top + dirpath[cut:].replace(os.sep, "/")
            shown = sorted(d for d in dirnames if not d.startswith("."))
            links = [d for d in shown if os.path.islink(os.path.join(dirpath, d))]
            dirnames[:] = [d for d in shown if d not in links]
            out += [f"{rel}/{name}" for name in sorted([*filenames, *links])]
    return out


def _parse_markdown(doc: SourceDoc, text: str) -> list[Diagnostic]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        doc.data = None
        return [
            _d(
                R_FRONT,
                doc.path,
                1,
                1,
                "le fichier ne commence pas par un en-tête YAML entre deux lignes « --- »",
                "ajoutez en tête : ---, puis titre: …, statut: …, puis ---",
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        doc.data = None
        return [
            _d(
                R_FRONT,
                doc.path,
                1,
                1,
                "l'en-tête YAML ouvert par « --- » n'est jamais fermé",
                "ajoutez une ligne « --- » après le dernier champ de l'en-tête",
            )
        ]
    front = "\n".join(lines[1:end]) + "\n"
    doc.body = "\n".join(lines[end + 1 :])
    doc.body_line = end + 2
    if not front.strip():
        doc.data = {}
        return []
    diags = parse_yaml_into(doc, front, line_offset=1)
    if doc.data is not None and not isinstance(doc.data, dict):
        diags.append(_root_not_mapping(doc))
        doc.data = None
    return diags


def _parse_csv(doc: SourceDoc, text: str) -> list[Diagnostic]:
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        doc.data = None
        return [_d(R_CSV, doc.path, 1, 1, f"CSV illisible ({exc})", "enregistrez-le en CSV séparé par des virgules, UTF-8")]
    lines = text.split("\n")
    if not rows:
        doc.data = []
        return []
    header = [h.strip() for h in rows[0]]
    data: list[dict[str, str]] = []
    diags = []
    for i, row in enumerate(rows[1:], start=1):
        line = i + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            diags.append(
                _d(
                    R_CSV,
                    doc.path,
                    line,
                    1,
                    f"la ligne a {len(row)} colonne{'s' if len(row) > 1 else ''} au lieu de {len(header)} ({', '.join(header)})",
                    "ajoutez ou retirez des virgules ; mettez entre guillemets un texte qui contient une virgule",
                )
            )
            continue
        offsets = _cell_offsets(lines[line - 1] if line - 1 < len(lines) else "", len(row))
        rec = {}
        src = lines[line - 1] if line - 1 < len(lines) else ""
        for j, name in enumerate(header):
            rec[name] = row[j].strip()
            doc.values[("lignes", len(data), name)] = Pos(line, offsets[j])
            # the cell as written, quotes included (what an automatic fix replaces)
            end = offsets[j + 1] - 1 if j + 1 < len(offsets) else len(src) + 1
            cell = src[offsets[j] - 1 : end - 1]
            if rec[name] and cell.strip():
                start = offsets[j] + len(cell) - len(cell.lstrip())
                doc.spans[("lignes", len(data), name)] = (Pos(line, start), Pos(line, start + len(cell.strip())))
            doc.keys[("lignes", len(data), name)] = Pos(line, offsets[j])
        doc.values[("lignes", len(data))] = Pos(line, 1)
        data.append(rec)
    doc.data = {"colonnes": header, "lignes": data}
    doc.values[("colonnes",)] = Pos(1, 1)
    for j, col in enumerate(_cell_offsets(lines[0], len(header))):
        doc.values[("colonnes", j)] = doc.keys[("colonnes", j)] = Pos(1, col)
    return diags


def _cell_offsets(line: str, n: int) -> list[int]:
    """1-based column where each of ``n`` CSV cells starts (quotes respected)."""
    cols = [1]
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            cols.append(i + 2)
    cols += [cols[-1]] * (n - len(cols))
    return cols[:n]
