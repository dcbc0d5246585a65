"""Word renderings of the papers that come with drafts: the three-column table, the 意见处理情况表
and the 草案说明, in the house styles of drafting.documents.word."""

from drafting.documents.three_column import ThreeColumnTable
from drafting.documents.word import (
    NOTE_STYLE,
    Writer,
    _cell_lines,
    _cell_text,
    _repeat_header,
    _title,
    new_document,
    to_bytes,
)


def header_row(w: Writer, table, headers: list[str]) -> None:
    """Bold headings, repeated on every page."""
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(w, cell, [text])
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])


def three_column_docx(doc: ThreeColumnTable) -> bytes:
    """现行法 | draft A | draft B as a Word table, landscape A4, each change in its draft's column."""
    w = Writer(new_document(landscape=True))
    _title(w, doc.title_zh, doc.title_en)
    w.paragraph(
        "各稿栏中加粗并加下划线的为该稿增加的内容，加删除线的为该稿删去的内容。"
        "In each draft's column, additions by that draft are bold and underlined; deletions are "
        "struck through.",
        NOTE_STYLE,
    )
    table = w.document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header_row(w, table, ["条文 Article", "现行法 Current law", doc.first_name, doc.second_name])
    names = {"first": doc.first_name, "second": doc.second_name}
    for row in doc.rows:
        cells = table.add_row().cells
        label = [row.label]
        if row.changed_by:
            label.append(f"（{'、'.join(names[n] for n in row.changed_by)}修改）")
        _cell_text(w, cells[0], label)
        _cell_lines(w, cells[1], row.law)
        for cell, lines, repealed in (
            (cells[2], row.first, row.first_repealed),
            (cells[3], row.second, row.second_repealed),
        ):
            if repealed:
                _cell_text(w, cell, ["（删去）"])
            else:
                _cell_lines(w, cell, lines)
        for note in row.notes:
            w.paragraph(f"【{note}】", NOTE_STYLE, container=cells[3])
    return to_bytes(w.document)
