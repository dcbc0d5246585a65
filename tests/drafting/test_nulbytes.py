"""A NUL character (%00) in the address or the query string is a clear 400, never a server error:
on PostgreSQL (which refuses NUL in text) as on SQLite, for every kind of user, in both languages."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.conftest import ROLES

REFERENCE = [
    "/reference/instruments/a%00b/",
    "/reference/obligations/a%00b/",
    "/reference/proposals/a%00b/",
]
REFERENCE += ["/reference/instruments/a%00b/go/?article=1", "/reference/instruments/?q=%00"]


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", REFERENCE)
def test_reference_pages_refuse_nul(users_by_role, role, url):
    response = client_for(users_by_role[role]).get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def admin_changelists() -> list[str]:
    return [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model in admin.site._registry
    ]


@pytest.mark.parametrize("query", ["status__exact=%00", "q=%00", "o=%00", "p=%00", "%00=1"])
def test_every_admin_changelist_refuses_nul(superuser, staff, query):
    for user in (superuser, staff):
        client = client_for(user)
        for name in admin_changelists():
            response = client.get(f"{reverse(name)}?{query}")
            assert response.status_code == 400, (name, query)


def test_admin_change_page_with_nul_in_the_id(superuser, provision):
    url = reverse("admin:drafting_bill_change", args=[provision.bill.pk]).replace(
        f"/{provision.bill.pk}/", "/1%00/"
    )
    assert client_for(superuser).get(url).status_code == 400


@pytest.mark.parametrize(
    "url", ["/api/bills/?search=%00", "/api/bills/?ordering=%00", "/api/bills/1%00/", "/api/%00"]
)
def test_api_answers_json(drafter, url):
    response = client_for(drafter).get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_message_in_chinese(drafter):
    response = client_for(drafter).get(
        "/reference/instruments/a%00b/", headers={"accept-language": "zh-hans"}
    )
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


def test_forms_with_nul_in_the_body_still_answer_with_their_own_errors(drafter, provision):
    """The body is the forms' business (Django's fields refuse NUL): only the address is checked."""
    response = client_for(drafter).post(
        reverse("drafting:comment_create", args=[provision.pk]), {"body": "a\x00b"}
    )
    assert response.status_code == 400


def test_ordinary_percent_encoding_passes(drafter):
    response = client_for(drafter).get("/reference/instruments/?q=%E5%84%BF%E7%AB%A5%2500")
    assert response.status_code == 200
