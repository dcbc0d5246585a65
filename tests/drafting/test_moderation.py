"""Hidden means hidden everywhere: a hidden thread's replies are not served and take no replies."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from drafting import services
from drafting.models import Comment
from drafting.text.anchoring import Anchor
from tests.drafting.api.conftest import token_client


@pytest.fixture
def hidden_thread(provision, reviewer, drafter, superuser):
    revision = provision.current_revision
    thread = services.comment_create(
        actor=reviewer,
        provision=provision,
        revision=revision,
        body="Too lenient?",
        anchor=Anchor.locate(revision.text_zh, revision.text_zh[:4], language="zh"),
    )
    reply = services.comment_reply(actor=drafter, parent=thread, body="I agree.")
    services.comment_set_hidden(actor=superuser, comment=thread, hidden=True, reason="离题。")
    return thread, reply


def test_the_api_serves_no_reply_of_a_hidden_thread(hidden_thread, reviewer):
    thread, reply = hidden_thread
    client = token_client(reviewer)
    assert client.get(reverse("api:comment-detail", args=[reply.pk])).status_code == 404
    listed = client.get(reverse("api:comment-list"), {"parent": thread.pk}).json()
    assert listed["count"] == 0


def test_the_api_refuses_a_reply_to_a_hidden_thread(hidden_thread, reviewer):
    thread, reply = hidden_thread
    client = token_client(reviewer)
    for parent in (thread, reply):
        response = client.post(
            reverse("api:comment-list"), {"parent": parent.pk, "body": "Still here?"}, format="json"
        )
        assert response.status_code == 400
    assert Comment.objects.count() == 2


def test_the_web_refuses_a_reply_to_a_hidden_thread(hidden_thread, reviewer):
    thread, reply = hidden_thread
    client = Client()
    client.force_login(reviewer)
    for parent in (thread, reply):
        url = reverse("drafting:comment_reply", kwargs={"pk": parent.pk})
        assert client.post(url, {"body": "Still here?"}).status_code == 404
    assert Comment.objects.count() == 2


def test_the_service_refuses_a_reply_to_a_hidden_thread(hidden_thread, drafter):
    thread, reply = hidden_thread
    with pytest.raises(ValidationError):
        services.comment_reply(actor=drafter, parent=reply, body="Still here?")
