"""What web test modules share beyond tests/conftest.py's `shared_roles()` (the bill and users
made once per module): the module's provision (`provision = shared_provision()`), one sign-in per
user (`shared_logins()`), and helpers that measure queries in a rolled-back savepoint.
"""

import contextlib

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from drafting.models import Comment, Provision
from tests.factories import ProvisionFactory


@pytest.fixture(scope="module")
def module_provision(module_rows, django_db_blocker) -> int:
    """The key of a provision of two revisions in the module's bill (tests/conftest.py's)."""
    with django_db_blocker.unblock():
        return ProvisionFactory(bill=module_rows["bill"], revisions=2).pk


def shared_provision():
    """The fixture provision on the module's data: read afresh for each test."""

    @pytest.fixture
    def provision(module_provision, db) -> Provision:
        return Provision.objects.get(pk=module_provision)

    return provision


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """Writes of a module fixture that only measures: in a savepoint rolled back at once."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def queries_of(client, url: str) -> int:
    """The queries of one view, which must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries.captured_queries)


def counts_before_and_after(client, urls: dict[str, str], grow) -> dict[str, list[int]]:
    """Per name, the queries of viewing its url before grow() adds rows and after."""
    counts = {name: [queries_of(client, url)] for name, url in urls.items()}
    grow()
    for name, url in urls.items():
        counts[name].append(queries_of(client, url))
    return counts


def signed_in_as(client, user):
    """The test client, signed in as user (anonymous for None)."""
    if user is not None:
        client.force_login(user)
    return client


def thread_on(provision, author, status=Comment.Status.OPEN):
    """A thread on the first two characters of the current Chinese text, written directly."""
    return Comment.objects.create(
        provision=provision,
        revision=provision.current_revision,
        author=author,
        body="这里的表述是否过宽？",
        anchor_language="zh",
        anchor_exact="制作",
        anchor_start=0,
        anchor_end=2,
        status=status,
    )
