"""A form error changes nothing: accepting a suggestion with an over-long note leaves it open."""

from django.conf import settings
from django.urls import reverse

from drafting.models import Comment
from tests.drafting.web.provision_pages import client_for, comment_post


def test_accepting_with_an_over_long_note_changes_nothing(reviewer, drafter, provision):
    url = reverse("drafting:comment_create", kwargs={"pk": provision.pk})
    data = comment_post(provision, has_suggestion="on", suggestion="处十年以下有期徒刑")
    client_for(reviewer).post(url, data)
    thread = Comment.objects.get()
    accept = reverse("drafting:suggestion_accept", kwargs={"pk": thread.pk})
    response = client_for(drafter).post(accept, {"note": "x" * (settings.MAX_NOTE + 1)})
    assert response.status_code == 400
    assert "at most" in response.content.decode().lower()
    thread.refresh_from_db()
    assert thread.status == Comment.Status.OPEN
    assert provision.revisions.count() == 2
