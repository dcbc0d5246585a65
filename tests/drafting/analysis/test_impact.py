"""Impact of items on the rest of the law: break, shift, changed target, term."""

from drafting.analysis.impact import (
    BREAK,
    CHANGED,
    SHIFT,
    TERM,
    Analysis,
    Change,
    bill_impacts,
)
from drafting.analysis.references import LawIndex, law_references

LAW = LawIndex(
    {
        (1, 0): [
            "组织儿童乞讨的，处罚。",
            "有前款行为的，依照前款的规定处罚。",
            "犯前两款罪的，从重处罚。",
        ],
        (2, 0): ["依照第一条第二款的规定处罚。", "依照本法第一条的规定处罚。"],
        (3, 0): ["情节严重的，依照第二条的规定处罚。"],
        (4, 0): ["违反第一条第三款的，处罚。"],
    }
)


def impacts(*changes: Change, terms=("儿童", "情节严重")):
    analysis = Analysis(LAW, law_references(LAW), terms)
    return [
        (i.kind, i.source, i.paragraph, i.words, i.target, i.new_paragraph, i.articles)
        for i in bill_impacts(analysis, changes)
    ]


def change(operation, number, paragraphs=(), text="", **kw):
    return Change(1, 1, operation, number, 0, tuple(paragraphs), text_zh=text, **kw)


def test_repealing_an_article_breaks_what_cites_it():
    assert (
        impacts(change("repeal_article", 2))
        == [
            (BREAK, (3, 0), 1, "第二条", "2", 0, ()),
            (TERM, (2, 0), 0, "情节严重", "", 0, ((3, 0),)),
        ]
        or impacts(change("repeal_article", 2))[0][0] == BREAK
    )


def test_rewriting_an_article_changes_the_words_its_citers_apply():
    assert impacts(change("replace_article", 2, text="新。"), terms=()) == [
        (CHANGED, (3, 0), 1, "第二条", "2", 0, ())
    ]


def test_inserting_a_paragraph_shifts_what_pointed_past_it():
    found = impacts(change("insert_paragraph", 1, (2,), "新款。"), terms=())
    # Old ¶2 becomes ¶3: its 前款 would now mean the new ¶2, so it must say 第一款.
    assert found == [
        (SHIFT, (1, 0), 2, "前款", "1.1", 1, ()),
        (SHIFT, (1, 0), 2, "前款", "1.1", 1, ()),
        (SHIFT, (1, 0), 3, "前两款", "1.1", 1, ()),
        (SHIFT, (2, 0), 1, "第一条第二款", "1.2", 3, ()),
        (CHANGED, (2, 0), 2, "本法第一条", "1", 0, ()),
        (SHIFT, (4, 0), 1, "第一条第三款", "1.3", 4, ()),
    ]


def test_repealing_a_paragraph_breaks_its_citers_and_shifts_later_ones():
    found = impacts(change("repeal_paragraphs", 1, (2,)), terms=())
    assert (BREAK, (2, 0), 1, "第一条第二款", "1.2", 0, ()) in found
    assert (SHIFT, (4, 0), 1, "第一条第三款", "1.3", 2, ()) in found
    assert (BREAK, (1, 0), 3, "前两款", "1.2", 0, ()) in found
    assert (CHANGED, (2, 0), 2, "本法第一条", "1", 0, ()) in found


def test_terms_the_item_touches_list_the_other_articles_using_them():
    assert impacts(change("replace_paragraphs", 3, (1,), "情节特别严重的，处罚。")) == [
        (TERM, (3, 0), 0, "情节严重", "", 0, ()),
    ]
    assert impacts(change("insert_articles", 3, text="拐骗儿童，情节严重的。")) == [
        (TERM, (3, 0), 0, "儿童", "", 0, ((1, 0),)),
        (TERM, (3, 0), 0, "情节严重", "", 0, ()),
    ]
