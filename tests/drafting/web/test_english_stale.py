"""The English working translation is flagged when the Chinese changed after it."""

import pytest
from django.test import Client
from django.urls import reverse

from drafting import services
from tests.factories import ProvisionFactory

pytestmark = pytest.mark.django_db


def revise(provision, drafter, text_zh, text_en):
    provision.refresh_from_db()
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=text_zh,
        text_en=text_en,
    )


def flagged(provision, user) -> bool:
    client = Client()
    client.force_login(user)
    body = client.get(reverse("drafting:provision", kwargs={"pk": provision.pk})).content
    return b'id="english-stale"' in body


def test_flag_appears_when_only_the_chinese_changes_and_clears_with_the_english(drafter, bill):
    provision = ProvisionFactory(bill=bill)
    revise(provision, drafter, "第一稿。", "Draft one.")
    assert not flagged(provision, drafter)
    revise(provision, drafter, "第二稿。", "Draft one.")
    assert flagged(provision, drafter)
    revise(provision, drafter, "第二稿。", "Draft two.")
    assert not flagged(provision, drafter)
