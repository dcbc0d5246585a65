"""The drafting admin: who gets in, history that stays read-only, the provision page, searches and
query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from drafting.models import Bill, Comment, Provision, Role
from tests.drafting.admin.conftest import shared_admin_rows
from tests.drafting.admin.pages import (
    MODELS,
    NON_STAFF,
    action,
    change,
    changelist,
    make_comment,
    make_event,
    make_link,
)
from tests.factories import BillFactory, MembershipFactory, ProvisionFactory, UserFactory

# The users, the bill and its provision are made once for the module and signed in once (conftest.py).
bill, drafter, reviewer, viewer, outsider, staff, overseer, admin_user, provision, reuse_logins = (
    shared_admin_rows()
)

# --- who gets in ----------------------------------------------------------------------------


@pytest.fixture(params=["overseer", "superuser"])
def any_staff(request, overseer, admin_user):
    """Staff holding "oversee bills" (permissions from drafting.rules) and a superuser."""
    return overseer if request.param == "overseer" else admin_user


@pytest.mark.parametrize("model", MODELS)
def test_staff_open_every_changelist_and_change_page(client, any_staff, objects, model):
    client.force_login(any_staff)
    assert client.get(changelist(model)).status_code == 200
    response = client.get(change(model, objects[model]))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["bill", "membership"])
def test_staff_open_the_add_pages_of_bills_and_members(client, any_staff, model):
    client.force_login(any_staff)
    assert client.get(reverse(f"admin:drafting_{model}_add")).status_code == 200


@pytest.mark.parametrize(
    "model", ["provision", "revision", "comment", "reviewevent", "provisionobligation"]
)
def test_add_pages_are_refused_where_rows_come_from_the_product(client, any_staff, model):
    client.force_login(any_staff)
    assert client.get(reverse(f"admin:drafting_{model}_add")).status_code == 403


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ["anonymous", *NON_STAFF])
def test_everyone_else_is_sent_to_the_admin_login(client, users_by_role, objects, model, role):
    user = users_by_role[role]
    if user:
        client.force_login(user)
    login = reverse("admin:login")
    for url in (changelist(model), change(model, objects[model])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login)


# --- history is read-only -------------------------------------------------------------------


@pytest.mark.parametrize("model", ["revision", "reviewevent"])
def test_history_change_pages_have_no_save_button_and_refuse_posts(
    client, any_staff, objects, model
):
    client.force_login(any_staff)
    obj = objects[model]
    page = client.get(change(model, obj)).content.decode()
    assert 'name="_save"' not in page
    assert 'name="_continue"' not in page

    response = client.post(change(model, obj), {"note": "篡改", "text_zh": "篡改后的条文"})

    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.note == ""
    if model == "revision":
        assert "篡改" not in obj.text_zh


@pytest.mark.parametrize("model", ["revision", "reviewevent", "provisionobligation", "comment"])
def test_history_cannot_be_deleted_through_the_admin(client, any_staff, objects, model):
    client.force_login(any_staff)
    obj = objects[model]
    url = reverse(f"admin:drafting_{model}_delete", args=[obj.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    response = action(client, model, "delete_selected", [obj])

    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert "delete_selected" not in response.content.decode()


def test_revisions_page_shows_no_delete_link(client, overseer, objects):
    client.force_login(overseer)
    page = client.get(change("revision", objects["revision"])).content.decode()
    assert reverse("admin:drafting_revision_delete", args=[objects["revision"].pk]) not in page


def test_provision_page_is_read_only_and_workflow_is_not_an_action(client, overseer, provision):
    client.force_login(overseer)
    page = client.get(change("provision", provision)).content.decode()
    assert 'name="_save"' not in page
    response = client.post(change("provision", provision), {"status": "approved"})
    assert response.status_code == 403
    provision.refresh_from_db()
    assert provision.status == Provision.Status.DRAFT
    # No actions at all: moving the workflow belongs to the bill's members.
    assert client.get(changelist("provision")).context["action_form"] is None


# --- the provision page: revisions with redlines, comments ---------------------------------


def test_provision_page_shows_revisions_newest_first_with_escaped_redline(
    client, overseer, drafter, provision
):
    first = provision.current_revision
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=first,
        text_zh=first.text_zh.replace("五年", "十年") + "<script>alert(1)</script>",
        text_en=first.text_en,
    )
    client.force_login(overseer)
    page = client.get(change("provision", provision)).content.decode()

    inline = page[page.index('id="revisions-group"') : page.index('id="comments-group"')]
    labels = [inline.index(f"{provision} r{n}") for n in (3, 2, 1)]
    assert labels == sorted(labels)
    assert '<del class="redline-del"' in page and ">五<" in page
    assert '<ins class="redline-ins"' in page and ">十<" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_provision_page_shows_comments_rendered_safely_with_the_hidden_flag(
    client, overseer, reviewer, provision
):
    comment = make_comment(provision, reviewer, body="**删去**<img src=x onerror=alert(1)>")
    services.comment_set_hidden(
        actor=overseer, comment=comment, hidden=True, reason="含有个人信息。"
    )
    client.force_login(overseer)

    page = client.get(change("provision", provision)).content.decode()

    group = page[page.index('id="comments-group"') :]
    assert "<strong>删去</strong>" in group
    assert "onerror" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "<img src=x" not in page
    assert 'alt="True"' in group  # the hidden flag, shown as Django's yes icon


def test_comment_change_page_renders_markdown_safely(client, overseer, reviewer, provision):
    comment = make_comment(
        provision, reviewer, body="见[说明](javascript:alert(1))与*第三条*<script>x</script>"
    )
    client.force_login(overseer)
    page = client.get(change("comment", comment)).content.decode()
    assert "<em>第三条</em>" in page
    assert 'href="javascript' not in page
    assert "<script>x</script>" not in page


# --- searches -------------------------------------------------------------------------------


def test_search_comments_and_revisions_in_chinese(client, overseer, reviewer, provision):
    wanted = make_comment(provision, reviewer, body="“淫秽物品”一词应当改为“儿童性侵害材料”。")
    make_comment(provision, reviewer, body="英文译文需要校对。")
    client.force_login(overseer)

    response = client.get(changelist("comment"), {"q": "淫秽物品"})
    assert [c.pk for c in response.context["cl"].result_list] == [wanted.pk]

    response = client.get(changelist("revision"), {"q": "第2稿"})
    assert [r.pk for r in response.context["cl"].result_list] == [provision.current_revision.pk]


# --- query counts do not grow with rows ------------------------------------------------------


def add_rows(model: str, count: int, bill: Bill, actor) -> None:
    """count more rows of a model, each on its own provision or bill where that matters."""
    for _ in range(count):
        if model == "bill":
            BillFactory(created_by=UserFactory())
        elif model == "membership":
            MembershipFactory(bill=bill, role=Role.REVIEWER)
        elif model in ("provision", "revision"):
            ProvisionFactory(bill=bill)
        elif model == "comment":
            make_comment(ProvisionFactory(bill=bill), actor)
        elif model == "hiddencomment":
            comment = make_comment(ProvisionFactory(bill=bill), actor)
            Comment.objects.filter(pk=comment.pk).update(hidden=True)
        elif model == "provisionobligation":
            make_link(ProvisionFactory(bill=bill), actor)
        elif model == "reviewevent":
            make_event(ProvisionFactory(bill=bill), actor)


@pytest.mark.parametrize("model", [*MODELS, "hiddencomment"])
def test_changelist_queries_do_not_grow_with_rows(
    client, overseer, bill, drafter, django_assert_num_queries, model
):
    add_rows(model, 3, bill, drafter)
    client.force_login(overseer)
    url = changelist(model)
    client.get(url)  # warm caches (content types, sessions) before counting
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    rows = len(response.context["cl"].result_list)

    add_rows(model, 27, bill, drafter)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["cl"].result_list) == rows + 27
