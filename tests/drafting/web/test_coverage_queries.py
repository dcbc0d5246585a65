"""The coverage pages, their CSV and the coverage API cost as many queries for 3 rows as for 30,
and a matrix too large to draw points to the filters and the CSV."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.conftest import rolled_back
from tests.drafting.web.coverage_pages import PAGES, api_url, link, shared_register, url
from tests.factories import (
    AssessmentFactory,
    InstrumentFactory,
    ObligationFactory,
    ProvisionFactory,
)

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
module_register, register = shared_register()


def grow(bill, size: int) -> None:
    treaty = InstrumentFactory(code="T-GROW")
    for n in range(size):
        ob = ObligationFactory(code=f"G-{size}-{n}", instrument=treaty)
        AssessmentFactory(obligation=ob, level="partial")
        provision = ProvisionFactory(bill=bill)
        link(provision, ob, "full" if n % 2 else "partial")


def count(client, target: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.fixture(scope="module")
def query_counts(module_rows, module_register, django_db_blocker) -> dict[str, list[int]]:
    """Per page (and the API): the queries of a view with 3 rows and with 30. The rows are grown
    once for all of them, in a savepoint rolled back at once."""
    bill, drafter = module_rows["bill"], module_rows["drafter"]
    targets = {name: (Client(), url(name, bill)) for name in (*PAGES, "coverage_csv")}
    targets["api"] = (APIClient(), api_url(bill))
    counts = {name: [] for name in targets}
    with rolled_back(django_db_blocker):
        cache.clear()
        for name, (client, _target) in targets.items():
            if name == "api":
                client.force_authenticate(drafter)
            else:
                client.force_login(drafter)
        for size in (3, 27):
            grow(bill, size)
            for name, (client, target) in targets.items():
                counts[name].append(count(client, target))
    return counts


@pytest.mark.parametrize("name", [*PAGES, "coverage_csv"])
def test_pages_cost_the_same_queries_for_3_and_30_rows(query_counts, name):
    """A page of 30 provisions and obligations costs the queries of one of 3."""
    small, large = query_counts[name]
    assert large == small


def test_api_costs_the_same_queries_for_3_and_30_rows(query_counts):
    """The coverage API answers 30 rows with the queries of 3."""
    small, large = query_counts["api"]
    assert large == small


def test_too_large_a_matrix_points_to_filters_and_the_csv(
    client, drafter, bill, register, settings
):
    from drafting.web import coverage as views

    ProvisionFactory(bill=bill)
    client.force_login(drafter)
    original = views.MAX_CELLS
    views.MAX_CELLS = 2
    try:
        html = client.get(url("coverage", bill)).content.decode()
    finally:
        views.MAX_CELLS = original
    assert "too large to draw" in html
    assert "coverage-matrix" not in html
