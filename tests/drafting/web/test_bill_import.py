"""The page that starts a bill from a pasted or uploaded 修正案 text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from drafting.models import Bill, Provision
from tests.drafting.conftest import TEXT

URL = reverse("drafting:bill_import")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["outsider", "viewer", "reviewer", "drafter", "staff"])
def test_every_signed_in_user_may_start_a_bill_and_becomes_its_drafter(users_by_role, law, role):
    user = users_by_role[role]
    client = client_for(user)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"target_instrument": "PRC-CL", "text": TEXT})
    assert response.status_code == 302
    bill = Bill.objects.get(pk=response["Location"].strip("/").split("/")[-1])
    assert bill.provisions.count() == 4 and bill.memberships.get().role == "drafter"


def test_anonymous_users_go_to_login(client, law):
    assert "/login/" in client.get(URL)["Location"]
    response = client.post(URL, {"target_instrument": "PRC-CL", "text": TEXT})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Bill.objects.filter(provisions__isnull=False).count() == 0


def test_a_bad_item_is_shown_with_its_number_and_line_and_nothing_is_made(drafter, law):
    before = (Bill.objects.count(), Provision.objects.count())
    text = TEXT.replace("第三百六十条第二款", "第三百六十条第五款")
    response = client_for(drafter).post(URL, {"target_instrument": "PRC-CL", "text": text})
    assert response.status_code == 400
    assert "item 2, line 7: 第三百六十条 has paragraphs 1 to 2" in response.content.decode()
    assert (Bill.objects.count(), Provision.objects.count()) == before


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"target_instrument": "PRC-CL", "text": "  "}, "Paste the text or choose a file."),
        ({"target_instrument": "NOPE", "text": TEXT}, "Select a valid choice"),
        ({"target_instrument": "PRC-CL", "text": "一、删去。"}, "not an amendment instruction"),
    ],
)
def test_bad_input_is_a_400_and_changes_nothing(drafter, law, data, error):
    before = Bill.objects.count()
    response = client_for(drafter).post(URL, data)
    assert response.status_code == 400 and error in response.content.decode()
    assert Bill.objects.count() == before


def docx_of(text: str) -> bytes:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [("draft.docx", docx_of(TEXT)), ("draft.md", TEXT.encode()), ("draft.txt", TEXT.encode())],
)
def test_a_file_is_read_and_not_kept(drafter, law, name, content):
    upload = SimpleUploadedFile(name, content)
    response = client_for(drafter).post(URL, {"target_instrument": "PRC-CL", "file": upload})
    assert response.status_code == 302
    bill = Bill.objects.get(pk=response["Location"].strip("/").split("/")[-1])
    assert bill.provisions.count() == 4


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("draft.pdf", b"%PDF-1.4", "Give a .txt, .md or .docx file."),
        ("draft.docx", b"not a zip", "not a Word (.docx) document"),
        ("draft.txt", "一、".encode("gb18030") + b"\xff", "not UTF-8 text"),
    ],
)
def test_unreadable_files_are_refused(drafter, law, name, content, error):
    upload = SimpleUploadedFile(name, content)
    response = client_for(drafter).post(URL, {"target_instrument": "PRC-CL", "file": upload})
    assert response.status_code == 400 and error in response.content.decode()


def test_form_page_queries_are_few(drafter, law, django_assert_max_num_queries):
    client = client_for(drafter)
    with django_assert_max_num_queries(6):
        client.get(URL)
