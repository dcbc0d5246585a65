"""Who may see the coverage pages, their CSV and the coverage API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.coverage_pages import (
    MEMBERS,
    NOT_MEMBERS,
    PAGES,
    api_url,
    shared_register,
    url,
)

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
module_register, register = shared_register()


@pytest.mark.parametrize("name", [*PAGES, "coverage_csv"])
def test_anonymous_users_go_to_login(client, bill, name):
    response = client.get(url(name, bill))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", [*PAGES, "coverage_csv"])
@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_outsiders_and_staff_who_are_not_members_get_404(client, users_by_role, bill, name, role):
    client.force_login(users_by_role[role])
    response = client.get(url(name, bill))
    assert response.status_code == 404
    assert bill.title_zh not in response.content.decode()


@pytest.mark.parametrize("name", [*PAGES, "coverage_csv"])
@pytest.mark.parametrize("role", MEMBERS)
def test_members_see_every_page(client, users_by_role, bill, register, name, role):
    client.force_login(users_by_role[role])
    response = client.get(url(name, bill))
    assert response.status_code == 200


def test_unknown_bill_is_404(client, drafter):
    client.force_login(drafter)
    assert client.get("/bills/999999/coverage/").status_code == 404


def test_api_anonymous_is_refused(bill):
    response = APIClient().get(api_url(bill))
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_api_outsiders_and_staff_get_404(users_by_role, bill, role):
    api = APIClient()
    api.force_authenticate(users_by_role[role])
    assert api.get(api_url(bill)).status_code == 404


@pytest.mark.parametrize("role", MEMBERS)
def test_api_members_read_coverage(users_by_role, bill, register, role):
    api = APIClient()
    api.force_authenticate(users_by_role[role])
    response = api.get(api_url(bill))
    assert response.status_code == 200
    assert {o["code"] for o in response.json()["obligations"]} >= {"OPSC-X", "ICMEC-4"}


def test_api_huge_ids_are_not_found(drafter):
    api = APIClient()
    api.force_authenticate(drafter)
    assert api.get("/api/bills/99999999999999999999999/coverage/").status_code == 404
