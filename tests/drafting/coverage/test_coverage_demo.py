"""Coverage of the demo bill: the figures a new user sees first (the demo is loaded once)."""

from drafting.coverage import compute_coverage


def test_demo_bill_shrinks_binding_gaps(demo_bill):
    summary = compute_coverage(demo_bill).summary
    assert summary.gaps_after < summary.gaps_before
    assert summary.binding_after["full"] > summary.binding_before["full"]


def test_demo_bill_moves_icmec_4_from_none_to_full(demo_bill):
    r = compute_coverage(demo_bill).row("ICMEC-4")
    assert (r.before, r.after) == ("none", "full")
    assert not r.binding and not r.gap_after  # a model-law criterion, never a binding gap
    assert any(link.extent == "full" for link in r.links)


def test_demo_china_is_assessed_against_every_obligation(demo_bill):
    coverage = compute_coverage(demo_bill)
    assert all(r.baseline is not None for r in coverage.all_rows)
