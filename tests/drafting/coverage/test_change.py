"""What a bill's coverage gained or lost between two moments (drafting/coverage/change.py): since
a date, since the last review, or since the bill's creation."""

from datetime import timedelta

from django.utils import timezone

from drafting import services
from drafting.coverage import coverage_change
from drafting.immutability import history_maintenance
from drafting.models import Bill, Provision, ProvisionObligation, ReviewEvent
from tests.drafting.coverage.conftest import Op, link, obligation
from tests.factories import ArticleFactory, ProvisionFactory


def backdate(model_rows, when) -> None:
    with history_maintenance():  # links and events are append-only: a test may still backdate
        model_rows.update(created_at=when)
        if model_rows.model is ProvisionObligation:
            model_rows.filter(review__isnull=False).update(reviewed_at=when)


def test_coverage_change_since_a_date(bill, treaty, drafter):
    kept = obligation(treaty, "OB-KEPT", level="none")
    added = obligation(treaty, "OB-ADDED", level="none")
    removed = obligation(treaty, "OB-REMOVED", level="partial")
    upgraded = obligation(treaty, "OB-UP", level="none")
    provision = ProvisionFactory(bill=bill)
    long_ago = timezone.now() - timedelta(days=10)
    for ob, extent in ((kept, "full"), (removed, "full"), (upgraded, "partial")):
        link(provision, ob, extent)
    backdate(ProvisionObligation.objects.filter(provision=provision), long_ago)
    backdate(Provision.objects.filter(pk=provision.pk), long_ago)
    # After the moment: one new link, one unlinked, one re-linked with a full extent.
    link(provision, added, "full")
    services.obligation_unlink(actor=drafter, provision=provision, obligation=removed)
    link(provision, upgraded, "full")

    change = coverage_change(bill, (timezone.now() - timedelta(days=3)).date())
    assert change.source == "date"
    assert {c.row.code: (c.then, c.now) for c in change.gained} == {
        "OB-ADDED": ("none", "full"),
        "OB-UP": ("partial", "full"),
    }
    assert {c.row.code: (c.then, c.now) for c in change.lost} == {"OB-REMOVED": ("full", "partial")}
    lost = change.lost[0]
    assert [(x.provision.id, x.extent) for x in lost.removed] == [(provision.pk, "full")]
    assert "OB-KEPT" not in [c.row.code for c in change.changes]


def test_coverage_change_defaults_to_the_last_review(bill, treaty, drafter):
    early = obligation(treaty, "OB-EARLY", level="none")
    late = obligation(treaty, "OB-LATE", level="none")
    provision = ProvisionFactory(bill=bill)
    link(provision, early, "full")
    services.provision_transition(actor=drafter, provision=provision, to_status="in_review")
    reviewed_at = timezone.now() - timedelta(days=2)
    backdate(ReviewEvent.objects.filter(provision=provision), reviewed_at)
    backdate(ProvisionObligation.objects.filter(provision=provision), reviewed_at)
    backdate(Provision.objects.filter(pk=provision.pk), reviewed_at)
    link(provision, late, "partial")

    change = coverage_change(bill)
    assert change.source == "review"
    assert change.since == reviewed_at
    assert [(c.row.code, c.then, c.now) for c in change.gained] == [("OB-LATE", "none", "partial")]


def test_coverage_change_without_review_starts_at_the_bills_creation(bill, treaty):
    ob = obligation(treaty, "OB-1", level="none")
    link(ProvisionFactory(bill=bill), ob, "full")
    change = coverage_change(bill)
    assert change.source == "created"
    assert [c.row.code for c in change.gained] == ["OB-1"]


def test_coverage_change_sees_a_replacement_written_after_the_moment_as_a_loss(bill, treaty):
    article = ArticleFactory(instrument=bill.target_instrument, number=367)
    obligation(treaty, "OB-1", level="full", relies=[article])
    moment = timezone.now() - timedelta(days=1)
    backdate(Bill.objects.filter(pk=bill.pk), moment - timedelta(days=1))
    ProvisionFactory(bill=bill, target_article=article, operation=Op.REPLACE_ARTICLE)
    change = coverage_change(bill, moment)
    # Then: the provision did not exist, current law counted in full. Now: no link, so none.
    assert [(c.row.code, c.then, c.now) for c in change.lost] == [("OB-1", "full", "none")]


def test_coverage_change_counts_a_withdrawal_as_a_loss(bill, treaty, drafter):
    ob = obligation(treaty, "OB-1", level="none")
    provision = ProvisionFactory(bill=bill)
    link(provision, ob, "full")
    five_days_ago = timezone.now() - timedelta(days=5)
    backdate(ProvisionObligation.objects.filter(provision=provision), five_days_ago)
    backdate(Provision.objects.filter(pk=provision.pk), five_days_ago)
    services.provision_transition(actor=drafter, provision=provision, to_status="withdrawn")
    change = coverage_change(bill, timezone.now() - timedelta(days=1))
    assert [(c.row.code, c.then, c.now) for c in change.lost] == [("OB-1", "full", "none")]
