"""HTML and PDF renderings of the bill's documents (one set of templates for both).

PDF: the printable HTML page is typeset by Typst (documents.typeset), so every document with an
HTML template has a PDF too, with the same content. Landscape pages for the wide tables.
"""

from django.template.loader import render_to_string

from drafting.documents import typeset

LANDSCAPE = {"comparison", "three_column"}  # wide tables need the width
TEMPLATES = {
    "amendment": "drafting/documents/amendment.html",
    "comparison": "drafting/documents/comparison.html",
    "consolidated": "drafting/documents/consolidated.html",
    "three_column": "drafting/documents/three_column.html",
    "comments_report": "drafting/documents/comments_report.html",
    "statement": "drafting/documents/statement.html",
}


def _title(doc) -> str:
    return getattr(doc, "title_zh", "")


def render_html(kind: str, doc) -> str:
    """A standalone printable page."""
    context = {
        "doc": doc,
        "document_title": _title(doc),
        "page_size": "A4 landscape" if kind in LANDSCAPE else "A4",
    }
    return render_to_string(TEMPLATES[kind], context)


def render_pdf(kind: str, doc, moment=None) -> bytes:
    """A4 PDF with page numbers and the CJK font embedded (Typst), dated moment when given."""
    return typeset.render_pdf(
        render_html(kind, doc), title=_title(doc), landscape=kind in LANDSCAPE, moment=moment
    )
