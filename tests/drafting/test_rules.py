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


@pytest.mark.parametrize(
    ("from_status", "to_status", "allowed"),
    [
        ("draft", "in_review", {"drafter"}),
        ("in_review", "approved", {"drafter", "reviewer"}),
        ("in_review", "changes_requested", {"drafter", "reviewer"}),
        ("draft", "approved", set()),  # not in the workflow table at all
    ],
)
def test_transitions_are_asked_of_the_rules(users_by_role, bill, from_status, to_status, allowed):
    import rules
    from django.contrib.auth.models import AnonymousUser

    from drafting.workflow import Move

    move = Move(ProvisionFactory(bill=bill, status=from_status), to_status)
    for role, user in users_by_role.items():
        user = user or AnonymousUser()
        assert rules.has_perm("drafting.transition_provision", user, move) == (role in allowed)


@pytest.mark.parametrize("perm", ["drafting.moderate_comment", "drafting.oversee_bills"])
def test_only_staff_holding_oversee_bills_oversee_and_moderate(
    users_by_role, superuser, overseer, perm
):
    """Plain staff keep reference data; "oversee bills" is granted, and superusers hold it."""
    import rules
    from django.contrib.auth.models import AnonymousUser

    for role, user in users_by_role.items():
        assert not rules.has_perm(perm, user or AnonymousUser()), role
    assert rules.has_perm(perm, overseer)
    assert rules.has_perm(perm, superuser)
    overseer.is_staff = False  # the permission alone does not open the admin
    assert not rules.has_perm(perm, overseer)


def test_only_superusers_read_the_oversight_log(users_by_role, superuser, overseer):
    import rules

    for user in [*users_by_role.values(), overseer]:
        if user is not None:
            assert not rules.has_perm("drafting.read_oversight_log", user)
    assert rules.has_perm("drafting.read_oversight_log", superuser)


def test_only_the_rules_decide_permissions():
    """No user.has_perm (superusers pass it) and no is_staff test outside drafting/rules.py."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for package in ("drafting", "proposals"):
        for path in (root / package).rglob("*.py"):
            if path.name == "rules.py" or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for needle in (".has_perm(", ".is_staff", ".is_superuser"):
                hits = text.count(needle) - text.count(f"rules{needle}")
                if hits > 0:
                    offenders.append(f"{path.relative_to(root)}: {needle}")
    assert offenders == []
