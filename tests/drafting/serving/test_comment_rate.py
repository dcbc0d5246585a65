"""Comments are rate-limited per user: a clear 429 on the pages and in the API, nothing saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from drafting.models import Comment
from tests.factories import ProvisionFactory


@pytest.fixture
def limited(settings):
    settings.COMMENT_RATE_LIMIT = 3


@pytest.fixture
def provision(bill):
    return ProvisionFactory(bill=bill)


def thread(provision, author) -> Comment:
    revision = provision.current_revision
    return Comment.objects.create(
        provision=provision,
        revision=revision,
        author=author,
        body="意见。",
        anchor_language="zh",
        anchor_exact=revision.text_zh[:2],
        anchor_start=0,
        anchor_end=2,
    )


def post_reply(client, comment):
    return client.post(reverse("drafting:comment_reply", args=[comment.pk]), {"body": "再议。"})


def test_the_page_answers_429_beyond_the_limit_and_saves_nothing(
    client, reviewer, provision, limited
):
    client.force_login(reviewer)
    first = thread(provision, reviewer)
    for _ in range(2):
        assert post_reply(client, first).status_code == 302
    count = Comment.objects.count()
    response = post_reply(client, first)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "too fast" in response.content.decode()
    assert Comment.objects.count() == count


def test_the_api_answers_429_with_retry_after(client, reviewer, provision, limited):
    client.force_login(reviewer)
    first = thread(provision, reviewer)
    url = reverse("api:comment-list")
    for _ in range(2):
        response = client.post(url, {"parent": first.pk, "body": "再议。"}, "application/json")
        assert response.status_code == 201, response.content
    count = Comment.objects.count()
    response = client.post(url, {"parent": first.pk, "body": "再议。"}, "application/json")
    assert response.status_code == 429
    assert "too fast" in response.json()["detail"] and int(response["Retry-After"]) >= 1
    assert Comment.objects.count() == count


def test_the_limit_is_per_user(client, reviewer, drafter, provision, limited):
    for _ in range(3):
        thread(provision, reviewer)
    client.force_login(drafter)
    assert post_reply(client, thread(provision, drafter)).status_code == 302


def test_older_comments_do_not_count(client, reviewer, provision, limited):
    for _ in range(3):
        thread(provision, reviewer)
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    client.force_login(reviewer)
    assert post_reply(client, Comment.objects.first()).status_code == 302
