"""Issue 11, part D: the Chinese catalogue says what legislative Chinese means, one fact each."""

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from drafting.web.bills import item_message_args
from drafting.web.forms_bills import law_name
from proposals.models import Instrument, Obligation
from proposals.names_zh import body_zh
from proposals.numerals import article_ref_zh

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


# 33 ---------------------------------------------------------------------------------------------
def test_no_is_fou():
    # Issue 11 item 33: the CSV's binding column said 说明 for "no".
    assert gettext("no") == "否"


# 34 ---------------------------------------------------------------------------------------------
def test_jurisdiction_as_obligation_kind_is_guanxiaquan():
    # Issue 11 item 34: the obligation kind means 管辖（权） (OPSC art. 4, brief section 2).
    assert str(Obligation.Kind.JURISDICTION.label) == "管辖权"


def test_jurisdiction_as_legal_system_stays_fayu():
    # Issue 11 item 34: the Jurisdiction model (China, United States, ...) is a 法域.
    assert gettext("jurisdiction") == "法域"


# 35 ---------------------------------------------------------------------------------------------
def test_confidence_below_k_is_not_called_medium():
    # Brief section 0: [M] and [L] are both below [K].
    assert gettext("Confidence below [K]: verify before citing.") == "可信度低于K：引用前请核实"


# 36 ---------------------------------------------------------------------------------------------
def test_approved_is_not_tongguo():
    # Issue 11 item 36: 通过 is adoption by the NPC or its Standing Committee.
    assert gettext("approved") == "已审阅同意"


def test_approve_button_is_shenyue_tongyi():
    # Issue 11 item 36.
    assert gettext("Approve") == "审阅同意"


def test_before_the_bill_is_before_the_amendment_is_adopted():
    # Issue 11 item 36: 修正案通过前, not 草案通过前.
    assert gettext("Before the bill") == "修正案通过前"


def test_enacted_bill_status_keeps_tongguo():
    # Legislation Law usage: an enacted amendment is 通过 by the NPCSC.
    assert gettext("enacted") == "已通过"


# 37 ---------------------------------------------------------------------------------------------
def test_binding_instruments_include_accession():
    # Issue 11 item 37; brief section 7 (China acceded to the VCLT): 已批准或加入.
    assert "已批准或加入" in gettext(
        "Treaties, protocols, PRC laws and comparative texts, with China's status. Only "
        "instruments China has ratified bind it."
    )


def test_hong_kong_flag_keeps_chinas_declaration():
    # Brief section 2: the OPSC territorial declaration is China's.
    assert gettext("Does not apply to Hong Kong (China's declaration).") == (
        "不适用于香港特别行政区（中国声明）"
    )


def test_hong_kong_is_called_the_sar():
    # Issue 11 item 37: 香港特别行政区.
    assert gettext("does not apply to Hong Kong") == "不适用于香港特别行政区"


# 38 ---------------------------------------------------------------------------------------------
def test_article_references_are_chinese_on_chinese_pages():
    # Issue 11 item 38: "儿童权利公约 art. 1".
    assert article_ref_zh("art. 1") == "第1条"


def test_adopting_body_is_chinese_on_chinese_pages():
    # Issue 11 item 38: "通过机关 National People's Congress".
    assert body_zh("National People's Congress") == "全国人民代表大会"


def test_law_name_is_chinese_on_chinese_pages():
    # Issue 11 item 38: "Criminal Law 中没有…这一条".
    assert law_name(Instrument(short_title_en="Criminal Law", short_title_zh="刑法")) == "刑法"


def test_added_item_message_uses_chinese_numeral_and_title():
    # Issue 11 item 38: "已增加第一、项：<English title>".
    class Item:
        position, title_zh, title_en = 3, "单位犯罪", "Unit liability"

    assert item_message_args(Item()) == {"number": "三", "title": "单位犯罪"}


def test_comment_form_button_differs_from_its_label():
    # Issue 11 item 38: label and submit button were both 意见.
    assert pgettext("submit button", "Comment") == "提交意见"


def test_label_separator_is_a_full_width_colon():
    # Issue 11 item 38: no ASCII colons after Chinese labels.
    assert pgettext("label separator", ": ") == "："


def test_form_labels_end_in_a_full_width_colon():
    # Issue 11 item 38: Django's own label suffix (every form's label_tag) too.
    from django import forms

    class Form(forms.Form):
        title = forms.CharField(label="标题")

    assert Form()["title"].label_tag() == '<label for="id_title">标题：</label>'


def test_dashboard_dates_are_iso():
    # Issue 11 item 38: 11/26/2026 on the dashboard, 2026-11-26 elsewhere.
    assert "SHORT_DATE_FORMAT" not in (TEMPLATES / "drafting/dashboard.html").read_text()


# Terminology ------------------------------------------------------------------------------------
def test_ui_speaks_of_the_material_in_the_bills_term():
    # Issue 11: one term for our drafting (未成年人性剥削物品); instruments' terms only when quoted.
    assert "未成年人性剥削物品" in gettext(
        "Cites CIPA or COPA, which are not CSAM criminal statutes: check this citation."
    )


def test_the_bill_is_caogan_on_every_page():
    # One word for the bill in the Chinese interface: 草案 (the import and impact pages said 议案).
    catalogue = (TEMPLATES.parent / "locale/zh_Hans/LC_MESSAGES/django.po").read_text()
    translations = [line for line in catalogue.splitlines() if line.startswith("msgstr")]
    assert not [line for line in translations if "议案" in line]
    assert gettext("Open the bill") == "打开草案"
