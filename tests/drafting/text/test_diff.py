import random
import re

from drafting.text.diff import Op, change_count, diff_text, redline_html, redline_runs, side_by_side

EN_OLD = (
    "Whoever has sexual relations with a minor shall bear criminal liability.\n"
    "A parent or other guardian shall be punished in accordance with the preceding paragraph."
)


def marks(ops):
    return "".join(
        op.text
        if op.kind == "equal"
        else f"[-{op.text}-]"
        if op.kind == "delete"
        else f"{{+{op.text}+}}"
        for op in ops
    )


def old_and_new(ops):
    old = "".join(op.text for op in ops if op.kind != "insert")
    new = "".join(op.text for op in ops if op.kind != "delete")
    return old, new


def test_chinese_one_character_change_is_one_change_with_one_id():
    ops = diff_text("处三年以下有期徒刑。", "处五年以下有期徒刑。", "zh")

    html = redline_html(ops)

    assert marks(ops) == "处[-三-]{+五+}年以下有期徒刑。"
    assert change_count(ops) == 1
    assert html.count('id="chg-1"') == 1
    assert html.count('data-change="1"') == 2
    assert "chg-2" not in html


def test_english_word_change_shows_whole_words():
    ops = diff_text(EN_OLD, EN_OLD.replace("liability", "liabilities"), "en")

    assert Op("delete", "liability") in ops
    assert Op("insert", "liabilities") in ops
    assert change_count(ops) == 1


def test_english_changes_never_split_a_word():
    new = EN_OLD.replace("minor", "minors").replace("punished", "punishable").replace("A ", "Any ")

    ops = diff_text(EN_OLD, new, "en")

    words_old, words_new = set(re.findall(r"\w+", EN_OLD)), set(re.findall(r"\w+", new))
    for op in ops:
        if op.kind != "equal":
            assert set(re.findall(r"\w+", op.text)) <= (
                words_old if op.kind == "delete" else words_new
            )
    assert "[-minor-]{+minors+}" in marks(ops)


def test_neighbouring_changed_words_read_as_one_change():
    ops = diff_text("The quick brown fox.", "The slow red fox.", "en")

    assert marks(ops) == "The [-quick brown-]{+slow red+} fox."


def test_chinese_stray_shared_character_is_absorbed_into_the_change():
    ops = diff_text("的，从重处罚。", "的，处五年以下有期徒刑。", "zh")

    assert marks(ops) == "的，[-从重处罚-]{+处五年以下有期徒刑+}。"


def test_changes_are_numbered_in_reading_order():
    ops = diff_text("第一条 甲。第二条 乙。第三条 丙。", "第一条 子。第二条 乙。第三条 寅。", "zh")

    html = redline_html(ops)

    assert change_count(ops) == 2
    assert html.index('id="chg-1"') < html.index('id="chg-2"')


def test_html_is_escaped():
    old = 'Article 1 <script>alert("x")</script> & more'
    new = 'Article 2 <script>alert("y")</script> & more'

    ops = diff_text(old, new, "en")
    html = redline_html(ops)
    left, right = side_by_side(ops)

    for out in (html, left, right):
        assert "<script" not in out
        assert "&lt;script&gt;" in out
        assert "&amp; more" in out


def test_newlines_are_kept_for_pre_wrap():
    ops = diff_text("第一条\n第二条", "第一条\n第三条", "zh")

    assert "第一条\n第" in redline_html(ops)


def test_side_by_side_pairs_change_ids():
    new = EN_OLD.replace("minor", "child").replace("or other guardian ", "")
    new = "Article 1 " + new

    ops = diff_text(EN_OLD, new, "en")
    left, right = side_by_side(ops)

    count = change_count(ops)
    assert count == 3
    for n in range(1, count + 1):
        assert left.count(f'id="chg-{n}-old"') == 1
        assert right.count(f'id="chg-{n}-new"') == 1
    assert "<ins" not in left
    assert "<del" not in right
    assert 'redline-gap" id="chg-1-old"' in left  # pure insertion: a placeholder on the left
    assert 'redline-gap" id="chg-3-new"' in right  # pure deletion: a placeholder on the right


def test_empty_texts():
    assert diff_text("", "", "zh") == []
    assert redline_html([]) == ""
    assert side_by_side([]) == ("", "")
    assert change_count([]) == 0
    assert diff_text("", "新增条文", "zh") == [Op("insert", "新增条文")]
    assert diff_text("Repealed.", "", "en") == [Op("delete", "Repealed.")]


def test_unchanged_text_has_no_changes():
    ops = diff_text(EN_OLD, EN_OLD, "en")

    assert ops == [Op("equal", EN_OLD)]
    assert change_count(ops) == 0
    assert "<ins" not in redline_html(ops)


def test_runs_merge_neighbours_and_rebuild_both_texts():
    ops = [Op("equal", "a"), Op("equal", "b"), Op("delete", "c"), Op("insert", "d")]

    assert list(redline_runs(ops)) == [("ab", "equal"), ("c", "delete"), ("d", "insert")]


def test_redline_always_rebuilds_old_and_new_text():
    rng = random.Random(7)
    pieces = {
        "zh": ["未成年人", "的，", "处三年以下有期徒刑", "\n", "𠀀", "情节严重"],
        "en": ["minor ", "liability, ", "shall be ", "\n", "person's ", "  "],
    }
    for language, words in pieces.items():
        for _ in range(50):
            old = "".join(rng.choice(words) for _ in range(rng.randint(0, 30)))
            new = list(old)
            for _ in range(rng.randint(0, 5)):
                at = rng.randint(0, len(new))
                new[at : at + rng.randint(0, 4)] = rng.choice(words)
            new = "".join(new)

            ops = diff_text(old, new, language)

            assert old_and_new(ops) == (old, new)
            assert all(op.text for op in ops)
            assert "".join(text for text, kind in redline_runs(ops) if kind != "insert") == old
