"""The reference data, loaded once per module for read-only tests."""

import pytest

from proposals.loading import load_reference
from tests.snapshots import put_in, take_out


@pytest.fixture(scope="module")
def loaded(database_copies, django_db_blocker):
    """The reference data committed for this module's read-only tests, and removed after."""
    with django_db_blocker.unblock():
        put_in(database_copies, "reference", load_reference)
    yield
    with django_db_blocker.unblock():
        take_out(database_copies, "reference")


@pytest.fixture
def reference(loaded, db):
    return None
