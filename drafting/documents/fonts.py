"""The derived bold CJK face for Typst, built once and kept on disk.

WenQuanYi Zen Hei has one weight. The bold face is derived from it by thickening the outlines
(render.embolden) for the GB 2312 characters plus ASCII and common punctuation, under a family
name of its own; Typst takes bold text from it and falls back to the regular face for anything
else. Building takes some seconds, so it happens once per font file (a lock keeps concurrent
workers from building it twice) and `make serve` builds it before serving.
"""

import fcntl
import hashlib
import math
import os
import string
from functools import cache
from pathlib import Path

from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTFont

# Debian's fonts-wqy-zenhei: embedded in every PDF so Chinese is never dropped.
CJK_FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
CJK_FONT_NUMBER = 0  # "WenQuanYi Zen Hei" in the collection (1 and 2 are Mono and Sharp)
BOLD_STRENGTH = 0.022  # outline growth as a share of the em, close to Word's fake bold
# Page numbers and Latin text need these whatever the body uses.
ALWAYS_KEPT = string.printable + "　“”‘’（）【】、，。：；！？·—…"
# Tables that fontTools cannot subset (it would warn about them) and nobody needs.
DROPPED_TABLES = ["BDF", "FFTM", "EBDT", "EBLC", "EBSC"]
BOLD_FAMILY = "DocCJK Emboldened"  # Typst drops style words such as "Bold" from family names
FACE_VERSION = "2"  # bump when the derivation changes


def subset_font(characters: str, path: Path = CJK_FONT_PATH) -> TTFont:
    """The font reduced to `characters` (plus ALWAYS_KEPT), without hinting."""
    options = subset.Options()
    options.hinting = False
    options.notdef_outline = True
    options.drop_tables += DROPPED_TABLES
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(ch) for ch in set(characters) | set(ALWAYS_KEPT)})
    font = TTFont(str(path), fontNumber=CJK_FONT_NUMBER, lazy=True)
    subsetter.subset(font)
    return font


def _unit(dx: float, dy: float) -> tuple[float, float, float]:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length, length) if length else (0.0, 0.0, 0.0)


def _embolden_contour(points: list[tuple[float, float]], strength: float) -> list[tuple[int, int]]:
    """Move each point outwards along the bisector of its edges (FreeType's FT_Outline_Embolden).

    TrueType outer contours run clockwise, so the outward normal of an edge (x, y) is (-y, x);
    counters run the other way and shrink, which is what thickens the strokes.
    """
    count = len(points)
    half = strength / 2
    moved = []
    for i, (x, y) in enumerate(points):
        px, py = points[i - 1]
        nx, ny = points[(i + 1) % count]
        ix, iy, in_len = _unit(x - px, y - py)
        ox, oy, out_len = _unit(nx - x, ny - y)
        dot = ix * ox + iy * oy
        if not in_len or not out_len or dot <= -0.9375:  # a degenerate or hairpin corner
            moved.append((round(x), round(y)))
            continue
        d = dot + 1
        shift_x, shift_y = -(iy + oy), ix + ox  # the bisector of the two outward normals
        cross = ix * oy - iy * ox
        limit = min(in_len, out_len)
        # Short edges limit the move so a small stroke cannot fold over itself.
        scale = half / d if half * cross <= limit * d else limit / cross
        moved.append((round(x + shift_x * scale), round(y + shift_y * scale)))
    return moved


def embolden(font, strength: float = BOLD_STRENGTH) -> None:
    """Thicken every simple glyph of a TrueType font in place and mark it bold."""
    glyf = font["glyf"]
    units = font["head"].unitsPerEm * strength
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.isComposite() or glyph.numberOfContours <= 0:
            continue  # components are emboldened as glyphs of their own
        coordinates = glyph.coordinates
        start = 0
        for end in glyph.endPtsOfContours:
            contour = [tuple(coordinates[i]) for i in range(start, end + 1)]
            for offset, point in enumerate(_embolden_contour(contour, units)):
                coordinates[start + offset] = point
            start = end + 1
        glyph.recalcBounds(glyf)
    font["OS/2"].usWeightClass = 700
    font["head"].macStyle |= 1
    font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0x20) & ~0x40  # BOLD, not REGULAR


@cache
def gb2312_characters() -> str:
    """Every character of GB 2312 (the 6,763 common hanzi and the symbol rows)."""
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def _cache_dir() -> Path:
    key = f"{CJK_FONT_PATH}:{CJK_FONT_PATH.stat().st_mtime_ns}:{BOLD_STRENGTH}:{FACE_VERSION}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Path(settings.PDF_FONT_CACHE) / f"bold-{digest}"


def _build(target: Path) -> None:
    font = subset_font(gb2312_characters())
    embolden(font)
    names = font["name"]
    names.names = [n for n in names.names if n.nameID not in {1, 2, 3, 4, 6, 16, 17}]
    for name_id, value in {
        1: BOLD_FAMILY,
        2: "Bold",
        3: "DocCJK-Emboldened",
        4: BOLD_FAMILY,
    }.items():
        names.setName(value, name_id, 3, 1, 0x409)
    names.setName("DocCJK-Emboldened", 6, 3, 1, 0x409)
    font.recalcTimestamp = False  # the source font's dates: the same face on every build
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    font.save(str(partial))
    partial.replace(target)


def bold_font_dir() -> Path:
    """A folder holding only the derived bold face (built on first use)."""
    directory = _cache_dir()
    target = directory / "doc-cjk-bold.ttf"
    if target.exists():
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            _build(target)
    return directory
