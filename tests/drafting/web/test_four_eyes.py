"""Four eyes: a drafter cannot approve the revision they wrote; it waits for someone else."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from drafting import services
from drafting.models import Provision, Role
from tests.factories import MembershipFactory, ProvisionFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Provision.Status


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def in_review(bill, drafter):
    provision = ProvisionFactory(bill=bill)  # its revision is by the bill's creator, drafter
    services.provision_transition(actor=drafter, provision=provision, to_status=Status.IN_REVIEW)
    return provision


def test_the_author_cannot_approve_but_a_second_drafter_can(bill, drafter, in_review):
    with pytest.raises(PermissionDenied):
        services.provision_transition(actor=drafter, provision=in_review, to_status=Status.APPROVED)
    second = MembershipFactory(bill=bill, role=Role.DRAFTER, user=UserFactory()).user
    services.provision_transition(actor=second, provision=in_review, to_status=Status.APPROVED)
    in_review.refresh_from_db()
    assert in_review.status == Status.APPROVED


def test_the_page_offers_no_approve_button_to_the_author(drafter, reviewer, in_review):
    url = reverse("drafting:provision", kwargs={"pk": in_review.pk})
    assert 'value="approved"' not in signed_in(drafter).get(url).content.decode()
    assert 'value="approved"' in signed_in(reviewer).get(url).content.decode()
    move = reverse("drafting:provision_transition", kwargs={"pk": in_review.pk})
    assert signed_in(drafter).post(move, {"to_status": "approved"}).status_code == 403
    in_review.refresh_from_db()
    assert in_review.status == Status.IN_REVIEW


def test_waiting_for_my_review_leaves_out_my_own_words(drafter, reviewer, in_review):
    dashboard = reverse("drafting:dashboard")
    mine = signed_in(drafter).get(dashboard).context["waiting"]
    theirs = signed_in(reviewer).get(dashboard).context["waiting"]
    assert list(mine) == [] and list(theirs) == [in_review]
