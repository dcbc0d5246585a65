"""A bill from a 修正案 text: one provision per item, checked against the law, all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from drafting import services
from drafting.models import Bill, Provision
from tests.drafting.conftest import TEXT


def test_every_item_becomes_a_provision_in_order(drafter, law):
    bill, warnings = services.bill_import_amendment(actor=drafter, text=TEXT, target_instrument=law)
    assert warnings == []
    assert bill.title_zh == "中华人民共和国刑法修正案（草案）"
    assert bill.commencement_date == datetime.date(2026, 3, 1)
    provisions = list(bill.provisions.select_related("target_article", "current_revision"))
    assert [
        (p.position, p.operation, p.target_article.dotted, p.paragraphs) for p in provisions
    ] == [
        (1, "replace_article", "364", []),
        (2, "repeal_paragraphs", "360", [2]),
        (3, "insert_articles", "287-2", []),
        (4, "insert_paragraph", "363", [3]),
    ]
    assert provisions[0].current_revision.text_zh == "甲。\n乙。"
    assert bill.memberships.get().user == drafter


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("二、删去刑法第三百六十条第三款。", "item 2, line 7: 第三百六十条 has paragraphs 1 to 2"),
        ("二、删去刑法第三百六十一条第二款。", "item 2, line 7: 第三百六十一条 is not in the law"),
        ("二、把刑法第三百六十条删掉。", "item 2, line 7: not an amendment instruction"),
    ],
)
def test_one_bad_item_imports_nothing_and_names_item_and_line(drafter, law, bad, message):
    text = TEXT.replace("二、删去刑法第三百六十条第二款。", bad)
    before = (Bill.objects.count(), Provision.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.bill_import_amendment(actor=drafter, text=text, target_instrument=law)
    assert any(m.startswith(message) for m in caught.value.messages), caught.value.messages
    assert (Bill.objects.count(), Provision.objects.count()) == before


def test_a_zhi_number_taken_by_the_law_is_refused(drafter, law):
    text = TEXT.replace(
        "第二百八十七条之二后增加一条，作为第二百八十七条之三",
        "第二百八十七条后增加一条，作为第二百八十七条之一",
    )
    with pytest.raises(ValidationError, match="第二百八十七条之一 already exists"):
        services.bill_import_amendment(actor=drafter, text=text, target_instrument=law)


def test_two_items_on_one_article_import_with_a_warning(drafter, law):
    text = TEXT.replace("四、在刑法第三百六十三条中", "四、在刑法第三百六十条中").replace(
        "作为第三款", "作为第二款"
    )
    bill, warnings = services.bill_import_amendment(actor=drafter, text=text, target_instrument=law)
    assert warnings == ["item 4, line 11: 第三百六十条 is also changed by item 2"]
    assert bill.provisions.count() == 4
