"""HTML and PDF renderings of the bill's documents (one set of templates for both).

For PDF the CJK font is cut down with fontTools to the characters the document uses before
WeasyPrint sees it, and handed over as a data: URL. WeasyPrint then embeds a small font whatever
its own subsetter does: HarfBuzz 6 (Debian 12) fails to subset the whole WenQuanYi Zen Hei once a
text uses a few thousand glyphs, and WeasyPrint would embed the entire 9 MB font. No WeasyPrint
internals are patched. The font has a single weight and WeasyPrint does not synthesise bold, so
a bold face is derived from the same subset by thickening the outlines (as FreeType does), and
additions in the comparison table print bold as well as underlined.
"""

import base64
import io
import math
import string
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# Debian's fonts-wqy-zenhei: embedded in every PDF so Chinese is never dropped.
CJK_FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
CJK_FONT_NUMBER = 0  # "WenQuanYi Zen Hei" in the collection (1 and 2 are Mono and Sharp)
BOLD_STRENGTH = 0.022  # outline growth as a share of the em, close to Word's fake bold
PAGE_SIZES = {"comparison": "A4 landscape", "three_column": "A4 landscape"}  # wide tables
TEMPLATES = {
    "amendment": "drafting/documents/amendment.html",
    "comparison": "drafting/documents/comparison.html",
    "consolidated": "drafting/documents/consolidated.html",
    "three_column": "drafting/documents/three_column.html",
    "comments_report": "drafting/documents/comments_report.html",
    "statement": "drafting/documents/statement.html",
}
# The page footer ("3 / 12") and the Latin text need these whatever the body uses.
ALWAYS_KEPT = string.printable + "　“”‘’（）【】、，。：；！？·—…"
# Tables WeasyPrint drops anyway or that fontTools cannot subset (it would warn about them).
DROPPED_TABLES = ["BDF", "FFTM", "EBDT", "EBLC", "EBSC"]


@dataclass(frozen=True)
class PdfFonts:
    """data: URLs of the regular and bold CJK faces, cut down to one document's characters."""

    regular: str
    bold: str


def _title(doc) -> str:
    return getattr(doc, "title_zh", "")


def render_html(kind: str, doc, *, fonts: PdfFonts | None = None) -> str:
    """A standalone printable page; with `fonts` (for PDF) the CJK faces are embedded."""
    context = {
        "doc": doc,
        "document_title": _title(doc),
        "font_url": fonts.regular if fonts else "",
        "bold_font_url": fonts.bold if fonts else "",
        "page_size": PAGE_SIZES.get(kind, "A4"),
    }
    return render_to_string(TEMPLATES[kind], context)


def subset_font(characters: str, path: Path = CJK_FONT_PATH) -> "TTFont":
    """The font reduced to `characters` (plus ALWAYS_KEPT), without hinting."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

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


def _data_url(font) -> str:
    buffer = io.BytesIO()
    font.save(buffer)
    return "data:font/ttf;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def pdf_fonts(characters: str, path: Path = CJK_FONT_PATH) -> PdfFonts | None:
    """Regular and bold faces for a text, or None when the CJK font is not installed."""
    if not path.exists():
        return None
    regular = subset_font(characters, path)
    regular_url = _data_url(regular)
    embolden(regular)
    return PdfFonts(regular=regular_url, bold=_data_url(regular))


def render_pdf(kind: str, doc) -> bytes:
    """A4 PDF with page numbers and the CJK font embedded (WeasyPrint)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    # The characters of the page as it will be printed: the HTML without fonts holds them all.
    fonts = pdf_fonts(render_html(kind, doc))
    html = render_html(kind, doc, fonts=fonts)
    return HTML(string=html).write_pdf(font_config=FontConfiguration())
