"""修改对照表: rows per changed article, marks only where the text changed."""

from drafting.documents.comparison import build_comparison
from drafting.documents.loading import load_bill
from drafting.models import Provision
from tests.drafting.documents.builders import add_provision, article, link
from tests.factories import ArticleFactory, ObligationFactory

Op = Provision.Operation
P1 = "违反国家规定，实施本条规定行为的，处三年以下有期徒刑、拘役或者管制。"
P2 = "单位犯前款罪的，对单位判处罚金，并对其直接负责的主管人员依照前款的规定处罚。"
P3 = "有前两款行为，同时构成其他犯罪的，依照处罚较重的规定定罪处罚。"


def marks(lines) -> set[str]:
    return {kind for line in lines for _, kind in line}


def table(bill):
    return build_comparison(load_bill(bill))


def law_article(bill, number=301, paragraphs=(P1, P2, P3)):
    return ArticleFactory(instrument=bill.target_instrument, number=number, paragraphs=paragraphs)


def test_replacing_paragraph_two_marks_only_paragraph_two(bill):
    target = law_article(bill)
    add_provision(
        bill, Op.REPLACE_PARAGRAPHS, target, P2.replace("罚金", "罚金或者没收财产"), paragraphs=[2]
    )
    (row,) = table(bill).rows
    assert row.kind == "amended" and row.label == "第三百零一条"
    assert [row.before[0], row.before[2]] == [[(P1, "equal")], [(P3, "equal")]]
    assert [row.after[0], row.after[2]] == [[(P1, "equal")], [(P3, "equal")]]
    assert marks(row.before[1:2]) == {"equal"}  # nothing was deleted from paragraph 2
    inserted = [text for text, kind in row.after[1] if kind == "insert"]
    assert inserted == ["或者没收财产"]
    assert row.after_text == "\n".join([P1, P2.replace("罚金", "罚金或者没收财产"), P3])


def test_changed_words_are_struck_before_and_added_after(bill):
    target = law_article(bill, paragraphs=[P1])
    add_provision(bill, Op.REPLACE_ARTICLE, target, P1.replace("三年", "五年"))
    (row,) = table(bill).rows
    assert [t for t, k in row.before[0] if k == "delete"] == ["三"]
    assert [t for t, k in row.after[0] if k == "insert"] == ["五"]
    assert row.before_text == P1


def test_inserted_article_has_empty_before(bill):
    target = law_article(bill)
    add_provision(bill, Op.INSERT_ARTICLES, target, "本法所称儿童，是指未满十八周岁的人。")
    (row,) = table(bill).rows
    assert row.kind == "inserted" and row.label == "第三百零一条之一"
    assert row.before == []
    assert row.after == [[("本法所称儿童，是指未满十八周岁的人。", "insert")]]


def test_two_inserted_articles_are_split_at_their_labels(bill):
    target = law_article(bill)
    text = "第三百零一条之一 甲罪的规定。\n（一）第一项；\n第三百零一条之二 乙罪的规定。"
    add_provision(bill, Op.INSERT_ARTICLES, target, text, insert_count=2)
    rows = table(bill).rows
    assert [r.label for r in rows] == ["第三百零一条之一", "第三百零一条之二"]
    assert rows[0].after_text == "甲罪的规定。\n（一）第一项；"
    assert rows[1].after_text == "乙罪的规定。"


def test_repealed_article_has_empty_after(bill):
    target = law_article(bill)
    add_provision(bill, Op.REPEAL_ARTICLE, target)
    (row,) = table(bill).rows
    assert row.kind == "repealed"
    assert row.after == []
    assert marks(row.before) == {"delete"} and row.before_text == "\n".join([P1, P2, P3])


def test_repealed_paragraph_is_struck_and_gone_after(bill):
    target = law_article(bill)
    add_provision(bill, Op.REPEAL_PARAGRAPHS, target, paragraphs=[2])
    (row,) = table(bill).rows
    assert row.before[1] == [(P2, "delete")]
    assert row.after == [[(P1, "equal")], [(P3, "equal")]]


def test_inserted_paragraph_is_added_in_place(bill):
    target = law_article(bill)
    add_provision(bill, Op.INSERT_PARAGRAPH, target, "新增一款。", paragraphs=[2])
    (row,) = table(bill).rows
    assert row.after == [
        [(P1, "equal")],
        [("新增一款。", "insert")],
        [(P2, "equal")],
        [(P3, "equal")],
    ]
    assert marks(row.before) == {"equal"}


def test_restated_article_with_new_paragraph_keeps_others_unmarked(bill):
    target = law_article(bill, paragraphs=[P1, P2])
    add_provision(
        bill, Op.INSERT_PARAGRAPH, target, f"{P1}\n新增第二款。\n{P2}", paragraphs=[2], restate=True
    )
    (row,) = table(bill).rows
    assert row.after == [[(P1, "equal")], [("新增第二款。", "insert")], [(P2, "equal")]]


def test_items_on_one_article_make_one_row(bill):
    target = law_article(bill)
    add_provision(bill, Op.REPLACE_PARAGRAPHS, target, "改写第一款。", paragraphs=[1])
    add_provision(bill, Op.REPEAL_PARAGRAPHS, target, paragraphs=[3])
    (row,) = table(bill).rows
    assert row.item_numbers == [1, 2]
    assert row.after_text == "改写第一款。\n" + P2


def test_rows_follow_the_law_and_skip_withdrawn(bill):
    later, earlier, dropped = law_article(bill, 320), law_article(bill, 310), law_article(bill, 315)
    add_provision(bill, Op.REPEAL_ARTICLE, later)
    add_provision(bill, Op.REPEAL_ARTICLE, dropped, status=Provision.Status.WITHDRAWN)
    add_provision(bill, Op.REPEAL_ARTICLE, earlier)
    assert [r.number for r in table(bill).rows] == [310, 320]


def test_obligations_are_the_active_links_with_binding_flag(bill):
    target = law_article(bill)
    provision = add_provision(bill, Op.REPEAL_ARTICLE, target)
    binding = ObligationFactory(code="OPSC-3-1-c", binding_on_china=True)
    comparative = ObligationFactory(code="LANZ-20", binding_on_china=False)
    gone = ObligationFactory(code="GONE-1")
    link(provision, binding)
    link(provision, comparative, extent="partial")
    link(provision, gone, removed=True)
    (row,) = table(bill).rows
    assert {(o.code, o.binding) for o in row.obligations} == {
        ("OPSC-3-1-c", True),
        ("LANZ-20", False),
    }
    # The printed labels are Chinese legal text, not English tags.
    printed = {o.code: (o.marker_zh, o.extent_zh) for o in row.obligations}
    assert printed == {
        "OPSC-3-1-c": ("【对中国有约束力】", "完全满足"),
        "LANZ-20": ("【仅供比较】", "部分满足"),
    }


def test_real_law_rows_for_each_operation(bill, criminal_law):
    law = criminal_law
    add_provision(
        bill,
        Op.REPLACE_PARAGRAPHS,
        article(law, 363),
        "为他人提供书号，出版淫秽书刊的，处三年以下有期徒刑、拘役或者管制，并处罚金。",
        paragraphs=[2],
    )
    add_provision(
        bill, Op.INSERT_ARTICLES, article(law, 367), "本法所称儿童性侵害材料，是指……的材料。"
    )
    add_provision(bill, Op.REPEAL_ARTICLE, article(law, 365))
    add_provision(bill, Op.REPEAL_PARAGRAPHS, article(law, 364), paragraphs=[4])
    add_provision(bill, Op.INSERT_PARAGRAPH, article(law, 237), "新增一款。", paragraphs=[4])
    add_provision(
        bill, Op.REPLACE_ARTICLE, article(law, 366), "单位犯本节规定之罪的，依照各该条的规定处罚。"
    )
    rows = {r.label: r for r in table(bill).rows}
    assert list(rows) == [
        "第二百三十七条",
        "第三百六十三条",
        "第三百六十四条",
        "第三百六十五条",
        "第三百六十六条",
        "第三百六十七条之一",
    ]
    first_363 = article(law, 363).paragraphs.get(number=1).text_zh
    assert rows["第三百六十三条"].before[0] == [(first_363, "equal")]
    assert rows["第三百六十三条"].after[0] == [(first_363, "equal")]
    assert rows["第三百六十七条之一"].before == []
    assert rows["第三百六十五条"].after == []
    assert rows["第三百六十四条"].before[-1] == [
        ("向不满十八周岁的未成年人传播淫秽物品的，从重处罚。", "delete")
    ]
    assert len(rows["第三百六十四条"].after) == 3
    assert ("新增一款。", "insert") in [
        run for line in rows["第二百三十七条"].after for run in line
    ]


def test_an_inserted_article_reference_is_marked_from_its_separator(bill):
    """A character diff would mark 三条之一、第三百六十; the table marks 、第三百六十三条之一."""
    old = "单位犯本节第三百六十三条、第三百六十四条规定之罪的，对单位判处罚金。"
    new = "单位犯本节第三百六十三条、第三百六十三条之一、第三百六十四条规定之罪的，对单位判处罚金。"
    target = law_article(bill, paragraphs=[old])
    add_provision(bill, Op.REPLACE_ARTICLE, target, new)
    (row,) = table(bill).rows
    assert [t for t, k in row.after[0] if k == "insert"] == ["、第三百六十三条之一"]
    assert row.before == [[(old, "equal")]]
    assert row.after_text == new


def test_sliding_keeps_both_texts_and_leaves_a_seamed_edit_alone():
    from drafting.documents.comparison import _slide

    assert _slide("第三百六十三条、第三百六十", "三条之一、第三百六十", "四条") == (
        "第三百六十三条",
        "、第三百六十三条之一",
        "、第三百六十四条",
    )
    assert _slide("处三年以下有期徒刑，", "并处罚金，", "情节严重的") == (
        "处三年以下有期徒刑，",
        "并处罚金，",
        "情节严重的",
    )
    assert _slide("甲乙", "丙", "丁") == ("甲乙", "丙", "丁")  # nowhere better: unchanged
