"""The impact list page, the provision page's "this change affects" and the bill's instruction check."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from tests.factories import ArticleFactory


@pytest.fixture
def impact_bill(bill, drafter, law):
    ArticleFactory(
        instrument=law, number=361, paragraphs=["违反第三百六十条第二款，情节严重的，处罚。"]
    )
    services.provision_create(
        actor=drafter,
        bill=bill,
        operation="insert_paragraph",
        target_article=law.articles.get(number=360),
        paragraphs=[1],
        title_en="New first paragraph",
        text_zh="情节严重的，从重处罚。",
    )
    return bill


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page(bill) -> str:
    return reverse("drafting:bill_impact", args=[bill.pk])


@pytest.mark.parametrize(
    ("role", "status"),
    [("outsider", 404), ("staff", 404), ("viewer", 200), ("reviewer", 200), ("drafter", 200)],
)
def test_impact_page_for_members_only(users_by_role, impact_bill, role, status):
    response = client_for(users_by_role[role]).get(page(impact_bill))
    assert response.status_code == status
    if status == 200:
        text = response.content.decode()
        assert "第三百六十一条第一款" in text and "should now say 第三款" in text
        assert "term used elsewhere" in text and "第三百六十一条" in text


def test_anonymous_goes_to_login(client, impact_bill):
    assert "/login/" in client.get(page(impact_bill))["Location"]


def test_filters_and_a_bad_filter(viewer, impact_bill):
    client = client_for(viewer)
    text = client.get(page(impact_bill) + "?kind=term").content.decode()
    assert "should now say" not in text and "term used elsewhere" in text
    assert client.get(page(impact_bill) + "?kind=nonsense").status_code == 400


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("reviewer", 403), ("drafter", 302)])
def test_only_drafters_set_the_terms(users_by_role, impact_bill, role, status):
    url = reverse("drafting:bill_impact_terms", args=[impact_bill.pk])
    response = client_for(users_by_role[role]).post(url, {"terms": "卖淫\r\n情节严重\r\n"})
    assert response.status_code == status
    impact_bill.refresh_from_db()
    expected = ["卖淫", "情节严重"] if status == 302 else []
    assert impact_bill.impact_terms == expected


def test_a_too_long_term_is_refused_and_nothing_changes(drafter, impact_bill):
    url = reverse("drafting:bill_impact_terms", args=[impact_bill.pk])
    response = client_for(drafter).post(url, {"terms": "长" * 21})
    assert response.status_code == 400
    impact_bill.refresh_from_db()
    assert impact_bill.impact_terms == []


def test_impact_page_queries_do_not_grow_with_items(viewer, drafter, impact_bill, law):
    client = client_for(viewer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page(impact_bill)).status_code == 200
        return len(queries)

    before = count()
    for number in (363, 364):
        services.provision_create(
            actor=drafter,
            bill=impact_bill,
            operation="replace_article",
            target_article=law.articles.get(number=number),
            title_en="Rewrite",
            text_zh="新。",
        )
    assert count() == before


def test_provision_page_says_what_the_change_affects(reviewer, impact_bill):
    provision = impact_bill.provisions.get()
    text = client_for(reviewer).get(provision.get_absolute_url()).content.decode()
    assert "This change affects" in text and "should now say 第三款" in text


def test_bill_page_shows_the_instruction_check(drafter, impact_bill, law):
    services.provision_create(
        actor=drafter,
        bill=impact_bill,
        operation="repeal_paragraphs",
        target_article=law.articles.get(number=360),
        paragraphs=[2],
        title_en="Repeal the second",
    )
    text = client_for(drafter).get(impact_bill.get_absolute_url()).content.decode()
    assert "Instruction check" in text and "第三百六十条 is also changed by item 1" in text
