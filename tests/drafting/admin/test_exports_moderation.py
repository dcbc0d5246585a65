"""Exports of what the changelists show, and the moderation queue with its reasons."""

import csv
import io

import pytest
from openpyxl import load_workbook

from drafting import services
from drafting.models import Comment, CommentModeration
from tests.drafting.admin.pages import (
    action,
    changelist,
    make_comment,
    make_event,
    messages_of,
)
from tests.factories import ProvisionFactory


def export(client, model: str, kind: str, objs) -> list[list]:
    response = client.post(
        changelist(model), {"action": f"export_{kind}", "_selected_action": [o.pk for o in objs]}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    if kind == "csv":
        text = response.content.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def thread_with_replies(provision, reviewer, drafter):
    thread = make_comment(provision, reviewer, body='=HYPERLINK("http://x")建议删去')
    first = services.comment_reply(actor=drafter, parent=thread, body="已修改。")
    second = services.comment_reply(actor=reviewer, parent=thread, body="同意。")
    other = make_comment(ProvisionFactory(bill=provision.bill), reviewer, body="另一条意见。")
    return thread, first, second, other


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_comment_exports_have_one_row_each_in_thread_order(
    client, overseer, thread_with_replies, kind
):
    thread, first, second, other = thread_with_replies
    client.force_login(overseer)

    rows = export(client, "comment", kind, [second, other, thread, first])

    header, body = rows[0], rows[1:]
    assert header[:3] == ["thread", "reply to", "ID"]
    assert len(body) == 4
    structure = [[str(cell) for cell in row[:3]] for row in body]
    assert structure == [
        [str(thread.pk), "", str(thread.pk)],
        [str(thread.pk), str(thread.pk), str(first.pk)],
        [str(thread.pk), str(thread.pk), str(second.pk)],
        [str(other.pk), "", str(other.pk)],
    ]
    body_column = header.index("comment (Markdown)")
    assert body[0][body_column].startswith("'=HYPERLINK")  # never run as a formula
    assert body[0][header.index("replies")] in (2, "2")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_revision_and_event_exports_match_the_selection(client, overseer, drafter, provision, kind):
    event = make_event(provision, drafter)
    client.force_login(overseer)

    revisions = export(client, "revision", kind, list(provision.revisions.all()))
    events = export(client, "reviewevent", kind, [event])

    assert len(revisions) == 3
    assert revisions[0][:4] == ["bill", "item", "provision", "number"]
    assert {row[3] for row in revisions[1:]} in ({1, 2}, {"1", "2"})
    assert revisions[1][1] == "第一条" or revisions[1][1].startswith("第")
    assert len(events) == 2
    assert "draft → in review" in events[1]


def test_plain_staff_cannot_export(client, staff, provision):
    client.force_login(staff)
    response = client.post(
        changelist("revision"),
        {"action": "export_csv", "_selected_action": [provision.current_revision.pk]},
    )
    assert response.status_code == 403


# --- moderation ------------------------------------------------------------------------------


def test_hiding_without_a_reason_is_refused_with_the_services_message(
    client, overseer, reviewer, provision
):
    comment = make_comment(provision, reviewer)
    client.force_login(overseer)

    response = action(client, "comment", "hide", [comment], reason="   ")

    assert any("Give the reason" in m for m in messages_of(response))
    comment.refresh_from_db()
    assert not comment.hidden
    assert not CommentModeration.objects.exists()


def test_the_moderation_queue_lists_hidden_comments_with_the_reason(
    client, overseer, reviewer, provision
):
    shown, hidden = make_comment(provision, reviewer), make_comment(provision, reviewer)
    client.force_login(overseer)
    action(client, "comment", "hide", [hidden], reason="含有与草案无关的个人信息。")

    response = client.get(changelist("hiddencomment"))

    assert [c.pk for c in response.context["cl"].result_list] == [hidden.pk]
    page = response.content.decode()
    assert "含有与草案无关的个人信息。" in page
    assert "overseer1" in page

    response = action(client, "hiddencomment", "unhide", [hidden], reason="复核后恢复。")

    assert "Showed 1 comment(s) again." in messages_of(response)
    assert not Comment.objects.get(pk=hidden.pk).hidden
    assert list(
        CommentModeration.objects.filter(comment=hidden).values_list("hidden", "reason")
    ) == [(True, "含有与草案无关的个人信息。"), (False, "复核后恢复。")]
    assert not shown.moderations.exists()


def test_hiding_twice_is_refused_per_comment(client, overseer, reviewer, provision):
    comment = make_comment(provision, reviewer)
    client.force_login(overseer)
    action(client, "comment", "hide", [comment], reason="离题。")
    response = action(client, "comment", "hide", [comment], reason="离题。")
    assert any("already hidden" in m for m in messages_of(response))
    assert CommentModeration.objects.count() == 1


def test_moderations_cannot_be_rewritten(overseer, reviewer, provision):
    from django.db import IntegrityError, transaction

    comment = make_comment(provision, reviewer)
    services.comment_set_hidden(actor=overseer, comment=comment, hidden=True, reason="离题。")
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentModeration.objects.update(reason="")
