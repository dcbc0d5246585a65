"""Two drafters edit the same revision: non-overlapping edits merge; dropping theirs is confirmed."""

import pytest
from django.test import Client
from django.urls import reverse

from drafting import services
from drafting.models import Role
from tests.factories import MembershipFactory, ProvisionFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "因生理缺陷有犯罪行为的，可以从轻处罚。"


@pytest.fixture
def setup(drafter, bill):
    provision = ProvisionFactory(bill=bill)
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=BASE,
        text_en="Base text.",
    )
    provision.refresh_from_db()
    other = MembershipFactory(bill=bill, role=Role.DRAFTER, user=UserFactory()).user
    return provision, other


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, provision, base, text_zh, **extra):
    url = reverse("drafting:provision_edit", kwargs={"pk": provision.pk})
    data = {"base_revision": base.pk, "text_zh": text_zh, "text_en": "Base text.", "note": ""}
    return client.post(url, {**data, **extra})


def test_non_overlapping_edits_are_merged_and_both_survive(drafter, setup):
    provision, other = setup
    base = provision.current_revision
    assert (
        post(signed_in(other), provision, base, BASE.replace("生理", "生理学")).status_code == 302
    )
    theirs = provision.revisions.latest()
    mine = signed_in(drafter)
    page = post(mine, provision, base, BASE.replace("有", ""))
    assert page.status_code == 409
    body = page.content.decode()
    assert 'id="merged"' in body
    assert '<ins class="merge-theirs">学</ins>' in body
    assert '<del class="merge-mine">有</del>' in body
    merged = "因生理学缺陷犯罪行为的，可以从轻处罚。"
    assert f">\n{merged}</textarea>" in body
    saved = post(mine, provision, theirs, merged, merge_base=base.pk)
    assert saved.status_code == 302
    provision.refresh_from_db()
    assert provision.current_revision.text_zh == merged
    assert provision.current_revision.base == theirs


def test_overlapping_edits_are_shown_as_conflicts(drafter, setup):
    provision, other = setup
    base = provision.current_revision
    post(signed_in(other), provision, base, BASE.replace("生理", "心理"))
    page = post(signed_in(drafter), provision, base, BASE.replace("生理", "物理"))
    assert page.status_code == 409
    body = page.content.decode()
    assert 'id="conflicts"' in body and 'class="conflict-row"' in body
    assert 'id="merged"' not in body


def test_dropping_a_colleagues_change_needs_confirmation(drafter, setup):
    provision, other = setup
    base = provision.current_revision
    post(signed_in(other), provision, base, BASE.replace("生理", "生理学"))
    theirs = provision.revisions.latest()
    mine = signed_in(drafter)
    dropped = post(mine, provision, theirs, BASE.replace("有", ""), merge_base=base.pk)
    assert dropped.status_code == 409
    assert 'id="dropped-warning"' in dropped.content.decode()
    assert provision.revisions.count() == 3  # nothing saved
    confirmed = post(
        mine, provision, theirs, BASE.replace("有", ""), merge_base=base.pk, confirm_drop="on"
    )
    assert confirmed.status_code == 302
    provision.refresh_from_db()
    assert provision.current_revision.text_zh == BASE.replace("有", "")


def test_a_merge_base_of_another_provision_is_refused(drafter, setup, bill):
    provision, _other = setup
    stranger = ProvisionFactory(bill=bill)
    response = post(
        signed_in(drafter),
        provision,
        provision.current_revision,
        "新文本。",
        merge_base=stranger.current_revision.pk,
    )
    assert response.status_code == 400
    assert provision.revisions.count() == 2
