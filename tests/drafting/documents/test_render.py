"""PDF through Typst: text, marks, landscape table with a repeated header, page numbers, fonts."""

import re
import shutil
import subprocess

import pytest

from drafting.documents import fonts, render, typeset
from drafting.documents.comparison import build_comparison
from drafting.documents.consolidated import build_consolidated
from drafting.documents.loading import load_bill
from drafting.models import Provision
from tests.conftest import module_transaction
from tests.drafting.documents.builders import add_provision
from tests.factories import ArticleFactory, BillFactory, UserFactory

Op = Provision.Operation
needs_font = pytest.mark.skipif(
    not fonts.CJK_FONT_PATH.exists(), reason=f"{fonts.CJK_FONT_PATH} is absent"
)
OLD = "违反国家规定，处三年以下有期徒刑。"
NEW = "违反国家规定，处五年以下有期徒刑，并处罚金。"


def poppler(tool: str, pdf: bytes) -> str:
    """Output of a poppler tool (pdftotext, pdfinfo, pdffonts) reading the PDF from stdin."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (Debian poppler-utils) is not installed")
    args = [tool, "-", "-"] if tool == "pdftotext" else [tool, "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text without whitespace (Chinese lines wrap anywhere)."""
    return ["".join(page.split()) for page in poppler("pdftotext", pdf).split("\f")[:-1]]


@needs_font
def test_the_subset_holds_exactly_the_characters_asked_for():
    font = fonts.subset_font("刑法第三百六十三条")
    cmap = font.getBestCmap()
    assert {ord(ch) for ch in "刑法第三百六十三条"} <= set(cmap)
    assert ord("淫") not in cmap
    assert ord("7") in cmap  # page numbers are always printable
    assert len(font.getGlyphOrder()) < 300  # of some 45,000 in the collection


@needs_font
def test_the_bold_face_is_the_same_glyphs_thicker():
    regular = fonts.subset_font("国")
    bold = fonts.subset_font("国")
    fonts.embolden(bold)
    name = regular.getBestCmap()[ord("国")]
    thin, thick = regular["glyf"][name], bold["glyf"][name]
    assert thick.xMin < thin.xMin and thick.xMax > thin.xMax
    assert thick.yMin < thin.yMin and thick.yMax > thin.yMax
    assert bold["OS/2"].usWeightClass == 700
    assert regular["hmtx"][name] == bold["hmtx"][name]  # same advance: the layout does not move


def test_emboldening_a_square_moves_every_edge_out_by_half_the_strength():
    square = [(0, 0), (0, 100), (100, 100), (100, 0)]  # clockwise, as TrueType outer contours
    assert fonts._embolden_contour(square, 20) == [(-10, -10), (-10, 110), (110, 110), (110, -10)]
    hole = list(reversed(square))  # a counter shrinks, which thickens the strokes around it
    assert fonts._embolden_contour(hole, 20) == [(90, 10), (90, 90), (10, 90), (10, 10)]


def test_html_becomes_typst_code_with_marks_and_escaped_text():
    page = (
        '<html><body><p class="x">a "quote" \\ #b <ins>加</ins><del>删</del></p>'
        '<table><colgroup><col style="width: 30%"><col style="width: 70%"></colgroup>'
        "<thead><tr><th>前</th><th>后</th></tr></thead>"
        '<tbody><tr><td colspan="2">x</td></tr></tbody></table></body></html>'
    )
    source = typeset.typst_source(page)
    assert 'p("x", {"a \\"quote\\" \\\\ #b "; mark("ins", {"加"}); mark("del", {"删"})})' in source
    assert 'doc-table((30%, 70%,), ({"前"}, {"后"},), (table.cell(colspan: 2, {"x"}),))' in source


@pytest.fixture(scope="module")
def shared_long_bill(django_db_setup, django_db_blocker):
    """Enough replaced articles for the comparison table to run over several pages, made once
    for the module's two PDFs (rolled back when the module ends)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            bill = BillFactory(created_by=UserFactory(username="drafter1"))
            for number in range(301, 331):
                target = ArticleFactory(
                    instrument=bill.target_instrument, number=number, paragraphs=[OLD]
                )
                add_provision(bill, Op.REPLACE_ARTICLE, target, NEW)
        yield bill


@pytest.fixture
def long_bill(shared_long_bill, db):
    return shared_long_bill


@needs_font
def test_comparison_pdf_landscape_header_on_every_page_numbered_and_both_faces(long_bill):
    pdf = render.render_pdf("comparison", build_comparison(load_bill(long_bill)))
    info = poppler("pdfinfo", pdf)
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info), info  # landscape
    assert "Title:" in info and "修改对照表" in info
    pages = page_texts(pdf)
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert "修正前" in text and "修正后" in text  # the header row repeats
        assert text.endswith(f"{number}/{len(pages)}")
    assert "并处罚金" in "".join(pages)  # table cells wrap, so only a short run is whole
    rows = [line.split() for line in poppler("pdffonts", pdf).splitlines()[2:]]
    names = {row[0].split("+")[-1] for row in rows}
    assert {"WenQuanYiZenHei", "DocCJK-Emboldened"} <= names  # additions print in the bold face
    assert all(row[-5] == "yes" and row[-4] == "yes" for row in rows)  # embedded, subset
    assert len(pdf) < 400_000  # the whole font would be 9 MB


@needs_font
def test_consolidated_pdf_is_portrait_with_the_amended_article(long_bill):
    pdf = render.render_pdf("consolidated", build_consolidated(load_bill(long_bill)))
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts", poppler("pdfinfo", pdf))
    text = "".join(page_texts(pdf))
    assert "第三百零一条" in text and NEW.rstrip("。") in text


@needs_font
def test_the_bold_face_is_built_once_and_reused():
    first = fonts.bold_font_dir()
    built = (first / "doc-cjk-bold.ttf").stat().st_mtime_ns
    assert fonts.bold_font_dir() == first
    assert (first / "doc-cjk-bold.ttf").stat().st_mtime_ns == built
