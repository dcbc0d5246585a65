"""The API's side of a bill's management: settings with If-Match, status moves, members."""

import pytest
from django.urls import reverse

from drafting.models import Bill, BillEvent, Membership, Role
from tests.drafting.api.conftest import token_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def detail(bill) -> str:
    return reverse("api:bill-detail", args=[bill.pk])


def members(bill) -> str:
    return reverse("api:bill-members", args=[bill.pk])


def member(bill, user) -> str:
    return reverse("api:bill-member", args=[bill.pk, user.pk])


def state(bill: Bill) -> tuple:
    bill.refresh_from_db()
    roles = sorted(bill.memberships.values_list("user__username", "role"))
    return bill.title_en, bill.status, bill.version, roles, bill.events.count()


def etag(bill) -> str:
    return f'"{bill.pk}-{bill.version}"'


WRITES = {
    "patch": lambda c, b, u: c.patch(
        detail(b), {"title_en": "New"}, format="json", HTTP_IF_MATCH=etag(b)
    ),
    "transition": lambda c, b, u: c.post(
        reverse("api:bill-transition", args=[b.pk]), {"to_status": "consultation"}, format="json"
    ),
    "add member": lambda c, b, u: c.post(
        members(b), {"username": "newcomer", "role": "reviewer"}, format="json"
    ),
    "change role": lambda c, b, u: c.patch(member(b, u), {"role": "reviewer"}, format="json"),
    "remove member": lambda c, b, u: c.delete(member(b, u)),
}
EXPECTED = {"anonymous": 401, "outsider": 404, "staff": 404, "viewer": 403, "reviewer": 403}


@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("role", [*EXPECTED, "drafter"])
def test_permission_matrix(users_by_role, bill, viewer, write, role):
    UserFactory(username="newcomer")
    before = state(bill)
    response = WRITES[write](token_client(users_by_role[role]), bill, viewer)
    if role == "drafter":
        assert response.status_code in (200, 201, 204), response.content
        assert state(bill) != before
    else:
        assert response.status_code == EXPECTED[role]
        assert state(bill) == before


def test_get_gives_an_etag_and_patch_needs_it(drafter, bill):
    client = token_client(drafter)
    got = client.get(detail(bill))
    assert got["ETag"] == etag(bill) == got.json()["etag"]
    assert client.patch(detail(bill), {"title_en": "X"}, format="json").status_code == 428
    response = client.patch(
        detail(bill),
        {"title_en": "Amendment XIII", "commencement_date": "2027-03-01"},
        format="json",
        HTTP_IF_MATCH=got["ETag"],
    )
    assert response.status_code == 200
    assert response.json()["title_en"] == "Amendment XIII"
    assert response["ETag"] == f'"{bill.pk}-2"'
    stale = client.patch(
        detail(bill), {"title_en": "Lost"}, format="json", HTTP_IF_MATCH=got["ETag"]
    )
    assert stale.status_code == 412
    assert stale.json()["current_etag"] == f'"{bill.pk}-2"'
    bill.refresh_from_db()
    assert bill.title_en == "Amendment XIII"
    assert bill.events.get().kind == BillEvent.Kind.SETTINGS


@pytest.mark.parametrize(
    "body",
    [
        {"title_en": 5},
        {"title_zh": ""},
        {"commencement_date": "2027-02-30"},
        {"description": "x" * 2001},
        {"status": "submitted"},  # status moves go through transition
    ],
)
def test_bad_patch_changes_nothing(drafter, bill, body):
    before = state(bill)
    response = token_client(drafter).patch(
        detail(bill), body, format="json", HTTP_IF_MATCH=etag(bill)
    )
    if "status" in body:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
    assert state(bill) == before


def test_transitions_follow_the_table(drafter, bill):
    client = token_client(drafter)
    url = reverse("api:bill-transition", args=[bill.pk])
    moved = client.post(url, {"to_status": "submitted"}, format="json")
    assert moved.status_code == 200
    assert moved.json()["bill"]["status"] == "submitted"
    assert moved.json()["event"]["from_value"] == "drafting"
    assert client.post(url, {"to_status": "consultation"}, format="json").status_code == 409
    assert client.post(url, {"to_status": "drafting"}, format="json").status_code == 400
    assert client.post(url, {"to_status": "flying"}, format="json").status_code == 400
    bill.refresh_from_db()
    assert bill.status == "submitted"


def test_members_add_change_remove(drafter, bill):
    newcomer = UserFactory(username="newcomer")
    client = token_client(drafter)
    added = client.post(members(bill), {"username": "newcomer", "role": "viewer"}, format="json")
    assert added.status_code == 201 and added.json()["role"] == "viewer"
    changed = client.patch(member(bill, newcomer), {"role": "drafter"}, format="json")
    assert changed.status_code == 200 and changed.json()["role"] == "drafter"
    # Now the first drafter may step down to reviewer: another drafter remains.
    assert (
        client.patch(member(bill, drafter), {"role": "reviewer"}, format="json").status_code == 200
    )
    assert Membership.objects.get(bill=bill, user=drafter).role == Role.REVIEWER
    kinds = list(bill.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["member_added", "role_changed", "role_changed"]


@pytest.mark.parametrize(
    ("call", "status"),
    [
        (
            lambda c, b, d: c.post(
                members(b), {"username": "nobody", "role": "viewer"}, format="json"
            ),
            400,
        ),
        (
            lambda c, b, d: c.post(
                members(b), {"username": "drafter1", "role": "viewer"}, format="json"
            ),
            400,
        ),
        (lambda c, b, d: c.post(members(b), {"username": 7, "role": "viewer"}, format="json"), 400),
        (
            lambda c, b, d: c.post(
                members(b), {"username": "newcomer", "role": "king"}, format="json"
            ),
            400,
        ),
        (lambda c, b, d: c.patch(member(b, d), {"role": "viewer"}, format="json"), 400),
        (lambda c, b, d: c.delete(member(b, d)), 400),
        (lambda c, b, d: c.delete(reverse("api:bill-member", args=[b.pk, 999999])), 404),
    ],
    ids=[
        "unknown user",
        "already member",
        "wrong type",
        "unknown role",
        "last drafter demoted",
        "last drafter removed",
        "not a member",
    ],
)
def test_bad_member_changes_change_nothing(drafter, bill, call, status):
    UserFactory(username="newcomer")
    before = state(bill)
    response = call(token_client(drafter), bill, drafter)
    assert response.status_code == status
    assert "detail" in response.json() or response.json()
    assert state(bill) == before
