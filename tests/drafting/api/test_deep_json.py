"""JSON nested 10,000 levels deep is a 400 with a message, anonymous token endpoint included."""

from django.urls import reverse
from rest_framework.test import APIClient

from drafting.models import Revision
from tests.drafting.api.conftest import token_client

DEEP = ("[" * 10_000 + "]" * 10_000).encode()


def test_deep_json_at_the_token_endpoint_is_400(db):
    response = APIClient().post(reverse("api:token"), DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_deep_json_on_a_write_is_400_and_changes_nothing(provision, drafter):
    count = Revision.objects.count()
    response = token_client(drafter).post(
        reverse("api:provision-revisions", args=[provision.pk]),
        DEEP,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Revision.objects.count() == count


def test_since_with_any_offset_is_answered_without_a_server_error(provision, drafter):
    client = token_client(drafter)
    url = reverse("api:provision-revisions", args=[provision.pk])
    assert client.get(url, {"since": "2024-01-01T00:00:00-22:41"}).status_code == 200
    assert client.get(url, {"since": "0001-01-01T00:00:00+14:00"}).status_code == 400
