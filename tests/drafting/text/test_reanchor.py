import random

from drafting.text.anchoring import Anchor
from drafting.text.reanchor import Placement, reanchor, reanchor_many

EN = (
    "Article 236 Whoever rapes a woman shall be sentenced to fixed-term imprisonment of not less "
    "than three years but not more than ten years.\n"
    "Whoever has sexual relations with a girl under the age of fourteen shall be deemed to have "
    "committed rape and shall be given a heavier punishment.\n"
    "Where a unit commits the crime, the court shall impose a fine, and the court shall punish "
    "the persons directly in charge."
)
ZH = (
    "第二百三十六条　以暴力、胁迫或者其他手段强奸妇女的，处三年以上十年以下有期徒刑。\n"
    "奸淫不满十四周岁的幼女的，以强奸论，从重处罚。\n"
    "单位犯前款罪的，对单位判处罚金，并对其直接负责的主管人员，依照前款的规定处罚。"
)


def en_anchor(words, occurrence=1):
    return Anchor.locate(EN, words, language="en", occurrence=occurrence)


def zh_anchor(words, occurrence=1):
    return Anchor.locate(ZH, words, language="zh", occurrence=occurrence)


def test_unchanged_text_is_exact():
    anchor = en_anchor("a heavier punishment")

    assert reanchor(anchor, EN) == Placement(anchor.start, anchor.end, anchor.exact, "exact")


def test_text_inserted_before_moves_the_comment():
    anchor = zh_anchor("以强奸论")
    new = ZH.replace("第二百三十六条　", "第二百三十六条　【强奸罪】")

    placement = reanchor(anchor, new)

    assert placement.status == "moved"
    assert placement.start == anchor.start + len("【强奸罪】")
    assert new[placement.start : placement.end] == "以强奸论"


def test_a_word_changed_inside_the_quote_is_fuzzy():
    anchor = en_anchor("given a heavier punishment")
    new = EN.replace("given a heavier punishment", "given a severe punishment")

    placement = reanchor(anchor, new)

    assert placement.status == "fuzzy"
    assert placement.exact == "given a severe punishment"
    assert new[placement.start : placement.end] == placement.exact


def test_a_chinese_character_changed_inside_the_quote_is_fuzzy():
    anchor = zh_anchor("处三年以上十年以下有期徒刑")
    new = ZH.replace("处三年以上十年以下", "处五年以上十年以下")

    placement = reanchor(anchor, new)

    assert placement.status == "fuzzy"
    assert placement.exact == "处五年以上十年以下有期徒刑"


def test_long_quote_with_a_word_changed_in_the_middle_is_fuzzy():
    quote = "Whoever has sexual relations with a girl under the age of fourteen"
    anchor = en_anchor(quote)
    changed = quote.replace("a girl", "a child")
    new = "Article 1 amended.\n" + EN.replace(quote, changed)

    placement = reanchor(anchor, new)

    assert len(quote) > 32
    assert placement.status == "fuzzy"
    assert placement.exact == changed


def test_fuzzy_placement_never_splits_a_word():
    anchor = en_anchor("shall impose a fine")
    new = EN.replace("shall impose a fine", "shall impose fines")

    placement = reanchor(anchor, new)

    assert placement.status == "fuzzy"
    assert placement.exact == "shall impose fines"


def test_deleted_paragraph_orphans_the_comment_and_keeps_the_quote():
    anchor = zh_anchor("奸淫不满十四周岁的幼女")
    new = ZH.replace("奸淫不满十四周岁的幼女的，以强奸论，从重处罚。\n", "")

    assert reanchor(anchor, new) == Placement(None, None, "奸淫不满十四周岁的幼女", "orphaned")


def test_short_word_in_a_deleted_sentence_does_not_jump_to_another_sentence():
    at = EN.index("committed rape") + len("committed ")
    anchor = Anchor.at(EN, at, at + len("rape"), language="en")  # not "rapes" in Article 236
    new = EN.replace(
        "Whoever has sexual relations with a girl under the age of fourteen shall be deemed to "
        "have committed rape and shall be given a heavier punishment.\n",
        "",
    )

    assert reanchor(anchor, new).status == "orphaned"


def test_repeated_words_are_resolved_by_their_context():
    anchor = en_anchor("the court", occurrence=2)  # "...and the court shall punish..."
    new = EN.replace("Where a unit", "Where a company or other unit").replace(
        "the court shall impose", "the court may impose"
    )

    placement = reanchor(anchor, new)

    assert placement.status == "moved"
    assert new[placement.end :].startswith(" shall punish")


def test_repeated_words_with_changed_context_prefer_the_best_matching_context():
    anchor = zh_anchor("处罚", occurrence=3)  # "依照前款的规定处罚", after 从重处罚 and 判处罚金
    new = ZH.replace("从重处罚", "从重处罚，情节恶劣的，加重处罚").replace("主管人员，", "主管人员")

    placement = reanchor(anchor, new)

    assert placement.status == "moved"
    assert new[: placement.start].endswith("依照前款的规定")


def test_empty_new_text_orphans_everything():
    anchor = zh_anchor("从重处罚")

    assert reanchor(anchor, "") == Placement(None, None, "从重处罚", "orphaned")


def test_offsets_are_code_points():
    text = "𠀀𠀁 emoji 😀 then the words that matter."
    anchor = Anchor.locate(text, "the words", language="en")
    new = "😀😀 " + text

    placement = reanchor(anchor, new)

    assert anchor.start == text.index("the words")
    assert placement.status == "moved"
    assert placement.start == anchor.start + 3
    assert new[placement.start : placement.end] == "the words"


def test_many_anchors_keep_their_order():
    anchors = [zh_anchor("从重处罚"), en_anchor("a heavier punishment"), zh_anchor("判处罚金")]
    new = ZH.replace("判处罚金", "")

    placements = reanchor_many(anchors, new)

    assert [p.status for p in placements] == ["exact", "orphaned", "orphaned"]
    assert placements[1].exact == "a heavier punishment"


def test_words_changed_in_place_beat_a_copy_elsewhere_with_other_context():
    anchor = en_anchor("shall be given a heavier punishment")
    new = EN.replace("shall be given a heavier punishment", "shall be given a heavier penalty")
    new += "\nAny guardian who neglects a child shall be given a heavier punishment."

    placement = reanchor(anchor, new)

    assert placement.status == "fuzzy"
    assert placement.exact == "shall be given a heavier penalty"


def test_placements_always_point_at_their_words():
    rng = random.Random(11)
    for text, language in ((EN, "en"), (ZH, "zh")):
        for _ in range(100):
            start = rng.randrange(len(text) - 12)
            anchor = Anchor.at(text, start, start + rng.randint(1, 12), language=language)
            new = list(text)
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(new))
                new[at : at + rng.randint(0, 8)] = rng.choice(["", "X", "甲乙", " court "])
            new = "".join(new)

            placement = reanchor(anchor, new)

            if placement.status == "orphaned":
                assert placement == Placement(None, None, anchor.exact, "orphaned")
            else:
                assert 0 <= placement.start < placement.end <= len(new)
                assert new[placement.start : placement.end] == placement.exact
