"""The demo bill's obligation links are loaded agreed by its reviewer, so its coverage stands."""

from drafting.coverage import compute_coverage
from drafting.models import LinkStatus, ProvisionObligation


def test_every_demo_link_starts_agreed_by_the_reviewer(demo_bill):
    links = list(ProvisionObligation.objects.active().select_related("reviewed_by", "created_by"))
    assert links
    assert {link.status for link in links} == {LinkStatus.AGREED}
    assert {link.reviewed_by.username for link in links} == {"reviewer"}
    assert all(link.created_by != link.reviewed_by for link in links)
    summary = compute_coverage(demo_bill).summary
    assert summary.links_proposed == 0
    assert summary.binding_after == summary.binding_after_if_agreed
