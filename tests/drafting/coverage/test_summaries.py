"""Summaries of the coverage (binding levels, instruments, proposals, the ICMEC scorecard) and
a row as the API returns it (drafting/coverage/data.py)."""

from drafting.coverage import compute_coverage, row_data, summary_data
from proposals.models import Instrument, Obligation, ProposalTarget
from tests.drafting.coverage.conftest import link, obligation, row
from tests.factories import (
    AssessmentFactory,
    InstrumentFactory,
    JurisdictionFactory,
    ProposalFactory,
    ProvisionFactory,
)


def test_summary_counts_binding_levels_before_and_after(bill, treaty, soft):
    a = obligation(treaty, "OB-1", level="none")
    b = obligation(treaty, "OB-2", level="partial")
    obligation(treaty, "OB-3", level="full")
    s = obligation(soft, "SOFT-1", level="none", strength=Obligation.Strength.RECOMMENDED)
    provision = ProvisionFactory(bill=bill)
    link(provision, a, "full")
    link(provision, b, "partial")
    link(provision, s, "full")
    summary = compute_coverage(bill).summary
    assert summary.binding_total == 3
    assert summary.binding_before == {"none": 1, "partial": 1, "full": 1}
    assert summary.binding_after == {"none": 0, "partial": 1, "full": 2}
    assert (summary.gaps_before, summary.gaps_after) == (2, 1)
    assert (summary.gained, summary.lost) == (2, 0)
    by_code = {item.code: item for item in summary.instruments}
    assert by_code["T-BIND"].after == {"none": 0, "partial": 1, "full": 2}
    assert by_code["T-SOFT"].binding == 0


def test_proposal_summary_uses_primary_targets(bill, treaty, soft):
    a = obligation(treaty, "OB-1", level="none")
    s = obligation(soft, "SOFT-1", level="none")
    proposal = ProposalFactory(code="d")
    ProposalTarget.objects.create(proposal=proposal, obligation=a, primary=True)
    ProposalTarget.objects.create(proposal=proposal, obligation=s, primary=False)
    link(ProvisionFactory(bill=bill), a, "full")
    item = next(p for p in compute_coverage(bill).summary.proposals if p.code == "d")
    assert [r.code for r in item.primary] == ["OB-1"]
    assert [r.code for r in item.support] == ["SOFT-1"]
    assert item.before == {"none": 1, "partial": 0, "full": 0}
    assert item.after == {"none": 0, "partial": 0, "full": 1}


def test_icmec_scorecard_sets_china_beside_the_others(bill):
    icmec = InstrumentFactory(
        code="ICMEC", kind=Instrument.Kind.MODEL_LAW, china_status=Instrument.ChinaStatus.NOT_PARTY
    )
    us = JurisdictionFactory(code="US", name_en="United States")
    obs = {
        n: obligation(icmec, f"ICMEC-{n}", level="none", position=n, confidence="V")
        for n in range(1, 6)
    }
    AssessmentFactory(obligation=obs[4], jurisdiction=us, level="full", citation="18 U.S.C. § 2252")
    link(ProvisionFactory(bill=bill), obs[4], "full")
    scorecard = compute_coverage(bill).summary.icmec
    assert [c.row.code for c in scorecard] == [f"ICMEC-{n}" for n in range(1, 6)]
    fourth = scorecard[3]
    assert (fourth.row.before, fourth.row.after) == ("none", "full")
    assert fourth.others[0].citation == "18 U.S.C. § 2252"  # US comes first
    assert fourth.others[1:] == [None, None, None, None]
    data = summary_data(compute_coverage(bill))["icmec"][3]
    assert data["china_before"] == "none" and data["china_after"] == "full"
    assert data["others"]["US"]["level"] == "full" and data["others"]["JP"] is None


def test_row_data_has_the_api_shape(bill, treaty):
    ob = obligation(treaty, "OB-1", level="none")
    provision = ProvisionFactory(bill=bill)
    link(provision, ob, "partial", "Covers most of the conduct.")
    data = row_data(row(bill, "OB-1"))
    assert data["code"] == "OB-1" and data["instrument"] == "T-BIND" and data["binding"] is True
    assert (data["before"], data["after"]) == ("none", "partial")
    assert data["provisions"] == [
        {
            "id": provision.pk,
            "position": provision.position,
            "extent": "partial",
            "rationale": "Covers most of the conduct.",
            "status": "draft",
            "link_status": "agreed",
        }
    ]
    assert "binding_gap" in [f["code"] for f in data["flags"]]
