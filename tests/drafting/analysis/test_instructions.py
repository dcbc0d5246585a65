"""Each item checked against the law as the earlier items of the bill leave it."""

from drafting.analysis.instructions import ERROR, WARNING, check_items, paragraph_count
from drafting.documents.amendment import ItemSpec

LAW = {(1, 0): 3, (2, 0): 1, (2, 1): 2, (3, 0): 2}


def findings(*specs: ItemSpec, repealed=()):
    items = list(enumerate(specs, start=1))
    return [(f.item, f.severity, f.message) for f in check_items(items, LAW, repealed=repealed)]


def test_a_clean_bill_has_no_findings():
    assert (
        findings(
            ItemSpec("replace_paragraphs", 1, paragraphs=(3,), text_zh="甲。"),
            ItemSpec("insert_articles", 2, 1, text_zh="乙。"),
            ItemSpec("insert_paragraph", 3, paragraphs=(3,), text_zh="丙。"),
        )
        == []
    )


def test_a_paragraph_gone_after_an_earlier_repeal():
    assert findings(
        ItemSpec("repeal_paragraphs", 1, paragraphs=(2,)),
        ItemSpec("replace_paragraphs", 1, paragraphs=(3,), text_zh="甲。"),
    ) == [
        (2, WARNING, "第一条 is also changed by item 1"),
        (2, ERROR, "第一条 has paragraphs 1 to 2 at this point"),
    ]


def test_an_article_repealed_by_an_earlier_item_or_in_the_law():
    assert findings(
        ItemSpec("repeal_article", 3),
        ItemSpec("replace_article", 3, text_zh="甲。"),
        ItemSpec("replace_article", 9, text_zh="乙。"),
    ) == [
        (2, ERROR, "第三条 is repealed by an earlier item"),
        (3, ERROR, "第九条 is not in the law"),
    ]


def test_a_zhi_number_already_taken():
    assert findings(
        ItemSpec("insert_articles", 2, text_zh="甲。"),
        ItemSpec("insert_articles", 3, text_zh="乙。"),
        ItemSpec("insert_articles", 3, text_zh="丙。"),
    ) == [
        (1, ERROR, "第二条之一 already exists in the law"),
        (3, ERROR, "第三条之一 is already inserted by item 2"),
    ]


def test_inserting_a_paragraph_shifts_the_count_and_restating_resets_it():
    assert findings(
        ItemSpec("insert_paragraph", 3, paragraphs=(2,), text_zh="甲。"),
        ItemSpec("replace_paragraphs", 3, paragraphs=(3,), text_zh="乙。"),
        ItemSpec(
            "insert_paragraph",
            1,
            paragraphs=(2,),
            restate_article=True,
            text_zh="甲：\n（一）子\n乙。",
        ),
        ItemSpec("repeal_paragraphs", 1, paragraphs=(3,)),
    ) == [
        (2, WARNING, "第三条 is also changed by item 1"),
        (4, WARNING, "第一条 is also changed by item 3"),
        (4, ERROR, "第一条 has paragraphs 1 to 2 at this point"),
    ]


def test_paragraph_count_ignores_item_lines():
    assert paragraph_count("甲：\n（一）子；\n（二）丑。\n\n乙。\n") == 2
