"""Writing on the provision page: comments anchored to the text, replies, resolving and reopening a
thread, suggestions and their decisions, and the htmx answers."""

import pytest
from django.conf import settings
from django.urls import reverse

from drafting import services
from drafting.models import Comment, Role
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.conftest import shared_provision
from tests.drafting.web.provision_pages import (
    REFUSED,
    WORDS,
    client_for,
    comment_on,
    comment_post,
    page,
)
from tests.factories import MembershipFactory, ProvisionFactory

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
provision = shared_provision()


# --- comments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "stored"),
    [
        *REFUSED,
        ("reviewer", 302, True),
        ("drafter", 302, True),
    ],
)
def test_comment_create_permissions(users_by_role, provision, role, status, stored):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(users_by_role[role]).post(url, comment_post(provision))
    assert response.status_code == status
    assert Comment.objects.filter(provision=provision).exists() is stored
    if stored:
        comment = Comment.objects.get(provision=provision)
        assert response["Location"].endswith(f"#thread-{comment.pk}")
        text = provision.current_revision.text_zh
        assert text[comment.anchor_start : comment.anchor_end] == WORDS


def test_comment_from_selection_counts_code_points_beyond_the_bmp(drafter, reviewer, bill):
    # 𠀀 is one code point but two UTF-16 units: the browser sends code-point offsets.
    provision = ProvisionFactory(bill=bill)
    text = "对𠀀𠀁等罕用字不影响定位：处五年以下有期徒刑。"
    revision = services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=text,
        text_en="",
    )
    start = text.index(WORDS)
    assert start == 13
    data = comment_post(
        provision,
        revision=revision.pk,
        start=start,
        end=start + len(WORDS),
        prefix=text[:start],
        suffix=text[start + len(WORDS) :],
    )
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    assert client_for(reviewer).post(url, data).status_code == 302
    comment = Comment.objects.get(provision=provision)
    assert (comment.anchor_start, comment.anchor_end) == (13, 22)
    body = client_for(reviewer).get(page(provision)).content.decode()
    assert f'<mark class="comment-mark" data-thread="{comment.pk}">{WORDS}</mark>' in body


@pytest.mark.parametrize(
    "bad",
    [
        {"exact": "这些词不在条文中"},
        {"start": 0, "end": 3},  # offsets that do not hold the words
        {"start": 5, "end": 5 + len(WORDS), "prefix": "wrong context"},
        {"language": "en"},  # Chinese words are not in the English text
        {"language": "fr"},
        {"body": "   "},
        {"body": "x" * (settings.MAX_COMMENT_BODY + 1)},
    ],
)
def test_bad_comment_is_refused_and_nothing_stored(reviewer, provision, bad):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(reviewer).post(url, comment_post(provision, **bad))
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_on_another_provisions_revision_is_refused(reviewer, provision, bill):
    other = ProvisionFactory(bill=bill)
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(reviewer).post(
        url, comment_post(provision, revision=other.current_revision.pk)
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


# --- replies, resolving, suggestions --------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "stored"),
    [
        *REFUSED,
        ("reviewer", 302, True),
        ("drafter", 302, True),
    ],
)
def test_reply_permissions(users_by_role, provision, role, status, stored):
    thread = comment_on(provision, users_by_role["drafter"])
    url = reverse("drafting:comment_reply", kwargs={"pk": thread.pk})
    response = client_for(users_by_role[role]).post(url, {"body": "I see it differently."})
    assert response.status_code == status
    assert thread.replies.exists() is stored


def test_empty_reply_is_refused(reviewer, provision):
    thread = comment_on(provision, reviewer)
    url = reverse("drafting:comment_reply", kwargs={"pk": thread.pk})
    response = client_for(reviewer).post(url, {"body": "  "})
    assert response.status_code == 400
    assert not thread.replies.exists()


@pytest.mark.parametrize(
    ("role", "status", "resolved"),
    [
        *REFUSED,
        ("reviewer", 403, False),  # someone else's thread
        ("drafter", 302, True),
    ],
)
def test_resolve_permissions(users_by_role, provision, role, status, resolved):
    author = MembershipFactory(bill=provision.bill, role=Role.REVIEWER).user
    thread = comment_on(provision, author)
    url = reverse("drafting:comment_resolve", kwargs={"pk": thread.pk})
    response = client_for(users_by_role[role]).post(url)
    assert response.status_code == status
    thread.refresh_from_db()
    assert (thread.status == Comment.Status.RESOLVED) is resolved


def test_reviewer_resolves_and_reopens_own_thread(reviewer, provision):
    thread = comment_on(provision, reviewer)
    client = client_for(reviewer)
    client.post(reverse("drafting:comment_resolve", kwargs={"pk": thread.pk}))
    thread.refresh_from_db()
    assert thread.status == Comment.Status.RESOLVED
    assert "Reopen" in client.get(page(provision)).content.decode()
    response = client.post(reverse("drafting:comment_resolve", kwargs={"pk": thread.pk}))
    assert response.status_code == 400  # already resolved
    client.post(reverse("drafting:comment_reopen", kwargs={"pk": thread.pk}))
    thread.refresh_from_db()
    assert thread.status == Comment.Status.OPEN


def test_reviewer_suggests_and_drafter_accepts(reviewer, drafter, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    data = comment_post(provision, has_suggestion="on", suggestion="处十年以下有期徒刑")
    assert client_for(reviewer).post(url, data).status_code == 302
    thread = Comment.objects.get()
    assert thread.suggestion == "处十年以下有期徒刑"
    accept = reverse("drafting:suggestion_accept", kwargs={"pk": thread.pk})
    reviewer_page = client_for(reviewer).get(page(provision)).content.decode()
    assert accept not in reviewer_page
    assert client_for(reviewer).post(accept).status_code == 403
    assert provision.revisions.count() == 2
    assert accept in client_for(drafter).get(page(provision)).content.decode()
    assert client_for(drafter).post(accept).status_code == 302
    provision.refresh_from_db()
    assert provision.current_revision.number == 3
    assert "处十年以下有期徒刑" in provision.current_revision.text_zh
    assert WORDS not in provision.current_revision.text_zh
    thread.refresh_from_db()
    assert thread.status == Comment.Status.ACCEPTED
    assert client_for(drafter).post(accept).status_code == 400  # decided already
    assert provision.revisions.count() == 3


def test_suggestion_without_text_suggests_deletion(reviewer, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    client_for(reviewer).post(url, comment_post(provision, "，并处罚金", has_suggestion="on"))
    assert Comment.objects.get().suggestion == ""
    body = client_for(reviewer).get(page(provision)).content.decode()
    assert "(delete these words)" in body


def test_drafter_rejects_a_suggestion(reviewer, drafter, provision):
    thread = comment_on(provision, reviewer, suggestion="处三年以下有期徒刑")
    reject = reverse("drafting:suggestion_reject", kwargs={"pk": thread.pk})
    assert client_for(reviewer).post(reject).status_code == 403
    assert client_for(drafter).post(reject).status_code == 302
    thread.refresh_from_db()
    assert thread.status == Comment.Status.REJECTED
    assert provision.revisions.count() == 2


def test_htmx_comment_answers_with_the_review_section(reviewer, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(reviewer).post(url, comment_post(provision), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="review"')
    assert "<html" not in body
    assert "Should the minimum be higher?" in body


def test_htmx_bad_comment_shows_errors_in_the_section(reviewer, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    response = client_for(reviewer).post(
        url, comment_post(provision, exact="不存在的词"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200  # htmx only swaps 2xx answers
    assert 'class="errorlist' in response.content.decode()
    assert not Comment.objects.exists()
