"""The one-off migration: stored revisions get LF line endings and nothing else changes."""

import importlib

import pytest
from django.apps import apps

from drafting.immutability import history_maintenance
from drafting.models import Comment, Revision
from tests.factories import ProvisionFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("drafting.migrations.0003_normalize_line_endings")

ZH = "第一款　内容。\r\n第二款：处五年以下有期徒刑。\r\n第三款。"
EN = "Paragraph one.\r\nParagraph two: up to five years.\rThree."


def stored_with_crlf(provision) -> Revision:
    """A revision as the browser used to leave it (bulk_create skips the service)."""
    (revision,) = Revision.objects.bulk_create(
        [
            Revision(
                provision=provision,
                number=provision.revisions.count() + 1,
                text_zh=ZH,
                text_en=EN,
                note="kept\r\nas is",
                author=provision.bill.created_by,
            )
        ]
    )
    return revision


def comment_at(revision, language: str, text: str, words: str) -> Comment:
    start = text.index(words)
    return Comment.objects.create(
        provision=revision.provision,
        revision=revision,
        author=revision.author,
        body="?",
        anchor_language=language,
        anchor_exact=words,
        anchor_prefix=text[max(0, start - 32) : start],
        anchor_suffix=text[start + len(words) : start + len(words) + 32],
        anchor_start=start,
        anchor_end=start + len(words),
        suggestion="新\r\n词",
    )


def snapshot(revision: Revision) -> dict:
    return {
        f.attname: getattr(revision, f.attname)
        for f in Revision._meta.concrete_fields
        if f.attname not in ("text_zh", "text_en")
    }


def test_migration_rewrites_line_endings_only_and_reanchors_comments():
    provision = ProvisionFactory(revisions=1)
    untouched = provision.current_revision
    untouched_text = (untouched.text_zh, untouched.text_en)
    revision = stored_with_crlf(provision)
    before = snapshot(Revision.objects.get(pk=revision.pk))
    zh = comment_at(revision, "zh", ZH, "处五年以下有期徒刑")
    en = comment_at(revision, "en", EN, "Three")

    with history_maintenance():  # the migration ran before the history triggers existed
        migration.normalize_revisions(apps, None)

    revision = Revision.objects.get(pk=revision.pk)
    assert revision.text_zh == ZH.replace("\r\n", "\n")
    assert revision.text_en == "Paragraph one.\nParagraph two: up to five years.\nThree."
    assert snapshot(revision) == before  # number, base, note, author, dates: all as they were
    untouched.refresh_from_db()
    assert (untouched.text_zh, untouched.text_en) == untouched_text
    for comment, text in ((zh, revision.text_zh), (en, revision.text_en)):
        words = comment.anchor_exact
        comment.refresh_from_db()
        assert text[comment.anchor_start : comment.anchor_end] == words == comment.anchor_exact
        assert "\r" not in comment.anchor_prefix + comment.anchor_suffix
        assert text[: comment.anchor_start].endswith(comment.anchor_prefix)
        assert comment.suggestion == "新\n词"


def test_a_second_run_changes_nothing():
    provision = ProvisionFactory(revisions=1)
    stored_with_crlf(provision)
    with history_maintenance():  # the migration ran before the history triggers existed
        migration.normalize_revisions(apps, None)
    texts = list(Revision.objects.values_list("text_zh", "text_en"))
    with history_maintenance():  # the migration ran before the history triggers existed
        migration.normalize_revisions(apps, None)
    assert list(Revision.objects.values_list("text_zh", "text_en")) == texts
