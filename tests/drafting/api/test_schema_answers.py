"""Every operation of the schema documents 400 (a NUL in the address, an unreadable query) and 414
(a request line over the server's limit): schemathesis must find no undocumented status."""

import pytest
from django.urls import reverse

from tests.drafting.api.conftest import token_client


@pytest.fixture
def schema(client):
    return client.get(reverse("api:schema") + "?format=json").json()


def test_every_operation_documents_400_and_414(schema):
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict)
    ]
    assert len(operations) > 40
    for path, method, operation in operations:
        assert {"400", "414"} <= set(operation["responses"]), (method, path)
        assert "application/json" in operation["responses"]["400"].get("content", {}), (
            method,
            path,
        )


def test_statement_with_nul_in_the_query_is_a_documented_400(schema, provision, drafter):
    url = reverse("api:bill-statement", args=[provision.bill.pk])
    response = token_client(drafter).get(url + "?draft=%00")
    assert response.status_code == 400
    assert "400" in schema["paths"]["/api/bills/{id}/statement/"]["get"]["responses"]
