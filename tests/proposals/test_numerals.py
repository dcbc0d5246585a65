"""Chinese numerals both ways, as the NPC writes article, paragraph and item numbers."""

import re
from pathlib import Path

import pytest

from proposals.numerals import (
    article_label_zh,
    from_chinese,
    item_label_zh,
    list_number_zh,
    paragraph_label_zh,
    parse_article_label,
    to_chinese,
)

CRIMINAL_LAW = (
    Path(__file__).resolve().parents[2].parent / "shared/reference/statutes/criminal-law.md"
)


def test_every_number_to_1000_round_trips():
    assert [n for n in range(1, 1001) if from_chinese(to_chinese(n)) != n] == []


def test_every_number_to_1000_has_its_own_spelling():
    spellings = {to_chinese(n) for n in range(1, 1001)}
    assert len(spellings) == 1000


@pytest.mark.parametrize(
    "n, spelling",
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (17, "十七"),
        (20, "二十"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (115, "一百一十五"),
        (213, "二百一十三"),
        (303, "三百零三"),
        (340, "三百四十"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
    ],
)
def test_known_spellings(n, spelling):
    assert to_chinese(n) == spelling
    assert from_chinese(spelling) == n


@pytest.mark.parametrize(
    "number, sub, label",
    [
        (17, 0, "第十七条"),
        (213, 0, "第二百一十三条"),
        (303, 0, "第三百零三条"),
        (133, 1, "第一百三十三条之一"),
        (120, 6, "第一百二十条之六"),
        (287, 2, "第二百八十七条之二"),
    ],
)
def test_article_labels_both_ways(number, sub, label):
    assert article_label_zh(number, sub) == label
    assert parse_article_label(label + " 有下列情形之一的") == (number, sub)


def test_other_labels():
    assert paragraph_label_zh(2) == "第二款"
    assert item_label_zh(3) == "（三）"
    assert list_number_zh(1) == "一、"
    assert list_number_zh(52) == "五十二、"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "十十",
        "一百一",
        "零三",
        "零",
        "一十",
        "一十七",
        "二百十三",
        "三百三",
        "三百零零三",
        "一千零零一",
        "百",
        "两",
        "二二",
        "十百",
        "17",
        "第十七",
        "十七条",
    ],
)
def test_malformed_numerals_are_refused(text):
    with pytest.raises(ValueError):
        from_chinese(text)


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_numbers_out_of_range_are_refused(n):
    with pytest.raises(ValueError):
        to_chinese(n)


def test_text_without_an_article_label():
    assert parse_article_label("第二款") is None
    assert parse_article_label("有下列情形之一的") is None


@pytest.mark.skipif(not CRIMINAL_LAW.exists(), reason=f"{CRIMINAL_LAW} is absent")
def test_every_article_label_in_the_criminal_law_is_spelled_as_we_spell_it():
    labels = re.findall(
        r"第([零一二三四五六七八九十百千]+)条(?:之([零一二三四五六七八九十]+))?",
        CRIMINAL_LAW.read_text(encoding="utf-8"),
    )
    assert len(labels) > 450
    for number, sub in labels:
        assert to_chinese(from_chinese(number)) == number
        if sub:
            assert to_chinese(from_chinese(sub)) == sub
