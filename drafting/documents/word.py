"""Word (DOCX) renderings with real, named styles a drafter can keep editing (python-docx).

Every style sets its East-Asian font (宋体, "SimSun") beside Times New Roman, so Word never falls
back to a Western font for Chinese. Additions are bold and underlined, deletions struck through,
both through the character styles "Addition" and "Deletion" and on the runs themselves.
"""

import io
from collections.abc import Iterable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from drafting.documents.amendment_document import AmendmentDocument
from drafting.documents.comparison import ComparisonTable, Line
from drafting.documents.consolidated import ConsolidatedLaw
from drafting.documents.loading import CommentNote, ObligationNote

EAST_ASIAN_FONT = "SimSun"
WESTERN_FONT = "Times New Roman"
HEADING_FONT_SIZES = {1: 15, 2: 14, 3: 13, 4: 12}
ITEM_STYLE = "Amendment Item"
QUOTED_STYLE = "Quoted Provision"
ARTICLE_STYLE = "Article Text"
CELL_STYLE = "Comparison Text"
NOTE_STYLE = "Document Note"
ADDITION_STYLE = "Addition"
DELETION_STYLE = "Deletion"


def set_fonts(style, *, east_asia: str = EAST_ASIAN_FONT, western: str = WESTERN_FONT) -> None:
    """Name the fonts outright on the style, dropping theme fonts that would override them."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), western)
    fonts.set(qn("w:eastAsia"), east_asia)


def _paragraph_style(document, name: str, *, base: str = "Normal", size: float = 12, indent=True):
    styles = document.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    style.base_style = styles[base]
    style.quick_style = True
    style.font.size = Pt(size)
    fmt = style.paragraph_format
    fmt.first_line_indent = Pt(size * 2) if indent else None
    fmt.space_after = Pt(4)
    fmt.line_spacing = 1.3
    set_fonts(style)
    return style


def _character_style(document, name: str, **formatting) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.quick_style = True
    for key, value in formatting.items():
        setattr(style.font, key, value)


def new_document(*, landscape: bool = False):
    """An A4 document with the house styles and page numbers in the footer."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.4)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(12)
    set_fonts(normal)
    title = styles["Title"]
    title.font.size = Pt(18)
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_fonts(title, east_asia=EAST_ASIAN_FONT)
    subtitle = styles["Subtitle"]
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_fonts(subtitle)
    for level, size in HEADING_FONT_SIZES.items():
        heading = styles[f"Heading {level}"]
        heading.font.size = Pt(size)
        set_fonts(heading)
    _paragraph_style(document, ITEM_STYLE)
    _paragraph_style(document, QUOTED_STYLE, base=ITEM_STYLE)
    _paragraph_style(document, ARTICLE_STYLE)
    _paragraph_style(document, CELL_STYLE, size=10.5, indent=False)
    _paragraph_style(document, NOTE_STYLE, size=9, indent=False)
    _character_style(document, ADDITION_STYLE, bold=True, underline=True)
    _character_style(document, DELETION_STYLE, strike=True)
    _page_number_footer(section)
    return document


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _style_ids(document) -> dict[str, str]:
    """Style name -> id, looked up once: python-docx searches every style on each lookup."""
    return {style.name: style.style_id for style in document.styles}


class Writer:
    """Adds paragraphs and runs by style id, which keeps a 500-item document under a second."""

    def __init__(self, document) -> None:
        self.document = document
        self.ids = _style_ids(document)

    def paragraph(self, text: str = "", style: str = "Normal", container=None):
        paragraph = (container or self.document).add_paragraph()
        paragraph._p.style = self.ids[style]
        if text:
            paragraph.add_run(text)
        return paragraph

    def restyle(self, paragraph, style: str) -> None:
        paragraph._p.style = self.ids[style]

    def run(self, paragraph, text: str, style: str | None = None):
        run = paragraph.add_run(text)
        if style:
            run._r.style = self.ids[style]
        return run


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _title(w: Writer, title_zh: str, title_en: str, subtitle_zh: str = "") -> None:
    w.paragraph(title_zh, "Title")
    if subtitle_zh:
        w.paragraph(subtitle_zh, "Subtitle")
    w.paragraph(title_en, "Subtitle")


def _notes(
    w: Writer,
    obligations: Iterable[ObligationNote] = (),
    comments: Iterable[CommentNote] = (),
) -> None:
    for note in obligations:
        w.paragraph(note.line_zh, NOTE_STYLE)
    for comment in comments:
        quote = f"（“{comment.quote}”）" if comment.quote else ""
        text = f"意见 / Comment — {comment.author}{quote}：{comment.body}"
        if comment.suggestion is not None:
            text += f" → “{comment.suggestion}”"
        w.paragraph(text, NOTE_STYLE)
        for author, body in comment.replies:
            w.paragraph(f"　↳ {author}：{body}", NOTE_STYLE)


def amendment_docx(doc: AmendmentDocument) -> bytes:
    """The 修正案 in Chinese, then the English working translation after a page break."""
    w = Writer(new_document())
    _title(w, doc.title_zh, doc.title_en)
    for item in doc.items:
        for i, text in enumerate(item.paragraphs_zh):
            w.paragraph(text, QUOTED_STYLE if i else ITEM_STYLE)
        _notes(
            w,
            item.obligations if doc.with_obligations else (),
            item.comments if doc.with_comments else (),
        )
    w.paragraph(doc.closing_zh, ITEM_STYLE)
    w.paragraph().add_run().add_break(WD_BREAK.PAGE)
    w.paragraph(f"{doc.title_en} (English working translation)", "Heading 1")
    for item in doc.items:
        for i, text in enumerate(item.paragraphs_en):
            w.paragraph(text, QUOTED_STYLE if i else ITEM_STYLE)
    w.paragraph(doc.closing_en, ITEM_STYLE)
    return to_bytes(w.document)


def _runs(w: Writer, paragraph, line: Line) -> None:
    for text, kind in line:
        if kind == "insert":
            run = w.run(paragraph, text, ADDITION_STYLE)
            run.bold = True
            run.underline = True
        elif kind == "delete":
            w.run(paragraph, text, DELETION_STYLE).font.strike = True
        else:
            w.run(paragraph, text)


def _cell_lines(w: Writer, cell, lines: list[Line], label: str = "") -> None:
    first = cell.paragraphs[0]
    w.restyle(first, CELL_STYLE)
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else w.paragraph("", CELL_STYLE, container=cell)
        if i == 0 and label:
            w.run(paragraph, label + " ").bold = True
        _runs(w, paragraph, line)


def _cell_text(w: Writer, cell, texts: list[str], style: str = CELL_STYLE) -> None:
    first = cell.paragraphs[0]
    w.restyle(first, style)
    for i, text in enumerate(texts):
        paragraph = first if i == 0 else w.paragraph("", style, container=cell)
        w.run(paragraph, text)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def comparison_docx(doc: ComparisonTable) -> bytes:
    """The 修改对照表 as a real Word table, landscape A4."""
    w = Writer(new_document(landscape=True))
    _title(w, doc.title_zh, doc.title_en)
    w.paragraph(
        "加粗并加下划线的为增加的内容，加删除线的为删去的内容。"
        "Additions are bold and underlined; deletions are struck through.",
        NOTE_STYLE,
    )
    headers = ["条文 Article", "修正前 Before", "修正后 After"]
    if doc.with_obligations:
        headers.append("所履行的国际义务 Obligations satisfied")
    table = w.document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(w, cell, [text])
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for row in doc.rows:
        cells = table.add_row().cells
        _cell_text(w, cells[0], [row.label, row.items_zh])
        _cell_lines(w, cells[1], row.before, row.label if row.before else "")
        if row.kind == "repealed":
            _cell_text(w, cells[2], ["（删去）"])
        else:
            _cell_lines(w, cells[2], row.after, row.label if row.after else "")
        notes = list(row.warnings)
        if doc.with_comments:
            notes += [f"意见 {c.author}：{c.body}" for c in row.comments]
        for note in notes:
            w.paragraph(note, NOTE_STYLE, container=cells[2])
        if doc.with_obligations:
            _cell_text(
                w,
                cells[3],
                [o.line_zh for o in row.obligations],
            )
    return to_bytes(w.document)


def consolidated_docx(doc: ConsolidatedLaw) -> bytes:
    """The consolidated law: headings as Heading 1–4, articles in "Article Text", changes noted."""
    w = Writer(new_document())
    _title(w, doc.title_zh, doc.title_en, doc.subtitle_zh)
    for line in doc.history_zh:
        w.paragraph(line, NOTE_STYLE)
    for article in doc.articles:
        for level, title in article.headings:
            heading = w.paragraph(title, f"Heading {min(level, 4)}")
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph = w.paragraph("", ARTICLE_STYLE)
        w.run(paragraph, article.label).bold = True
        w.run(paragraph, " " + article.first_line)
        for line in article.rest_lines:
            w.paragraph(line, ARTICLE_STYLE)
        if article.changed:
            w.paragraph(f"【{article.note_zh} · {article.note_en}{article.items_zh}】", NOTE_STYLE)
    for label, lines in doc.annexes:
        w.paragraph(label, "Heading 2").alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in lines:
            w.paragraph(line, ARTICLE_STYLE)
    return to_bytes(w.document)
