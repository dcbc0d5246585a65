"""The 修正案 built from a bill's provisions: Amendment XII rebuilt character for character."""

import datetime
import re

from drafting.documents.amendment_document import build_amendment
from drafting.documents.loading import load_bill
from drafting.models import Provision
from proposals.numerals import from_chinese, parse_article_label
from tests.drafting.documents.builders import STATUTES, add_provision, article
from tests.factories import ArticleFactory

Op = Provision.Operation
XII = STATUTES / "criminal-law-amendment-12.md"
NUM = "[零一二三四五六七八九十百千]+"
LEADS = [
    (
        re.compile(rf"^在刑法(第{NUM}条)中增加一款作为第({NUM})款，将该条修改为："),
        Op.INSERT_PARAGRAPH,
    ),
    (re.compile(rf"^将刑法(第{NUM}条)第({NUM})款修改为："), Op.REPLACE_PARAGRAPHS),
    (re.compile(rf"^将刑法(第{NUM}条)修改为："), Op.REPLACE_ARTICLE),
]


def official_xii() -> tuple[str, list[list[str]]]:
    """The title and the items of Amendment XII, each as its list of paragraphs."""
    text = XII.read_text(encoding="utf-8")
    title = text.splitlines()[0].removeprefix("# ")
    items: list[list[str]] = []
    for line in text.split("<!-- INFO END -->", 1)[1].splitlines():
        if not line.strip():
            continue
        if re.match(rf"^{NUM}、", line):
            items.append([line])
        else:
            items[-1].append(line)
    return title, items


def provision_from_item(bill, law, paragraphs: list[str]) -> None:
    """Read the operation, target and quoted text of one official item and add it as a provision."""
    first = re.sub(rf"^{NUM}、", "", paragraphs[0])
    found = [(m, op) for pattern, op in LEADS if (m := pattern.match(first))]
    assert found, f"unexpected item form: {first}"
    match, operation = found[0]
    number, sub = parse_article_label(match.group(1))
    quoted = [first[match.end() :], *paragraphs[1:]]
    lines = [p.removeprefix("“") for p in quoted]
    lines[-1] = lines[-1].removesuffix("”")
    numbers = [from_chinese(match.group(2))] if operation != Op.REPLACE_ARTICLE else []
    add_provision(
        bill,
        operation,
        article(law, number, sub),
        "\n".join(lines),
        paragraphs=numbers,
        restate=operation == Op.INSERT_PARAGRAPH,
    )


def test_amendment_xii_rebuilt_from_provisions(bill, criminal_law):
    title, items = official_xii()
    for paragraphs in items[:-1]:
        provision_from_item(bill, criminal_law, paragraphs)
    bill.title_zh = title
    bill.commencement_date = datetime.date(2024, 3, 1)
    bill.save()
    document = build_amendment(load_bill(bill))
    assert document.items_zh() == ["\n\n".join(p) for p in items]
    body = XII.read_text(encoding="utf-8").split("<!-- INFO END -->", 1)[1].strip()
    assert document.text_zh() == f"{title}\n\n{body}"
    assert document.closing_en == "8. This Amendment shall come into force on 1 March 2024."


def test_items_follow_provision_order_and_skip_withdrawn(bill):
    law = bill.target_instrument
    a, b, c = (ArticleFactory(instrument=law, number=n) for n in (310, 320, 330))
    add_provision(bill, Op.REPEAL_ARTICLE, b)
    add_provision(bill, Op.REPEAL_ARTICLE, c, status=Provision.Status.WITHDRAWN)
    add_provision(bill, Op.REPEAL_ARTICLE, a)
    document = build_amendment(load_bill(bill))
    assert document.items_zh() == [
        "一、删去刑法第三百二十条。",
        "二、删去刑法第三百一十条。",
        "三、本修正案自公布之日起施行。",
    ]
    assert document.text_en().splitlines()[2] == "1. Article 320 of the Criminal Law is deleted."


def test_english_rendering_beside_each_item(bill):
    target = ArticleFactory(instrument=bill.target_instrument, number=364)
    add_provision(
        bill,
        Op.REPLACE_PARAGRAPHS,
        target,
        "向未满十八周岁的人传播淫秽物品的，从重处罚。",
        paragraphs=[4],
        text_en="Whoever disseminates obscene articles to a person under 18 shall be given a heavier punishment.",
    )
    (item,) = build_amendment(load_bill(bill)).items
    assert item.paragraphs_zh == [
        "一、将刑法第三百六十四条第四款修改为：“向未满十八周岁的人传播淫秽物品的，从重处罚。”"
    ]
    assert item.paragraphs_en[0].startswith(
        "1. Paragraph 4 of Article 364 of the Criminal Law is amended to read: “Whoever"
    )


def test_a_provision_without_text_is_reported_not_dropped(bill):
    target = ArticleFactory(instrument=bill.target_instrument, number=364)
    add_provision(bill, Op.REPLACE_ARTICLE, target, "", title_zh="修改第三百六十四条")
    (item,) = build_amendment(load_bill(bill)).items
    assert item.error
    assert item.paragraphs_zh[0].startswith("一、【修改第三百六十四条：")
