"""Issue 11, part C: labels of the generated documents, one assertion per fact, with the source."""

import datetime

import pytest

from drafting.documents.changes import amendment_articles_zh
from drafting.documents.comparison import build_comparison
from drafting.documents.consolidated import build_consolidated
from drafting.documents.export import export, local_date
from drafting.documents.loading import ObligationNote, load_bill
from drafting.models import Provision
from proposals.binding import MARKERS_ZH, BindingStatus, binding_status
from proposals.models import Instrument
from proposals.statutes import parse_statute_file, statute_import
from tests.conftest import module_transaction
from tests.drafting.documents.builders import CRIMINAL_LAW, add_provision, article
from tests.factories import ArticleFactory, BillFactory, UserFactory

Op = Provision.Operation
HK = Instrument.HongKong


def status(**fields) -> BindingStatus:
    """The status of a mandatory obligation in an instrument with these fields."""
    defaults = {
        "kind": "treaty",
        "china_status": "not_party",
        "hong_kong": HK.NOT_APPLICABLE,
        "interprets_id": None,
    }
    instrument = Instrument(**{**defaults, **fields})
    return binding_status(instrument, "mandatory", instrument.binding_on_china)


@pytest.fixture(scope="module")
def shared_law_bill(django_db_setup, django_db_blocker):
    """A bill on the real Criminal Law, imported once for the module (rolled back at its end)."""
    if not CRIMINAL_LAW.exists():
        pytest.skip(f"{CRIMINAL_LAW} is absent")
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            bill = BillFactory(created_by=UserFactory(username="drafter1"))
            statute = parse_statute_file(CRIMINAL_LAW)
            statute_import(instrument=bill.target_instrument, statute=statute)
        yield bill


@pytest.fixture
def law_bill(shared_law_bill, db):
    """The module's bill on the Criminal Law; each test's writes roll back."""
    return shared_law_bill


# 30 ---------------------------------------------------------------------------------------------
def test_amendment_items_are_cited_as_articles_of_the_amendment():
    # NPC usage (criminal-law-amendment-09.md: items 一、二、… are its 条): 修正案第一条, not 第1项.
    assert amendment_articles_zh([1, 3]) == "（修正案第一条、第三条）"


@pytest.mark.django_db
def test_comparison_table_prints_the_amendment_article(bill):
    # Issue 11 item 30: "（第1项）" became "（修正案第一条）".
    add_provision(bill, Op.REPEAL_ARTICLE, ArticleFactory(instrument=bill.target_instrument))
    (row,) = build_comparison(load_bill(bill)).rows
    assert row.items_zh == "（修正案第一条）"


# 31 ---------------------------------------------------------------------------------------------
def test_binding_label():
    # Domain brief section 14.1: CRC and ILO C182 bind China.
    assert MARKERS_ZH[status(china_status="party")] == "【对中国有约束力】"


def test_opsc_label_keeps_its_hong_kong_qualifier():
    # Domain brief section 2: the OPSC binds mainland China and Macao, not Hong Kong.
    assert status(china_status="party", hong_kong=HK.DOES_NOT_APPLY) == BindingStatus.BINDING_NOT_HK


def test_signed_treaty_has_its_own_label():
    # Domain brief section 7: the UN Cybercrime Convention is signed, not ratified (VCLT art. 18).
    assert MARKERS_ZH[status(china_status="signatory")] == "【中国已签署、尚未批准，尚无约束力】"


def test_interpretive_soft_law_has_its_own_label():
    # Domain brief section 2: CRC/C/156 interprets the OPSC, which binds China.
    assert status(kind="soft_law", china_status="not_applicable", interprets_id=1) == (
        BindingStatus.INTERPRETIVE
    )


def test_model_law_has_its_own_label():
    # Domain brief section 8: ICMEC is a non-binding NGO benchmark.
    assert status(kind="model_law", china_status="not_applicable") == BindingStatus.MODEL_LAW


def test_regional_conventions_are_comparative_only():
    # Domain brief section 14.1: Budapest, Lanzarote and EU law are comparative only.
    assert MARKERS_ZH[status(kind="regional")] == "【仅供比较】"


def test_one_label_per_status():
    # Domain brief section 14.1: "label each linked obligation accordingly", one label each.
    assert len(set(MARKERS_ZH.values())) == len(BindingStatus.values)


# 32 ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_consolidated_subtitle_is_a_working_text(bill):
    # Issue 11 item 32: a draft amends nothing.
    assert "工作文本" in build_consolidated(load_bill(bill), articles=[]).subtitle_zh


def test_consolidated_keeps_the_official_history_note(law_bill):
    # criminal-law.md header: 1979, 1997 and Amendments I-XII.
    law = build_consolidated(load_bill(law_bill))
    assert law.history_zh[-1].endswith("《中华人民共和国刑法修正案（十二）》")


def test_consolidated_includes_the_annexes_art_452_cites(law_bill):
    # criminal-law.md: art. 452 refers to 附件一 and 附件二.
    assert [label for label, _ in build_consolidated(load_bill(law_bill)).annexes] == [
        "附件一",
        "附件二",
    ]


def test_consolidated_marks_the_changed_article(law_bill):
    # Issue 11 item 32: the articles the bill changes are marked.
    add_provision(law_bill, Op.REPEAL_ARTICLE, article(law_bill.target_instrument, 365))
    html = export(law_bill, "consolidated", "html").content.decode()
    assert "【本条由本修正案删去 · Deleted by this Amendment（修正案第一条）】" in html


# 38 (Akoma Ntoso dates) -------------------------------------------------------------------------
def test_akn_dates_are_beijing_dates():
    # Issue 11 item 38: a bill made at 01:00 on the 26th in Asia/Shanghai is dated the 26th.
    moment = datetime.datetime(2026, 11, 25, 17, 0, tzinfo=datetime.UTC)
    assert local_date(moment) == datetime.date(2026, 11, 26)


# 11 (in documents) ------------------------------------------------------------------------------
def test_documents_show_the_reservation_article():
    # Brief section 4: Budapest art. 9(4) allows a reservation to 9(1)(e).
    note = ObligationNote(
        "BUD-9-1-e", "持有", "", False, "full", "Budapest", "comparative", "art. 9(4)"
    )
    assert note.line_zh == "BUD-9-1-e【仅供比较】（完全满足）（可提出保留：art. 9(4)）：持有"
