"""Oversight in the admin: the "oversee bills" permission, the log of reads, the oversight page."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from drafting import services
from drafting.models import OversightRecord, Revision
from tests.conftest import read_afresh, rows_made_once, shared_logins
from tests.drafting.admin.conftest import people
from tests.drafting.admin.pages import change, changelist, make_comment, make_event, make_link
from tests.factories import MembershipFactory, ProvisionFactory

CONTENT_MODELS = [
    "bill",
    "membership",
    "provision",
    "revision",
    "comment",
    "hiddencomment",
    "provisionobligation",
    "reviewevent",
    "billdraft",
    "commentdisposition",
]
OVERSIGHT = reverse("admin:drafting_oversight")


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker):
    """The users of every role and their bill, made once for the module (no provision: some
    tests count every revision)."""
    with rows_made_once(django_db_blocker, people) as rows:
        yield rows


bill, drafter, reviewer, viewer, outsider, staff = map(
    read_afresh, ["bill", "drafter", "reviewer", "viewer", "outsider", "staff"]
)
reuse_logins = shared_logins()


# --- plain staff see no bill content ---------------------------------------------------------


@pytest.mark.parametrize("model", CONTENT_MODELS)
def test_plain_staff_are_refused_every_list_of_bill_content(client, staff, provision, model):
    client.force_login(staff)
    assert client.get(changelist(model)).status_code == 403


@pytest.mark.parametrize("model", ["revision", "provision", "bill"])
def test_plain_staff_are_refused_the_objects_too(client, staff, provision, model):
    obj = {"revision": provision.current_revision, "provision": provision}.get(
        model, provision.bill
    )
    client.force_login(staff)
    assert client.get(change(model, obj)).status_code == 403


def test_plain_staff_see_reference_data_but_no_bill_content_on_the_index(client, staff, provision):
    client.force_login(staff)
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:proposals_instrument_changelist") in page
    assert "/admin/drafting/" not in page
    assert OVERSIGHT not in page
    assert client.get(OVERSIGHT).status_code == 403
    assert not OversightRecord.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "outsider", "viewer", "reviewer", "drafter"])
def test_the_oversight_page_sends_everyone_else_to_the_login(client, users_by_role, role):
    if users_by_role[role]:
        client.force_login(users_by_role[role])
    response = client.get(OVERSIGHT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_overseers_see_the_oversight_link_and_every_list(client, overseer, provision):
    client.force_login(overseer)
    page = client.get(reverse("admin:index")).content.decode()
    assert OVERSIGHT in page
    assert changelist("revision") in page and changelist("hiddencomment") in page
    assert reverse("admin:drafting_oversightrecord_changelist") not in page  # superusers only
    for model in CONTENT_MODELS:
        assert client.get(changelist(model)).status_code == 200, model


# --- the log of reads ------------------------------------------------------------------------


def test_an_overseer_reading_a_revision_is_logged(client, overseer, provision):
    revision = provision.current_revision
    client.force_login(overseer)

    assert client.get(change("revision", revision)).status_code == 200

    record = OversightRecord.objects.get(action="view")
    assert (record.user, record.model, record.object_id) == (
        overseer,
        "drafting.revision",
        str(revision.pk),
    )
    assert record.bill_ids == [provision.bill_id]
    assert record.object_repr == str(revision)


def test_lists_exports_and_the_oversight_page_are_logged(client, overseer, provision):
    client.force_login(overseer)
    client.get(changelist("comment"), {"q": "nothing"})  # an empty list reads nothing
    client.get(changelist("revision"))
    client.get(OVERSIGHT)
    client.post(
        changelist("revision"),
        {"action": "export_csv", "_selected_action": [provision.current_revision.pk]},
    )
    logged = list(OversightRecord.objects.order_by("pk").values_list("action", "model"))
    assert logged == [
        ("list", "drafting.revision"),
        ("overview", "drafting.bill"),
        ("export", "drafting.revision"),
    ]


def test_history_and_delete_confirmations_are_logged_too(client, superuser, provision):
    client.force_login(superuser)
    bill = provision.bill
    client.get(
        reverse("admin:drafting_comment_history", args=[make_comment(provision, superuser).pk])
    )
    client.get(reverse("admin:drafting_bill_delete", args=[bill.pk]))
    logged = OversightRecord.objects.order_by("pk").values_list("action", "model", "bill_ids")
    assert list(logged) == [
        ("view", "drafting.comment", [bill.pk]),
        ("view", "drafting.bill", [bill.pk]),
    ]


def test_members_reading_their_own_bill_are_not_logged(client, overseer, provision):
    MembershipFactory(bill=provision.bill, user=overseer)
    client.force_login(overseer)
    client.get(change("revision", provision.current_revision))
    client.get(changelist("revision"))
    assert not OversightRecord.objects.exists()


def test_a_list_spanning_a_bill_of_mine_and_another_logs_the_other(client, overseer, provision):
    MembershipFactory(bill=provision.bill, user=overseer)
    other = ProvisionFactory()
    client.force_login(overseer)
    client.get(changelist("revision"))
    assert OversightRecord.objects.get().bill_ids == [other.bill_id]


def test_only_superusers_read_the_log_and_nobody_changes_it(client, overseer, superuser, provision):
    client.force_login(overseer)
    client.get(change("provision", provision))
    record = OversightRecord.objects.get()
    log = reverse("admin:drafting_oversightrecord_changelist")
    assert client.get(log).status_code == 403

    client.force_login(superuser)
    page = client.get(log).content.decode()
    assert "overseer1" in page
    assert (
        client.get(reverse("admin:drafting_oversightrecord_change", args=[record.pk])).status_code
        == 200
    )
    url = reverse("admin:drafting_oversightrecord_delete", args=[record.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    with pytest.raises(IntegrityError), transaction.atomic():
        OversightRecord.objects.filter(pk=record.pk).update(object_repr="nothing to see")
    with pytest.raises(IntegrityError), transaction.atomic():
        OversightRecord.objects.filter(pk=record.pk).delete()


# --- the oversight page ----------------------------------------------------------------------


def test_the_oversight_page_lists_a_revision_written_a_moment_ago_first(
    client, overseer, drafter, reviewer, provision
):
    make_comment(provision, reviewer, body="较早的意见。")
    make_event(provision, drafter)
    make_link(provision, drafter)
    newest = services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=provision.current_revision.text_zh + "情节严重的，处五年以上有期徒刑。",
        text_en=provision.current_revision.text_en,
        note="加重情节",
    )
    client.force_login(overseer)

    response = client.get(OVERSIGHT)

    assert response.status_code == 200
    entries = [entry for entry, _when in response.context["entries"]]
    assert entries[0].admin_url == change("revision", newest)
    assert "r3 加重情节" in entries[0].summary
    assert entries[0].product_url == provision.get_absolute_url()
    kinds = {entry.kind for entry in entries}
    assert kinds == {"revision", "comment", "status change", "obligation link"}
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)


def test_the_oversight_page_counts_per_bill(client, overseer, drafter, reviewer, provision):
    thread = make_comment(provision, reviewer)
    services.comment_reply(actor=drafter, parent=thread, body="同意。")
    ProvisionFactory(bill=provision.bill, status="in_review")
    client.force_login(overseer)

    bills = client.get(OVERSIGHT).context["bills"]

    bill, _last = bills[0]
    assert bill == provision.bill
    assert dict(bill.status_counts)["draft"] == 1
    assert dict((str(k), v) for k, v in bill.status_counts)["in review"] == 1
    assert (bill.open_threads, bill.undisposed) == (1, 1)


def test_the_oversight_page_pages_and_refuses_bad_input(client, overseer, drafter, bill):
    for _ in range(16):
        ProvisionFactory(bill=bill, revisions=2)  # 32 revisions: two pages
    client.force_login(overseer)
    first = client.get(OVERSIGHT).context["page"]
    second = client.get(OVERSIGHT, {"page": 2}).context["page"]
    assert len(first.object_list) == 30 and len(second.object_list) == 2
    assert first.object_list[-1].at >= second.object_list[0].at
    assert client.get(OVERSIGHT, {"page": 9}).status_code == 404
    assert client.get(OVERSIGHT, {"page": "x"}).status_code == 404
    assert client.get(OVERSIGHT, {"since": "yesterday"}).status_code == 400
    assert client.get(OVERSIGHT, {"since": "today"}).status_code == 200


def test_the_oversight_page_keeps_its_query_count(
    client, overseer, drafter, bill, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        make_comment(ProvisionFactory(bill=bill), drafter)
    client.force_login(overseer)
    client.get(OVERSIGHT)
    with CaptureQueriesContext(connection) as few:
        client.get(OVERSIGHT)
    for _ in range(27):
        make_comment(ProvisionFactory(bill=ProvisionFactory().bill), drafter)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(OVERSIGHT)


def test_the_oversight_page_is_in_chinese_with_beijing_times(client, overseer, provision):
    client.force_login(overseer)
    page = client.get(OVERSIGHT, headers={"accept-language": "zh-hans"}).content.decode()
    assert "最新动态" in page
    revision = Revision.objects.get(pk=provision.current_revision.pk)
    import zoneinfo

    from django.utils import timezone

    beijing = timezone.localtime(revision.created_at, zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert beijing.strftime("%Y-%m-%d %H:%M") in page


@pytest.mark.parametrize(
    ("model", "words"),
    [
        ("revision", ["修订版本", "作者", "时间", "草案"]),
        ("comment", ["意见", "所引文字", "回复数", "处理情况"]),
        ("reviewevent", ["状态变更", "草稿 → 审阅中"]),
        ("hiddencomment", ["待复核的隐藏意见", "隐藏时间"]),
    ],
)
def test_the_lists_speak_chinese(client, overseer, drafter, reviewer, provision, model, words):
    make_event(provision, drafter)
    comment = make_comment(provision, reviewer)
    services.comment_set_hidden(actor=overseer, comment=comment, hidden=True, reason="离题。")
    client.force_login(overseer)
    page = client.get(changelist(model), headers={"accept-language": "zh-hans"}).content.decode()
    for word in words:
        assert word in page, word


def test_the_new_admin_pages_carry_no_inline_script(client, overseer, reviewer, provision):
    """A Content-Security-Policy without 'unsafe-inline' keeps them working."""
    import re

    make_comment(provision, reviewer)
    client.force_login(overseer)
    for url in (reverse("admin:index"), OVERSIGHT, changelist("comment"), changelist("revision")):
        page = client.get(url).content.decode()
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", page) if "src=" not in tag]
        assert not [t for t in inline if "json" not in t], (url, inline)
        assert " onclick=" not in page and "<style" not in page, url


def test_link_reviews_show_on_the_oversight_page_and_in_the_links_list(
    client, overseer, drafter, reviewer, provision
):
    reviewed = make_link(provision, drafter)
    proposed = make_link(provision, drafter)
    services.obligation_review(
        actor=reviewer, link=reviewed, verdict="disputed", note="仅部分满足第三条第一款。"
    )
    client.force_login(overseer)

    entries = [entry for entry, _when in client.get(OVERSIGHT).context["entries"]]
    assert entries[0].kind == "link review"
    assert entries[0].who == "reviewer1"
    assert "disputed" in entries[0].summary and "仅部分满足" in entries[0].summary
    bill, _last = client.get(OVERSIGHT).context["bills"][0]
    assert bill.proposed_links == 1

    response = client.get(changelist("provisionobligation"), {"status": "proposed"})
    assert [link.pk for link in response.context["cl"].result_list] == [proposed.pk]
    response = client.get(changelist("provisionobligation"), {"status": "disputed"})
    assert [link.pk for link in response.context["cl"].result_list] == [reviewed.pk]
    assert "reviewer1" in response.content.decode()


def test_autocomplete_answers_are_logged_as_reads(client, overseer, provision):
    # The admin's autocomplete names provisions of bills the overseer does not belong to.
    client.force_login(overseer)
    answer = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "drafting", "model_name": "comment", "field_name": "provision", "term": ""},
    )
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()["results"]] == [str(provision.pk)]
    record = OversightRecord.objects.get()
    assert (record.action, record.model, record.bill_ids) == (
        "list",
        "drafting.provision",
        [provision.bill_id],
    )
    assert record.object_repr.startswith("autocomplete:")
