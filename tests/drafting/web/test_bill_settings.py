"""A bill's settings, status moves and members in the browser's forms (a new bill: test_bill_new.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting.models import Bill, BillEvent, Membership, Role
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.provision_pages import client_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()


def snapshot(bill: Bill) -> tuple:
    bill.refresh_from_db()
    members = sorted(bill.memberships.values_list("user_id", "role"))
    return (bill.title_zh, bill.title_en, bill.status, bill.description, bill.version, members)


# --- permissions on a bill's own controls ---------------------------------------------------

ACTIONS = {
    "bill_settings": lambda bill, users: {
        "version": bill.version,
        "title_zh": "新标题",
        "title_en": "New title",
        "description": "",
    },
    "bill_status": lambda bill, users: {"to_status": "consultation"},
    "member_add": lambda bill, users: {"username": "newcomer", "role": "reviewer"},
    "member_role": lambda bill, users: {"user": users["viewer"].pk, "role": "reviewer"},
    "member_remove": lambda bill, users: {"user": users["viewer"].pk},
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("staff", 404),
        ("viewer", 403),
        ("reviewer", 403),
        ("drafter", 302),
    ],
)
def test_only_drafters_manage_the_bill(users_by_role, bill, action, role, status):
    UserFactory(username="newcomer")
    before = snapshot(bill)
    response = client_for(users_by_role[role]).post(
        reverse(f"drafting:{action}", args=[bill.pk]), ACTIONS[action](bill, users_by_role)
    )
    assert response.status_code == status
    if role == "drafter":
        assert snapshot(bill) != before
        assert bill.events.exists()
    else:
        assert snapshot(bill) == before
        assert not bill.events.exists()


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_members_see_members_and_history_but_no_controls(users_by_role, bill, role):
    body = client_for(users_by_role[role]).get(bill.get_absolute_url()).content.decode()
    assert "viewer1" in body and "reviewer1" in body
    assert reverse("drafting:member_add", args=[bill.pk]) not in body
    assert reverse("drafting:bill_settings", args=[bill.pk]) not in body


def test_drafter_sees_the_controls(drafter, bill):
    body = client_for(drafter).get(bill.get_absolute_url()).content.decode()
    for name in ("member_add", "member_role", "member_remove", "bill_settings", "bill_status"):
        assert reverse(f"drafting:{name}", args=[bill.pk]) in body


# --- settings -------------------------------------------------------------------------------


def test_settings_are_saved_with_a_confirmation(drafter, bill):
    response = client_for(drafter).post(
        reverse("drafting:bill_settings", args=[bill.pk]),
        {
            "version": bill.version,
            "title_zh": "新标题",
            "title_en": "New title",
            "commencement_date": "2027-03-01",
            "description": "Why.",
        },
        follow=True,
    )
    assert "The bill&#x27;s settings were saved." in response.content.decode()
    bill.refresh_from_db()
    assert (bill.title_zh, str(bill.commencement_date), bill.version) == ("新标题", "2027-03-01", 2)
    event = bill.events.get()
    assert (event.kind, event.actor) == (BillEvent.Kind.SETTINGS, drafter)


def test_stale_settings_form_shows_what_changed_and_overwrites_nothing(drafter, bill):
    other = MembershipFactory(bill=bill, role=Role.DRAFTER, user=UserFactory()).user
    url = reverse("drafting:bill_settings", args=[bill.pk])
    form = {"version": bill.version, "title_en": "Theirs", "title_zh": bill.title_zh}
    assert client_for(other).post(url, form).status_code == 302
    mine = {**form, "title_en": "Mine"}
    response = client_for(drafter).post(url, mine)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Theirs" in body and "Mine" in body and 'id="settings-stale"' in body
    bill.refresh_from_db()
    assert (bill.title_en, bill.version) == ("Theirs", 2)


@pytest.mark.parametrize(
    "bad",
    [
        {"title_zh": ""},
        {"version": "abc"},
        {"commencement_date": "2027-02-30"},
        {"title_en": "x" * 201},
        {"description": "x" * 2001},
    ],
)
def test_bad_settings_are_refused(drafter, bill, bad):
    before = snapshot(bill)
    data = {"version": bill.version, "title_zh": "标题", "title_en": "Title", **bad}
    response = client_for(drafter).post(reverse("drafting:bill_settings", args=[bill.pk]), data)
    assert response.status_code == 400
    assert snapshot(bill) == before


# --- status ---------------------------------------------------------------------------------


def test_status_moves_through_the_table(drafter, bill):
    url = reverse("drafting:bill_status", args=[bill.pk])
    client = client_for(drafter)
    response = client.post(url, {"to_status": "consultation"}, follow=True)
    assert "The bill is now: consultation." in response.content.decode()
    assert client.post(url, {"to_status": "submitted"}).status_code == 302
    # Going back from submitted needs a reason.
    assert client.post(url, {"to_status": "drafting"}).status_code == 400
    assert client.post(url, {"to_status": "drafting", "note": "Returned."}).status_code == 302
    bill.refresh_from_db()
    assert bill.status == "drafting"
    moves = bill.events.filter(kind="status").order_by("pk").values_list("from_value", "to_value")
    assert list(moves) == [
        ("drafting", "consultation"),
        ("consultation", "submitted"),
        ("submitted", "drafting"),
    ]


@pytest.mark.parametrize(("to", "status"), [("enacted", 409), ("nonsense", 400)])
def test_illegal_status_moves_change_nothing(drafter, bill, to, status):
    before = snapshot(bill)
    response = client_for(drafter).post(
        reverse("drafting:bill_status", args=[bill.pk]), {"to_status": to}
    )
    assert response.status_code == status
    assert snapshot(bill) == before


# --- members --------------------------------------------------------------------------------


def test_add_change_and_remove_a_member_each_recorded(drafter, bill):
    newcomer = UserFactory(username="newcomer")
    client = client_for(drafter)
    add = client.post(
        reverse("drafting:member_add", args=[bill.pk]),
        {"username": "newcomer", "role": "reviewer"},
        follow=True,
    )
    assert "newcomer added as reviewer." in add.content.decode()
    client.post(
        reverse("drafting:member_role", args=[bill.pk]), {"user": newcomer.pk, "role": "drafter"}
    )
    assert Membership.objects.get(bill=bill, user=newcomer).role == Role.DRAFTER
    client.post(reverse("drafting:member_remove", args=[bill.pk]), {"user": newcomer.pk})
    assert not Membership.objects.filter(bill=bill, user=newcomer).exists()
    kinds = list(bill.events.order_by("pk").values_list("kind", "member__username"))
    assert kinds == [
        ("member_added", "newcomer"),
        ("role_changed", "newcomer"),
        ("member_removed", "newcomer"),
    ]


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("member_add", {"username": "nobody", "role": "reviewer"}, "There is no user nobody."),
        ("member_add", {"username": "drafter1", "role": "reviewer"}, "already a member"),
        ("member_add", {"username": "outsider1", "role": "king"}, "not one of the available"),
        (
            "member_role",
            {"user": "DRAFTER", "role": "viewer"},
            "A bill needs at least one drafter.",
        ),
        ("member_role", {"user": 999999, "role": "viewer"}, "Choose a member and a role."),
        ("member_remove", {"user": "DRAFTER"}, "A bill needs at least one drafter."),
        ("member_remove", {"user": "OUTSIDER"}, "not a member of this bill"),
        ("member_remove", {"user": "x"}, "not a member of this bill"),
    ],
)
def test_bad_member_changes_are_refused_with_a_message(
    drafter, outsider, bill, action, data, message
):
    data = {k: {"DRAFTER": drafter.pk, "OUTSIDER": outsider.pk}.get(v, v) for k, v in data.items()}
    before = snapshot(bill)
    response = client_for(drafter).post(reverse(f"drafting:{action}", args=[bill.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot(bill) == before
    assert not bill.events.exists()


def test_bill_page_queries_do_not_grow_with_members_and_events(
    drafter, bill, django_assert_num_queries
):
    client = client_for(drafter)
    with CaptureQueriesContext(connection) as before:
        assert client.get(bill.get_absolute_url()).status_code == 200
    count = len(before.captured_queries)  # read now: every request clears Django's query log
    for n in range(4):
        user = UserFactory(username=f"member{n}")
        client.post(
            reverse("drafting:member_add", args=[bill.pk]),
            {"username": user.username, "role": "reviewer"},
        )
    with django_assert_num_queries(count):
        assert client.get(bill.get_absolute_url()).status_code == 200


def test_chinese_interface(drafter, bill):
    client = client_for(drafter)
    client.cookies["django_language"] = "zh-hans"
    body = client.get(bill.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "成员" in body
