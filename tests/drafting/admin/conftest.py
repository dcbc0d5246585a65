"""Data an admin test module may share: conftest's users, bill and provision, made once."""

import contextlib
from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import grant_oversight, make_roles, module_transaction
from tests.factories import ProvisionFactory, UserFactory

ROLE_ROWS = ("bill", "drafter", "reviewer", "viewer", "outsider", "staff")


@contextlib.contextmanager
def rows_made_once(django_db_blocker, make: Callable[[], dict]) -> Iterator[dict]:
    """Rows committed for a module and rolled back after it: by fixture name, each row's model
    and primary key (for `module_row`)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            made = make()
        yield {name: (type(row), row.pk) for name, row in made.items()}


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
    with rows_made_once(django_db_blocker, people_and_provision) as rows:
        yield rows


def module_row(name: str):
    """A fixture of that name for a module that overrides conftest's with its shared row (from
    the module's `module_rows`), read afresh for each test: what a test changes in memory does
    not reach the next, and its writes roll back."""

    @pytest.fixture(name=name)
    def row(module_rows, db):
        model, pk = module_rows[name]
        return model.objects.get(pk=pk)

    return row
