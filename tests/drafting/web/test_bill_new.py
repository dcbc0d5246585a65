"""Starting a new bill: its proposed title, who becomes its drafter, bad input, query counts.

Apart from tests/drafting/web/test_bill_settings.py, whose tests share a bill per module: these
count on there being no bill yet.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting.models import Bill, BillEvent, Role
from proposals.history import Amendment
from tests.drafting.web.provision_pages import client_for
from tests.factories import InstrumentFactory, LawFactory

pytestmark = pytest.mark.django_db


# --- new bill -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("drafting:bill_new"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_any_user_starts_a_bill_with_the_proposed_title_and_becomes_drafter(outsider):
    law = LawFactory()
    client = client_for(outsider)
    page = client.get(reverse("drafting:bill_new"))
    assert page.status_code == 200
    assert "中华人民共和国刑法修正案（十三）（草案）" in page.content.decode()
    response = client.post(
        reverse("drafting:bill_new"), {"target_instrument": law.code, "title_zh": ""}
    )
    bill = Bill.objects.get()
    assert response.status_code == 302 and response.url == bill.get_absolute_url()
    assert bill.title_zh == "中华人民共和国刑法修正案（十三）（草案）"
    assert (
        bill.title_en
        == "Amendment 13 to the Criminal Law of the People's Republic of China (Draft)"
    )
    assert list(bill.memberships.values_list("user", "role")) == [(outsider.pk, Role.DRAFTER)]
    kinds = list(bill.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [BillEvent.Kind.CREATED, BillEvent.Kind.MEMBER_ADDED]
    followed = client.get(response.url)
    assert "You are its drafter" in followed.content.decode()


def test_the_title_counts_from_the_last_imported_amendment(outsider):
    law = LawFactory()
    Amendment.objects.create(
        instrument=law, title_zh="中华人民共和国刑法修正案（十四）", text_zh="…"
    )
    client_for(outsider).post(reverse("drafting:bill_new"), {"target_instrument": law.code})
    assert Bill.objects.get().title_zh == "中华人民共和国刑法修正案（十五）（草案）"


@pytest.mark.parametrize(
    "data",
    [
        {"target_instrument": "NO-SUCH-LAW"},
        {"target_instrument": "TREATY"},  # not a PRC law
        {"target_instrument": "PRC-CL", "title_zh": "字" * 201},
        {},
    ],
)
def test_bad_new_bill_is_refused_and_nothing_is_made(outsider, data):
    LawFactory()
    InstrumentFactory(code="TREATY")
    response = client_for(outsider).post(reverse("drafting:bill_new"), data)
    assert response.status_code == 400
    assert not Bill.objects.exists()


def test_new_bill_page_queries_do_not_grow_with_laws(outsider, django_assert_num_queries):
    LawFactory()
    url = reverse("drafting:bill_new")
    client = client_for(outsider)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(3):
        law = InstrumentFactory(code=f"PRC-{n}", kind="prc_law", title_zh=f"法{n}")
        Amendment.objects.create(instrument=law, title_zh=f"法{n}修正案（一）", text_zh="…")
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200
