"""403, 404 and 500 pages keep the site's layout and navigation, in both languages."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def signed_in(user, language="en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


@pytest.mark.parametrize(("language", "words"), [("en", "Not found"), ("zh-hans", "未找到")])
def test_404_has_the_navigation(outsider, bill, language, words):
    response = signed_in(outsider, language).get(bill.get_absolute_url())
    assert response.status_code == 404
    body = response.content.decode()
    assert words in body and 'class="site-nav"' in body


def test_403_says_why_in_the_layout(viewer, bill):
    response = signed_in(viewer).post(reverse("drafting:bill_settings", args=[bill.pk]), {})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Only the bill&#x27;s drafters change its settings and members." in body
    assert 'class="site-nav"' in body


def test_500_renders_without_a_request_context():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
