"""Characters XML 1.0 cannot hold are refused at every way in, with a message naming them."""

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation

from drafting.models import Comment, Revision
from proposals.models import Jurisdiction
from proposals.statutes import StatuteFormatError, parse_statute
from proposals.xmltext import clean_stored_rows, first_illegal, strip_illegal, validate_xml_text
from tests.drafting.api.conftest import token_client

BAD = ["\x01", "\x08", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"]


@pytest.mark.parametrize("char", BAD)
def test_illegal_characters_are_found_and_stripped(char):
    assert first_illegal(f"ab{char}c") == (3, char)
    assert strip_illegal(f"ab{char}c") == ("abc", 1)


def test_tab_newline_and_carriage_return_and_astral_characters_stay():
    text = "甲\t乙\n丙\r\n丁 𠀀 \ue000 \ufffd"
    assert first_illegal(text) is None
    assert strip_illegal(text) == (text, 0)


def test_every_text_column_of_every_model_carries_the_validator():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and validate_xml_text not in field.validators
    ]
    assert missing == []


def test_the_message_names_the_character_in_the_users_language(provision, drafter):
    client = token_client(drafter)
    url = reverse("api:provision-revisions", args=[provision.pk])
    body = {"base_revision": provision.current_revision_id, "text_zh": "甲\x01乙", "text_en": ""}
    with translation.override("zh-hans"):
        response = client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "U+0001" in response.json()["text_zh"][0]
    assert "控制字符" in response.json()["text_zh"][0]


def test_api_revision_with_a_control_character_is_refused(provision, drafter):
    count = Revision.objects.count()
    response = token_client(drafter).post(
        reverse("api:provision-revisions", args=[provision.pk]),
        {"base_revision": provision.current_revision_id, "text_zh": "甲", "text_en": "a\ufffeb"},
        format="json",
    )
    assert response.status_code == 400
    assert "U+FFFE at position 2" in response.json()["text_en"][0]
    assert Revision.objects.count() == count


def test_api_comment_with_a_control_character_is_refused(provision, reviewer):
    text = provision.current_revision.text_zh
    response = token_client(reviewer).post(
        reverse("api:comment-list"),
        {
            "provision": provision.pk,
            "revision": provision.current_revision_id,
            "body": "why\x01",
            "anchor": {"language": "zh", "exact": text[:2], "start": 0, "end": 2},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "body" in response.json()
    assert not Comment.objects.exists()


def test_web_revision_form_refuses_a_control_character(provision, drafter):
    client = Client()
    client.force_login(drafter)
    count = Revision.objects.count()
    response = client.post(
        reverse("drafting:provision_edit", args=[provision.pk]),
        {
            "base_revision": provision.current_revision_id,
            "text_zh": "甲\x1f乙",
            "text_en": "",
            "note": "",
        },
    )
    assert response.status_code in (200, 400)
    assert "U+001F" in response.content.decode()
    assert Revision.objects.count() == count


def test_admin_refuses_a_control_character(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:proposals_jurisdiction_add"),
        {"code": "XX", "name_en": "Nowhere\x01", "name_zh": "无"},
    )
    assert response.status_code == 200
    assert "U+0001" in response.content.decode()
    assert not Jurisdiction.objects.exists()


def test_statute_import_refuses_a_control_character_naming_the_line():
    with pytest.raises(StatuteFormatError) as error:
        parse_statute("# 法\n\n第一条 甲\x01。\n")
    assert "U+0001" in str(error.value) and ":3" in str(error.value)


def test_the_migration_cleans_stored_rows(bill):
    type(bill).objects.filter(pk=bill.pk).update(title_en="Bill\x01 one\uffff")
    assert clean_stored_rows(apps, "drafting") == 1
    bill.refresh_from_db()
    assert bill.title_en == "Bill one"
