"""Parsing a 修正案 text back into items; IX and XII rebuilt character for character."""

import datetime
from pathlib import Path

import pytest

from drafting.analysis.amendment_text import (
    STOP_OUTSIDE,
    UNCLOSED,
    AmendmentTextError,
    Slip,
    body_lines,
    parse_amendment,
)
from drafting.documents.amendment import Operation

STATUTES = Path(__file__).resolve().parents[3].parent / "shared/reference/statutes"
IX = STATUTES / "criminal-law-amendment-09.md"
XII = STATUTES / "criminal-law-amendment-12.md"


def official(path: Path) -> str:
    """Title and paragraphs of the file as the builder joins them (blank line between)."""
    return "\n\n".join(text.lstrip("# ") for _, text in body_lines(path.read_text("utf-8")))


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent")


@needs(XII)
def test_xii_round_trip_is_exact_and_has_no_slips():
    parsed = parse_amendment(XII.read_text("utf-8"))
    assert parsed.title == "中华人民共和国刑法修正案（十二）"
    assert len(parsed.items) == 7 and parsed.commencement == datetime.date(2024, 3, 1)
    assert parsed.slips == []
    assert parsed.rebuilt() == official(XII)


@needs(IX)
def test_ix_round_trip_is_exact_with_its_two_slips_reported():
    parsed = parse_amendment(IX.read_text("utf-8"))
    assert len(parsed.items) == 51 and parsed.commencement_item == 52
    assert parsed.commencement == datetime.date(2015, 11, 1)
    assert parsed.slips == [Slip(23, UNCLOSED), Slip(36, STOP_OUTSIDE)]
    assert parsed.rebuilt() == official(IX)


@needs(IX)
def test_ix_irregular_items_are_read_as_what_they_are():
    items = {item.number: item.spec for item in parse_amendment(IX.read_text("utf-8")).items}
    assert items[4].note_zh == "原第二款作为第三款。"
    assert items[7].insert_count == 5 and items[7].article_sub == 1
    assert [clause.paragraphs for clause in items[31].then] == [(3, 4)]
    assert items[12].operation == Operation.REPEAL_ARTICLE
    assert items[43].operation == Operation.REPEAL_PARAGRAPHS and items[43].paragraphs == (2,)


PASTED = """中华人民共和国刑法修正案（草案）

一、将刑法第三百六十四条修改为：“甲。

“乙。”

二、删去刑法第三百六十条第二款。

三、在刑法第二百八十七条之二后增加一条，作为第二百八十七条之三：“丙。”

四、本修正案自公布之日起施行。
"""


def test_pasted_text_without_header():
    parsed = parse_amendment(PASTED.replace("\n", "\r\n"))
    assert parsed.title == "中华人民共和国刑法修正案（草案）"
    specs = [item.spec for item in parsed.items]
    assert [(s.operation, s.article_number, s.article_sub) for s in specs] == [
        ("replace_article", 364, 0),
        ("repeal_paragraphs", 360, 0),
        ("insert_articles", 287, 2),
    ]
    assert specs[0].text_zh == "甲。\n乙。"
    assert parsed.commencement is None and parsed.commencement_item == 4
    assert [item.line for item in parsed.items] == [3, 7, 9]
    assert parsed.rebuilt() == "\n\n".join(line for line in PASTED.splitlines() if line)


@pytest.mark.parametrize(
    ("text", "item", "line", "words"),
    [
        ("标题\n\n一、将刑法第一条修改为：“甲。”\n\n三、删去刑法第二条。", 2, 5, "where 2"),
        ("标题\n\n一、把刑法第一条改成：“甲。”", 1, 3, "not an amendment instruction"),
        (
            "标题\n\n一、删去刑法第二条。\n\n二、本修正案自2024年2月30日起施行。",
            2,
            5,
            "no such date",
        ),
        ("标题\n\n一、本修正案自公布之日起施行。\n\n二、删去刑法第二条。", 1, 3, "comes last"),
        ("只有标题", 0, 1, "no numbered items"),
        ("标题\n\n一、在刑法第三条中增加两款作为第二款：“甲。”", 1, 3, "not an amendment"),
    ],
)
def test_bad_text_names_the_item_and_line(text, item, line, words):
    with pytest.raises(AmendmentTextError) as caught:
        parse_amendment(text)
    assert (caught.value.item, caught.value.line) == (item, line)
    assert words in str(caught.value)
