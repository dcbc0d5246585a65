"""Benchmark redlines and re-anchoring on realistic statute-sized revision pairs.

Run from the repository root: `.venv/bin/python bench/redline.py`
"""

import difflib
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafting.text.anchoring import Anchor  # noqa: E402
from drafting.text.diff import diff_text, redline_html, side_by_side  # noqa: E402
from drafting.text.reanchor import reanchor_many  # noqa: E402

RUNS = 15

ZH_SUBJECTS = [
    "负有监护、收养、看护、教育、医疗等特殊职责的人员",
    "国家机关工作人员",
    "任何单位和个人",
    "学校、幼儿园和其他教育机构",
    "网络服务提供者",
    "父母或者其他监护人",
    "已满十六周岁的人",
    "人民检察院",
]
ZH_ACTS = [
    "与该未成年女性发生性关系的",
    "组织、强迫未成年人进行有偿陪侍的",
    "以营利为目的，传播淫秽物品的",
    "利用网络对未成年人实施猥亵的",
    "虐待被监护、看护的未成年人，情节恶劣的",
    "拐卖儿童或者收买被拐卖的儿童的",
    "明知是未成年人而提供毒品的",
    "侵犯未成年人隐私，造成严重后果的",
]
ZH_PENALTIES = [
    "处三年以下有期徒刑",
    "处五年以上十年以下有期徒刑",
    "处十年以上有期徒刑或者无期徒刑",
    "处三年以下有期徒刑、拘役或者管制，并处或者单处罚金",
    "依照前款的规定从重处罚",
    "应当依法追究刑事责任",
]
ZH_CLAUSES = [
    "有前款行为，同时构成其他犯罪的，依照处罚较重的规定定罪处罚。",
    "单位犯前款罪的，对单位判处罚金，并对其直接负责的主管人员和其他直接责任人员，依照前款的规定处罚。",
    "本条所称未成年人，是指未满十八周岁的公民。",
    "对未成年被害人的陈述，应当采取必要措施保护其隐私。",
    "情节特别严重的，处十年以上有期徒刑或者无期徒刑，并处没收财产。",
]
ZH_EDITS = ["情节严重的，", "或者", "并处罚金", "未成年人", "依法", "特别"]

EN_SUBJECTS = [
    "Any person who has a special duty of guardianship, adoption, care, education or medical treatment",
    "A functionary of a State organ",
    "Any unit or individual",
    "A school, kindergarten or other educational institution",
    "A network service provider",
    "A parent or other guardian",
    "A person who has reached the age of sixteen",
]
EN_ACTS = [
    "has sexual relations with a minor female under his or her guardianship",
    "organises or forces a minor to provide paid companionship",
    "disseminates obscene articles for the purpose of profit",
    "commits indecency against a minor by means of a network",
    "maltreats a minor under his or her guardianship or care, where the circumstances are flagrant",
    "abducts and trafficks a child or buys a child who has been abducted",
    "knowingly provides narcotic drugs to a minor",
]
EN_PENALTIES = [
    "shall be sentenced to fixed-term imprisonment of not more than three years",
    "shall be sentenced to fixed-term imprisonment of not less than five years "
    "but not more than ten years",
    "shall be sentenced to fixed-term imprisonment of not less than ten years or life imprisonment",
    "shall be given a heavier punishment in accordance with the preceding paragraph",
    "shall be investigated for criminal liability in accordance with the law",
]
EN_CLAUSES = [
    "Where the conduct specified in the preceding paragraph also constitutes another crime, "
    "the offender shall be convicted and punished under the provision carrying the heavier "
    "penalty.",
    "Where a unit commits the crime specified in the preceding paragraph, it shall be fined, "
    "and the persons who are directly in charge and the other persons who are directly "
    "responsible for the crime shall be punished in accordance with that paragraph.",
    'For the purposes of this Article, "minor" means a citizen under the age of eighteen.',
    "Where the circumstances are especially serious, the offender shall also be sentenced to "
    "confiscation of property.",
]
EN_EDITS = ["where the circumstances are serious,", "or", "and a fine", "minor", "knowingly"]


def zh_statute(rng: random.Random, size: int) -> str:
    """Chinese statute text of about size characters: numbered articles, one per line."""
    articles, length, number = [], 0, 1
    while length < size:
        body = "".join(
            rng.choice(ZH_SUBJECTS) + rng.choice(ZH_ACTS) + "，" + rng.choice(ZH_PENALTIES) + "。"
            for _ in range(rng.randint(1, 3))
        )
        article = f"第{number}条　{body}{rng.choice(ZH_CLAUSES)}"
        articles.append(article)
        length += len(article) + 1
        number += 1
    return "\n".join(articles)


def en_statute(rng: random.Random, words: int) -> str:
    """English statute text of about the given number of words: numbered articles, one per line."""
    articles, count, number = [], 0, 1
    while count < words:
        body = " ".join(
            f"{rng.choice(EN_SUBJECTS)} who {rng.choice(EN_ACTS)} {rng.choice(EN_PENALTIES)}."
            for _ in range(rng.randint(1, 3))
        )
        article = f"Article {number} {body} {rng.choice(EN_CLAUSES)}"
        articles.append(article)
        count += len(article.split())
        number += 1
    return "\n".join(articles)


def revise(rng: random.Random, text: str, edits: list[str], every: int, unit: str) -> str:
    """Scattered edits about every `every` characters: replacements, insertions and deletions.

    With unit " " (English) edits fall on word boundaries and remove whole words, as drafters do.
    """
    pieces, pos = [], 0
    while pos < len(text):
        step = rng.randint(every // 2, every * 3 // 2)
        if unit == " ":
            step = max(_next_space(text, pos + step) - pos, 1)
        pieces.append(text[pos : pos + step])
        pos += step
        if pos >= len(text):
            break
        kind = rng.choice(("replace", "insert", "delete"))
        if kind == "insert":
            pieces.append(rng.choice(edits) + unit)
        elif kind == "delete":
            pos += _span(rng, text, pos, unit, 2, 12)
        else:
            pos += _span(rng, text, pos, unit, 1, 6)
            pieces.append(rng.choice(edits) + unit)
    return "".join(pieces)


def _next_space(text: str, at: int) -> int:
    """The position just after the next space at or after at (or the end of text)."""
    found = text.find(" ", at)
    return len(text) if found < 0 else found + 1


def _span(rng: random.Random, text: str, pos: int, unit: str, low: int, high: int) -> int:
    """How many characters an edit at pos removes: characters (zh) or 1-2 whole words (en)."""
    if unit != " ":
        return rng.randint(low, high)
    end = pos
    for _ in range(rng.randint(1, 2)):
        end = _next_space(text, end)
    return end - pos


def time_ms(func, *args) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of RUNS calls (CPU time shows through a busy machine)."""
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        func(*args)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return walls, cpus


def report(name: str, timings: tuple[list[float], list[float]], target: float | None) -> None:
    walls, cpus = timings
    median = statistics.median(walls)
    verdict = "" if target is None else (" ok" if median < target else " SLOW")
    limit = "" if target is None else f" target<{target:g}"
    print(
        f"{name:<48} median {median:8.2f} ms  min {min(walls):8.2f}  max {max(walls):8.2f}  "
        f"cpu median {statistics.median(cpus):8.2f}{limit}{verdict}"
    )


def redline(old: str, new: str, language: str) -> None:
    """The full work of a redline page: diff, inline HTML and side-by-side HTML."""
    ops = diff_text(old, new, language)
    redline_html(ops)
    side_by_side(ops)


def difflib_redline(old: str, new: str, language: str) -> None:
    """difflib reference: English by words; Chinese by lines, then characters in changed lines.

    (difflib on all 150,000 characters at once is quadratic: minutes, not milliseconds.)
    """
    if language == "en":
        list(
            difflib.SequenceMatcher(
                None, old.split(" "), new.split(" "), autojunk=False
            ).get_opcodes()
        )
        return
    a, b = old.splitlines(), new.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "replace":
            old_chars, new_chars = "\n".join(a[i1:i2]), "\n".join(b[j1:j2])
            difflib.SequenceMatcher(None, old_chars, new_chars, autojunk=False).get_opcodes()


def difflib_chars(old: str, new: str) -> None:
    """difflib reference: plain character-level SequenceMatcher."""
    difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def anchors_on(rng: random.Random, text: str, count: int, language: str) -> list[Anchor]:
    """count anchors on words-sized spans spread over text (whole words in English)."""
    anchors = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 80)
        length = rng.randint(2, 12) if language == "zh" else rng.randint(6, 60)
        end = start + length
        if language == "en":
            start = _next_space(text, start)
            end = text.find(" ", start + length)
        anchors.append(Anchor.at(text, start, end, language=language))
    return anchors


def edit_each(rng: random.Random, text: str, anchors: list[Anchor], edits: list[str]) -> str:
    """The text with a word inside every anchor replaced: the slow, fuzzy path for all of them."""
    pieces, pos = [], 0
    for anchor in sorted(anchors, key=lambda a: a.start):
        middle = (anchor.start + anchor.end) // 2
        if middle <= pos:
            continue
        pieces.append(text[pos:middle])
        pieces.append(rng.choice(edits))
        pos = middle + 1
    pieces.append(text[pos:])
    return "".join(pieces)


def main() -> None:
    rng = random.Random(20240611)
    en_old = en_statute(rng, 5000)
    en_new = revise(rng, en_old, EN_EDITS, 400, " ")
    zh_old = zh_statute(rng, 150_000)
    zh_new = revise(rng, zh_old, ZH_EDITS, 1500, "")
    anchor_old = zh_statute(rng, 20_000)
    anchor_new = revise(rng, anchor_old, ZH_EDITS, 300, "")
    anchors = anchors_on(rng, anchor_old, 200, "zh")
    en_anchor_old = en_statute(rng, 3300)
    en_anchor_new = revise(rng, en_anchor_old, EN_EDITS, 300, " ")
    en_anchors = anchors_on(rng, en_anchor_old, 200, "en")

    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"Python {sys.version.split()[0]}, {RUNS} runs per case, {os.cpu_count()} CPUs, load {load}"
    )
    print(
        f"en pair: {len(en_old.split())} words, {len(en_old)} chars, "
        f"{len(diff_text(en_old, en_new, 'en'))} ops"
    )
    print(f"zh pair: {len(zh_old)} chars, {len(diff_text(zh_old, zh_new, 'zh'))} ops")
    report("redline en 5,000 words", time_ms(redline, en_old, en_new, "en"), 10)
    report("redline zh 150,000 chars", time_ms(redline, zh_old, zh_new, "zh"), 150)
    report("  diff_text only, en", time_ms(diff_text, en_old, en_new, "en"), None)
    report("  diff_text only, zh", time_ms(diff_text, zh_old, zh_new, "zh"), None)
    report("  difflib reference, en words", time_ms(difflib_redline, en_old, en_new, "en"), None)
    report(
        "  difflib reference, zh lines+chars", time_ms(difflib_redline, zh_old, zh_new, "zh"), None
    )
    report(
        "  difflib reference, zh chars (first 10,000)",
        time_ms(difflib_chars, zh_old[:10_000], zh_new[:10_000]),
        None,
    )
    report(
        "  diff_text, zh (first 10,000)",
        time_ms(diff_text, zh_old[:10_000], zh_new[:10_000], "zh"),
        None,
    )
    report(
        f"reanchor_many zh 200 anchors, {len(anchor_old)} chars",
        time_ms(reanchor_many, anchors, anchor_new),
        None,
    )
    report(
        f"reanchor_many en 200 anchors, {len(en_anchor_old)} chars",
        time_ms(reanchor_many, en_anchors, en_anchor_new),
        None,
    )
    en_edited = edit_each(rng, en_anchor_old, en_anchors, ["X", "the"])
    report(
        "reanchor_many en 200 anchors, all words edited",
        time_ms(reanchor_many, en_anchors, en_edited),
        None,
    )
    zh_edited = edit_each(rng, anchor_old, anchors, ["甲", "或者"])
    report(
        "reanchor_many zh 200 anchors, all words edited",
        time_ms(reanchor_many, anchors, zh_edited),
        None,
    )
    for label, found in (
        ("zh", reanchor_many(anchors, anchor_new)),
        ("en", reanchor_many(en_anchors, en_anchor_new)),
        ("zh all edited", reanchor_many(anchors, zh_edited)),
        ("en all edited", reanchor_many(en_anchors, en_edited)),
    ):
        statuses = statistics.multimode([p.status for p in found])
        counts = {s: sum(p.status == s for p in found) for s in ("exact", "moved", "fuzzy")}
        counts["orphaned"] = sum(p.status == "orphaned" for p in found)
        print(f"  {label} placements: {counts} (most common: {', '.join(statuses)})")


if __name__ == "__main__":
    main()
