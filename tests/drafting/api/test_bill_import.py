"""POST /api/bills/import/: a bill from a 修正案 text, all items or none."""

import pytest

from drafting.models import Bill, Provision
from tests.drafting.conftest import TEXT

URL = "/api/bills/import/"


@pytest.mark.parametrize("role", ["outsider", "viewer", "reviewer", "drafter", "staff"])
def test_every_signed_in_user_may_import(client_for, law, role):
    response = client_for(role).post(
        URL, {"text": TEXT, "target_instrument": "PRC-CL"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["bill"]["provision_count"] == 4 and body["bill"]["my_role"] == "drafter"
    assert body["warnings"] == []
    assert response["Location"] == f"/api/bills/{body['bill']['id']}/"


def test_anonymous_is_refused(client_for, law):
    response = client_for("anonymous").post(
        URL, {"text": TEXT, "target_instrument": "PRC-CL"}, format="json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            {"text": TEXT.replace("第二款。", "第九款。"), "target_instrument": "PRC-CL"},
            "item 2, line 7",
        ),
        ({"text": 5, "target_instrument": "PRC-CL"}, "Give text as a string."),
        ({"text": TEXT, "target_instrument": "NOPE"}, "NOPE"),
        ({"target_instrument": "PRC-CL"}, "required"),
    ],
)
def test_bad_input_is_a_400_and_nothing_is_made(client_for, law, body, words):
    before = (Bill.objects.count(), Provision.objects.count())
    response = client_for("drafter").post(URL, body, format="json")
    assert response.status_code == 400 and words in str(response.json())
    assert (Bill.objects.count(), Provision.objects.count()) == before
