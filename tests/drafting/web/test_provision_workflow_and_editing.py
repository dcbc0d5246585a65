"""Changing a provision from its pages: the workflow's transitions (sending a draft to review,
requesting changes) and the drafter's edit page (permissions, stale edits, bad input)."""

import pytest
from django.conf import settings
from django.urls import reverse

from drafting import services
from drafting.models import Provision, ReviewEvent, Revision, Role
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.conftest import shared_provision
from tests.drafting.web.provision_pages import REFUSED, client_for, edit_post, edit_url, page
from tests.drafting.web.roles import DRAFTERS_ONLY
from tests.factories import MembershipFactory, ProvisionFactory, UserFactory

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
provision = shared_provision()


# --- workflow -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "moved"),
    [
        *REFUSED,
        ("reviewer", 403, False),  # only drafters send a draft to review
        ("drafter", 302, True),
    ],
)
def test_transition_permissions(users_by_role, provision, role, status, moved):
    url = reverse("drafting:provision_transition", kwargs={"pk": provision.pk})
    response = client_for(users_by_role[role]).post(url, {"to_status": "in_review"})
    assert response.status_code == status
    provision.refresh_from_db()
    assert (provision.status == Provision.Status.IN_REVIEW) is moved
    assert ReviewEvent.objects.exists() is moved


def test_request_changes_needs_a_note(drafter, reviewer, provision):
    url = reverse("drafting:provision_transition", kwargs={"pk": provision.pk})
    client_for(drafter).post(url, {"to_status": "in_review"})
    body = client_for(reviewer).get(page(provision)).content.decode()
    assert 'value="changes_requested"' in body and 'value="approved"' in body
    assert 'value="withdrawn"' not in body  # drafters only
    response = client_for(reviewer).post(url, {"to_status": "changes_requested", "note": " "})
    assert response.status_code == 400
    assert "Say what needs to change." in response.content.decode()
    provision.refresh_from_db()
    assert provision.status == Provision.Status.IN_REVIEW
    response = client_for(reviewer).post(
        url, {"to_status": "changes_requested", "note": "Define the material first."}
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.status == Provision.Status.CHANGES_REQUESTED
    body = client_for(drafter).get(page(provision)).content.decode()
    assert "Define the material first." in body


def test_impossible_transition_changes_nothing(drafter, provision):
    url = reverse("drafting:provision_transition", kwargs={"pk": provision.pk})
    response = client_for(drafter).post(url, {"to_status": "approved"})
    assert response.status_code == 400
    provision.refresh_from_db()
    assert provision.status == Provision.Status.DRAFT


def test_htmx_transition_answers_with_the_workflow_section(drafter, provision):
    url = reverse("drafting:provision_transition", kwargs={"pk": provision.pk})
    response = client_for(drafter).post(url, {"to_status": "in_review"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="workflow"')
    assert 'data-status="in_review"' in body


# --- editing --------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [*DRAFTERS_ONLY[:5], ("drafter", 200)])
def test_edit_page_permissions(users_by_role, provision, role, status):
    client = client_for(users_by_role[role])
    assert client.get(edit_url(provision)).status_code == status
    response = client.post(
        edit_url(provision), edit_post(provision.current_revision, "改写的条文。")
    )
    assert response.status_code == (302 if role in ("anonymous", "drafter") else status)
    assert provision.revisions.count() == (3 if role == "drafter" else 2)


def test_edit_form_carries_the_base_revision(drafter, provision):
    body = client_for(drafter).get(edit_url(provision)).content.decode()
    assert f'name="base_revision" value="{provision.current_revision.pk}"' in body
    assert provision.current_revision.text_zh in body


def test_stale_edit_shows_the_conflict_and_overwrites_nothing(drafter, bill, provision):
    other = MembershipFactory(bill=bill, role=Role.DRAFTER, user=UserFactory()).user
    base = provision.current_revision
    first = client_for(other).post(
        edit_url(provision), edit_post(base, "甲的文本：处七年以下有期徒刑。")
    )
    assert first.status_code == 302
    theirs = Revision.objects.get(provision=provision, number=3)
    response = client_for(drafter).post(
        edit_url(provision), edit_post(base, "乙的文本：处十年以下有期徒刑。", note="Raise it")
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "乙的文本：处十年以下有期徒刑。" in body  # mine, in the merge box and the column
    assert "甲的文本：处七年以下有期徒刑。" in body  # theirs
    assert 'class="redline-ins"' in body and 'class="redline-del"' in body
    assert f'name="base_revision" value="{theirs.pk}"' in body
    assert "Raise it" in body
    provision.refresh_from_db()
    assert provision.current_revision == theirs
    assert provision.revisions.count() == 3
    merged = client_for(drafter).post(
        edit_url(provision), edit_post(theirs, "合并：处七年以上十年以下有期徒刑。")
    )
    assert merged.status_code == 302
    provision.refresh_from_db()
    assert provision.current_revision.number == 4
    assert provision.current_revision.base == theirs
    assert provision.current_revision.text_zh == "合并：处七年以上十年以下有期徒刑。"


@pytest.mark.parametrize(
    "bad",
    [
        {"text_zh": "   "},
        {"text_zh": "条" * (settings.MAX_PROVISION_TEXT + 1)},
        {"text_en": "w" * (settings.MAX_PROVISION_TEXT + 1)},
        {"note": "n" * (settings.MAX_NOTE + 1)},
        {"base_revision": "not a number"},
    ],
)
def test_bad_edit_is_a_form_error(drafter, provision, bad):
    data = edit_post(provision.current_revision, "有效的条文。")
    data.update(bad)
    response = client_for(drafter).post(edit_url(provision), data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert provision.revisions.count() == 2


def test_edit_based_on_another_provisions_revision_is_refused(drafter, bill, provision):
    other = ProvisionFactory(bill=bill)
    data = edit_post(other.current_revision, "有效的条文。")
    assert client_for(drafter).post(edit_url(provision), data).status_code == 400
    assert provision.revisions.count() == 2


def test_withdrawn_provision_cannot_be_edited(drafter, provision):
    services.provision_transition(actor=drafter, provision=provision, to_status="withdrawn")
    data = edit_post(provision.current_revision, "有效的条文。")
    response = client_for(drafter).post(edit_url(provision), data)
    assert response.status_code == 400
    assert "withdrawn" in response.content.decode()
    assert provision.revisions.count() == 2
