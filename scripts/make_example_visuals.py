"""Regenerate an example visual from its YAML (the example images are committed).

Usage: python scripts/make_example_visuals.py campaigns/loi-duplomb/visuels/<id>.yml:vert [...]
The theme after ":" is vert or jaune. Needs Pillow; uses the shipped brand font.
"""
import pathlib, sys
from PIL import Image, ImageDraw, ImageFont
from ruamel.yaml import YAML

ROOT = pathlib.Path(__file__).resolve().parent.parent
FONT = ROOT / "oep_build/assets/fonts/AtkinsonHyperlegible-Bold.woff2"
SIZES = {"instagram-portrait": (1080, 1350), "carre": (1080, 1080), "open-graph": (1200, 630), "story": (1080, 1920)}
GREEN, YELLOW, WHITE = (0x1B, 0x5E, 0x20), (0xF9, 0xA8, 0x25), (0xFF, 0xFF, 0xFF)
THEMES = {"vert": (GREEN, WHITE, YELLOW), "jaune": (YELLOW, GREEN, GREEN)}

def wrap(draw, text, font, width):
    # NBSP / NNBSP glue words together; draw them as plain spaces.
    words = text.replace("\u202f", "\x00").replace("\u00a0", "\x00").split(" ")
    lines, cur = [], ""
    for w in words:
        trial = (cur + " " + w).strip()
        if draw.textlength(trial.replace("\x00", " "), font=font) <= width or not cur:
            cur = trial
        else:
            lines.append(cur); cur = w
    lines.append(cur)
    return [l.replace("\x00", " ") for l in lines]

def logo(draw, cx, cy, r, ring, tick):
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ring, width=max(6, r // 4))
    pts = [(cx - r * 0.5, cy + r * 0.03), (cx - r * 0.14, cy + r * 0.39), (cx + r * 0.58, cy - r * 0.42)]
    draw.line(pts, fill=tick, width=max(8, r // 3), joint="curve")

def render(yml, theme):
    d = YAML(typ="safe").load(yml.read_text())
    w, h = SIZES[d["format"]]
    bg, fg, acc = THEMES[theme]
    img = Image.new("RGB", (w, h), bg)
    dr = ImageDraw.Draw(img)
    margin = int(w * 0.09)
    size = int(min(w, h * 1.6) * 0.095) if h >= w else int(h * 0.115)
    text = d["texte_incruste"]
    maxw = w - 2 * margin - (0 if h >= w else int(w * 0.2))
    while True:
        font = ImageFont.truetype(str(FONT), size)
        lines = wrap(dr, text, font, maxw)
        lh = int(size * 1.18)
        if len(lines) * lh <= h * 0.6 or size < 30:
            break
        size -= 4
    y = (h - len(lines) * lh) // 2 - int(h * 0.04)
    for line in lines:
        dr.text((margin, y), line, font=font, fill=fg)
        y += lh
    dr.rectangle((margin, y + lh // 4, margin + int(w * 0.25), y + lh // 4 + max(10, h // 80)), fill=acc)
    r = int(min(w, h) * 0.07)
    ring = WHITE if theme == "vert" else GREEN
    logo(dr, w - margin - r, h - margin - r, r, ring, acc if theme == "vert" else GREEN)
    out = yml.with_name(d["fichier"])
    img.quantize(colors=16, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
    print(out.relative_to(ROOT), img.size, out.stat().st_size, "octets")

for arg in sys.argv[1:]:
    path, theme = arg.split(":")
    render(ROOT / path, theme)
