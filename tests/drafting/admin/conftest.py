"""Data an admin test module may share: conftest's users, bill and provision, made once (read
per test through tests/conftest.py's `read_afresh`)."""

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model

from drafting.models import Membership, Role
from tests.conftest import grant_oversight, make_roles, read_afresh, rows_made_once, shared_logins
from tests.drafting.admin.pages import make_comment, make_event, make_link
from tests.factories import MembershipFactory, ProvisionFactory, UserFactory

ROLE_ROWS = ("bill", "drafter", "reviewer", "viewer", "outsider", "staff")
SHARED_ROWS = (*ROLE_ROWS, "overseer", "admin_user", "provision")


def shared_admin_rows() -> tuple:
    """The fixtures named in SHARED_ROWS on the module's rows (read afresh for each test), then an
    autouse fixture by which force_login takes the module's session of each of those users.
    `bill, drafter, reviewer, viewer, outsider, staff, overseer, admin_user, provision,
    reuse_logins = shared_admin_rows()`."""
    return (*map(read_afresh, SHARED_ROWS), shared_logins())


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


@pytest.fixture
def objects(bill, provision, drafter, reviewer):
    """One row of every drafting model, all on the shared bill."""
    return {
        "bill": bill,
        "membership": Membership.objects.get(bill=bill, user=reviewer),
        "provision": provision,
        "revision": provision.current_revision,
        "comment": make_comment(provision, reviewer),
        "provisionobligation": make_link(provision, drafter),
        "reviewevent": make_event(provision, drafter),
    }


@pytest.fixture
def staff_drafter(overseer, bill):
    """Staff who are also drafters of the bill: the services accept their bill-role actions."""
    MembershipFactory(bill=bill, user=overseer, role=Role.DRAFTER)
    return overseer


@pytest.fixture(params=["overseer", "superuser"])
def any_staff(request, overseer, admin_user):
    """Staff holding "oversee bills" (permissions from drafting.rules) and a superuser."""
    return overseer if request.param == "overseer" else admin_user
