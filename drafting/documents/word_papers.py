"""Word renderings of the papers that come with drafts: the three-column table, the 意见处理情况表
and the 草案说明, in the house styles of drafting.documents.word."""

from drafting.documents.three_column import ThreeColumnTable
from drafting.documents.word import (
    ARTICLE_STYLE,
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


def comments_report_docx(report) -> bytes:
    """The 意见处理情况表: counts, then one table row per comment (replies indented)."""
    w = Writer(new_document(landscape=True))
    _title(w, report.title_zh, report.title_en)
    w.paragraph(counts_line(report), NOTE_STYLE)
    headers = ["项 Item", "条文 Article", "意见 Comment", "处理情况 Disposition", "理由 Reason"]
    table = w.document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header_row(w, table, headers)
    for row in report.rows:
        cells = table.add_row().cells
        _cell_text(w, cells[0], [str(row.item)])
        _cell_text(w, cells[1], [row.article])
        quote = f"“{row.quote}”" if row.quote else ""
        lead = "　↳ " if row.kind == "回复" else ""
        lines = [f"{lead}{row.author}（{row.date}）{quote}：{row.body}"]
        if row.suggestion:
            lines.append(f"修改建议：{row.suggestion}")
        _cell_text(w, cells[2], lines)
        major = "【重大分歧】" if row.major else ""
        _cell_text(w, cells[3], [f"{row.disposition}{major}", row.carried_out])
        _cell_text(w, cells[4], [row.reason])
    return to_bytes(w.document)


def counts_line(report) -> str:
    """How many threads, replies and hidden comments; how many disposed, by kind."""
    kinds = "，".join(f"{kind}{n}件" for kind, n in report.disposed.items())
    return (
        f"共{report.threads}条意见、{report.replies}条回复（另有{report.hidden}条被管理员隐藏，未列入）；"
        f"已处理{sum(report.disposed.values())}条{('（' + kinds + '）') if kinds else ''}，"
        f"未处理{report.open_threads}条。"
        f" {report.threads} threads and {report.replies} replies listed; {report.hidden} hidden "
        "comments not listed."
    )


def statement_docx(statement) -> bytes:
    """The 说明: Chinese sections, then the English working version after a page break."""
    from docx.enum.text import WD_BREAK

    w = Writer(new_document())
    _title(w, statement.title_zh, statement.title_en)
    for section in statement.sections:
        w.paragraph(section.heading_zh, "Heading 2")
        for line in section.zh.split("\n"):
            if line.strip():
                w.paragraph(line, ARTICLE_STYLE)
    w.paragraph().add_run().add_break(WD_BREAK.PAGE)
    w.paragraph(f"{statement.title_en} (English working version)", "Heading 1")
    for section in statement.sections:
        w.paragraph(section.heading_en, "Heading 2")
        for line in section.en.split("\n"):
            if line.strip():
                w.paragraph(line, ARTICLE_STYLE)
    return to_bytes(w.document)
