"""The bill page's cached body: served in three queries, never after a change, and each role
sees its own."""

import datetime
import re

import pytest
from django.test import Client

from drafting import services
from drafting.models import Role
from tests.conftest import grant_oversight
from tests.drafting.web.kept_pages import assert_change_shows, same_page
from tests.drafting.web.provision_pages import client_for, comment_on
from tests.factories import MembershipFactory, ProvisionFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def html(client, bill, **params) -> str:
    response = client.get(bill.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_costs_three_queries(bill, reviewer, django_assert_num_queries):
    ProvisionFactory(bill=bill, revisions=1)
    client = client_for(reviewer)
    first = html(client, bill)
    with django_assert_num_queries(3):  # the session, the user, the page's state
        second = html(client, bill)
    assert same_page(first, second)


def test_drafters_and_reviewers_each_get_their_own_body(bill, drafter, reviewer):
    add = f'action="/bills/{bill.pk}/provisions/add/"'
    assert add not in html(client_for(reviewer), bill)  # kept for reviewers first
    drafter_page = html(client_for(drafter), bill)
    assert add in drafter_page and "provision_form.js" in drafter_page
    reviewer_page = html(client_for(reviewer), bill)
    assert add not in reviewer_page and "provision_form.js" not in reviewer_page


def test_a_drafters_token_works_on_a_cached_page(bill, drafter):
    provision = ProvisionFactory(bill=bill, revisions=1)
    ProvisionFactory(bill=bill, revisions=1)
    html(client_for(drafter), bill)  # kept for drafters
    client = Client(enforce_csrf_checks=True)
    client.force_login(drafter)
    token = TOKEN.search(html(client, bill)).group(1)
    response = client.post(
        f"/bills/{bill.pk}/provisions/move/",
        {"provision": provision.pk, "direction": "down", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.position == 2


def test_outsiders_get_a_404(bill, reviewer, outsider):
    html(client_for(reviewer), bill)
    assert client_for(outsider).get(bill.get_absolute_url()).status_code == 404


# Each change: set up, then change; the text that appears after it.
def change_provision_added(bill, drafter, reviewer, staff):
    yield
    ProvisionFactory(bill=bill, title_en="A newly added item")
    yield "A newly added item"


def change_open_thread(bill, drafter, reviewer, staff):
    provision = ProvisionFactory(bill=bill, revisions=1)
    yield
    comment_on(provision, reviewer)
    yield "<td>1</td>"


def change_thread_hidden(bill, drafter, reviewer, staff):
    provision = ProvisionFactory(bill=bill, revisions=1)
    thread = comment_on(provision, reviewer)
    yield
    services.comment_set_hidden(actor=staff, comment=thread, hidden=True, reason="Spam.")
    yield "!<td>1</td>"


def change_provision_status(bill, drafter, reviewer, staff):
    provision = ProvisionFactory(bill=bill, revisions=1)
    yield
    services.provision_transition(actor=drafter, provision=provision, to_status="in_review")
    yield "status-in_review"


def change_order(bill, drafter, reviewer, staff):
    first = ProvisionFactory(bill=bill, title_en="Alpha item")
    second = ProvisionFactory(bill=bill, title_en="Beta item")
    yield
    services.provision_reorder(actor=drafter, bill=bill, order=[second.pk, first.pk])
    yield "Beta item</a>"  # checked for order below


def change_member(bill, drafter, reviewer, staff):
    newcomer = UserFactory(username="newcomer")
    yield
    services.membership_set(actor=drafter, bill=bill, user=newcomer, role="viewer")
    yield "(newcomer)"


def change_bill_settings(bill, drafter, reviewer, staff):
    yield
    services.bill_update(actor=drafter, bill=bill, description="Consultation opens in March.")
    yield "Consultation opens in March."


def change_bill_status(bill, drafter, reviewer, staff):
    yield
    services.bill_transition(actor=drafter, bill=bill, to_status="consultation")
    yield "bill-status-consultation"


def change_draft(bill, drafter, reviewer, staff):
    ProvisionFactory(bill=bill, revisions=1)
    yield
    services.draft_issue(
        actor=drafter, bill=bill, kind="consultation", date=datetime.date(2026, 11, 26)
    )
    yield "征求意见稿"


def change_law_title(bill, drafter, reviewer, staff):
    yield
    law = bill.target_instrument
    law.title_zh = "中华人民共和国刑法（工作人员更正）"
    law.save()  # as the admin saves it: the reference edition moves
    yield "中华人民共和国刑法（工作人员更正）"


CHANGES = [
    change_provision_added,
    change_open_thread,
    change_thread_hidden,
    change_provision_status,
    change_order,
    change_member,
    change_bill_settings,
    change_bill_status,
    change_draft,
    change_law_title,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_every_write_shows_on_the_next_view(change, bill, drafter, reviewer, staff):
    steps = change(bill, drafter, reviewer, grant_oversight(staff))
    next(steps)
    reader = client_for(reviewer)
    before = html(reader, bill)
    html(reader, bill)  # now surely kept
    expected = next(steps)
    after = html(reader, bill)
    if change is change_order:
        assert before.index("Alpha item") < before.index("Beta item")
        assert after.index("Beta item") < after.index("Alpha item")
    else:
        assert_change_shows(before, after, expected)


def test_the_whole_team_has_its_own_body(bill, drafter):
    for n in range(31):
        MembershipFactory(bill=bill, user=UserFactory(username=f"member-{n:02d}"), role=Role.VIEWER)
    client = client_for(drafter)
    assert html(client, bill).count('<tr id="member-') == 30
    assert html(client, bill, members="all").count('<tr id="member-') == 32
    assert html(client, bill).count('<tr id="member-') == 30


def test_a_reply_keeps_the_bill_pages_body_and_a_resolve_does_not(
    bill, drafter, reviewer, django_assert_num_queries
):
    provision = ProvisionFactory(bill=bill, revisions=1)
    thread = comment_on(provision, reviewer)
    client = client_for(reviewer)
    assert "<td>1</td>" in html(client, bill)
    services.comment_reply(actor=drafter, parent=thread, body="Noted.")
    with django_assert_num_queries(3):  # the open counts are as they were: served as kept
        html(client, bill)
    services.comment_resolve(actor=drafter, comment=thread)
    assert "<td>1</td>" not in html(client, bill)
