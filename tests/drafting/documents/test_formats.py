"""Rendered files: Akoma Ntoso valid against the OASIS schema, PDF with Chinese text, DOCX styles."""

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from drafting.documents import akn
from drafting.documents.amendment_document import build_amendment
from drafting.documents.comparison import build_comparison
from drafting.documents.consolidated import build_consolidated
from drafting.documents.loading import load_bill
from drafting.documents.render import render_pdf
from drafting.documents.word import amendment_docx, comparison_docx, consolidated_docx
from drafting.models import Comment, Provision
from tests.drafting.documents.builders import add_provision, link
from tests.factories import ArticleFactory, ObligationFactory

Op = Provision.Operation
NEW_TEXT = "制作、复制、传播儿童性侵害材料的，处五年以下有期徒刑，并处罚金。"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


@pytest.fixture
def full_bill(bill):
    """One provision of each operation, with an obligation link and an open comment."""
    law = bill.target_instrument
    arts = [ArticleFactory(instrument=law, number=n) for n in (301, 302, 303, 304, 305, 306)]
    first = add_provision(bill, Op.REPLACE_ARTICLE, arts[0], NEW_TEXT, text_en="Whoever produces…")
    add_provision(bill, Op.REPLACE_PARAGRAPHS, arts[1], "改写的第二款。", paragraphs=[2])
    add_provision(bill, Op.INSERT_PARAGRAPH, arts[2], "新增的第三款。", paragraphs=[3])
    add_provision(
        bill,
        Op.INSERT_ARTICLES,
        arts[3],
        "第三百零四条之一 甲。\n第三百零四条之二 乙：\n（一）丙；\n（二）丁。",
        insert_count=2,
    )
    add_provision(bill, Op.REPEAL_ARTICLE, arts[4])
    add_provision(bill, Op.REPEAL_PARAGRAPHS, arts[5], paragraphs=[1])
    link(first, ObligationFactory(code="OPSC-3-1-c", statement_zh="将制作儿童色情制品入罪。"))
    Comment.objects.create(
        provision=first,
        revision=first.current_revision,
        author=bill.created_by,
        body="“传播”是否包括提供？",
        anchor_language="zh",
        anchor_exact="传播",
        anchor_start=6,
        anchor_end=8,
    )
    return bill


def test_akoma_ntoso_is_valid_against_the_official_schema(full_bill):
    document = build_amendment(load_bill(full_bill, comments=True, obligations=True))
    xml = akn.amendment_akn_bytes(document, bill_pk=full_bill.pk)
    assert akn.validate(xml) == []
    root = etree.fromstring(xml)
    assert root.find(f".//{AKN}FRBRcountry").get("value") == "cn"
    assert root.find(f".//{AKN}FRBRlanguage").get("language") == "zho"
    mods = root.findall(f".//{AKN}body/{AKN}paragraph//{AKN}mod")
    assert len(mods) == 6
    quoted = root.findall(f".//{AKN}quotedStructure")
    assert len(quoted) == 4  # repeals quote nothing
    assert NEW_TEXT in "".join(quoted[0].itertext())
    inserted = quoted[3].findall(f"{AKN}article/{AKN}num")
    assert [n.text for n in inserted] == ["第三百零四条之一", "第三百零四条之二"]
    assert root.find(f".//{AKN}notes/{AKN}note/{AKN}p").text.endswith("“传播”是否包括提供？")
    assert b"OPSC-3-1-c" in xml


def test_validation_catches_a_broken_document(full_bill):
    xml = akn.amendment_akn_bytes(build_amendment(load_bill(full_bill)), bill_pk=full_bill.pk)
    broken = xml.replace(b"<body>", b"<body><bogus/>", 1)
    assert akn.validate(broken)


def pdf_text(pdf: bytes, *crop: str) -> str:
    """The PDF's text by poppler's pdftotext; `crop` ("-x", "0", "-W", "297", …) picks an area."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", *crop, "-", "-"], input=pdf, capture_output=True, check=True
    )
    # Lines wrap anywhere in Chinese: compare without the layout's whitespace.
    return "".join(result.stdout.decode("utf-8").split())


def test_pdf_contains_the_chinese_text_and_page_numbers(full_bill):
    pdf = render_pdf("amendment", build_amendment(load_bill(full_bill)))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "一、将刑法第三百零一条修改为：" in text
    assert text.endswith("1/1")
    # The Chinese column (left half of the A4 page, 595 × 842 pt) holds the whole provision.
    chinese = pdf_text(pdf, "-x", "0", "-y", "0", "-W", "297", "-H", "842")
    assert f"一、将刑法第三百零一条修改为：“{NEW_TEXT}”" in chinese


def test_comparison_pdf_carries_the_table(full_bill):
    text = pdf_text(render_pdf("comparison", build_comparison(load_bill(full_bill))))
    assert "修正前" in text and "修正后" in text and "改写的第二款。" in text


def east_asian_font(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def test_docx_has_the_text_the_styles_and_east_asian_fonts(full_bill):
    data = load_bill(full_bill, comments=True, obligations=True)
    document = Document(io.BytesIO(amendment_docx(build_amendment(data))))
    texts = [p.text for p in document.paragraphs]
    assert "一、将刑法第三百零一条修改为：“" + NEW_TEXT + "”" in texts
    assert "七、本修正案自公布之日起施行。" in texts
    styles = {s.name: s for s in document.styles}
    for name in ("Normal", "Title", "Heading 1", "Amendment Item", "Quoted Provision"):
        assert east_asian_font(styles[name]) == "SimSun", name
        assert styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    used = {p.style.name for p in document.paragraphs if p.text}
    assert {"Title", "Amendment Item", "Quoted Provision"} <= used
    assert any("OPSC-3-1-c" in t for t in texts)


def test_comparison_docx_is_a_word_table_with_marked_runs(full_bill):
    document = Document(io.BytesIO(comparison_docx(build_comparison(load_bill(full_bill)))))
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells][:3] == [
        "条文 Article",
        "修正前 Before",
        "修正后 After",
    ]
    runs = [
        run
        for row in table.rows[1:]
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    added = [r.text for r in runs if r.bold and r.underline]
    struck = [r.text for r in runs if r.font.strike]
    assert "新增的第三款。" in added
    assert any("改写的第二款" in t for t in added)
    assert struck  # the repealed article and paragraph
    inserted_row = next(r for r in table.rows if r.cells[0].text.startswith("第三百零四条之一"))
    assert inserted_row.cells[1].text == ""


def test_consolidated_docx_headings_and_articles(full_bill):
    document = Document(io.BytesIO(consolidated_docx(build_consolidated(load_bill(full_bill)))))
    texts = [p.text for p in document.paragraphs]
    assert "第三百零五条 （删去）" in texts
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    assert any(t.startswith("第三百零四条之二 乙：") for t in texts)


def test_pdf_embeds_a_subset_of_the_cjk_font(full_bill):
    """Chinese is never dropped, and the 9 MB font is not embedded whole."""
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (Debian poppler-utils) is not installed")
    pdf = render_pdf("amendment", build_amendment(load_bill(full_bill)))
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout
    cjk = [line for line in fonts.decode().splitlines() if "CJK" in line or "WenQuanYi" in line]
    assert cjk, fonts.decode()
    # Columns: name type encoding emb sub uni object ID; a subset font's name has a "+" tag.
    assert all(line.split()[0].count("+") == 1 and " yes yes " in line for line in cjk), cjk
    assert len(pdf) < 1_000_000
