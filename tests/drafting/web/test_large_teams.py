"""The bill page of a large team: the first members (drafters first), the rest behind a link, and
a cost that does not grow with the team."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drafting.models import Membership, Role
from drafting.web.bill_panels import MEMBERS_SHOWN
from tests.drafting.web.provision_pages import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_reviewers(bill, n: int) -> None:
    users = [UserFactory(username=f"team-{i:03d}") for i in range(n)]
    Membership.objects.bulk_create(Membership(bill=bill, user=u, role=Role.REVIEWER) for u in users)


def queries(client, url) -> int:
    """The queries of building the page (its kept body dropped first)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_large_team_is_listed_a_page_at_a_time(bill, drafter):
    add_reviewers(bill, MEMBERS_SHOWN + 5)
    client = client_for(drafter)
    body = client.get(bill.get_absolute_url()).content.decode()
    assert body.count('<tr id="member-') == MEMBERS_SHOWN
    assert body.index(f'id="member-{drafter.pk}"') < body.index("team-000")  # drafters first
    total = MEMBERS_SHOWN + 6
    assert f'<a href="?members=all#members">Show all {total} members</a>' in body
    everyone = client.get(bill.get_absolute_url(), {"members": "all"}).content.decode()
    assert everyone.count('<tr id="member-') == total and "Show all" not in everyone


def test_a_small_team_has_no_link(bill, drafter):
    add_reviewers(bill, 3)
    body = client_for(drafter).get(bill.get_absolute_url()).content.decode()
    assert body.count('<tr id="member-') == 4 and "?members=all" not in body


def test_the_chinese_link(bill, drafter):
    add_reviewers(bill, MEMBERS_SHOWN)
    client = client_for(drafter)
    body = client.get(bill.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f"显示全部 {MEMBERS_SHOWN + 1} 名成员" in body


def test_the_page_costs_the_same_for_40_or_400_members(bill, drafter):
    add_reviewers(bill, 40)
    client = client_for(drafter)
    client.get(bill.get_absolute_url())
    before = queries(client, bill.get_absolute_url())
    add_reviewers_more = [UserFactory(username=f"more-{i:03d}") for i in range(360)]
    Membership.objects.bulk_create(
        Membership(bill=bill, user=u, role=Role.VIEWER) for u in add_reviewers_more
    )
    assert queries(client, bill.get_absolute_url()) == before
    body = client.get(bill.get_absolute_url()).content.decode()
    assert body.count('<tr id="member-') == MEMBERS_SHOWN
