"""Coverage counts agreed links; proposed ones are shown apart; disputed ones never count."""

from datetime import timedelta

from django.utils import timezone

from drafting.coverage import compute_coverage, coverage_change, row_data, summary_data
from drafting.models import Provision
from proposals.models import Instrument
from tests.factories import (
    AssessmentFactory,
    InstrumentFactory,
    ObligationFactory,
    ProvisionFactory,
    reviewed_link,
)


def binding_obligation(code="OB-1"):
    treaty = InstrumentFactory(code="T-BIND", kind=Instrument.Kind.PROTOCOL)
    ob = ObligationFactory(code=code, instrument=treaty)
    AssessmentFactory(obligation=ob, level="none", citation="CL")
    return ob


def test_one_unreviewed_full_link_does_not_make_it_fully_met(bill):
    ob = binding_obligation()
    provision = ProvisionFactory(bill=bill, status=Provision.Status.DRAFT)
    reviewed_link(provision, ob, "full", "x", review="proposed")
    cov = compute_coverage(bill)
    row = cov.row("OB-1")
    assert (row.bill_level, row.after, row.gap_after) == ("none", "none", True)
    assert (row.bill_level_if_agreed, row.after_if_agreed) == ("full", "full")
    summary = summary_data(cov)
    assert summary["binding"]["gaps_after"] == 1
    assert summary["binding"]["gaps_after_if_agreed"] == 0
    assert summary["links_proposed"] == 1
    assert row_data(row)["provisions"][0]["link_status"] == "proposed"


def test_agreed_counts_and_disputed_never(bill):
    ob = binding_obligation()
    agreed = ProvisionFactory(bill=bill)
    disputed = ProvisionFactory(bill=bill)
    reviewed_link(agreed, ob, "partial", "Covers part.")
    reviewed_link(disputed, ob, "full", "Covers it all.", review="disputed")
    row = compute_coverage(bill).row("OB-1")
    assert (row.after, row.after_if_agreed) == ("partial", "partial")
    assert [link.status for link in row.links] == ["agreed", "disputed"]
    assert summary_data(compute_coverage(bill))["links_disputed"] == 1


def test_a_link_agreed_after_the_moment_was_proposed_then(bill):
    ob = binding_obligation()
    provision = ProvisionFactory(bill=bill)
    reviewed_link(provision, ob, "full", "Creates the offence.")
    change = coverage_change(bill, timezone.now() - timedelta(seconds=1))
    assert [c.row.code for c in change.changes] == ["OB-1"]


def test_the_csv_marks_proposed_links(client, drafter, bill):
    ob = binding_obligation()
    provision = ProvisionFactory(bill=bill)
    reviewed_link(provision, ob, "full", "x", review="proposed")
    client.force_login(drafter)
    body = client.get(f"/bills/{bill.pk}/coverage.csv").content.decode("utf-8-sig")
    header, line = body.splitlines()[:2]
    assert "After the bill if all proposed links are agreed" in header
    assert ",none,none,full," in line
    assert line.endswith("full (proposed)")


def test_gaps_page_shows_what_proposed_links_would_give(client, drafter, bill):
    ob = binding_obligation()
    provision = ProvisionFactory(bill=bill)
    reviewed_link(provision, ob, "full", "x", review="proposed")
    client.force_login(drafter)
    html = client.get(f"/bills/{bill.pk}/coverage/gaps/").content.decode()
    assert 'class="muted small if-agreed"' in html
    assert 'class="badge link-status link-proposed"' in html


def test_a_disputed_link_proposed_again_unchanged_is_a_new_proposal(bill):
    from drafting import services
    from drafting.models import ProvisionObligation

    ob = binding_obligation()
    provision = ProvisionFactory(bill=bill)
    disputed = reviewed_link(provision, ob, "full", "Covers it.", review="disputed")
    again = services.obligation_link(
        actor=bill.created_by,
        provision=provision,
        obligation=ob,
        extent="full",
        rationale="Covers it.",
    )
    assert again.pk != disputed.pk and again.status == "proposed"
    assert ProvisionObligation.objects.get(pk=disputed.pk).removed_at is not None
    agreed = reviewed_link(ProvisionFactory(bill=bill), ob, "full", "Covers it.")
    same = services.obligation_link(
        actor=bill.created_by,
        provision=agreed.provision,
        obligation=ob,
        extent="full",
        rationale="Covers it.",
    )
    assert same.pk == agreed.pk and same.status == "agreed"
