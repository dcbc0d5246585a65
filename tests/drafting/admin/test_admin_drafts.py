"""Issued drafts and dispositions in the admin: shown to staff, never changed or deleted there."""

import pytest
from django.urls import reverse

from drafting import services
from drafting.models import BillDraft, CommentDisposition
from tests.drafting.admin.pages import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(bill, provision, drafter, reviewer):
    draft = services.draft_issue(actor=drafter, bill=bill, kind="consultation")
    thread = make_comment(provision, reviewer)
    disposition = services.disposition_set(
        actor=drafter, comment=thread, kind="not_adopted", reason="不宜。"
    )
    return {"billdraft": draft, "commentdisposition": disposition}


@pytest.mark.parametrize("model", ["billdraft", "commentdisposition"])
def test_staff_read_but_cannot_change_or_delete(client, any_staff, rows, model):
    client.force_login(any_staff)
    obj = rows[model]
    change = reverse(f"admin:drafting_{model}_change", args=[obj.pk])
    assert client.get(reverse(f"admin:drafting_{model}_changelist")).status_code == 200
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(change, {"name": "篡改", "reason": "篡改"}).status_code == 403
    delete = reverse(f"admin:drafting_{model}_delete", args=[obj.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert BillDraft.objects.get().name == "征求意见稿"
    assert CommentDisposition.objects.get().reason == "不宜。"
