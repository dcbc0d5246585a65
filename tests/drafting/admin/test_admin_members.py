"""Bills and their members in the drafting admin: edits go through the services."""

from django.urls import reverse

from drafting import services
from drafting.models import Bill, Membership, Role
from tests.drafting.admin.conftest import shared_admin_rows
from tests.drafting.admin.pages import change, membership_post
from tests.factories import UserFactory

# The users, the bill and its provision are made once for the module and signed in once (conftest.py).
bill, drafter, reviewer, viewer, outsider, staff, overseer, admin_user, provision, reuse_logins = (
    shared_admin_rows()
)

# --- bills and members through services ------------------------------------------------------


def test_bill_edit_and_members_go_through_services(client, staff_drafter, bill, drafter):
    overseer = staff_drafter
    newcomer = UserFactory(username="newcomer")
    mine = Membership.objects.get(bill=bill, user=drafter)
    client.force_login(overseer)
    data = membership_post(
        bill,
        [
            {"id": str(mine.pk), "user": str(drafter.pk), "role": "drafter"},
            {"user": str(newcomer.pk), "role": "reviewer"},
        ],
    )
    data["title_en"] = "Amendment XIII to the Criminal Law (Draft)"

    response = client.post(change("bill", bill), data)

    assert response.status_code == 302
    bill.refresh_from_db()
    assert bill.title_en == "Amendment XIII to the Criminal Law (Draft)"
    assert Membership.objects.get(bill=bill, user=newcomer).role == Role.REVIEWER


def test_staff_outside_the_bill_see_it_read_only(client, overseer, bill, drafter):
    client.force_login(overseer)
    page = client.get(change("bill", bill)).content.decode()
    assert 'name="_save"' not in page
    data = membership_post(bill, [])
    data["title_en"] = "Changed by an outsider"

    assert client.post(change("bill", bill), data).status_code == 403
    bill.refresh_from_db()
    assert bill.title_en != "Changed by an outsider"


def test_staff_start_a_bill_for_the_first_drafter_they_choose(client, overseer, bill, outsider):
    client.force_login(overseer)
    data = membership_post(bill, [])
    data["target_instrument"] = str(bill.target_instrument_id)
    data["title_zh"] = "刑法修正案（十三）（草案）"
    data["first_drafter"] = str(outsider.pk)

    response = client.post(reverse("admin:drafting_bill_add"), data)

    assert response.status_code == 302
    created = Bill.objects.get(title_zh="刑法修正案（十三）（草案）")
    assert created.created_by == overseer
    assert list(created.memberships.values_list("user", "role")) == [(outsider.pk, Role.DRAFTER)]
    assert created.events.filter(kind="member_added", member=outsider, actor=overseer).exists()


def test_staff_must_choose_a_first_drafter(client, overseer, bill):
    client.force_login(overseer)
    data = membership_post(bill, [])
    data["target_instrument"] = str(bill.target_instrument_id)
    data["title_zh"] = "刑法修正案（十三）（草案）"

    response = client.post(reverse("admin:drafting_bill_add"), data)

    assert response.status_code == 200
    assert not Bill.objects.filter(title_zh="刑法修正案（十三）（草案）").exists()


def test_leaving_the_bill_without_a_drafter_is_a_form_error(client, staff_drafter, bill):
    rows = [
        {"id": str(m.pk), "user": str(m.user_id), "role": "reviewer"}
        for m in Membership.objects.filter(bill=bill).order_by("pk")
    ]
    client.force_login(staff_drafter)

    response = client.post(change("bill", bill), membership_post(bill, rows))

    assert response.status_code == 200
    assert "at least one drafter" in response.content.decode()
    assert Membership.objects.filter(bill=bill, role=Role.DRAFTER).count() == 2


def test_demoting_the_last_drafter_on_the_membership_page_is_refused(
    client, staff_drafter, bill, drafter
):
    services.membership_remove(actor=staff_drafter, bill=bill, user=drafter)
    mine = Membership.objects.get(bill=bill, user=staff_drafter)
    client.force_login(staff_drafter)
    response = client.post(change("membership", mine), {"role": "viewer"})
    assert response.status_code == 200
    assert "at least one drafter" in response.content.decode()
    mine.refresh_from_db()
    assert mine.role == Role.DRAFTER


def test_adding_a_membership(client, staff_drafter, bill):
    newcomer = UserFactory(username="newcomer")
    client.force_login(staff_drafter)
    response = client.post(
        reverse("admin:drafting_membership_add"),
        {"bill": bill.pk, "user": newcomer.pk, "role": "viewer"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(bill=bill, user=newcomer).role == Role.VIEWER


def test_staff_outside_the_bill_cannot_add_its_members(client, overseer, bill):
    newcomer = UserFactory(username="newcomer")
    client.force_login(overseer)
    response = client.post(
        reverse("admin:drafting_membership_add"),
        {"bill": bill.pk, "user": newcomer.pk, "role": "viewer"},
    )
    assert response.status_code == 200
    assert "Only the bill&#x27;s drafters manage its members" in response.content.decode()
    assert not Membership.objects.filter(bill=bill, user=newcomer).exists()
