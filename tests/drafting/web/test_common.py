"""What every page shares: sign-in for pages and for htmx fragments, and service errors on forms."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from drafting.web.common import add_service_errors
from drafting.web.forms_bills import ProvisionMoveForm


@pytest.mark.parametrize("name", ["provision_transition", "comment_create"])
def test_an_anonymous_htmx_request_gets_403_not_a_login_page(client, provision, name):
    url = reverse(f"drafting:{name}", kwargs={"pk": provision.pk})
    response = client.post(url, {}, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert "login" not in response.get("Location", "")


def test_an_anonymous_page_request_still_goes_to_the_login_page(client, provision):
    url = reverse("drafting:provision", kwargs={"pk": provision.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_htmx_header_is_read_by_django_htmx(client, drafter, bill):
    """A member's htmx request gets the fragment: the middleware sets request.htmx."""
    client.force_login(drafter)
    url = reverse("drafting:bill", kwargs={"pk": bill.pk})
    page = client.get(url)
    assert page.wsgi_request.htmx is not None and not page.wsgi_request.htmx
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert bool(fragment.wsgi_request.htmx)


def test_service_errors_land_on_their_fields_or_on_the_form():
    form = ProvisionMoveForm({"provision": "1", "direction": "up"})
    form.is_valid()
    add_service_errors(form, ValidationError({"direction": "No.", "elsewhere": "Also no."}))
    assert form.errors["direction"] == ["No."]
    assert form.non_field_errors() == ["Also no."]
    other = ProvisionMoveForm({"provision": "1", "direction": "up"})
    other.is_valid()
    add_service_errors(other, ValidationError("Plain."))
    assert other.non_field_errors() == ["Plain."]
