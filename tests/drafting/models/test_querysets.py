"""The one membership filter: every QuerySet of bill rows answers visible_to(user) the same way."""

import pytest
from django.contrib.auth.models import AnonymousUser

from drafting import services
from drafting.models import Bill, Comment, Provision, ProvisionObligation, Revision
from drafting.text.anchoring import Anchor
from tests.factories import BillFactory, ObligationFactory, ProvisionFactory

MEMBERS = {"viewer", "reviewer", "drafter"}


@pytest.fixture
def rows(bill, drafter):
    """One row of every bill-scoped model on the bill, and one on a bill nobody here belongs to."""
    provision = ProvisionFactory(bill=bill)
    revision = provision.current_revision
    services.obligation_link(
        actor=drafter,
        provision=provision,
        obligation=ObligationFactory(),
        extent="full",
        rationale="Meets it.",
    )
    anchor = Anchor.locate(revision.text_zh, revision.text_zh[:2], language="zh")
    services.comment_create(
        actor=drafter, provision=provision, revision=revision, body="x", anchor=anchor
    )
    ProvisionFactory(bill=BillFactory())  # someone else's bill
    return provision


@pytest.mark.parametrize("model", [Bill, Provision, Revision, ProvisionObligation, Comment])
def test_visible_to_is_membership_for_every_model(model, rows, users_by_role, superuser):
    """Members see the bill's rows; outsiders, anonymous users, staff and superusers see none."""
    mine = model.objects.filter(**{model.objects.none().bill_path or "pk": rows.bill.pk})
    for role, user in {**users_by_role, "superuser": superuser}.items():
        seen = set(model.objects.visible_to(user or AnonymousUser()).values_list("pk", flat=True))
        expected = set(mine.values_list("pk", flat=True)) if role in MEMBERS else set()
        assert seen == expected, (model.__name__, role)
        assert seen or role not in MEMBERS


def test_with_role_annotates_the_users_role(rows, users_by_role):
    for role, user in users_by_role.items():
        if user is None:
            continue
        provision = Provision.objects.with_role(user).get(pk=rows.pk)
        assert provision.my_role == (role if role in MEMBERS else None), role


def test_roles_narrow_the_same_membership(bill, viewer, reviewer):
    """visible_to(user, roles) asks about the user's own membership, not any member's."""
    assert not Bill.objects.visible_to(viewer, roles=["drafter", "reviewer"]).exists()
    assert Bill.objects.visible_to(reviewer, roles=["drafter", "reviewer"]).exists()


def test_awaiting_review_lists_only_where_the_user_reviews(bill, drafter, viewer, reviewer):
    provision = ProvisionFactory(bill=bill, status="in_review")
    assert list(Provision.objects.awaiting_review(reviewer)) == [provision]
    assert list(Provision.objects.awaiting_review(viewer)) == []
