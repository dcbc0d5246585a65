"""PDF through Typst: any document's printable HTML (render.render_html) becomes Typst code.

The converter knows the handful of elements the document templates use (headings, paragraphs,
divs and spans with classes, ins/del marks, tables with a header row); document/typst.typ styles
them as _document.html's CSS does. A new document needs only its HTML template: its PDF follows.
The one CJK font (WenQuanYi Zen Hei) has a single weight, so bold text takes a derived face
(documents.fonts); Typst subsets and embeds both.
"""

import re
from pathlib import Path

from lxml import html as lxml_html

from drafting.documents.fonts import BOLD_FAMILY, CJK_FONT_PATH, bold_font_dir

PREAMBLE = Path(__file__).with_name("typst") / "document.typ"
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "table", "ul", "ol", "li", "section"}
MARKS = {"ins": "ins", "del": "del", "s": "del", "strong": "strong", "b": "strong", "u": "u"}
MARKS |= {"em": "em", "i": "em", "th": "strong"}
SPACE = re.compile(r"\s+")


def _string(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _classes(element) -> str:
    return " ".join(element.get("class", "").split())


class Converter:
    """HTML elements to Typst code."""

    def children(self, element, context: str) -> str:
        """The element's text and children as one Typst code block (content)."""
        parts = []
        block_level = element.tag in BLOCKS - {"p", "li"} or element.tag in {"td", "th", "body"}
        if element.text:
            parts.append(self.text(element.text, block_level))
        for child in element:
            if isinstance(child.tag, str):
                parts.append(self.node(child, context))
            if child.tail:
                parts.append(self.text(child.tail, block_level))
        parts = [part for part in parts if part]
        return "{" + "; ".join(parts) + "}" if parts else "[]"

    def text(self, text: str, block_level: bool) -> str:
        text = SPACE.sub(" ", text)
        if block_level and not text.strip():
            return ""  # whitespace between blocks is layout of the HTML source, not text
        return _string(text)

    def node(self, element, context: str) -> str:
        """One element as a Typst expression."""
        tag, cls = element.tag, _classes(element)
        if tag == "table":
            return self.table(element, context)
        if tag in {"style", "script", "head", "colgroup", "title"}:
            return ""
        inner_context = " ".join([context, *(f"in-{name}" for name in cls.split())]).strip()
        body = self.children(element, inner_context)
        lang = element.get("lang")
        if lang:
            body = f'text(lang: "{"en" if lang.startswith("en") else "zh"}", {body})'
        return self.wrap(tag, cls, context, body)

    def wrap(self, tag: str, cls: str, context: str, body: str) -> str:
        if tag == "br":
            return "linebreak()"
        if tag in MARKS:
            return f'mark("{MARKS[tag]}", {body})'
        if tag == "h1":
            return f"doc-title({body})"
        if tag in {"p", "li", "h2", "h3", "h4"}:
            return f"p({_string((cls + ' ' + context).strip())}, {body})"
        if tag in {"div", "section", "ul", "ol"}:
            return f"div({_string(cls)}, {body})"
        if tag == "span":
            return f"span({_string(cls)}, {body})"
        return body

    def table(self, table, context: str) -> str:
        """A table; its thead row repeats on every page."""
        columns = [_width(col.get("style", "")) for col in table.iter("col")]
        header = [self.cell(cell, context) for cell in table.xpath("./thead/tr/th|./thead/tr/td")]
        cells = [
            self.cell(cell, context)
            for row in table.xpath("./tbody/tr|./tr")
            for cell in row
            if cell.tag in {"td", "th"}
        ]
        count = len(columns) or len(header) or 1
        widths = ", ".join(columns or ["1fr"] * count)
        return f"doc-table(({widths},), ({', '.join(header)},), ({', '.join(cells)},))"

    def cell(self, cell, context: str) -> str:
        body = self.children(cell, context)
        span = int(cell.get("colspan", "1") or 1)
        return f"table.cell(colspan: {span}, {body})" if span > 1 else body


def _width(style: str) -> str:
    match = re.search(r"width:\s*([\d.]+)%", style)
    return f"{match.group(1)}%" if match else "1fr"


def typst_source(page: str) -> str:
    """Typst code for an HTML page (the preamble not included)."""
    tree = lxml_html.document_fromstring(page)
    converter = Converter()
    body = tree.find("body")
    code = converter.children(body, "") if body is not None else "[]"
    return "#" + code + "\n"


def render_pdf(page: str, *, title: str, landscape: bool, moment=None) -> bytes:
    """Typeset a document's HTML page as an A4 PDF (page numbers, CJK font embedded).

    moment (an aware datetime) dates the PDF, so the same text gives the same bytes; without it
    Typst dates the file now."""
    import typst

    source = typst_source(page)
    main = PREAMBLE.read_text(encoding="utf-8") + source
    inputs = {"title": title, "landscape": "1" if landscape else "0", "bold-font": BOLD_FAMILY}
    return typst.compile(
        main.encode("utf-8"),
        font_paths=[str(CJK_FONT_PATH.parent), str(bold_font_dir())],
        ignore_system_fonts=True,
        sys_inputs=inputs,
        timestamp=int(moment.timestamp()) if moment is not None else None,
    )
