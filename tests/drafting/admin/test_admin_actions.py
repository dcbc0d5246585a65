"""The drafting admin's actions on comments and links: through the services, refusals per row."""

import pytest

from drafting import services
from drafting.models import Comment, ProvisionObligation
from tests.conftest import grant_oversight
from tests.drafting.admin.conftest import shared_admin_rows
from tests.drafting.admin.pages import action, changelist, make_comment, make_link, messages_of
from tests.factories import UserFactory

# The users, the bill and its provision are made once for the module and signed in once (conftest.py).
bill, drafter, reviewer, viewer, outsider, staff, overseer, admin_user, provision, reuse_logins = (
    shared_admin_rows()
)

# --- actions go through services ------------------------------------------------------------


def test_hide_and_unhide_comments(client, overseer, reviewer, provision):
    comments = [make_comment(provision, reviewer) for _ in range(2)]
    client.force_login(overseer)

    response = action(client, "comment", "hide", comments, reason="离题。")

    assert response.status_code == 200
    assert all(c.hidden for c in Comment.objects.filter(pk__in=[c.pk for c in comments]))
    assert "Hid 2 comment(s)." in messages_of(response)

    response = action(client, "comment", "unhide", comments[:1], reason="已核实。")

    assert not Comment.objects.get(pk=comments[0].pk).hidden
    assert Comment.objects.get(pk=comments[1].pk).hidden


def test_hidden_filter_lists_only_hidden_comments(client, overseer, reviewer, provision):
    shown, hidden = make_comment(provision, reviewer), make_comment(provision, reviewer)
    services.comment_set_hidden(
        actor=overseer, comment=hidden, hidden=True, reason="含有个人信息。"
    )
    client.force_login(overseer)
    response = client.get(changelist("comment"), {"hidden__exact": "1"})
    assert [c.pk for c in response.context["cl"].result_list] == [hidden.pk]
    response = client.get(changelist("comment"), {"status__exact": "open", "hidden__exact": "0"})
    assert [c.pk for c in response.context["cl"].result_list] == [shown.pk]


def test_resolve_closes_threads_and_reports_refusals_per_comment(
    client, staff_drafter, reviewer, provision
):
    overseer = staff_drafter
    thread = make_comment(provision, reviewer)
    reply = services.comment_reply(actor=reviewer, parent=thread, body="同意。")
    client.force_login(overseer)

    response = action(client, "comment", "resolve", [thread, reply])

    assert response.status_code == 200
    thread.refresh_from_db()
    assert thread.status == Comment.Status.RESOLVED
    assert thread.resolved_by == overseer
    assert thread.resolved_at is not None
    errors = [m for m in messages_of(response) if "first comment" in m]
    assert len(errors) == 1
    assert "Resolved 1 thread(s)." in messages_of(response)


@pytest.mark.parametrize("superuser", [True, False])
def test_staff_outside_the_bill_get_a_refusal_message_not_a_crash(
    client, reviewer, provision, superuser
):
    """Staff, even a superuser, have no role on a bill they are not members of: services refuse."""
    moderator = UserFactory(username="moderator", is_staff=True, is_superuser=superuser)
    if not superuser:
        grant_oversight(moderator)
    thread = make_comment(provision, reviewer)
    link = make_link(provision, provision.bill.created_by)
    client.force_login(moderator)

    response = action(client, "comment", "resolve", [thread])
    assert response.status_code == 200
    assert any("role" in m for m in messages_of(response))
    thread.refresh_from_db()
    assert thread.status == Comment.Status.OPEN

    response = action(client, "provisionobligation", "unlink", [link])
    assert response.status_code == 200
    link.refresh_from_db()
    assert link.is_active

    # Moderation is a overseer power, not a bill role: hiding still works.
    action(client, "comment", "hide", [thread], reason="离题。")
    thread.refresh_from_db()
    assert thread.hidden


def test_unlink_keeps_the_row_as_history(client, staff_drafter, drafter, provision):
    overseer = staff_drafter
    link = make_link(provision, drafter)
    client.force_login(overseer)

    response = action(client, "provisionobligation", "unlink", [link])

    link.refresh_from_db()
    assert link.removed_by == overseer
    assert link.removed_at is not None
    assert ProvisionObligation.objects.filter(pk=link.pk).exists()
    assert not ProvisionObligation.objects.active().filter(provision=provision).exists()
    assert "Unlinked 1 obligation link(s)." in messages_of(response)

    again = action(client, "provisionobligation", "unlink", [link])

    assert any("is not linked" in m for m in messages_of(again))
    assert ProvisionObligation.objects.filter(provision=provision).count() == 1
