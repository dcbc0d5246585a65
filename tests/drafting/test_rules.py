"""The permission authority: who may do what on a bill."""

import pytest

from drafting.rules import role_in
from tests.factories import ProvisionFactory

PERMS = {
    "drafting.view_bill": {"viewer", "reviewer", "drafter"},
    "drafting.comment_bill": {"reviewer", "drafter"},
    "drafting.review_bill": {"reviewer", "drafter"},
    "drafting.draft_bill": {"drafter"},
    "drafting.manage_bill": {"drafter"},
    "drafting.decide_suggestion": {"drafter"},
}


@pytest.mark.parametrize("perm", sorted(PERMS))
def test_bill_permissions_by_role(users_by_role, bill, perm):
    from django.contrib.auth.models import AnonymousUser

    for role, user in users_by_role.items():
        user = user or AnonymousUser()
        assert user.has_perm(perm, bill) == (role in PERMS[perm]), (perm, role)


def test_permissions_follow_objects_to_their_bill(bill, viewer, outsider):
    provision = ProvisionFactory(bill=bill)
    assert viewer.has_perm("drafting.view_bill", provision)
    assert viewer.has_perm("drafting.view_bill", provision.current_revision)
    assert not outsider.has_perm("drafting.view_bill", provision)


def test_staff_keep_reference_data_but_do_not_see_bills(users_by_role, bill):
    staff = users_by_role["staff"]
    assert staff.has_perm("proposals.change_reference")
    assert not users_by_role["drafter"].has_perm("proposals.change_reference")
    assert not staff.has_perm("drafting.view_bill", bill)


def test_role_lookup_is_cached_per_user(bill, reviewer, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(5):
            assert role_in(reviewer, bill) == "reviewer"


def test_services_do_not_let_a_superuser_into_a_bill(bill, superuser):
    from django.core.exceptions import PermissionDenied

    from drafting import services

    with pytest.raises(PermissionDenied):
        services.membership_set(actor=superuser, bill=bill, user=superuser, role="drafter")
