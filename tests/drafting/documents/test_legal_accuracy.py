"""Issue 11, part B: the demo bill's text, links, rationales and comments, one assertion per fact.

Read from drafting/data/demo_bill.yaml (what every user sees first). Sources: the official Criminal
Law text (../shared/reference/statutes/criminal-law.md), the domain brief, and issue 11's review.
"""

import pytest
import yaml

from drafting.management.commands.load_demo import BILL_FILE

TERMS_OF_INSTRUMENTS = ("儿童色情", "儿童性虐待", "儿童性侵害", "儿童性剥削")


@pytest.fixture(scope="module")
def bill() -> dict:
    return yaml.safe_load(BILL_FILE.read_text(encoding="utf-8"))


def provision(bill: dict, target: str, operation: str | None = None) -> dict:
    (found,) = [
        p
        for p in bill["provisions"]
        if str(p["target_article"]) == target and operation in (None, p["operation"])
    ]
    return found


def final_zh(bill: dict, target: str, operation: str | None = None) -> list[str]:
    """The paragraphs of the provision's current (last) revision."""
    return provision(bill, target, operation)["revisions"][-1]["text_zh"].split("\n")


def links(bill: dict, target: str, operation: str | None = None) -> dict[str, dict]:
    return {link["obligation"]: link for link in provision(bill, target, operation)["links"]}


ART_363_1 = ("363",)
ART_287_3 = ("287-2",)
ART_364_1 = ("364",)
ART_366 = ("366",)
ART_367 = ("367", "insert_paragraph")
ART_367_1 = ("367", "insert_articles")


# 17 ---------------------------------------------------------------------------------------------
def test_title_is_amendment_thirteen(bill):
    # criminal-law.md history note: Amendment （十二） (29 Dec 2023) is the latest.
    assert bill["title_zh"] == "中华人民共和国刑法修正案（十三）（草案）"


# 18 ---------------------------------------------------------------------------------------------
def test_363_1_offering_a_person_under_18_is_suggested_and_accepted(bill):
    # ILO C182 art. 3(b): "using, procuring or offering a child" (brief section 3); the reviewer's
    # suggestion adds 提供 and the papers accept it (a new revision).
    (comment,) = [c for c in provision(bill, *ART_363_1)["comments"] if c.get("suggestion")]
    accepted = [step["accept"]["exact"] for step in bill["papers"] if "accept" in step]
    assert (comment["suggestion"].endswith("、提供"), comment["exact"] in accepted) == (True, True)


def test_ilo182_3_b_link_is_partial_while_performances_stay_under_365(bill):
    # Brief section 3: art. 3(b) also covers pornographic performances (CL art. 365 unchanged).
    assert links(bill, *ART_363_1)["ILO182-3-b"]["extent"] == "partial"


# 19 ---------------------------------------------------------------------------------------------
def test_rationale_no_longer_claims_appearance_through_the_age_rule(bill):
    # 367-1(1) fixes actual age; 367-1(2) is a rule of proof (issue 11 item 19).
    assert "through the age rule" not in links(bill, *ART_367)["BUD-9-2-3"]["rationale"]


def test_eu_limb_iii_is_stated_as_not_adopted(bill):
    # Brief section 6: art. 2(c)(iii) persons appearing to be a child.
    assert "not adopted" in links(bill, *ART_367)["EU-2-c"]["rationale"]


# 20 ---------------------------------------------------------------------------------------------
def test_opsc_8_2_is_not_claimed_by_the_rule_of_proof(bill):
    # Brief section 2: art. 8(2) is about starting investigations, not proof at conviction.
    assert "OPSC-8-2" not in links(bill, *ART_367_1)


# 21 ---------------------------------------------------------------------------------------------
def test_363_1_carries_the_codes_concurrence_clause(bill):
    # CL arts. 286-1(3) and 287-2(3) (official text): 同时构成其他犯罪的，依照处罚较重的规定定罪处罚.
    assert (
        final_zh(bill, *ART_363_1)[-1]
        == "有前三款行为，同时构成其他犯罪的，依照处罚较重的规定定罪处罚。"
    )


# 22 ---------------------------------------------------------------------------------------------
def test_purpose_is_written_yi_wei_mudi(bill):
    # CL arts. 152 and 363 (official text) express purpose as 以…为目的.
    assert "以贩卖、传播为目的而持有" in final_zh(bill, *ART_363_1)[0]


def test_wei_chuanbo_er_chiyou_is_gone(bill):
    # Issue 11 item 22.
    assert "为传播而持有" not in final_zh(bill, *ART_363_1)[0]


# 23 ---------------------------------------------------------------------------------------------
def test_287_3_omission_needs_an_order_and_a_refusal(bill):
    # CL art. 286-1 (official text): 经监管部门责令采取改正措施而拒不改正.
    assert "经监管部门责令采取改正措施而拒不改正" in final_zh(bill, *ART_287_3)[2]


def test_287_3_omission_is_capped_at_three_years(bill):
    # CL art. 5 proportionality; art. 286-1 caps at three years (official text).
    assert "七年" not in final_zh(bill, *ART_287_3)[2]


def test_287_3_no_longer_punishes_every_report(bill):
    # Issue 11 item 23: any 举报 was a trigger.
    assert "举报" not in "".join(final_zh(bill, *ART_287_3))


# 24 ---------------------------------------------------------------------------------------------
def test_287_3_help_is_open_to_anyone(bill):
    # CL art. 287-2 (official text): advertising and payment help is not limited to providers.
    assert final_zh(bill, *ART_287_3)[1].startswith("明知他人实施本法第三百六十三条之一规定的行为")


def test_287_3_predicate_is_every_act_of_363_1(bill):
    # Issue 11 item 24: the predicate omitted 复制、出版、贩卖、进口、出口.
    assert "实施本法第三百六十三条之一规定的行为" in final_zh(bill, *ART_287_3)[0]


# 25 ---------------------------------------------------------------------------------------------
def test_366_lack_of_supervision_fines_only_the_unit(bill):
    # Brief sections 4-5: Budapest art. 12(2), Lanzarote art. 26(2) make the legal person liable.
    assert final_zh(bill, *ART_366)[1].endswith(
        "致使本单位工作人员为单位利益实施本节第三百六十三条之一规定之罪的，对单位判处罚金。"
    )


def test_366_is_not_linked_to_confiscation_and_closure(bill):
    # Brief section 2: OPSC art. 7 is seizure, confiscation and closure of premises, not fines.
    assert "OPSC-7" not in links(bill, *ART_366)


# 26 ---------------------------------------------------------------------------------------------
def test_realistic_images_carry_the_sexual_content_qualifier(bill):
    # Issue 11 item 26: 包括…前述内容的逼真图像.
    assert "前述内容的逼真图像" in final_zh(bill, *ART_367)[3]


def test_no_benti_di_kuan_in_the_bill(bill):
    # criminal-law.md (official text): 本条第…款 never occurs; the Code writes 第一款.
    assert not [p for p in bill["provisions"] if "本条第" in p["revisions"][-1]["text_zh"]]


def test_actual_age_applies_to_real_persons_only(bill):
    # Issue 11 item 26: actual age cannot apply to generated images.
    assert "被表现的人真实存在的，以物品制作时其实际年龄计算" in final_zh(bill, *ART_367_1)[0]


# 27 ---------------------------------------------------------------------------------------------
def test_364_1_no_longer_carries_the_exception(bill):
    # Issue 11 item 27: the exception to an earlier article moves to a general clause.
    assert len(final_zh(bill, *ART_364_1)) == 1


def test_general_exception_in_367_1_reaches_287_3(bill):
    # Issue 11 item 27.
    assert (
        "实施本法第二百八十七条之三、第三百六十三条之一、第三百六十四条之一规定的行为"
        in final_zh(bill, *ART_367_1)[2]
    )


# 28 ---------------------------------------------------------------------------------------------
def test_fangwen_comment_cites_the_2004_interpretation(bill):
    # interpretation-2004-11.md art. 6(4): 强制用户访问、下载 (official text); Regulations art. 36
    # uses 访问 for personal data.
    (comment,) = provision(bill, *ART_364_1)["comments"]
    assert "Fa Shi [2004] No. 11 art. 6(4)" in comment["body"]


# 29 ---------------------------------------------------------------------------------------------
def test_self_generated_exception_for_16_and_17_year_olds(bill):
    # Brief section 5 (Lanzarote art. 20(3)), section 6 (Directive art. 8); CL art. 17 (official
    # text) makes 16 the age of full criminal responsibility.
    assert final_zh(bill, *ART_367_1)[3].startswith("已满十六周岁不满十八周岁的人，经双方同意")


# Terminology ------------------------------------------------------------------------------------
def test_the_bill_uses_one_term_for_the_material(bill):
    # Issue 11: our drafting says 未成年人性剥削物品; instruments' terms only when quoting them.
    texts = "".join(p["revisions"][-1]["text_zh"] for p in bill["provisions"])
    assert [term for term in TERMS_OF_INSTRUMENTS if term in texts] == []
