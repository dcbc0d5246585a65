"""The dashboard's cached body: per reader, served in three queries, never after a change."""

import pytest

from drafting import services
from drafting.models import Role
from tests.drafting.web.kept_pages import same_page
from tests.drafting.web.provision_pages import WORDS, client_for, comment_on
from tests.factories import BillFactory, MembershipFactory, ProvisionFactory

pytestmark = pytest.mark.django_db


def html(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_costs_three_queries_and_a_reply_keeps_it(
    bill, reviewer, drafter, django_assert_num_queries
):
    thread = comment_on(ProvisionFactory(bill=bill, revisions=1), reviewer, body="Kept.")
    client = client_for(drafter)
    first = html(client)
    services.comment_reply(actor=reviewer, parent=thread, body="A reply.")
    with django_assert_num_queries(3):  # the session, the user, the reader's state
        again = html(client)
    assert same_page(again, first)


def test_new_threads_bills_and_reviews_show_at_once(bill, reviewer, drafter):
    provision = ProvisionFactory(bill=bill, revisions=1, title_en="Possession offence")
    client = client_for(reviewer)
    page = html(client)
    comment_on(provision, drafter, body="A new thread.")
    assert WORDS not in page and WORDS in html(client)  # the thread's quoted words
    other = BillFactory(title_en="A second amendment", created_by=drafter)
    MembershipFactory(bill=other, user=reviewer, role=Role.VIEWER)
    assert "A second amendment" in html(client)
    services.provision_transition(actor=drafter, provision=provision, to_status="in_review")
    waiting = html(client)
    assert waiting.count("Possession offence") > page.count("Possession offence")


def test_each_reader_has_their_own(bill, reviewer, outsider):
    BillFactory(title_en="Someone else's amendment")
    assert "Amendment to the Criminal Law (Draft)" in html(client_for(reviewer))
    assert "Amendment to the Criminal Law (Draft)" not in html(client_for(outsider))
