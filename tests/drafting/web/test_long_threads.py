"""A long thread on the provision page: the latest replies, the rest behind a link, and a cost
that does not grow with the replies."""

import pytest
from django.core.cache import cache

from drafting import services
from drafting.web.provision_page import REPLIES_SHOWN
from tests.drafting.web.provision_pages import client_for, comment_on, count_queries, page
from tests.factories import ProvisionFactory

pytestmark = pytest.mark.django_db


def long_thread(provision, reviewer, drafter, replies: int):
    thread = comment_on(provision, reviewer, body="Opening remark.")
    for n in range(replies):
        author = drafter if n % 2 else reviewer
        services.comment_reply(actor=author, parent=thread, body=f"Reply number {n:02d}.")
    return thread


def test_the_latest_replies_show_and_the_earlier_wait_behind_a_link(bill, reviewer, drafter):
    provision = ProvisionFactory(bill=bill, revisions=1)
    thread = long_thread(provision, reviewer, drafter, REPLIES_SHOWN + 3)
    body = client_for(drafter).get(page(provision)).content.decode()
    assert "Reply number 02." not in body and "Reply number 03." in body
    assert body.index("Reply number 03.") < body.index(f"Reply number {REPLIES_SHOWN + 2:02d}.")
    assert f'href="?threads=all#thread-{thread.pk}">Show 3 earlier replies</a>' in body
    everything = client_for(drafter).get(page(provision), {"threads": "all"}).content.decode()
    assert "Reply number 00." in everything and "earlier repl" not in everything


def test_hidden_replies_are_neither_shown_nor_counted(bill, reviewer, drafter, overseer):
    provision = ProvisionFactory(bill=bill, revisions=1)
    thread = long_thread(provision, reviewer, drafter, REPLIES_SHOWN + 1)
    first = thread.replies.order_by("created_at").first()
    services.comment_set_hidden(actor=overseer, comment=first, hidden=True, reason="Spam.")
    body = client_for(drafter).get(page(provision)).content.decode()
    assert "Reply number 00." not in body and "earlier repl" not in body


def test_the_chinese_page_says_how_many_earlier_replies(bill, reviewer, drafter):
    provision = ProvisionFactory(bill=bill, revisions=1)
    long_thread(provision, reviewer, drafter, REPLIES_SHOWN + 2)
    client = client_for(drafter)
    body = client.get(page(provision), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "显示较早的 2 条回复" in body


def test_the_page_costs_the_same_with_5_or_50_replies(bill, reviewer, drafter):
    short = ProvisionFactory(bill=bill, revisions=1)
    long = ProvisionFactory(bill=bill, revisions=1)
    long_thread(short, reviewer, drafter, 5)
    long_thread(long, reviewer, drafter, 50)
    client = client_for(drafter)
    client.get(page(short))
    client.get(page(long))
    assert count_queries(client, page(short)) == count_queries(client, page(long))
    cache.clear()
    body = client.get(page(long)).content.decode()
    assert body.count('<li id="comment-') == REPLIES_SHOWN
