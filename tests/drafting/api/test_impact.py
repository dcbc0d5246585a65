"""GET /api/bills/{id}/impact/ and /instruction-check/: members only, filters, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drafting import services
from tests.factories import ArticleFactory


@pytest.fixture
def impact_bill(bill, drafter, law):
    """The small law plus an article citing 第三百六十条第二款; one item repeals that paragraph."""
    ArticleFactory(instrument=law, number=361, paragraphs=["违反第三百六十条第二款的，处罚。"])
    article = law.articles.get(number=360)
    services.provision_create(
        actor=drafter,
        bill=bill,
        operation="repeal_paragraphs",
        target_article=article,
        paragraphs=[2],
        title_en="Repeal",
    )
    return bill


def url(bill, what="impact") -> str:
    return f"/api/bills/{bill.pk}/{what}/"


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("outsider", 404), ("staff", 404), ("viewer", 200), ("drafter", 200)],
)
def test_members_only(client_for, impact_bill, role, status):
    assert client_for(role).get(url(impact_bill)).status_code == status
    assert client_for(role).get(url(impact_bill, "instruction-check")).status_code == status


def test_the_broken_reference_is_listed_and_filters_work(client_for, impact_bill):
    body = client_for("reviewer").get(url(impact_bill)).json()
    assert [(i["kind"], i["article"], i["words"], i["target"]) for i in body] == [
        ("break", "361", "第三百六十条第二款", "360.2")
    ]
    assert client_for("reviewer").get(url(impact_bill) + "?kind=term").json() == []
    response = client_for("reviewer").get(url(impact_bill) + "?kind=nonsense")
    assert response.status_code == 400


def test_instruction_check_reports_an_item_against_the_law_after_earlier_ones(
    client_for, impact_bill, drafter
):
    services.provision_create(
        actor=drafter,
        bill=impact_bill,
        operation="replace_paragraphs",
        target_article=impact_bill.target_instrument.articles.get(number=360),
        paragraphs=[2],
        title_en="Replace the repealed paragraph",
        text_zh="新。",
    )
    body = client_for("viewer").get(url(impact_bill, "instruction-check")).json()
    assert {
        "item": 2,
        "severity": "error",
        "message": "第三百六十条 has paragraphs 1 to 1 at this point",
    } in body


def test_queries_do_not_grow_with_items(client_for, impact_bill, drafter):
    client = client_for("viewer")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url(impact_bill))
        return len(queries)

    before = count()
    for number in (363, 364):
        services.provision_create(
            actor=drafter,
            bill=impact_bill,
            operation="replace_article",
            target_article=impact_bill.target_instrument.articles.get(number=number),
            title_en="Rewrite",
            text_zh="新。",
        )
    assert count() == before
