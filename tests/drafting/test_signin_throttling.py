"""Sign-in throttling: per username and per address, 429 with Retry-After, cheap when refused."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


def token_attempt(username="alice", password="wrong", address="10.0.0.1"):
    return APIClient(REMOTE_ADDR=address).post(
        reverse("api:token"), {"username": username, "password": password}, format="json"
    )


def web_attempt(username="alice", password="wrong", address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(
        reverse("login"), {"username": username, "password": password}
    )


def test_token_endpoint_locks_a_username_with_429_and_retry_after(alice):
    answers = [token_attempt(address=f"10.0.0.{n}").status_code for n in range(1, 5)]
    assert answers == [400, 400, 429, 429]
    refused = token_attempt(password=PASSWORD, address="10.9.9.9")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 15 * 60
    assert "Too many failed sign-in attempts" in refused.json()["detail"]


def test_token_endpoint_locks_an_address_for_any_username(alice):
    for n in range(3):
        token_attempt(username=f"nobody{n}")
    assert token_attempt(password=PASSWORD).status_code == 429
    assert token_attempt(password=PASSWORD, address="10.0.0.2").status_code == 200


def test_a_refused_attempt_hashes_no_password(alice, monkeypatch):
    for _ in range(3):
        token_attempt()
    calls = []
    original = MD5PasswordHasher.verify
    monkeypatch.setattr(
        MD5PasswordHasher, "verify", lambda self, *a: calls.append(1) or original(self, *a)
    )
    monkeypatch.setattr(MD5PasswordHasher, "encode", lambda self, *a, **k: calls.append(1) or "x")
    assert token_attempt(password=PASSWORD).status_code == 429
    assert web_attempt(password=PASSWORD).status_code == 429
    assert calls == []


def test_the_login_page_says_why_and_answers_429(alice):
    for _ in range(2):
        assert web_attempt().status_code == 200
    page = web_attempt()
    assert page.status_code == 429
    assert page["Retry-After"] == str(15 * 60)
    assert "Too many failed sign-in attempts" in page.content.decode()


def test_the_page_says_why_in_chinese(alice):
    for _ in range(3):
        web_attempt()
    page = Client(REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="zh-hans").post(
        reverse("login"), {"username": "alice", "password": PASSWORD}
    )
    assert page.status_code == 429
    assert "登录失败次数过多" in page.content.decode()


def test_staff_see_the_lockout_and_deleting_it_unlocks(client, alice, superuser):
    for _ in range(3):
        token_attempt()
    client.force_login(superuser)
    listing = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "alice" in listing
    AccessAttempt.objects.filter(username="alice").delete()  # the admin's delete action
    assert token_attempt(password=PASSWORD, address="10.0.0.7").status_code == 200


def test_time_unlocks(alice, settings):
    import datetime

    settings.AXES_COOLOFF_TIME = datetime.timedelta(seconds=0)
    for _ in range(3):
        token_attempt()
    assert token_attempt(password=PASSWORD).status_code == 200


def test_a_forwarded_address_is_ignored_unless_behind_a_proxy(alice, settings):
    for n in range(3):
        APIClient(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}").post(
            reverse("api:token"), {"username": f"u{n}", "password": "x"}, format="json"
        )
    assert token_attempt(password=PASSWORD).status_code == 429
    settings.BEHIND_PROXY = True
    fresh = APIClient(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.99").post(
        reverse("api:token"), {"username": "alice", "password": PASSWORD}, format="json"
    )
    assert fresh.status_code == 200


def test_a_successful_sign_in_resets_the_count(alice):
    token_attempt()
    token_attempt()
    assert token_attempt(password=PASSWORD).status_code == 200
    assert token_attempt().status_code == 400
