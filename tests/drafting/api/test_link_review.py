"""Reviews of obligation links in the API: status in every link, agree and dispute endpoints."""

import pytest
from django.urls import reverse

from drafting.models import LinkStatus, ProvisionObligation, Role
from tests.drafting.api.conftest import World, token_client
from tests.factories import MembershipFactory, UserFactory


def review_url(world: World, verdict: str) -> str:
    return reverse(f"api:provision-obligation-{verdict}", args=[world.provision.pk])


def test_a_new_link_is_proposed(world, drafter):
    response = token_client(drafter).post(
        reverse("api:provision-obligations", args=[world.provision.pk]),
        {"obligation": "OPSC-3-1-c", "extent": "partial", "rationale": "Part of it."},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "proposed"
    assert (body["reviewed_by"], body["reviewed_at"], body["review_note"]) == (None, None, None)


def test_a_reviewer_agrees_and_the_list_says_so(world, reviewer, drafter):
    response = token_client(reviewer).post(
        review_url(world, "agree"), {"obligation": "OPSC-3-1-a"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "agreed"
    assert response.json()["reviewed_by"] == reviewer.username
    listed = token_client(drafter).get(
        reverse("api:provision-obligations", args=[world.provision.pk]), {"status": "agreed"}
    )
    assert [link["obligation"] for link in listed.json()["results"]] == ["OPSC-3-1-a"]
    proposed = token_client(drafter).get(
        reverse("api:provision-obligations", args=[world.provision.pk]), {"status": "proposed"}
    )
    assert proposed.json()["results"] == []


def test_a_second_drafter_disputes_with_a_note(world):
    second = UserFactory(username="drafter2")
    MembershipFactory(bill=world.bill, user=second, role=Role.DRAFTER)
    response = token_client(second).post(
        review_url(world, "dispute"),
        {"obligation": world.linked.pk, "note": "Covers only part."},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["review_note"]) == (
        "disputed",
        "Covers only part.",
    )


@pytest.mark.parametrize(
    ("verdict", "body", "message"),
    [
        ("dispute", {"obligation": "OPSC-3-1-a"}, "Say why you dispute the link."),
        ("agree", {"obligation": "NO-SUCH"}, None),
        ("agree", {"obligation": "OPSC-3-1-c"}, "OPSC-3-1-c is not linked to this provision."),
        ("agree", {"obligation": ["OPSC-3-1-a"]}, None),
        ("agree", {"obligation": "OPSC-3-1-a", "note": 5}, None),
        ("agree", {}, None),
    ],
)
def test_bad_reviews_are_400_and_change_nothing(world, reviewer, verdict, body, message):
    response = token_client(reviewer).post(review_url(world, verdict), body, format="json")
    assert response.status_code == 400
    if message:
        assert message in str(response.json())
    assert ProvisionObligation.objects.get(pk=world.link.pk).status == LinkStatus.PROPOSED


def test_self_review_is_refused_in_chinese(world, drafter):
    response = token_client(drafter).post(
        review_url(world, "agree"),
        {"obligation": "OPSC-3-1-a"},
        format="json",
        headers={"accept-language": "zh-hans"},
    )
    assert response.status_code == 400
    assert "此关联由您提出，须由他人审阅。" in str(response.json())
    assert ProvisionObligation.objects.get(pk=world.link.pk).review is None


def test_a_review_is_given_once(world, reviewer):
    client = token_client(reviewer)
    client.post(review_url(world, "agree"), {"obligation": "OPSC-3-1-a"}, format="json")
    again = client.post(
        review_url(world, "dispute"),
        {"obligation": "OPSC-3-1-a", "note": "On second thought."},
        format="json",
    )
    assert again.status_code == 400
    assert ProvisionObligation.objects.get(pk=world.link.pk).status == LinkStatus.AGREED
