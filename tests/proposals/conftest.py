"""The reference data, loaded once per module for read-only tests."""

import pytest

from proposals.loading import load_reference
from proposals.models import Article, Assessment, Instrument, Jurisdiction, Obligation, Proposal


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load the reference data once for this module's read-only tests, and remove it after."""
    with django_db_blocker.unblock():
        load_reference()
    yield
    with django_db_blocker.unblock():
        for model in (Assessment, Proposal, Obligation, Article, Instrument, Jurisdiction):
            model.objects.all().delete()


@pytest.fixture
def reference(loaded, db):
    return None
