"""Shared fixtures: a bill with one member per role, an outsider and staff."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from drafting.models import Role
from tests.factories import BillFactory, MembershipFactory, ProvisionFactory, UserFactory

ROLES = ("anonymous", "outsider", "viewer", "reviewer", "drafter", "staff")
DEMO_PASSWORD = "demo-pass-123"


def pytest_configure(config):
    """Hypothesis (under schemathesis) keeps its example database outside the work tree."""
    import tempfile

    from hypothesis import configuration

    configuration.set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))


# Real hashing is deliberately slow: it does not help tests.
FAST = {"PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"]}


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Fast hashing, no manifest (it needs collectstatic), tasks run at once (no worker)."""
    settings.PASSWORD_HASHERS = FAST["PASSWORD_HASHERS"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def reset_language():
    """A request with Accept-Language: zh-hans leaves Chinese active in the thread; undo it so the
    next test (in any order, on any xdist worker) starts in the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


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


def grant_oversight(user):
    """Give a user the named permission "oversee bills" (staff read bills in the admin with it)."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="oversee_bills"))
    return user


@pytest.fixture
def overseer(db):
    """Staff holding "oversee bills": they read every bill's content in the admin, and are logged."""
    return grant_oversight(UserFactory(username="overseer1", is_staff=True))


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


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data (reference data, users, the demo bill), loaded once for a whole test module.

    load_demo takes seconds, so modules that only read the demo share one load: it is committed,
    each test's own writes still roll back, and the database is emptied when the module ends.
    """
    with django_db_blocker.unblock(), override_settings(DEMO_PASSWORD=DEMO_PASSWORD, **FAST):
        call_command("load_demo", stdout=io.StringIO())
    yield
    from drafting.immutability import set_open

    with django_db_blocker.unblock():
        set_open(True)  # SQLite empties append-only tables with DELETE (PostgreSQL: TRUNCATE)
        try:
            call_command("flush", interactive=False, verbosity=0)
        finally:
            set_open(False)


@pytest.fixture
def demo_bill(demo_data, db):
    """The demo bill (the only bill the demo data holds), for tests that read it or roll back."""
    from drafting.models import Bill

    return Bill.objects.get()


@pytest.fixture(autouse=True, scope="session")
def _history_flush():
    """Transactional tests end with a flush (DELETE FROM on SQLite): open the history tables for it.

    PostgreSQL flushes with TRUNCATE, which the row triggers do not see.
    """
    from django.test.testcases import TransactionTestCase

    from drafting.immutability import set_open

    original = TransactionTestCase._fixture_teardown

    def teardown(self):
        set_open(True)
        try:
            original(self)
        finally:
            set_open(False)

    TransactionTestCase._fixture_teardown = teardown
    yield
    TransactionTestCase._fixture_teardown = original
