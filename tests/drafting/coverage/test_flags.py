"""Flags of an obligation's row: binding gaps (and which come first), Hong Kong declarations,
and assessments to verify before citing."""

from drafting.coverage import GAP, NOT_HONG_KONG, VERIFY, compute_coverage, gaps_first, summary_data
from proposals.models import Instrument, Obligation
from tests.drafting.coverage.conftest import obligation, row
from tests.factories import InstrumentFactory


def test_non_binding_obligations_are_never_binding_gaps(bill, soft):
    obligation(soft, "SOFT-1", level="none", strength=Obligation.Strength.RECOMMENDED)
    r = row(bill, "SOFT-1")
    assert not r.binding and r.after == "none"
    assert not r.gap_after and GAP not in r.flag_codes()
    coverage = compute_coverage(bill)
    assert coverage.summary.gaps_after == 0
    # Listed among the other open obligations, not the binding gaps.
    assert [x.code for x in gaps_first(coverage.rows)] == ["SOFT-1"]


def test_binding_gaps_come_first(bill, treaty, soft):
    obligation(soft, "SOFT-1", level="none", position=1)
    obligation(treaty, "OB-2", level="partial", position=2)
    obligation(treaty, "OB-3", level="full", position=3)
    rows = gaps_first(compute_coverage(bill).rows)
    assert [r.code for r in rows] == ["OB-2", "SOFT-1"]


def test_hong_kong_declaration_is_noted(bill):
    opsc = InstrumentFactory(code="T-OPSC", hong_kong=Instrument.HongKong.DOES_NOT_APPLY)
    obligation(opsc, "OPSC-X", level="partial")
    obligation(InstrumentFactory(code="T-CRC"), "CRC-X", level="partial")
    assert NOT_HONG_KONG in row(bill, "OPSC-X").flag_codes()
    assert NOT_HONG_KONG not in row(bill, "CRC-X").flag_codes()
    message = next(f.message for f in row(bill, "OPSC-X").flags if f.code == NOT_HONG_KONG)
    assert "Hong Kong" in message
    coverage = compute_coverage(bill)
    assert coverage.summary.not_hong_kong == ["T-OPSC"]
    assert summary_data(coverage)["not_hong_kong"] == ["T-OPSC"]
    # The declaration is noted, not counted: it changes neither levels nor gaps.
    assert row(bill, "OPSC-X").after == row(bill, "CRC-X").after == "partial"


def test_low_confidence_says_verify_before_citing(bill, treaty):
    obligation(treaty, "OB-M", level="none", confidence="M")
    ob = obligation(treaty, "OB-K", level="none", confidence="K")
    obligation(treaty, "OB-V", level="none", confidence="V")
    ob.assessments.update(confidence="L")  # the assessment, not the obligation, is uncertain
    assert VERIFY in row(bill, "OB-M").flag_codes()
    assert VERIFY in row(bill, "OB-K").flag_codes()
    assert VERIFY not in row(bill, "OB-V").flag_codes()
