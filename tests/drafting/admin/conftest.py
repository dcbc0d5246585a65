"""Data an admin test module may share: conftest's users, bill and provision, made once (read
per test through tests/conftest.py's `read_afresh`)."""

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import grant_oversight, make_roles, rows_made_once
from tests.factories import ProvisionFactory, UserFactory

ROLE_ROWS = ("bill", "drafter", "reviewer", "viewer", "outsider", "staff")


def people() -> dict:
    """The bill and users of conftest's fixtures, and pytest-django's `admin_user`."""
    roles = make_roles()
    made = {name: roles[name] for name in ROLE_ROWS}
    made["admin_user"] = get_user_model().objects.create_superuser(
        "admin", "admin@example.com", "password"
    )
    return made


def people_and_provision() -> dict:
    """`people`, the `overseer` and the bill's `provision` (two revisions)."""
    made = people()
    made["overseer"] = grant_oversight(UserFactory(username="overseer1", is_staff=True))
    made["provision"] = ProvisionFactory(bill=made["bill"], revisions=2)
    return made


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The admin modules' shared rows (tests/conftest.py's `read_afresh` reads them per test)."""
    with rows_made_once(django_db_blocker, people_and_provision) as rows:
        yield rows
