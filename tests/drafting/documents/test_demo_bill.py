"""The demo bill on the real Criminal Law: every document reads as the NPC would print it."""

import io

import pytest
from django.core.management import call_command
from docx import Document

from drafting.documents.amendment_document import build_amendment
from drafting.documents.comparison import build_comparison
from drafting.documents.consolidated import build_consolidated
from drafting.documents.loading import load_bill
from drafting.documents.word import comparison_docx
from tests.drafting.documents.builders import CRIMINAL_LAW, needs_criminal_law

pytestmark = [needs_criminal_law, pytest.mark.django_db]


@pytest.fixture(scope="module", autouse=True)
def criminal_law(demo_data, django_db_blocker):
    """The official Criminal Law under the demo, imported once for the module (flushed with it)."""
    with django_db_blocker.unblock():
        call_command("import_statute", str(CRIMINAL_LAW), instrument="PRC-CL", stdout=io.StringIO())


def test_amendment_items_in_the_npc_form(demo_bill):
    doc = build_amendment(load_bill(demo_bill))
    leads = [item.paragraphs_zh[0].split("“", 1)[0] for item in doc.items]
    assert leads == [
        "一、在刑法第二百八十七条之二后增加一条，作为第二百八十七条之三：",
        "二、在刑法第三百六十三条后增加一条，作为第三百六十三条之一：",
        "三、在刑法第三百六十四条后增加一条，作为第三百六十四条之一：",
        "四、将刑法第三百六十六条修改为：",
        "五、在刑法第三百六十七条中增加一款作为第四款，将该条修改为：",
        "六、在刑法第三百六十七条后增加一条，作为第三百六十七条之一：",
    ]
    assert doc.closing_zh == "七、本修正案自2027年3月1日起施行。"
    restated = doc.items[4].paragraphs_zh
    assert len(restated) == 4 and restated[-1].endswith("。”")
    assert all(p.startswith("“") for p in restated[1:])
    assert not any(item.error for item in doc.items)


def test_comparison_rows_follow_the_law(demo_bill):
    table = build_comparison(load_bill(demo_bill))
    assert [(row.label, row.kind) for row in table.rows] == [
        ("第二百八十七条之三", "inserted"),
        ("第三百六十三条之一", "inserted"),
        ("第三百六十四条之一", "inserted"),
        ("第三百六十六条", "amended"),
        ("第三百六十七条", "amended"),
        ("第三百六十七条之一", "inserted"),
    ]
    rows = {row.label: row for row in table.rows}
    assert rows["第二百八十七条之三"].before == []
    added = [t for t, k in rows["第三百六十六条"].after[0] if k == "insert"]
    assert added == ["、第三百六十三条之一", "、第三百六十四条之一"]
    # The restated article keeps its three paragraphs unmarked and adds the fourth.
    after = rows["第三百六十七条"].after
    assert [{k for _, k in line} for line in after] == [{"equal"}] * 3 + [{"insert"}]
    assert all(row.obligations for row in table.rows)
    document = Document(io.BytesIO(comparison_docx(table)))
    (word_table,) = document.tables
    assert len(word_table.rows) == 1 + len(table.rows)


def test_consolidated_law_places_new_articles_and_keeps_the_repealed_one(demo_bill):
    law = build_consolidated(load_bill(demo_bill))
    labels = [a.label for a in law.articles]
    at = labels.index("第二百八十七条之二")
    assert labels[at : at + 3] == ["第二百八十七条之二", "第二百八十七条之三", "第二百八十八条"]
    at = labels.index("第三百六十七条")
    assert labels[at : at + 3] == ["第三百六十七条", "第三百六十七条之一", "第三百六十八条"]
    articles = {a.label: a for a in law.articles}
    assert len(articles["第三百六十七条"].paragraphs) == 4
    assert articles["第三百六十七条"].status == "amended"
    assert articles["第一百九十九条"].text() == "第一百九十九条 （删去）"
    assert [a.label for a in law.changed] == [
        "第二百八十七条之三",
        "第三百六十三条之一",
        "第三百六十四条之一",
        "第三百六十六条",
        "第三百六十七条",
        "第三百六十七条之一",
    ]
