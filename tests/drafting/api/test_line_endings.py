"""CRLF and CR in legal text sent to the API are stored as LF; limits count the stored text."""

import pytest
from django.conf import settings
from django.urls import reverse

from drafting.models import Comment, Provision
from tests.drafting.api.conftest import World

pytestmark = pytest.mark.django_db

CRLF_ZH = "第一款。\r\n第二款：处五年以下有期徒刑。\r第三款。"
LF_ZH = "第一款。\n第二款：处五年以下有期徒刑。\n第三款。"


def test_new_provision_and_revision_store_lf(world: World, client_for):
    client = client_for("drafter")
    created = client.post(
        reverse("api:provision-list"),
        {
            "bill": world.bill.pk,
            "operation": "replace_article",
            "target_article": world.provision.target_article_id,
            "title_en": "Lines",
            "text_zh": CRLF_ZH,
            "text_en": "One.\r\nTwo.",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    provision = Provision.objects.get(pk=created.json()["id"])
    assert provision.current_revision.text_zh == LF_ZH
    assert provision.current_revision.text_en == "One.\nTwo."
    revised = client.post(
        reverse("api:provision-revisions", args=[provision.pk]),
        {"base_revision": provision.current_revision_id, "text_zh": CRLF_ZH + "\r\n"},
        format="json",
    )
    assert revised.status_code == 201, revised.json()
    provision.refresh_from_db()
    assert provision.current_revision.text_zh == LF_ZH + "\n"


def test_comment_on_the_second_line_and_crlf_suggestion(world: World, client_for):
    provision = world.provision
    drafter = client_for("drafter")
    drafter.post(
        reverse("api:provision-revisions", args=[provision.pk]),
        {"base_revision": provision.current_revision_id, "text_zh": CRLF_ZH},
        format="json",
    )
    provision.refresh_from_db()
    start = LF_ZH.index("处五年")
    response = client_for("reviewer").post(
        reverse("api:comment-list"),
        {
            "provision": provision.pk,
            "revision": provision.current_revision_id,
            "body": "Second line.",
            "anchor": {"language": "zh", "exact": "处五年", "start": start, "end": start + 3},
            "suggestion": "处七年\r\n",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    comment = Comment.objects.get(pk=response.json()["id"])
    assert (comment.anchor_start, comment.suggestion) == (start, "处七年\n")


def test_the_limit_counts_line_breaks_once(world: World, client_for):
    """A text at the limit with LF line breaks is not refused because the browser sent CRLF."""
    lines = "条文。\r\n" * (settings.MAX_PROVISION_TEXT // 4)
    response = client_for("drafter").post(
        reverse("api:provision-revisions", args=[world.provision.pk]),
        {"base_revision": world.provision.current_revision_id, "text_zh": lines},
        format="json",
    )
    assert len(lines) > settings.MAX_PROVISION_TEXT
    assert response.status_code == 201, response.json()
