"""Proposals through the API: staff add and change them (proposals.services); others read."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from proposals.models import Proposal
from proposals.services import proposal_create, proposal_update
from tests.factories import ProposalFactory


def test_staff_create_and_update_a_proposal(staff):
    proposal = proposal_create(actor=staff, code="g", title_en="Registers", title_zh="登记")
    assert Proposal.objects.get(code="g").title_zh == "登记"

    proposal_update(actor=staff, proposal=proposal, title_en="Offender registers", position=7)

    stored = Proposal.objects.get(code="g")
    assert (stored.title_en, stored.position) == ("Offender registers", 7)


@pytest.mark.parametrize("role", ["drafter", "outsider"])
def test_members_who_are_not_staff_cannot_write_proposals(users_by_role, role):
    proposal = ProposalFactory(code="d", title_en="Possession")
    with pytest.raises(PermissionDenied):
        proposal_create(actor=users_by_role[role], code="g", title_en="R", title_zh="登")
    with pytest.raises(PermissionDenied):
        proposal_update(actor=users_by_role[role], proposal=proposal, title_en="Changed")
    assert Proposal.objects.get(code="d").title_en == "Possession"
    assert not Proposal.objects.filter(code="g").exists()


def test_bad_proposals_are_refused_with_field_messages(staff):
    ProposalFactory(code="d")
    with pytest.raises(ValidationError) as duplicate:
        proposal_create(actor=staff, code="d", title_en="Again", title_zh="再")
    assert "code" in duplicate.value.message_dict
    with pytest.raises(ValidationError):
        proposal_update(actor=staff, proposal=Proposal.objects.get(code="d"), targets=[])


def test_api_put_replaces_and_patch_changes(staff, client_for):
    ProposalFactory(code="d", title_en="Possession", summary_en="Old summary.", position=4)
    client = client_for("staff")
    url = reverse("api:proposal-detail", args=["d"])

    patched = client.patch(url, {"title_en": "Possession offence"}, format="json").json()
    assert (patched["title_en"], patched["summary_en"], patched["position"]) == (
        "Possession offence",
        "Old summary.",
        4,
    )

    put = client.put(url, {"code": "d", "title_en": "P", "title_zh": "持有"}, format="json")
    assert put.status_code == 200
    assert (put.json()["summary_en"], put.json()["position"]) == ("", 0)


def test_api_duplicate_code_is_400_on_the_field(staff, client_for):
    ProposalFactory(code="d")
    response = client_for("staff").post(
        reverse("api:proposal-list"),
        {"code": "d", "title_en": "A", "title_zh": "甲"},
        format="json",
    )
    assert response.status_code == 400
    assert "code" in response.json()
    assert Proposal.objects.filter(code="d").count() == 1
