"""Browser forms send CRLF: the add, edit and comment forms store LF and comment on later lines."""

import pytest
from django.test import Client
from django.urls import reverse

from drafting.models import Comment, Provision
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CRLF_ZH = "第一款：制作的，处五年以下有期徒刑。\r\n第二款：传播的，并处罚金。"
LF_ZH = CRLF_ZH.replace("\r\n", "\n")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_add_form_stores_lf(drafter, bill):
    ArticleFactory(instrument=bill.target_instrument, number=364)
    response = signed_in(drafter).post(
        reverse("drafting:provision_add", args=[bill.pk]),
        {
            "operation": "replace_article",
            "target_article": "364",
            "insert_count": "1",
            "title_en": "Two lines",
            "text_zh": CRLF_ZH,
            "text_en": "One.\r\nTwo.\r",
        },
    )
    assert response.status_code == 302
    revision = Provision.objects.get(bill=bill).current_revision
    assert (revision.text_zh, revision.text_en) == (LF_ZH, "One.\nTwo.\n")


def test_edit_form_stores_lf_and_words_on_the_second_line_take_comments(
    drafter, reviewer, provision
):
    edit = reverse("drafting:provision_edit", kwargs={"pk": provision.pk})
    data = {
        "base_revision": provision.current_revision_id,
        "text_zh": CRLF_ZH,
        "text_en": "Line one.\r\nLine two is here.",
    }
    assert signed_in(drafter).post(edit, data).status_code == 302
    provision.refresh_from_db()
    revision = provision.current_revision
    assert revision.text_zh == LF_ZH
    # The page's script counts code points of the text as shown (LF only).
    for language, text, words in (
        ("zh", LF_ZH, "并处罚金"),
        ("en", revision.text_en, "is here"),
    ):
        start = text.index(words)
        response = signed_in(reviewer).post(
            reverse("drafting:comment_create", kwargs={"pk": provision.pk}),
            {
                "revision": revision.pk,
                "language": language,
                "exact": words,
                "start": start,
                "end": start + len(words),
                "prefix": text[max(0, start - 32) : start],
                "suffix": text[start + len(words) :][:32],
                "body": "On the second line.",
            },
        )
        assert response.status_code == 302, response.content.decode()
    assert Comment.objects.filter(provision=provision).count() == 2


def test_compare_of_an_untouched_english_text_counts_no_change(drafter, provision):
    edit = reverse("drafting:provision_edit", kwargs={"pk": provision.pk})
    english = provision.current_revision.text_en
    first = {"base_revision": provision.current_revision_id, "text_zh": CRLF_ZH, "text_en": english}
    signed_in(drafter).post(edit, first)
    provision.refresh_from_db()
    second = {
        "base_revision": provision.current_revision_id,
        "text_zh": CRLF_ZH + "\r\n第三款。",
        "text_en": english.replace("\n", "\r\n"),
    }
    signed_in(drafter).post(edit, second)
    provision.refresh_from_db()
    new = provision.current_revision
    old = provision.revisions.get(number=new.number - 1)
    assert new.text_en == old.text_en
    assert new.text_zh == old.text_zh + "\n第三款。"


def test_add_form_has_the_apis_limit_on_inserted_articles(bill):
    from drafting.web.forms_bills import ProvisionAddForm

    def errors(count: int) -> dict:
        form = ProvisionAddForm({"insert_count": str(count)}, bill=bill)
        form.is_valid()
        return form.errors

    assert "insert_count" not in errors(100)
    assert "insert_count" in errors(101)
