"""Shared fixtures: a bill with one member per role, an outsider and staff."""

import pytest

from drafting.models import Role
from tests.factories import BillFactory, MembershipFactory, ProvisionFactory, UserFactory

ROLES = ("anonymous", "outsider", "viewer", "reviewer", "drafter", "staff")


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Real hashing is deliberately slow and the manifest needs collectstatic: neither helps tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def drafter(db):
    return UserFactory(username="drafter1")


@pytest.fixture
def bill(drafter):
    return BillFactory(created_by=drafter)


@pytest.fixture
def reviewer(bill):
    return MembershipFactory(
        bill=bill, user=UserFactory(username="reviewer1"), role=Role.REVIEWER
    ).user


@pytest.fixture
def viewer(bill):
    return MembershipFactory(bill=bill, user=UserFactory(username="viewer1"), role=Role.VIEWER).user


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider1")


@pytest.fixture
def staff(db):
    """Staff keep reference data; staff who are not members of a bill do not see it."""
    return UserFactory(username="staff1", is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin1", is_staff=True, is_superuser=True)


@pytest.fixture
def provision(bill):
    return ProvisionFactory(bill=bill, revisions=2)


@pytest.fixture
def users_by_role(bill, drafter, reviewer, viewer, outsider, staff):
    """Every role of the permission matrix; anonymous is None."""
    return {
        "anonymous": None,
        "outsider": outsider,
        "viewer": viewer,
        "reviewer": reviewer,
        "drafter": drafter,
        "staff": staff,
    }
