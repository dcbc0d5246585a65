"""Bill pages, bill API answers and exports carry Cache-Control: private, no-store."""

from django.urls import reverse

from tests.drafting.api.conftest import token_client


def no_store(response) -> bool:
    value = response["Cache-Control"]
    return "private" in value and "no-store" in value


def test_bill_pages_and_exports_are_not_stored(client, provision, drafter):
    client.force_login(drafter)
    bill = provision.bill
    for url in (
        reverse("drafting:bill", args=[bill.pk]),
        reverse("drafting:provision", args=[provision.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url
    export = reverse("drafting:export", kwargs={"pk": bill.pk, "doc": "amendment", "fmt": "docx"})
    response = client.get(export)
    # Exports keep their own policy when they set one (the export cache revalidates with an
    # ETag: "private, no-cache"); never a shared cache either way.
    assert "private" in response["Cache-Control"]


def test_bill_api_answers_are_not_stored(provision, drafter):
    client = token_client(drafter)
    for url in (
        reverse("api:bill-detail", args=[provision.bill.pk]),
        reverse("api:provision-detail", args=[provision.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert no_store(response), url
