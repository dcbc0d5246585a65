"""POST .../revisions/ on a stale base with "merge": true merges or names the conflicts."""

import pytest
from django.urls import reverse

from drafting import services
from drafting.models import Role
from tests.drafting.api.conftest import token_client
from tests.factories import MembershipFactory, ProvisionFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "因生理缺陷有犯罪行为的，可以从轻处罚。"


@pytest.fixture
def provision(drafter, bill):
    provision = ProvisionFactory(bill=bill)
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=BASE,
        text_en="The offender shall be fined.",
    )
    provision.refresh_from_db()
    return provision


def save(user, provision, base, text_zh, **extra):
    return token_client(user).post(
        reverse("api:provision-revisions", args=[provision.pk]),
        {"base_revision": base.pk, "text_zh": text_zh, **extra},
        format="json",
    )


@pytest.fixture
def other(bill):
    return MembershipFactory(bill=bill, role=Role.DRAFTER, user=UserFactory()).user


def test_merge_true_keeps_both_changes(drafter, other, provision):
    base = provision.current_revision
    english = base.text_en
    assert (
        save(other, provision, base, BASE.replace("生理", "生理学"), text_en=english).status_code
        == 201
    )
    response = save(drafter, provision, base, BASE.replace("有", ""), text_en=english, merge=True)
    assert response.status_code == 201, response.json()
    assert response.json()["text_zh"] == "因生理学缺陷犯罪行为的，可以从轻处罚。"
    assert response.json()["number"] == 4


def test_without_merge_a_stale_base_is_still_409(drafter, other, provision):
    base = provision.current_revision
    save(other, provision, base, BASE.replace("生理", "生理学"), text_en=base.text_en)
    response = save(drafter, provision, base, BASE.replace("有", ""), text_en=base.text_en)
    assert response.status_code == 409
    assert "conflicts" not in response.json()


def test_overlapping_merge_is_409_with_the_conflicting_spans(drafter, other, provision):
    base = provision.current_revision
    save(other, provision, base, BASE.replace("生理", "心理"), text_en=base.text_en)
    response = save(
        drafter, provision, base, BASE.replace("生理", "物理"), text_en=base.text_en, merge=True
    )
    assert response.status_code == 409
    body = response.json()
    assert body["conflicts"]["text_zh"] == [
        {"start": 1, "end": 2, "base": "生", "theirs": "心", "mine": "物"}
    ]
    assert body["current_revision"]["text_zh"] == BASE.replace("生理", "心理")
    assert provision.revisions.count() == 3


def test_merge_must_be_a_boolean(drafter, provision):
    response = save(drafter, provision, provision.current_revision, "新。", merge="perhaps")
    assert response.status_code == 400
    assert provision.revisions.count() == 2
