"""The write rules of drafting.services for bills and their members, and for the links of
provisions to obligations, and every error they give."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from drafting import services
from drafting.models import Membership, ProvisionObligation, Role
from tests.conftest import shared_roles
from tests.drafting.services.conftest import make_provision
from tests.factories import LawFactory, ObligationFactory, UserFactory

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()


# --- bills and members ----------------------------------------------------------------------


def test_bill_create_makes_the_creator_its_drafter(db):
    user = UserFactory()
    bill = services.bill_create(
        actor=user, title_zh="刑法修正案（草案）", title_en="Draft", target_instrument=LawFactory()
    )
    assert Membership.objects.get(bill=bill).role == Role.DRAFTER
    assert user.has_perm("drafting.draft_bill", bill)


def test_membership_set_adds_and_changes_roles(bill, drafter):
    user = UserFactory()
    services.membership_set(actor=drafter, bill=bill, user=user, role=Role.REVIEWER)
    assert user.has_perm("drafting.comment_bill", bill)
    services.membership_set(actor=drafter, bill=bill, user=user, role=Role.VIEWER)
    assert not user.has_perm("drafting.comment_bill", bill)
    assert user.has_perm("drafting.view_bill", bill)


def test_membership_needs_a_drafter_and_a_known_role(bill, drafter, reviewer):
    with pytest.raises(PermissionDenied):
        services.membership_set(actor=reviewer, bill=bill, user=UserFactory(), role=Role.VIEWER)
    with pytest.raises(ValidationError):
        services.membership_set(actor=drafter, bill=bill, user=UserFactory(), role="owner")
    with pytest.raises(ValidationError, match="at least one drafter"):
        services.membership_set(actor=drafter, bill=bill, user=drafter, role=Role.VIEWER)
    with pytest.raises(ValidationError, match="at least one drafter"):
        services.membership_remove(actor=drafter, bill=bill, user=drafter)
    services.membership_remove(actor=drafter, bill=bill, user=reviewer)
    assert not reviewer.has_perm("drafting.view_bill", bill)


# --- obligation links -----------------------------------------------------------------------


def test_obligation_link_keeps_history(bill, drafter):
    provision = make_provision(bill, drafter)
    obligation = ObligationFactory()
    services.obligation_link(
        actor=drafter,
        provision=provision,
        obligation=obligation,
        extent="partial",
        rationale="Covers production.",
    )
    services.obligation_link(
        actor=drafter,
        provision=provision,
        obligation=obligation,
        extent="full",
        rationale="Now all acts.",
    )
    services.obligation_unlink(actor=drafter, provision=provision, obligation=obligation)
    links = ProvisionObligation.objects.filter(provision=provision).order_by("created_at", "pk")
    assert [(link.extent, link.is_active) for link in links] == [
        ("partial", False),
        ("full", False),
    ]
    assert all(link.removed_by == drafter for link in links)


def test_obligation_link_is_idempotent_for_the_same_values(bill, drafter):
    provision = make_provision(bill, drafter)
    obligation = ObligationFactory()
    for _ in range(2):
        services.obligation_link(
            actor=drafter,
            provision=provision,
            obligation=obligation,
            extent="full",
            rationale="Same.",
        )
    assert ProvisionObligation.objects.count() == 1


def test_obligation_link_errors(bill, drafter, reviewer):
    provision = make_provision(bill, drafter)
    obligation = ObligationFactory()
    with pytest.raises(ValidationError):
        services.obligation_link(
            actor=drafter, provision=provision, obligation=obligation, extent="most", rationale="x"
        )
    with pytest.raises(ValidationError):
        services.obligation_link(
            actor=drafter, provision=provision, obligation=obligation, extent="full", rationale=" "
        )
    with pytest.raises(PermissionDenied):
        services.obligation_link(
            actor=reviewer, provision=provision, obligation=obligation, extent="full", rationale="x"
        )
    with pytest.raises(ValidationError):
        services.obligation_unlink(actor=drafter, provision=provision, obligation=obligation)
    assert not ProvisionObligation.objects.exists()


def test_only_one_active_link_per_pair_in_the_database(bill, drafter):
    provision = make_provision(bill, drafter)
    obligation = ObligationFactory()
    services.obligation_link(
        actor=drafter, provision=provision, obligation=obligation, extent="full", rationale="x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProvisionObligation.objects.create(
            provision=provision,
            obligation=obligation,
            extent="partial",
            rationale="y",
            created_by=drafter,
        )
