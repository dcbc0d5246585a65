"""Shared fixtures: a bill with one member per role, an outsider and staff."""

import contextlib
import gc
import io
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from drafting.models import Role
from tests.factories import BillFactory, MembershipFactory, ProvisionFactory, UserFactory
from tests.snapshots import DatabaseCopies, keep_migrations, put_in, take_out

ROLES = ("anonymous", "outsider", "viewer", "reviewer", "drafter", "staff")
DEMO_PASSWORD = "demo-pass-123"


def pytest_configure(config):
    """Hypothesis (under schemathesis) keeps its files outside the work tree, in one folder that
    outlives the run: the Unicode tables it derives take seconds to build in every process. Its
    example database goes unused (the schemathesis tests are derandomized)."""
    import tempfile
    from pathlib import Path

    from hypothesis import configuration

    configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "drafting-tests-hypothesis")


def pytest_collection_finish(session):
    """Django, the apps and the test modules are loaded: the garbage collector need not walk them
    again, and a test makes thousands of short-lived objects (young collections a tenth as often)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


# Modules whose every test carries one mark. When -m leaves that mark out the module is not even
# imported: schemathesis builds all of its cases while collecting (seconds on every xdist worker).
MARKED_MODULES = {"test_schemathesis.py": "schemathesis"}


def pytest_ignore_collect(collection_path, config):
    """Skip a MARKED_MODULES file whose mark the -m expression deselects."""
    mark = MARKED_MODULES.get(collection_path.name)
    if mark is None or not config.option.markexpr:
        return None
    from _pytest.mark import MarkMatcher
    from _pytest.mark.expression import Expression

    matcher = MarkMatcher.from_markers([getattr(pytest.mark, mark).mark])
    return True if not Expression.compile(config.option.markexpr).evaluate(matcher) else None


@pytest.fixture(autouse=True, scope="session")
def test_settings():
    """Fast hashing (real hashing is deliberately slow), no manifest (it needs collectstatic),
    tasks run at once (no worker), plain HTTP. Set once for the session: a test that changes one
    through the `settings` fixture gets these values back when it ends."""
    from django.conf import settings as current

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
        SECURE_SSL_REDIRECT=False,
        STORAGES={
            **current.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back data can meet the same state again, and
    a page kept by an earlier test must never hide a key that misses something."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def reset_language():
    """A request with Accept-Language: zh-hans leaves Chinese active in the thread; undo it so the
    next test (in any order, on any xdist worker) starts in the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def member(bill, username: str, role: str):
    return MembershipFactory(bill=bill, user=UserFactory(username=username), role=role).user


@pytest.fixture
def drafter(db):
    return UserFactory(username="drafter1")


@pytest.fixture
def bill(drafter):
    return BillFactory(created_by=drafter)


@pytest.fixture
def reviewer(bill):
    return member(bill, "reviewer1", Role.REVIEWER)


@pytest.fixture
def viewer(bill):
    return member(bill, "viewer1", Role.VIEWER)


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider1")


@pytest.fixture
def staff(db):
    """Staff keep reference data; staff who are not members of a bill do not see it."""
    return UserFactory(username="staff1", is_staff=True)


def make_roles() -> dict:
    """The bill and the users of the fixtures above, made at once (for data shared by a module)."""
    drafter = UserFactory(username="drafter1")
    bill = BillFactory(created_by=drafter)
    return {
        "bill": bill,
        "anonymous": None,
        "outsider": UserFactory(username="outsider1"),
        "viewer": member(bill, "viewer1", Role.VIEWER),
        "reviewer": member(bill, "reviewer1", Role.REVIEWER),
        "drafter": drafter,
        "staff": UserFactory(username="staff1", is_staff=True),
    }


@contextlib.contextmanager
def module_transaction(django_db_blocker):
    """Data made once for a module, inside a transaction rolled back when the module ends.

    Each test runs in a savepoint of it (pytest-django's `db`), so its own writes roll back too.
    The caller unblocks the database while it makes the data.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@contextlib.contextmanager
def rows_made_once(django_db_blocker, make: Callable[[], dict]) -> Iterator[dict]:
    """The rows `make` returns, by name, committed for a module and rolled back after it."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            made = make()
        yield made


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """make_roles() once for a module that asks for it; a module or folder overrides this
    fixture to share other rows."""
    with rows_made_once(django_db_blocker, make_roles) as rows:
        yield rows


def read_afresh(name: str):
    """A fixture named `name`: that row of the module's `module_rows`, read again for each test
    (a test's writes roll back, but not what it left on a Python object)."""

    @pytest.fixture(name=name)
    def row(module_rows, db):
        found = module_rows[name]
        return type(found)._base_manager.get(pk=found.pk)

    return row


def shared_roles() -> tuple:
    """The fixtures bill, drafter, reviewer, viewer, outsider, staff and users_by_role on the
    module's rows, for a module whose tests share one bill and its users. Assign them to the
    same names: `bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()`."""

    @pytest.fixture(name="users_by_role")
    def by_role(outsider, viewer, reviewer, drafter, staff) -> dict:
        users = (None, outsider, viewer, reviewer, drafter, staff)
        return dict(zip(ROLES, users, strict=True))

    names = ("bill", "drafter", "reviewer", "viewer", "outsider", "staff")
    return (*(read_afresh(name) for name in names), by_role)


@pytest.fixture(scope="module")
def module_sessions(module_rows, django_db_blocker) -> dict[int, str]:
    """Per user among the module's rows, the session key of a sign-in made once for the module
    (it lives in the module's transaction, like the rows)."""
    keys = {}
    with django_db_blocker.unblock():
        for row in module_rows.values():
            if isinstance(row, get_user_model()):
                client = Client()
                client.force_login(row)
                keys[row.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


def shared_logins():
    """An autouse fixture: a test client's force_login of a user among the module's rows takes
    the module's session (a sign-in costs a dozen writes); other users sign in as usual. Assign
    it in the module: `reuse_logins = shared_logins()`."""

    @pytest.fixture(autouse=True)
    def reuse_logins(module_sessions, monkeypatch) -> None:
        original = Client.force_login

        def force_login(client, user, backend=None):
            key = module_sessions.get(user.pk)
            if key is None or backend is not None:
                return original(client, user, backend)
            client.cookies[settings.SESSION_COOKIE_NAME] = key
            return None

        monkeypatch.setattr(Client, "force_login", force_login)

    return reuse_logins


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


@pytest.fixture(scope="session")
def _migrations_kept():
    """Installed before pytest-django's django_db_setup runs (see the fixture below)."""
    return keep_migrations()


@pytest.fixture(scope="session")
def django_db_setup(_migrations_kept, django_db_setup):
    """pytest-django's set-up, with the migrated schema kept between runs on SQLite."""
    _migrations_kept()
    yield


@pytest.fixture(scope="session")
def database_copies(django_db_setup, django_db_blocker):
    """Copies of this process's test database, by name (tests/snapshots.py)."""
    copies = DatabaseCopies()
    yield copies
    copies.close()


def load_demo() -> None:
    with override_settings(DEMO_PASSWORD=DEMO_PASSWORD):
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_data(database_copies, django_db_blocker):
    """The demo data (reference data, users, the demo bill), committed for a whole test module.

    load_demo takes seconds, so modules that only read the demo share it: it is loaded once per
    process (put back from a copy for later modules on SQLite), each test's own writes still roll
    back, and the module's data is removed when it ends.
    """
    with django_db_blocker.unblock():
        put_in(database_copies, "demo", load_demo)
    yield
    with django_db_blocker.unblock():
        take_out(database_copies, "demo")


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
