"""The consolidated law: the whole statute with the bill applied, in a fixed number of queries."""

import pytest

from drafting.documents.consolidated import build_consolidated
from drafting.documents.loading import load_bill
from drafting.documents.render import render_html
from drafting.models import Provision
from tests.drafting.documents.builders import CRIMINAL_LAW, add_provision, article
from tests.factories import ArticleFactory

Op = Provision.Operation


def consolidated(bill):
    return build_consolidated(load_bill(bill))


def by_label(law):
    return {a.label: a for a in law.articles}


def test_small_law_with_each_operation(bill):
    law = bill.target_instrument
    a1 = ArticleFactory(instrument=law, number=1, heading_zh="第一编 总则 / 第一章 任务")
    a2 = ArticleFactory(instrument=law, number=2, heading_zh="第一编 总则 / 第一章 任务")
    a3 = ArticleFactory(instrument=law, number=3, heading_zh="第一编 总则 / 第二章 犯罪")
    a4 = ArticleFactory(instrument=law, number=4, heading_zh="第二编 分则 / 第一章 某罪")
    add_provision(bill, Op.INSERT_ARTICLES, a1, "新增条文。")
    add_provision(bill, Op.REPEAL_ARTICLE, a2)
    add_provision(bill, Op.REPLACE_PARAGRAPHS, a3, "改写的第二款。", paragraphs=[2])
    add_provision(bill, Op.REPEAL_PARAGRAPHS, a4, paragraphs=[1])
    result = consolidated(bill)
    assert [a.label for a in result.articles] == [
        "第一条",
        "第一条之一",
        "第二条",
        "第三条",
        "第四条",
    ]
    articles = by_label(result)
    assert articles["第一条"].status == "unchanged"
    assert articles["第一条之一"].status == "inserted"
    assert articles["第一条之一"].text() == "第一条之一 新增条文。"
    assert articles["第二条"].text() == "第二条 （删去）"
    assert articles["第三条"].paragraphs[1] == "改写的第二款。"
    assert articles["第四条"].paragraphs == [a4.paragraphs.get(number=2).text_zh]
    assert [a.status for a in result.changed] == ["inserted", "repealed", "amended", "amended"]
    # Headings open where the path changes, each level once.
    assert articles["第一条"].headings == [(1, "第一编 总则"), (2, "第一章 任务")]
    assert articles["第一条之一"].headings == []
    assert articles["第三条"].headings == [(2, "第二章 犯罪")]
    assert articles["第四条"].headings == [(1, "第二编 分则"), (2, "第一章 某罪")]


def test_changed_articles_are_flagged_in_html(bill):
    target = ArticleFactory(instrument=bill.target_instrument, number=5)
    add_provision(bill, Op.REPEAL_ARTICLE, target)
    html = render_html("consolidated", consolidated(bill))
    assert "本条由本修正案删去" in html
    assert "第五条</span> （删去）" in html


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow(bill, django_assert_num_queries, count):
    law = bill.target_instrument
    articles = [ArticleFactory(instrument=law, number=n) for n in range(1, count + 1)]
    for target in articles[: count // 3]:
        add_provision(bill, Op.REPLACE_PARAGRAPHS, target, "新的第一款。", paragraphs=[1])
    # provisions, their paragraphs, obligation links; the law's articles, paragraphs and annexes.
    with django_assert_num_queries(6):
        result = consolidated(bill)
    assert len(result.articles) == count


def test_the_real_criminal_law_consolidated(bill, criminal_law, django_assert_num_queries):
    law = criminal_law
    add_provision(
        bill, Op.INSERT_ARTICLES, article(law, 367), "本法所称儿童性侵害材料，是指……的材料。"
    )
    add_provision(bill, Op.REPEAL_ARTICLE, article(law, 365))
    add_provision(bill, Op.REPEAL_PARAGRAPHS, article(law, 364), paragraphs=[4])
    add_provision(
        bill,
        Op.REPLACE_PARAGRAPHS,
        article(law, 363),
        "为他人提供书号的，处三年以下有期徒刑。",
        paragraphs=[2],
    )
    with django_assert_num_queries(6):  # the five above and the annexes (附件一, 附件二)
        result = consolidated(bill)
    assert len(result.articles) == 506
    articles = by_label(result)
    labels = [a.label for a in result.articles]
    assert labels.index("第三百六十七条之一") == labels.index("第三百六十七条") + 1
    # 第三百六十八条 opens 第七章, after the article inserted at the end of 第六章.
    assert articles["第三百六十八条"].headings[0][1].startswith("第七章")
    assert articles["第三百六十五条"].text() == "第三百六十五条 （删去）"
    # The same form as the NPC's consolidated text for 第一百九十九条 (repealed by Amendment IX).
    official = next(
        line
        for line in CRIMINAL_LAW.read_text(encoding="utf-8").splitlines()
        if line.startswith("第一百九十九条")
    )
    assert articles["第一百九十九条"].text() == official
    assert len(articles["第三百六十四条"].paragraphs) == 3
    assert articles["第三百六十三条"].paragraphs[1] == "为他人提供书号的，处三年以下有期徒刑。"
    assert articles["第一条"].headings[0] == (1, "第一编 总则")
    unchanged = [a for a in result.articles if not a.changed]
    assert len(unchanged) == 502
