"""The coverage and its change take a fixed number of SQL queries whatever the size of the bill
(drafting/coverage/reference.py makes them)."""

import pytest

from drafting.coverage import BASELINE_CHANGED, Filters, compute_coverage, coverage_change
from drafting.models import Bill
from proposals.models import ProposalTarget
from tests.drafting.coverage.conftest import link, obligation
from tests.factories import ArticleFactory, ProposalFactory, ProvisionFactory


def build(bill, treaty, size: int) -> None:
    """size obligations with baselines relying on articles, size provisions, two links each."""
    articles = [ArticleFactory(instrument=bill.target_instrument) for _ in range(size)]
    obs = [obligation(treaty, f"Q-{n}", level="partial", relies=[articles[n]]) for n in range(size)]
    proposal = ProposalFactory(code="q")
    for n in range(size):
        provision = ProvisionFactory(bill=bill, target_article=articles[n])
        link(provision, obs[n], "full")
        link(provision, obs[(n + 1) % size], "partial")
        ProposalTarget.objects.create(proposal=proposal, obligation=obs[n])


@pytest.mark.parametrize("size", [3, 30])
def test_computation_and_change_take_fixed_queries_whatever_the_size(
    bill, treaty, size, django_assert_num_queries
):
    """Computing the coverage takes five queries and its change since the bill's creation eight,
    for 3 rows as for 30 (one build serves both)."""
    build(bill, treaty, size)
    fresh = Bill.objects.get(pk=bill.pk)
    with django_assert_num_queries(5):
        coverage = compute_coverage(fresh)
    assert len(coverage.rows) == size and len(coverage.provisions) == size
    assert all(r.after == "full" for r in coverage.rows)
    assert all(BASELINE_CHANGED in r.flag_codes() for r in coverage.rows)
    with django_assert_num_queries(8):
        change = coverage_change(bill)
    assert len(change.gained) == size


def test_at_most_five_queries(bill, treaty, django_assert_max_num_queries):
    build(bill, treaty, 10)
    with django_assert_max_num_queries(5):
        compute_coverage(bill, Filters(binding=True))
