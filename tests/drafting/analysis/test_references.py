"""Cross-reference extraction: the hand-checked gold list and the forms one by one."""

from pathlib import Path

import pytest

from drafting.analysis.references import LawIndex, Target, article_references, law_references
from drafting.analysis.scoring import law_from_statute, read_gold, score
from proposals.statutes import parse_statute_file

LAW = Path(__file__).resolve().parents[3].parent / "shared/reference/statutes/criminal-law.md"
GOLD = Path(__file__).with_name("reference_gold.txt")


@pytest.fixture(scope="module")
def criminal_law() -> LawIndex:
    if not LAW.exists():
        pytest.skip(f"{LAW} is absent")
    return law_from_statute(parse_statute_file(LAW).articles)


def test_gold_list_precision_and_recall(criminal_law):
    gold = read_gold(GOLD, criminal_law)
    assert len(gold) >= 150
    result, missed, extra = score(gold, criminal_law)
    assert (missed, extra) == ([], [])
    assert result.precision >= 0.98 and result.recall >= 0.98


def test_whole_law_resolves_every_reference(criminal_law):
    references = law_references(criminal_law)
    assert len(references) > 350
    assert [r for r in references if r.problem] == []
    applying = [r for r in references if r.applies and r.targets == (Target(363, 0, 1),)]
    assert [r.article for r in applying] == [(363, 0)]


def law(**articles: list[str]) -> LawIndex:
    """A tiny law: law(a1=[...], a2=[...], a2_1=[...])."""
    keys = {}
    for name, paragraphs in articles.items():
        number, _, sub = name.removeprefix("a").partition("_")
        keys[(int(number), int(sub or 0))] = paragraphs
    return LawIndex(keys)


def refs(index: LawIndex, key=(3, 0)) -> list[tuple[str, tuple[str, ...], str]]:
    return [
        (r.text, tuple(t.code for t in r.targets), r.problem)
        for r in article_references(index, key)
    ]


def test_chains_ranges_items_and_previous_forms():
    index = law(
        a1=["甲。"],
        a2=["乙：\n（一）子；\n（二）丑；\n（三）寅。"],
        a2_1=["丙。"],
        a3=[
            "依照前条、本法第一条至第二条之一的规定处罚。",
            "有前款行为的，依照第二条第一款第二项、第三项的规定处罚。",
            "犯前两款罪的，依照本条第一款处罚；前项不适用。",
        ],
    )
    assert refs(index) == [
        ("前条", ("2-1",), ""),
        ("本法第一条至第二条之一", ("1", "2", "2-1"), ""),
        ("前款", ("3.1",), ""),
        ("第二条第一款第二项、第三项", ("2.1.2", "2.1.3"), ""),
        ("前两款", ("3.1", "3.2"), ""),
        ("本条第一款", ("3.1",), ""),
        ("前项", (), "前项 outside a second or later item"),
    ]


def test_unresolvable_references_are_reported_not_guessed():
    index = law(
        a1=["（删去）"],
        a3=["前款的规定。依照第九条、第一条的规定。违反第四款的。有第二项情形的。"],
    )
    assert refs(index) == [
        ("前款", (), "前款 in paragraph 1"),
        ("第九条、第一条", (), "no article 9; article 1 is repealed"),
        ("第四款", (), "no paragraph 3.4"),
        ("第二项", (), "which paragraph's item 2 is meant is unclear"),
    ]


def test_other_laws_are_external_and_apply_is_marked():
    index = law(a3=["依照《中华人民共和国治安管理处罚法》第五十条的规定处罚；适用本法第三条规定。"])
    first, second = article_references(index, (3, 0))
    assert first.external == "中华人民共和国治安管理处罚法"
    assert [t.code for t in first.targets] == ["50"] and first.applies
    assert second.text == "本法第三条" and second.applies and not second.external
