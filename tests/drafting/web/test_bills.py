"""Dashboard and bill page: who sees what, the add-provision form, reordering, query counts."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting.models import Comment, Provision, Role
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.conftest import signed_in_as, thread_on
from tests.factories import (
    ArticleFactory,
    BillFactory,
    MembershipFactory,
    ProposalFactory,
    ProvisionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MEMBERS = ("viewer", "reviewer", "drafter")
NOT_MEMBERS = ("outsider", "staff")

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()


def same_query_count(client, url, grow, django_assert_num_queries):
    """The page costs as many queries after grow() adds rows as before it."""
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    grow()
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


# --- dashboard ------------------------------------------------------------------------------


def test_dashboard_sends_anonymous_users_to_login(client):
    response = client.get(reverse("drafting:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_renders_and_signs_in(client, drafter):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"), {"username": "drafter1", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.get(reverse("drafting:dashboard")).status_code == 200


@pytest.mark.parametrize("role", MEMBERS)
def test_dashboard_lists_my_bill_with_my_role(client, users_by_role, bill, role):
    response = signed_in_as(client, users_by_role[role]).get(reverse("drafting:dashboard"))
    assert response.status_code == 200
    content = response.content.decode()
    assert bill.get_absolute_url() in content
    assert str(Role(role).label) in content


@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_dashboard_hides_bills_of_others(client, users_by_role, bill, provision, role):
    thread_on(provision, bill.created_by)
    Provision.objects.filter(pk=provision.pk).update(status=Provision.Status.IN_REVIEW)
    response = signed_in_as(client, users_by_role[role]).get(reverse("drafting:dashboard"))
    assert response.status_code == 200
    content = response.content.decode()
    assert bill.get_absolute_url() not in content
    assert provision.get_absolute_url() not in content
    assert "You are not a member of any bill yet" in content


def test_dashboard_shows_status_counts_threads_and_review_queue(client, bill, reviewer, viewer):
    waiting = ProvisionFactory(bill=bill, title_en="Awaiting review", status="in_review")
    ProvisionFactory(bill=bill, title_en="Still a draft")
    thread_on(waiting, reviewer)
    thread_on(waiting, reviewer, status=Comment.Status.RESOLVED)
    content = signed_in_as(client, reviewer).get(reverse("drafting:dashboard")).content.decode()
    assert "in review: 1" in content
    assert "draft: 1" in content
    assert waiting.get_absolute_url() in content  # waiting for my review and the open thread
    assert f"#comment-{waiting.comments.get(status='open').pk}" in content
    assert f"#comment-{waiting.comments.get(status='resolved').pk}" not in content
    # A viewer sees the thread but has nothing to review.
    client.force_login(viewer)
    content = client.get(reverse("drafting:dashboard")).content.decode()
    assert "Nothing is waiting for your review." in content


def test_dashboard_marks_chinese_words_as_chinese(client, bill, reviewer):
    article = ArticleFactory(instrument=bill.target_instrument, number=364)
    waiting = ProvisionFactory(
        bill=bill,
        title_zh="持有未成年人性剥削物品罪",
        status="in_review",
        operation=Provision.Operation.INSERT_ARTICLES,
        target_article=article,
        paragraphs=[],
    )
    thread_on(waiting, reviewer)
    content = signed_in_as(client, reviewer).get(reverse("drafting:dashboard")).content.decode()
    assert (
        f'href="{waiting.get_absolute_url()}" lang="zh-Hans">持有未成年人性剥削物品罪<' in content
    )
    assert "第三百六十四条之一（在第三百六十四条后增加）" in content  # the article it creates
    assert 'lang="zh-Hans">“制作”</a>' in content  # the quoted words of the open thread


def test_dashboard_query_count_does_not_grow(client, bill, drafter, django_assert_num_queries):
    for _ in range(3):
        thread_on(ProvisionFactory(bill=bill, status="in_review", revisions=3), drafter)
    client.force_login(drafter)

    def grow():
        for _ in range(27):
            thread_on(ProvisionFactory(bill=bill, status="in_review", revisions=3), drafter)
        for _ in range(5):
            other = BillFactory(created_by=drafter)
            ProvisionFactory(bill=other, status="draft")

    same_query_count(client, reverse("drafting:dashboard"), grow, django_assert_num_queries)


def test_language_switch_renders_chinese(client, drafter):
    client.force_login(drafter)
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    content = client.get(reverse("drafting:dashboard")).content.decode()
    assert "<h1>工作台</h1>" in content
    assert 'lang="zh-Hans"' in content
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "<h1>Dashboard</h1>" in client.get(reverse("drafting:dashboard")).content.decode()


def test_logout_is_a_post_form(client, drafter):
    client.force_login(drafter)
    content = client.get(reverse("drafting:dashboard")).content.decode()
    assert f'action="{reverse("logout")}" method="post"' in content
    client.post(reverse("logout"))
    assert client.get(reverse("drafting:dashboard")).status_code == 302


# --- bill page ------------------------------------------------------------------------------


def test_bill_page_sends_anonymous_users_to_login(client, bill):
    response = client.get(bill.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_bill_page_is_404_for_non_members(client, users_by_role, bill, provision, role):
    response = signed_in_as(client, users_by_role[role]).get(bill.get_absolute_url())
    assert response.status_code == 404
    assert bill.title_en not in response.content.decode()


@pytest.mark.parametrize("role", MEMBERS)
def test_bill_page_shows_provisions_in_order(client, users_by_role, bill, role):
    article = ArticleFactory(instrument=bill.target_instrument, number=287, sub=1)
    second = ProvisionFactory(bill=bill, position=2, title_en="Second item")
    first = ProvisionFactory(bill=bill, position=1, title_en="First item", target_article=article)
    thread_on(first, bill.created_by)
    response = signed_in_as(client, users_by_role[role]).get(bill.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("First item") < content.index("Second item")
    assert "一、" in content and "二、" in content
    assert "第二百八十七条之一" in content
    assert second.get_absolute_url() in content
    assert "drafter1" in content and "viewer1" in content  # members list
    can_draft = role == "drafter"
    assert ('id="add-provision"' in content) is can_draft
    assert (reverse("drafting:provision_add", args=[bill.pk]) in content) is can_draft
    assert (reverse("drafting:provision_move", args=[bill.pk]) in content) is can_draft


@pytest.mark.parametrize("role", ["viewer", "reviewer", "drafter"])
def test_bill_page_links_coverage_and_every_export(client, bill, role, request):
    client.force_login(request.getfixturevalue(role))
    content = client.get(bill.get_absolute_url()).content.decode()
    assert reverse("drafting:coverage", kwargs={"pk": bill.pk}) in content
    for doc in ("amendment", "comparison", "consolidated"):
        for fmt in ("html", "pdf", "docx"):
            url = reverse("drafting:export", kwargs={"pk": bill.pk, "doc": doc, "fmt": fmt})
            assert f'href="{url}"' in content
    assert reverse("drafting:export_akn", kwargs={"pk": bill.pk}) in content


def test_bill_page_query_count_does_not_grow(client, bill, drafter, django_assert_num_queries):
    ProposalFactory.create_batch(2)
    for _ in range(3):
        thread_on(ProvisionFactory(bill=bill, revisions=2), drafter)
    client.force_login(drafter)

    def grow():
        for _ in range(27):
            thread_on(ProvisionFactory(bill=bill, revisions=2), drafter)
        for _ in range(5):
            MembershipFactory(bill=bill, role=Role.REVIEWER)
        ProposalFactory.create_batch(5)

    same_query_count(client, bill.get_absolute_url(), grow, django_assert_num_queries)


# --- adding a provision ---------------------------------------------------------------------


def add_data(**overrides):
    data = {
        "operation": "replace_article",
        "target_article": "364",
        "paragraphs": "",
        "insert_count": "1",
        "title_en": "Dissemination of child sexual abuse material",
        "title_zh": "传播儿童性侵害材料",
        "text_zh": "第三百六十四条　传播儿童性侵害材料的，处三年以下有期徒刑。",
        "text_en": "Article 364 Whoever disseminates such material …",
    }
    data.update(overrides)
    return data


@pytest.fixture
def article_364(bill):
    return ArticleFactory(instrument=bill.target_instrument, number=364)


@pytest.mark.parametrize(
    "role, status",
    [("outsider", 404), ("staff", 404), ("viewer", 403), ("reviewer", 403)],
)
def test_only_drafters_add_provisions(client, users_by_role, bill, article_364, role, status):
    signed_in_as(client, users_by_role[role])
    response = client.post(reverse("drafting:provision_add", args=[bill.pk]), add_data())
    assert response.status_code == status
    assert not Provision.objects.exists()


def test_anonymous_add_goes_to_login_and_adds_nothing(client, bill, article_364):
    response = client.post(reverse("drafting:provision_add", args=[bill.pk]), add_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Provision.objects.exists()


@pytest.mark.parametrize("citation", ["364", "第三百六十四条", " 364 "])
def test_drafter_adds_a_provision_by_citation(client, bill, drafter, article_364, citation):
    proposal = ProposalFactory(code="a")
    client.force_login(drafter)
    response = client.post(
        reverse("drafting:provision_add", args=[bill.pk]),
        add_data(target_article=citation, proposals=[proposal.pk]),
    )
    assert response.status_code == 302
    provision = Provision.objects.get()
    assert provision.target_article == article_364
    assert provision.current_revision.text_zh.startswith("第三百六十四条")
    assert list(provision.proposals.all()) == [proposal]
    page = client.get(response.url).content.decode()
    # English page: the item number in digits and the English title (issue 11 item 38).
    assert "Added item 1: " in page


def test_drafter_adds_a_paragraph_operation_on_a_zhi_article(client, bill, drafter):
    article = ArticleFactory(instrument=bill.target_instrument, number=287, sub=1)
    client.force_login(drafter)
    response = client.post(
        reverse("drafting:provision_add", args=[bill.pk]),
        add_data(operation="replace_paragraphs", target_article="287-1", paragraphs="2"),
    )
    assert response.status_code == 302
    provision = Provision.objects.get()
    assert provision.target_article == article
    assert provision.paragraphs == [2]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"target_article": "999"}, "target_article", "has no article 999"),
        ({"target_article": "第三百六十四条第二款"}, "target_article", "Write the article as"),
        ({"target_article": "abc"}, "target_article", "Write the article as"),
        (
            {"operation": "replace_paragraphs", "paragraphs": "5"},
            "paragraphs",
            "The article has paragraphs 1 to 2.",
        ),
        ({"operation": "replace_paragraphs", "paragraphs": "one"}, "paragraphs", "whole numbers"),
        ({"paragraphs": "1"}, "paragraphs", "Only paragraph operations name paragraphs."),
        ({"text_zh": ""}, "text_zh", "The new text is required."),
        ({"text_zh": "刑" * (settings.MAX_PROVISION_TEXT + 1)}, "text_zh", "at most"),
        ({"title_en": ""}, "title_en", "This field is required."),
        ({"operation": "explode"}, "operation", "Select a valid choice."),
        ({"insert_count": "0"}, "insert_count", "greater than or equal to 1"),
    ],
)
def test_bad_input_shows_form_errors_and_adds_nothing(
    client, bill, drafter, article_364, overrides, field, message
):
    client.force_login(drafter)
    response = client.post(reverse("drafting:provision_add", args=[bill.pk]), add_data(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    assert "The provision was not added" in response.content.decode()
    assert not Provision.objects.exists()


def test_article_of_another_law_is_unknown(client, bill, drafter):
    ArticleFactory(instrument__code="OTHER-LAW", number=364)
    client.force_login(drafter)
    response = client.post(reverse("drafting:provision_add", args=[bill.pk]), add_data())
    assert response.status_code == 400
    assert "target_article" in response.context["form"].errors
    assert not Provision.objects.exists()


# --- reordering -----------------------------------------------------------------------------


@pytest.fixture
def three(bill):
    return [ProvisionFactory(bill=bill, position=n, title_en=f"Item {n}") for n in (1, 2, 3)]


def positions(bill):
    return list(bill.provisions.order_by("position").values_list("title_en", flat=True))


def test_drafter_moves_a_provision_up(client, bill, drafter, three):
    client.force_login(drafter)
    url = reverse("drafting:provision_move", args=[bill.pk])
    response = client.post(url, {"provision": three[2].pk, "direction": "up"})
    assert response.status_code == 302
    assert positions(bill) == ["Item 1", "Item 3", "Item 2"]


def test_htmx_move_returns_the_list_fragment(client, bill, drafter, three):
    client.force_login(drafter)
    url = reverse("drafting:provision_move", args=[bill.pk])
    response = client.post(
        url, {"provision": three[0].pk, "direction": "down"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="provision-list">')
    assert "<html" not in content
    assert content.index("Item 2") < content.index("Item 1")
    assert positions(bill) == ["Item 2", "Item 1", "Item 3"]


def test_moving_past_the_end_changes_nothing(client, bill, drafter, three):
    client.force_login(drafter)
    url = reverse("drafting:provision_move", args=[bill.pk])
    client.post(url, {"provision": three[0].pk, "direction": "up"})
    assert positions(bill) == ["Item 1", "Item 2", "Item 3"]


@pytest.mark.parametrize(
    "data",
    [
        {"provision": "x", "direction": "up"},
        {"direction": "up"},
        {"provision": 1, "direction": "left"},
    ],
)
def test_malformed_move_is_400(client, bill, drafter, three, data):
    client.force_login(drafter)
    response = client.post(reverse("drafting:provision_move", args=[bill.pk]), data)
    assert response.status_code == 400
    assert positions(bill) == ["Item 1", "Item 2", "Item 3"]


def test_cannot_move_a_provision_of_another_bill(client, bill, drafter, three):
    foreign = ProvisionFactory(bill=BillFactory(created_by=drafter))
    client.force_login(drafter)
    response = client.post(
        reverse("drafting:provision_move", args=[bill.pk]),
        {"provision": foreign.pk, "direction": "up"},
    )
    assert response.status_code == 400
    assert positions(bill) == ["Item 1", "Item 2", "Item 3"]


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("outsider", 404), ("staff", 404), ("viewer", 403), ("reviewer", 403)],
)
def test_only_drafters_reorder(client, users_by_role, bill, three, role, status):
    signed_in_as(client, users_by_role[role])
    response = client.post(
        reverse("drafting:provision_move", args=[bill.pk]),
        {"provision": three[2].pk, "direction": "up"},
    )
    assert response.status_code == status
    assert positions(bill) == ["Item 1", "Item 2", "Item 3"]


def test_get_on_post_only_urls_is_refused(client, bill, drafter):
    client.force_login(drafter)
    assert client.get(reverse("drafting:provision_add", args=[bill.pk])).status_code == 405
    assert client.get(reverse("drafting:provision_move", args=[bill.pk])).status_code == 405


def test_another_drafter_of_another_bill_is_an_outsider(client, bill, article_364):
    stranger = UserFactory(username="stranger")
    BillFactory(created_by=stranger)
    client.force_login(stranger)
    assert client.get(bill.get_absolute_url()).status_code == 404
    response = client.post(reverse("drafting:provision_add", args=[bill.pk]), add_data())
    assert response.status_code == 404
    assert not Provision.objects.exists()
