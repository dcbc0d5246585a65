"""HTML and PDF renderings of the bill's documents (one set of templates for both)."""

from pathlib import Path

from django.template.loader import render_to_string

# Debian's fonts-wqy-zenhei: embedded in every PDF so Chinese is never dropped.
CJK_FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
PAGE_SIZES = {"comparison": "A4 landscape"}  # four columns need the width
TEMPLATES = {
    "amendment": "drafting/documents/amendment.html",
    "comparison": "drafting/documents/comparison.html",
    "consolidated": "drafting/documents/consolidated.html",
}


def _title(doc) -> str:
    return getattr(doc, "title_zh", "")


def render_html(kind: str, doc, *, for_pdf: bool = False) -> str:
    """A standalone printable page; for PDF the CJK font is referenced by file URL."""
    font_url = CJK_FONT_PATH.as_uri() if for_pdf and CJK_FONT_PATH.exists() else ""
    context = {
        "doc": doc,
        "document_title": _title(doc),
        "font_url": font_url,
        "page_size": PAGE_SIZES.get(kind, "A4"),
    }
    return render_to_string(TEMPLATES[kind], context)


def _subset_fonts_with_fallback() -> None:
    """Fall back to fontTools when HarfBuzz cannot subset the CJK font.

    HarfBuzz 6 (Debian 12) fails to subset WenQuanYi Zen Hei once a text uses a few thousand
    glyphs (the whole consolidated law), and WeasyPrint then embeds the entire 9 MB font;
    fontTools subsets it to a few hundred kilobytes.
    """
    from weasyprint.pdf import fonts

    font = getattr(fonts, "Font", None)
    if font is None or getattr(font, "_drafting_fallback", False):
        return
    harfbuzz = getattr(font, "_harfbuzz_subset", None)
    if harfbuzz is None or not hasattr(font, "_fonttools_subset"):
        return

    def subset(self, to_unicode, hinting):
        before = self.file_content
        harfbuzz(self, to_unicode, hinting)
        if self.file_content is before:
            self._fonttools_subset(to_unicode, hinting)

    font._harfbuzz_subset = subset
    font._drafting_fallback = True


def render_pdf(kind: str, doc) -> bytes:
    """A4 PDF with page numbers and the CJK font embedded (WeasyPrint)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    _subset_fonts_with_fallback()

    fonts = FontConfiguration()
    html = render_html(kind, doc, for_pdf=True)
    return HTML(string=html, base_url=str(CJK_FONT_PATH.parent)).write_pdf(font_config=fonts)
