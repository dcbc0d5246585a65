"""PDF fonts: the CJK font cut down by fontTools before WeasyPrint, with a derived bold face."""

import io
import logging
import shutil
import subprocess

import pytest
from fontTools.ttLib import TTFont

from drafting.documents import render
from drafting.documents.comparison import build_comparison
from drafting.documents.loading import load_bill
from drafting.models import Provision
from tests.drafting.documents.builders import add_provision
from tests.factories import ArticleFactory

Op = Provision.Operation
needs_font = pytest.mark.skipif(
    not render.CJK_FONT_PATH.exists(), reason=f"{render.CJK_FONT_PATH} is absent"
)
OLD = "违反国家规定，处三年以下有期徒刑。"
NEW = "违反国家规定，处五年以下有期徒刑，并处罚金。"


def pdffonts(pdf: bytes) -> list[list[str]]:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (Debian poppler-utils) is not installed")
    result = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    return [line.split() for line in result.stdout.decode().splitlines()[2:]]


@needs_font
def test_the_subset_holds_exactly_the_characters_asked_for():
    font = render.subset_font("刑法第三百六十三条")
    cmap = font.getBestCmap()
    assert {ord(ch) for ch in "刑法第三百六十三条"} <= set(cmap)
    assert ord("淫") not in cmap
    assert ord("7") in cmap  # page numbers are always printable
    assert len(font.getGlyphOrder()) < 300  # of some 45,000 in the collection


@needs_font
def test_the_bold_face_is_the_same_glyphs_thicker():
    regular = render.subset_font("国")
    bold = render.subset_font("国")
    render.embolden(bold)
    name = regular.getBestCmap()[ord("国")]
    thin, thick = regular["glyf"][name], bold["glyf"][name]
    assert thick.xMin < thin.xMin and thick.xMax > thin.xMax
    assert thick.yMin < thin.yMin and thick.yMax > thin.yMax
    assert bold["OS/2"].usWeightClass == 700
    assert regular["hmtx"][name] == bold["hmtx"][name]  # same advance: the layout does not move


def test_emboldening_a_square_moves_every_edge_out_by_half_the_strength():
    square = [(0, 0), (0, 100), (100, 100), (100, 0)]  # clockwise, as TrueType outer contours
    assert render._embolden_contour(square, 20) == [(-10, -10), (-10, 110), (110, 110), (110, -10)]
    hole = list(reversed(square))  # a counter shrinks, which thickens the strokes around it
    assert render._embolden_contour(hole, 20) == [(90, 10), (90, 90), (10, 90), (10, 10)]


def test_without_the_font_the_pdf_falls_back_to_system_fonts(tmp_path):
    assert render.pdf_fonts("中文", tmp_path / "missing.ttc") is None


@needs_font
def test_comparison_pdf_is_small_embeds_both_faces_and_logs_nothing(bill, caplog):
    target = ArticleFactory(instrument=bill.target_instrument, number=301, paragraphs=[OLD])
    add_provision(bill, Op.REPLACE_ARTICLE, target, NEW)
    with caplog.at_level(logging.INFO):
        pdf = render.render_pdf("comparison", build_comparison(load_bill(bill)))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert len(pdf) < 200_000  # the whole font would be 9 MB
    fonts = pdffonts(pdf)
    names = {row[0].split("+")[-1] for row in fonts}
    assert {"DocCJK", "DocCJK-Bold"} <= names
    assert all(row[-5] == "yes" and row[-4] == "yes" for row in fonts)  # embedded, subset


@needs_font
def test_the_embedded_font_is_a_valid_truetype_font():
    url = render.pdf_fonts("修改对照表").regular
    data = url.removeprefix("data:font/ttf;base64,")
    import base64

    font = TTFont(io.BytesIO(base64.b64decode(data)))
    assert ord("照") in font.getBestCmap()
