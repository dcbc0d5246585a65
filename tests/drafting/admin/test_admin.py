"""The drafting admin: who gets in, what is read-only, actions through services, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from drafting.models import (
    Bill,
    Comment,
    Membership,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Role,
)
from tests.conftest import grant_oversight, read_afresh
from tests.factories import (
    BillFactory,
    MembershipFactory,
    ObligationFactory,
    ProvisionFactory,
    UserFactory,
)

MODELS = [
    "bill",
    "membership",
    "provision",
    "revision",
    "comment",
    "provisionobligation",
    "reviewevent",
]
NON_STAFF = ["drafter", "reviewer", "viewer", "outsider"]

# The users, the bill and its provision are made once for the module (tests/drafting/admin/conftest.py).
bill, drafter, reviewer, viewer, outsider = map(
    read_afresh, ["bill", "drafter", "reviewer", "viewer", "outsider"]
)
staff, overseer, admin_user, provision = map(
    read_afresh, ["staff", "overseer", "admin_user", "provision"]
)


@pytest.fixture(autouse=True)
def served_pages(settings):
    """With DEBUG off the site redirects plain HTTP to HTTPS; the test client speaks HTTP."""
    settings.SECURE_SSL_REDIRECT = False


def make_comment(provision: Provision, author, body: str = "建议删去“以牟利为目的”。") -> Comment:
    """A thread anchored to the first two characters of the Chinese text."""
    revision = provision.current_revision
    return Comment.objects.create(
        provision=provision,
        revision=revision,
        author=author,
        body=body,
        anchor_language="zh",
        anchor_exact=revision.text_zh[:2],
        anchor_suffix=revision.text_zh[2:10],
        anchor_start=0,
        anchor_end=2,
    )


def make_link(provision: Provision, actor) -> ProvisionObligation:
    return services.obligation_link(
        actor=actor,
        provision=provision,
        obligation=ObligationFactory(),
        extent="partial",
        rationale="删除牟利要件，满足任择议定书第三条。",
    )


def make_event(provision: Provision, actor) -> ReviewEvent:
    return ReviewEvent.objects.create(
        provision=provision, actor=actor, from_status="draft", to_status="in_review"
    )


@pytest.fixture
def objects(bill, provision, drafter, reviewer):
    """One row of every drafting model, all on the shared bill."""
    return {
        "bill": bill,
        "membership": Membership.objects.get(bill=bill, user=reviewer),
        "provision": provision,
        "revision": provision.current_revision,
        "comment": make_comment(provision, reviewer),
        "provisionobligation": make_link(provision, drafter),
        "reviewevent": make_event(provision, drafter),
    }


@pytest.fixture
def staff_drafter(overseer, bill):
    """Staff who are also drafters of the bill: the services accept their bill-role actions."""
    MembershipFactory(bill=bill, user=overseer, role=Role.DRAFTER)
    return overseer


def changelist(model: str) -> str:
    return reverse(f"admin:drafting_{model}_changelist")


def change(model: str, obj) -> str:
    return reverse(f"admin:drafting_{model}_change", args=[obj.pk])


def action(client, model: str, name: str, objs, **extra) -> object:
    """Run an admin action on the changelist as the signed-in user; follow to the messages."""
    return client.post(
        changelist(model),
        {"action": name, "_selected_action": [o.pk for o in objs], **extra},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


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


# --- bills and members through services ------------------------------------------------------


def membership_post(bill: Bill, rows: list[dict]) -> dict:
    """The bill change form with its memberships inline, as the browser would post it."""
    data = {
        "title_zh": bill.title_zh,
        "title_en": bill.title_en,
        "status": bill.status,
        "commencement_date": "",
        "description": bill.description,
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": str(sum(1 for r in rows if r.get("id"))),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"memberships-{i}-{key}"] = value
        data[f"memberships-{i}-bill"] = str(bill.pk)
    return data


def test_bill_edit_and_members_go_through_services(client, staff_drafter, bill, drafter):
    overseer = staff_drafter
    newcomer = UserFactory(username="newcomer")
    mine = Membership.objects.get(bill=bill, user=drafter)
    client.force_login(overseer)
    data = membership_post(
        bill,
        [
            {"id": str(mine.pk), "user": str(drafter.pk), "role": "drafter"},
            {"user": str(newcomer.pk), "role": "reviewer"},
        ],
    )
    data["title_en"] = "Amendment XIII to the Criminal Law (Draft)"

    response = client.post(change("bill", bill), data)

    assert response.status_code == 302
    bill.refresh_from_db()
    assert bill.title_en == "Amendment XIII to the Criminal Law (Draft)"
    assert Membership.objects.get(bill=bill, user=newcomer).role == Role.REVIEWER


def test_staff_outside_the_bill_see_it_read_only(client, overseer, bill, drafter):
    client.force_login(overseer)
    page = client.get(change("bill", bill)).content.decode()
    assert 'name="_save"' not in page
    data = membership_post(bill, [])
    data["title_en"] = "Changed by an outsider"

    assert client.post(change("bill", bill), data).status_code == 403
    bill.refresh_from_db()
    assert bill.title_en != "Changed by an outsider"


def test_staff_start_a_bill_for_the_first_drafter_they_choose(client, overseer, bill, outsider):
    client.force_login(overseer)
    data = membership_post(bill, [])
    data["target_instrument"] = str(bill.target_instrument_id)
    data["title_zh"] = "刑法修正案（十三）（草案）"
    data["first_drafter"] = str(outsider.pk)

    response = client.post(reverse("admin:drafting_bill_add"), data)

    assert response.status_code == 302
    created = Bill.objects.get(title_zh="刑法修正案（十三）（草案）")
    assert created.created_by == overseer
    assert list(created.memberships.values_list("user", "role")) == [(outsider.pk, Role.DRAFTER)]
    assert created.events.filter(kind="member_added", member=outsider, actor=overseer).exists()


def test_staff_must_choose_a_first_drafter(client, overseer, bill):
    client.force_login(overseer)
    data = membership_post(bill, [])
    data["target_instrument"] = str(bill.target_instrument_id)
    data["title_zh"] = "刑法修正案（十三）（草案）"

    response = client.post(reverse("admin:drafting_bill_add"), data)

    assert response.status_code == 200
    assert not Bill.objects.filter(title_zh="刑法修正案（十三）（草案）").exists()


def test_leaving_the_bill_without_a_drafter_is_a_form_error(client, staff_drafter, bill):
    rows = [
        {"id": str(m.pk), "user": str(m.user_id), "role": "reviewer"}
        for m in Membership.objects.filter(bill=bill).order_by("pk")
    ]
    client.force_login(staff_drafter)

    response = client.post(change("bill", bill), membership_post(bill, rows))

    assert response.status_code == 200
    assert "at least one drafter" in response.content.decode()
    assert Membership.objects.filter(bill=bill, role=Role.DRAFTER).count() == 2


def test_demoting_the_last_drafter_on_the_membership_page_is_refused(
    client, staff_drafter, bill, drafter
):
    services.membership_remove(actor=staff_drafter, bill=bill, user=drafter)
    mine = Membership.objects.get(bill=bill, user=staff_drafter)
    client.force_login(staff_drafter)
    response = client.post(change("membership", mine), {"role": "viewer"})
    assert response.status_code == 200
    assert "at least one drafter" in response.content.decode()
    mine.refresh_from_db()
    assert mine.role == Role.DRAFTER


def test_adding_a_membership(client, staff_drafter, bill):
    newcomer = UserFactory(username="newcomer")
    client.force_login(staff_drafter)
    response = client.post(
        reverse("admin:drafting_membership_add"),
        {"bill": bill.pk, "user": newcomer.pk, "role": "viewer"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(bill=bill, user=newcomer).role == Role.VIEWER


def test_staff_outside_the_bill_cannot_add_its_members(client, overseer, bill):
    newcomer = UserFactory(username="newcomer")
    client.force_login(overseer)
    response = client.post(
        reverse("admin:drafting_membership_add"),
        {"bill": bill.pk, "user": newcomer.pk, "role": "viewer"},
    )
    assert response.status_code == 200
    assert "Only the bill&#x27;s drafters manage its members" in response.content.decode()
    assert not Membership.objects.filter(bill=bill, user=newcomer).exists()


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
