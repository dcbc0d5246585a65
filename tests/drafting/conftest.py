"""Fixtures of the drafting tests: a small law of real article numbers and a 修正案 text for it."""

import pytest

from tests.factories import ArticleFactory

TEXT = """中华人民共和国刑法修正案（草案）

一、将刑法第三百六十四条修改为：“甲。

“乙。”

二、删去刑法第三百六十条第二款。

三、在刑法第二百八十七条之二后增加一条，作为第二百八十七条之三：“丙。”

四、在刑法第三百六十三条中增加一款作为第三款：“丁。”

五、本修正案自2026年3月1日起施行。
"""


@pytest.fixture
def law(bill):
    law = bill.target_instrument
    for number, sub, count in (
        (360, 0, 2),
        (363, 0, 2),
        (364, 0, 4),
        (287, 0, 1),
        (287, 1, 1),
        (287, 2, 1),
    ):
        ArticleFactory(
            instrument=law, number=number, sub=sub, paragraphs=[f"第{n}款。" for n in range(count)]
        )
    return law
