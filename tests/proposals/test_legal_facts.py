"""Issue 11, part A: each corrected fact of the reference data, pinned with its source.

One assertion per fact. "Brief" is ../shared/reference/domain-brief.md; "issue" is issue 11's review,
used only where the brief is silent (and then named as such).
"""

from datetime import date

import pytest

from proposals.binding import BindingStatus
from proposals.models import Assessment, Confidence, Instrument, Obligation

pytestmark = pytest.mark.usefixtures("reference")

HK = Instrument.HongKong


def instrument(code: str) -> Instrument:
    return Instrument.objects.get(code=code)


def obligation(code: str) -> Obligation:
    return Obligation.objects.select_related("instrument").get(code=code)


def china(code: str) -> Assessment:
    return Assessment.objects.get(jurisdiction__code="CN", obligation__code=code)


# --- 1. CRC/C/156: adopted 30 May 2019; 10 Sep 2019 is the document date -------------------------


def test_crc_c_156_adopted_30_may_2019():
    # Brief section 2: "adopted at the Committee's 81st session (30 May 2019), document dated 10 Sep".
    assert instrument("CRC-C-156").adopted_on == date(2019, 5, 30)


def test_crc_c_156_document_date_is_named_as_such():
    # Brief section 2.
    assert "document dated 10 Sep 2019" in instrument("CRC-C-156").summary_en


# --- 2. Dates of different kinds ------------------------------------------------------------------


def test_minors_online_regulations_adopted_20_sep_2023():
    # Brief section 9.5: adopted at the State Council executive meeting 20 Sep 2023.
    assert instrument("PRC-MINORS-ONLINE").adopted_on == date(2023, 9, 20)


def test_minors_online_regulations_promulgated_16_oct_2023():
    # Brief section 9.5: signed/promulgated 16 Oct 2023.
    assert instrument("PRC-MINORS-ONLINE").promulgated_on == date(2023, 10, 16)


def test_budapest_adopted_by_the_committee_of_ministers_8_nov_2001():
    # Issue 11 item 2 (the brief gives only the opening for signature).
    assert instrument("BUDAPEST").adopted_on == date(2001, 11, 8)


def test_budapest_opened_for_signature_23_nov_2001():
    # Brief section 4 [V].
    assert instrument("BUDAPEST").opened_for_signature_on == date(2001, 11, 23)


def test_lanzarote_adopted_12_jul_2007():
    # Issue 11 item 2.
    assert instrument("LANZAROTE").adopted_on == date(2007, 7, 12)


def test_lanzarote_opened_for_signature_25_oct_2007():
    # Brief section 5 [V].
    assert instrument("LANZAROTE").opened_for_signature_on == date(2007, 10, 25)


def test_japan_act_52_of_1999_promulgated_26_may_1999():
    # Brief section 10: "promulgated 26 May 1999".
    assert instrument("JP-ACT-52-1999").promulgated_on == date(1999, 5, 26)


def test_japan_act_52_of_1999_has_no_adoption_date_claimed():
    # Brief section 10 gives no date of adoption by the Diet.
    assert instrument("JP-ACT-52-1999").adopted_on is None


def test_uk_online_safety_act_date_is_royal_assent_not_adoption():
    # Brief section 10: Royal Assent 26 Oct 2023.
    assert instrument("UK-OSA-2023").promulgated_on == date(2023, 10, 26)


# --- 3. 批准 is the NPCSC decision; deposit dates stored apart --------------------------------------


def test_crc_npcsc_decision_29_dec_1991():
    # Brief section 1: NPCSC approved ratification 29 Dec 1991 [V, secondary].
    assert instrument("CRC").china_approved_on == date(1991, 12, 29)


def test_crc_deposit_2_mar_1992():
    # Brief section 1: instrument deposited 2 Mar 1992 [K].
    assert instrument("CRC").china_deposited_on == date(1992, 3, 2)


def test_opsc_npcsc_decision_29_aug_2002():
    # Brief section 2: NPCSC decision adopted 29 Aug 2002 [V].
    assert instrument("OPSC").china_approved_on == date(2002, 8, 29)


def test_opsc_deposit_3_dec_2002():
    # Brief section 2: instrument deposited 3 Dec 2002 [M].
    assert instrument("OPSC").china_deposited_on == date(2002, 12, 3)


def test_opsc_deposit_date_is_medium_confidence():
    # Brief sections 2 and 14.6: "OPSC deposit date 3 Dec 2002 [M]".
    assert instrument("OPSC").china_deposited_confidence == Confidence.MEDIUM


def test_ilo182_npcsc_approval_is_medium_confidence():
    # Brief section 3: "NPCSC approval June 2002 (29 Jun 2002) [M]".
    assert instrument("ILO182").china_approved_confidence == Confidence.MEDIUM


def test_opsc_dates_are_flagged_verify_before_citing():
    # Brief section 14.6.
    assert instrument("OPSC").dates_verify is True


# --- 4. Hong Kong: tri-state, set per instrument -----------------------------------------------


def test_criminal_law_does_not_apply_in_hong_kong():
    # Issue 11 item 4: PRC national laws do not apply in Hong Kong (Basic Law art. 18, Annex III).
    assert instrument("PRC-CL").hong_kong == HK.DOES_NOT_APPLY


def test_minors_protection_law_does_not_apply_in_hong_kong():
    # Issue 11 item 4 (Basic Law art. 18, Annex III).
    assert instrument("PRC-MPL").hong_kong == HK.DOES_NOT_APPLY


def test_every_prc_instrument_does_not_apply_in_hong_kong():
    # Issue 11 item 4: every instrument of PRC national law.
    assert set(
        Instrument.objects.filter(jurisdiction__code="CN").values_list("hong_kong", flat=True)
    ) == {HK.DOES_NOT_APPLY}


def test_us_code_hong_kong_not_applicable():
    # Issue 11 item 4: foreign laws: not applicable.
    assert instrument("US-18-USC-2251-2260").hong_kong == HK.NOT_APPLICABLE


def test_budapest_hong_kong_not_applicable():
    # Brief section 4: China is not a party.
    assert instrument("BUDAPEST").hong_kong == HK.NOT_APPLICABLE


def test_un_cybercrime_convention_hong_kong_not_applicable():
    # Brief section 7: signed, not ratified, not in force; no territorial declaration.
    assert instrument("UNCC").hong_kong == HK.NOT_APPLICABLE


def test_opsc_does_not_apply_to_hong_kong():
    # Brief section 2: territorial declaration [V].
    assert instrument("OPSC").hong_kong == HK.DOES_NOT_APPLY


def test_ilo182_applies_to_hong_kong():
    # Brief section 3: declared applicable to Hong Kong and Macao [V].
    assert instrument("ILO182").hong_kong == HK.APPLIES


def test_crc_hong_kong_status_is_shown_as_verify_before_citing():
    # The brief does not settle the CRC's application in Hong Kong: confidence below [K].
    assert instrument("CRC").hong_kong_confidence == Confidence.MEDIUM


# --- 5-8. Kinds, adopting bodies, titles --------------------------------------------------------


def test_2023_opinions_are_a_joint_normative_document():
    # Issue 11 item 5; brief section 9.3: SPC/SPP/MPS/MOJ Opinions, Gao Jian Fa [2023] No. 4.
    assert instrument("PRC-OPINIONS-2023").kind == Instrument.Kind.NORMATIVE


def test_2020_mandatory_reporting_opinions_are_a_joint_normative_document():
    # Issue 11 item 5; brief section 9.3: SPP + 8 agencies, Gao Jian Fa [2020] No. 9.
    assert instrument("PRC-REPORTING-2020").kind == Instrument.Kind.NORMATIVE


def test_judicial_interpretations_are_spc_spp_instruments_only():
    # Issue 11 item 5: only SPC/SPP instruments are 司法解释.
    bodies = set(
        Instrument.objects.filter(kind=Instrument.Kind.INTERPRETATION).values_list(
            "adopting_body", flat=True
        )
    )
    assert bodies == {"Supreme People's Court and Supreme People's Procuratorate"}


def test_framework_decision_2004_68_is_a_framework_decision():
    # Brief section 6: Council Framework Decision 2004/68/JHA.
    assert instrument("EU-FD-2004-68").kind == Instrument.Kind.FRAMEWORK_DECISION


def test_criminal_procedure_law_2018_amended_by_the_npcsc():
    # Issue 11 item 7: the 2018 amendment was adopted by the NPC Standing Committee.
    assert instrument("PRC-CPL").adopting_body == "NPC Standing Committee"


def test_uk_online_safety_act_is_zaixian_anquan_fa():
    # Issue 11 item 8: 在线安全法, not 网络安全法 (the PRC Cybersecurity Law).
    assert instrument("UK-OSA-2023").short_title_zh == "2023年在线安全法（英国）"


def test_australian_online_safety_act_is_zaixian_anquan_fa():
    # Issue 11 item 8.
    assert instrument("AU-OSA-2021").short_title_zh == "2021年在线安全法（澳大利亚）"


def test_wangluo_anquan_fa_names_only_the_prc_cybersecurity_law():
    # Issue 11 item 8: no foreign title collides with 网络安全法.
    assert [i.code for i in Instrument.objects.all() if "网络安全法" in i.short_title_zh] == [
        "PRC-CSL"
    ]


# --- 9-11. Obligation kinds and strengths -------------------------------------------------------


def test_crc_34_c_is_a_duty_to_prevent():
    # Brief section 1: art. 34 "take ... measures to prevent"; criminalization is OPSC art. 3.
    assert obligation("CRC-34-c").kind == Obligation.Kind.PREVENTION


def test_crc_19_2_is_not_mandatory():
    # Brief section 1: protective measures "should include" these procedures (issue: "as appropriate").
    assert obligation("CRC-19-2").strength == Obligation.Strength.RECOMMENDED


def test_crc_19_2_is_labelled_hortatory_in_a_binding_treaty():
    # Brief section 14.1 (CRC binds China) with art. 19(2)'s hortatory wording.
    assert obligation("CRC-19-2").binding_status == BindingStatus.HORTATORY


def test_budapest_possession_is_mandatory_and_reservable_under_9_4():
    # Brief section 4: art. 9(4) allows a reservation to 9(1)(e).
    assert (obligation("BUD-9-1-e").strength, obligation("BUD-9-1-e").reservable_under) == (
        "mandatory",
        "art. 9(4)",
    )


def test_budapest_definition_reservable_for_9_2_b_and_c():
    # Brief section 4: art. 9(4) allows a reservation to 9(2)(b) and 9(2)(c).
    assert obligation("BUD-9-2-3").reservable_under == "art. 9(4), for 9(2)(b) and 9(2)(c)"


def test_budapest_procuring_reservable_for_9_1_d():
    # Brief section 4: art. 9(4) allows a reservation to 9(1)(d).
    assert obligation("BUD-9-1").reservable_under == "art. 9(4), for item (d) only"


def test_lanzarote_access_is_mandatory_and_reservable_under_20_4():
    # Brief section 5: art. 20(4) allows a reservation to 20(1)(f).
    assert (obligation("LAN-20-1-f").strength, obligation("LAN-20-1-f").reservable_under) == (
        "mandatory",
        "art. 20(4)",
    )


def test_reservable_obligations_are_all_mandatory():
    # Issue 11 item 11: one rule: strength mandatory plus the reservable flag.
    strengths = set(
        Obligation.objects.exclude(reservable_under="").values_list("strength", flat=True)
    )
    assert strengths == {"mandatory"}


# --- 12-13. China's baseline -----------------------------------------------------------------


def test_china_opsc_3_2_is_partial():
    # Issue 11 item 12: attempt and complicity reach only as far as the underlying offences.
    assert china("OPSC-3-2").level == "partial"


def test_china_opsc_3_1_c_cites_smuggling_article_152():
    # Criminal Law art. 152(1) (official text): smuggling obscene articles for profit or dissemination.
    assert "152" in china("OPSC-3-1-c").citation


def test_china_opsc_3_1_c_relies_on_preparation_article_22():
    # Criminal Law art. 22 (official text): criminal preparation.
    assert china("OPSC-3-1-c").relies_on.filter(number=22).exists()


def test_china_opsc_3_1_c_no_longer_says_import_is_not_covered():
    # Criminal Law art. 152(1) covers import and export for profit or dissemination.
    assert "art. 152(1)" in china("OPSC-3-1-c").note_en


# --- 14-15. Comparative rows ------------------------------------------------------------------


def test_uk_icmec_5_is_medium_confidence():
    # Brief section 10: SI 2025/368 commencement date [M].
    assert (
        Assessment.objects.get(jurisdiction__code="GB", obligation__code="ICMEC-5").confidence
        == "M"
    )


def test_uk_rows_say_england_and_wales():
    # Brief section 10: "United Kingdom (England & Wales)".
    assert Assessment.objects.filter(jurisdiction__code="GB").first().jurisdiction.name_en == (
        "United Kingdom (England and Wales)"
    )


def test_copa_penalty_is_attributed_to_copa():
    # Issue 11 item 15: $50,000 or six months is COPA's, 47 U.S.C. § 231(a)(1).
    assert "§ 231(a)(1)" in instrument("US-COPA").summary_en


def test_cipa_summary_names_the_conflation():
    # Issue 11 item 15: the paper attributes COPA's penalty to CIPA.
    assert "conflated" in instrument("US-CIPA").summary_en
