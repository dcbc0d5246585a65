"""Token and session authentication; the documentation needs no CDN."""

import re

from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import UserFactory


def test_token_for_good_credentials_works_as_authorization(db):
    UserFactory(username="alice")
    client = APIClient()
    response = client.post(
        reverse("api:token"),
        {"username": "alice", "password": "correct horse battery staple"},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(reverse("api:bill-list")).status_code == 200
    assert response.json()["expiry"]
    # Each sign-in issues a new token; the first keeps working until it expires or is revoked.
    again = APIClient().post(
        reverse("api:token"),
        {"username": "alice", "password": "correct horse battery staple"},
        format="json",
    )
    assert again.json()["token"] != token
    assert client.get(reverse("api:bill-list")).status_code == 200


def test_bad_credentials_are_400_with_messages(db):
    UserFactory(username="alice")
    client = APIClient()
    wrong = client.post(reverse("api:token"), {"username": "alice", "password": "x"}, format="json")
    assert wrong.status_code == 400
    assert wrong.json()["non_field_errors"]
    missing = client.post(reverse("api:token"), {"username": "alice"}, format="json")
    assert missing.status_code == 400
    assert "password" in missing.json()


def test_inactive_users_get_no_token(db):
    UserFactory(username="gone", is_active=False)
    response = APIClient().post(
        reverse("api:token"),
        {"username": "gone", "password": "correct horse battery staple"},
        format="json",
    )
    assert response.status_code == 400


def test_no_credentials_is_401_with_www_authenticate(db):
    response = APIClient().get(reverse("api:provision-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_bad_token_is_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get(reverse("api:provision-list")).status_code == 401


def test_session_sign_in_works_too(bill, drafter):
    client = APIClient()
    client.force_login(drafter)
    assert client.get(reverse("api:bill-list")).json()["count"] == 1


def test_session_writes_need_the_csrf_token(bill, drafter):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(drafter)
    response = client.post(
        reverse("api:bill-list"),
        {"title_zh": "甲", "title_en": "A", "target_instrument": "PRC-CL"},
        format="json",
    )
    assert response.status_code == 403


def test_schema_is_openapi_3_json(db):
    response = APIClient().get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/provisions/{id}/revisions/" in schema["paths"]


def test_docs_load_swagger_from_this_server(db):
    client = APIClient()
    page = client.get(reverse("api:docs")).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(url.startswith("/") for url in sources), sources
    bundle = next(url for url in sources if url.endswith("swagger-ui-bundle.js"))
    assert bundle.startswith("/static/drf_spectacular_sidecar/")
    from django.contrib.staticfiles import finders

    assert finders.find(bundle.removeprefix("/static/"))
