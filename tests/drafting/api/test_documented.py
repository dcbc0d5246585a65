"""What the schema promises: every status code an operation answers is documented, in JSON.

The clients of tests/drafting/api/conftest.py check every answer of every API test against the schema
(assert_documented); the tests here cover the answers no other test provokes.
"""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from drafting.models import Provision, Revision
from tests.drafting.api.conftest import World, assert_documented, module_fixtures, token_client


def test_the_check_fails_on_an_undocumented_code(db):
    with pytest.raises(AssertionError, match="answered 418"):
        assert_documented("GET", "/api/provisions/1/", 418)
    with pytest.raises(AssertionError, match="answered 428"):
        assert_documented("POST", "/api/provisions/1/revisions/", 428)
    assert_documented("PATCH", "/api/provisions/1/", 428)
    assert_documented("POST", "/api/provisions/1/revisions/", 409)


def test_the_check_tells_literal_paths_from_templates(db):
    """.../obligations/unlink/ is its own operation, not an obligation coded "unlink"."""
    with pytest.raises(AssertionError, match="answered 204"):
        assert_documented("POST", "/api/provisions/1/obligations/unlink/", 204)
    assert_documented("DELETE", "/api/provisions/1/obligations/OPSC-3-1-a/", 204)


def test_every_operation_that_reads_a_body_documents_413_and_415(db):
    schema = token_client(None).get(reverse("api:schema"), {"format": "json"}).json()
    with_body = [
        (method, path, set(operation["responses"]))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    ]
    assert len(with_body) >= 14
    for method, path, codes in with_body:
        assert {"400", "413", "415"} <= codes, (method, path)


def test_reorder_documents_no_list_filters(db):
    schema = token_client(None).get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/bills/{id}/reorder/"]["post"]
    assert [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"] == []


def test_token_endpoint_answers_json_only(db):
    before = Provision.objects.count()  # the module's world, if an earlier test made it
    response = token_client(None).post(
        reverse("api:token"), {"username": "a", "password": "b"}, format="multipart"
    )
    assert response.status_code == 415
    assert Provision.objects.count() == before


# One world for the module, made when the first test that asks for it runs (the tests above need
# none, and count rows against what exists); each test's writes roll back.
users_by_role, world = module_fixtures(fresh=False)


def test_a_body_over_the_upload_limit_is_413_json_and_changes_nothing(
    world: World, client_for, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    before = Revision.objects.count()
    body = {"base_revision": world.provision.current_revision_id, "text_zh": "刑" * 20_000}

    response = client_for("drafter").post(
        reverse("api:provision-revisions", args=[world.provision.pk]),
        json.dumps(body),
        content_type="application/json",
    )

    assert response.status_code == 413
    assert "10000" in response.json()["detail"]
    assert Revision.objects.count() == before


def test_an_unsatisfiable_accept_header_still_gets_json(world: World, client_for):
    response = client_for("viewer").get(
        reverse("api:provision-detail", args=[world.provision.pk]), HTTP_ACCEPT="application/xml"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["id"] == world.provision.pk


@pytest.mark.parametrize(
    "path",
    [
        "/api/obligations/a%00b/",
        "/api/instruments/%00/",
        "/api/proposals/a%0Ab/",
        "/api/jurisdictions/%7F/",
        "/api/provisions/{pk}/obligations/a%00b/",
    ],
)
@pytest.mark.parametrize("method", ["get", "delete"])
def test_control_characters_in_codes_are_a_json_404(world: World, client_for, path, method):
    """PostgreSQL refuses NUL in text: such a path must never reach the database (a NUL is
    refused with 400 before any view, by drafting.nulbytes; other control characters find no row)."""
    response = getattr(client_for("drafter"), method)(path.format(pk=world.provision.pk))
    assert response.status_code in ({400} if "%00" in path else {404, 405})
    assert response["Content-Type"] == "application/json"


def test_a_missing_row_says_not_found_in_the_request_language(world: World, client_for):
    client = client_for("outsider")
    url = reverse("api:provision-detail", args=[world.provision.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["detail"]
    assert english == "Not found."
    assert chinese != english
    with translation.override("zh-hans"):
        assert chinese == translation.gettext("Not found.")
    # The outsider learns nothing, not even the kind of row that is missing.
    assert "Provision" not in english
