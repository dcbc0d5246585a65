"""Three-way merge: non-overlapping changes both survive; overlapping ones are conflicts."""

from drafting.text.merge import merge3, touched_changes

BASE = "因生理缺陷有犯罪行为的，可以从轻处罚。"


def test_the_issue_example_keeps_both_changes():
    theirs = BASE.replace("生理", "生理学")
    mine = BASE.replace("有", "")
    merged = merge3(BASE, theirs, mine, "zh")
    assert merged.clean
    assert merged.text == "因生理学缺陷犯罪行为的，可以从轻处罚。"
    assert {m.side for m in merged.marks} == {"theirs", "mine"}
    deleted = [m.deleted for m in merged.marks if m.side == "mine"]
    assert deleted == ["有"]


def test_overlapping_changes_are_conflicts_with_all_three_versions():
    merged = merge3(BASE, BASE.replace("生理", "心理"), BASE.replace("生理", "物理"), "zh")
    assert not merged.clean
    (conflict,) = merged.conflicts
    assert (conflict.base, conflict.theirs, conflict.mine) == ("生", "心", "物")
    assert merged.text == BASE.replace("生理", "心理")  # nothing of theirs is lost


def test_the_same_change_on_both_sides_is_taken_once():
    same = BASE.replace("从轻", "减轻")
    merged = merge3(BASE, same, same, "zh")
    assert merged.clean and merged.text == same


def test_english_merges_by_word():
    base = "The offender shall be punished by a fine."
    theirs = base.replace("offender", "person")
    mine = base.replace("a fine", "imprisonment")
    merged = merge3(base, theirs, mine, "en")
    assert merged.text == "The person shall be punished by imprisonment."
    clash = merge3(base, base.replace("a fine", "a large fine"), mine, "en")
    assert [c.mine for c in clash.conflicts] == ["imprisonment"]


def test_line_breaks_and_unchanged_sides():
    base = "第一款。\n第二款。"
    assert merge3(base, base, base, "zh").text == base
    assert merge3(base, base + "\n第三款。", base, "zh").text == base + "\n第三款。"


def test_touched_changes_finds_a_colleagues_dropped_words():
    theirs = BASE.replace("生理", "生理学")
    assert touched_changes(BASE, theirs, theirs.replace("学", ""), "zh") == ["学"]
    assert touched_changes(BASE, theirs, theirs.replace("有", ""), "zh") == []
    removed = BASE.replace("有", "")
    assert touched_changes(BASE, removed, BASE, "zh") == ["有"]  # their deletion undone
