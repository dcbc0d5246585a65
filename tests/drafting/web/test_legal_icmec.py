"""Issue 11 item 16: the ICMEC page shows ICMEC's own reading first, our half-point scale as ours."""

from pathlib import Path

from drafting.web.coverage import ScoreSeries

TEMPLATE = Path(__file__).resolve().parents[3] / "templates/drafting/coverage_icmec.html"


def test_icmec_counts_a_partly_met_criterion_as_not_met():
    # Brief section 8: ICMEC records each criterion as met or not.
    assert ScoreSeries("CN", "China", ["full", "partial", "full", "none", "partial"]).met == 2


def test_sufficient_when_the_first_four_are_met_isp_reporting_aside():
    # Brief section 8: "sufficient" = all five, or all but ISP reporting.
    assert ScoreSeries("XX", "X", ["full", "full", "full", "full", "none"]).sufficient is True


def test_not_sufficient_with_a_partly_met_criterion():
    # Brief section 8: no half points in ICMEC's method.
    assert ScoreSeries("XX", "X", ["full", "full", "partial", "full", "full"]).sufficient is False


def test_icmec_reading_comes_before_our_scale():
    # Issue 11 item 16: ICMEC's own reading first, the finer scale labelled as ours.
    text = TEMPLATE.read_text()
    assert text.index("ICMEC's own reading") < text.index("Our finer scale, not ICMEC's")
