"""API tokens: hashed, expiring, revoked one by one, all at once, and on a password change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


def sign_in(username="alice", password=PASSWORD) -> str:
    response = APIClient().post(
        reverse("api:token"), {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_only_a_hash_of_the_token_is_stored(alice):
    token = sign_in()
    stored = AuthToken.objects.get(user=alice)
    assert token not in (stored.digest, stored.token_key)
    assert token.startswith(stored.token_key)
    assert len(stored.token_key) < len(token) // 2


def test_an_expired_token_is_refused(alice):
    token = sign_in()
    AuthToken.objects.filter(user=alice).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client_with(token).get(reverse("api:bill-list")).status_code == 401


def test_revoke_ends_this_token_only(alice):
    first, second = sign_in(), sign_in()
    assert client_with(first).post(reverse("api:token-revoke")).status_code == 204
    assert client_with(first).get(reverse("api:bill-list")).status_code == 401
    assert client_with(second).get(reverse("api:bill-list")).status_code == 200


def test_revoke_all_ends_every_token_of_the_user(alice):
    UserFactory(username="bob")
    first, second, bobs = sign_in(), sign_in(), sign_in("bob")
    assert client_with(first).post(reverse("api:token-revoke-all")).status_code == 204
    assert client_with(second).get(reverse("api:bill-list")).status_code == 401
    assert client_with(bobs).get(reverse("api:bill-list")).status_code == 200


def test_revoke_without_a_token_is_400_or_401(alice):
    assert APIClient().post(reverse("api:token-revoke")).status_code == 401
    client = APIClient()
    client.force_login(alice)
    assert client.post(reverse("api:token-revoke")).status_code == 400


def test_a_password_change_revokes_every_token(alice):
    token = sign_in()
    alice.set_password("a new and different passphrase")
    alice.save()
    assert client_with(token).get(reverse("api:bill-list")).status_code == 401
    assert not AuthToken.objects.filter(user=alice).exists()


def test_the_admin_shows_prefixes_never_keys_and_mints_nothing(client, alice, superuser):
    token = sign_in()
    client.force_login(superuser)
    page = client.get(reverse("admin:knox_authtoken_changelist")).content.decode()
    stored = AuthToken.objects.get(user=alice)
    assert f"{stored.token_key}…" in page
    assert token not in page  # (the row's id is the key's SHA-512 digest: it signs nothing)
    assert client.get(reverse("admin:knox_authtoken_add")).status_code == 403
