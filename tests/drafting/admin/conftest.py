"""Data an admin test module may share: conftest's users, bill and provision, made once."""

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import grant_oversight, make_roles, module_transaction
from tests.factories import ProvisionFactory, UserFactory

SHARED = ("bill", "drafter", "reviewer", "viewer", "outsider", "staff", "overseer")


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker) -> dict[str, tuple[type, int]]:
    """The rows of the fixtures `bill`, the users of its roles, `staff`, `overseer`, `admin_user`
    (pytest-django's) and `provision`, committed once for a module and rolled back after it:
    by fixture name, the model and primary key of each."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            roles = make_roles()
            made = {name: roles[name] for name in SHARED if name in roles}
            made["overseer"] = grant_oversight(UserFactory(username="overseer1", is_staff=True))
            made["admin_user"] = get_user_model().objects.create_superuser(
                "admin", "admin@example.com", "password"
            )
            made["provision"] = ProvisionFactory(bill=roles["bill"], revisions=2)
        yield {name: (type(row), row.pk) for name, row in made.items()}


def module_row(name: str):
    """A fixture of that name for a module that overrides conftest's with its shared row, read
    afresh for each test (changes a test makes to it in memory do not reach the next)."""

    @pytest.fixture(name=name)
    def row(module_rows, db):
        model, pk = module_rows[name]
        return model.objects.get(pk=pk)

    return row
