"""Exports cached by content: ETag, 304, a cached file served without rendering, never stale."""

import pytest
from django.urls import reverse

from drafting import services
from drafting.documents import export as export_module
from drafting.models import Comment, ExportFile, Provision
from drafting.text.anchoring import Anchor
from tests.drafting.documents.builders import add_provision, link
from tests.factories import ArticleFactory, ObligationFactory

Op = Provision.Operation
TEXT = "向未满十八周岁的人传播淫秽物品的，从重处罚。"


@pytest.fixture
def drafted(bill):
    target = ArticleFactory(instrument=bill.target_instrument, number=364)
    provision = add_provision(bill, Op.REPLACE_PARAGRAPHS, target, TEXT, paragraphs=[2])
    link(provision, ObligationFactory(code="OPSC-3-1-c", statement_zh="将传播行为入罪。"))
    return bill


@pytest.fixture
def renders(monkeypatch):
    """Counts the documents actually rendered."""
    calls = []
    real = export_module.export

    def counting(*args, **kwargs):
        calls.append(args[1:3])
        return real(*args, **kwargs)

    monkeypatch.setattr("drafting.documents.requests.export", counting)
    return calls


def url(bill, doc="amendment", fmt="html", query=""):
    return reverse("drafting:export", args=[bill.pk, doc, fmt]) + query


def test_a_repeated_request_is_served_from_the_cache_and_304_with_the_etag(
    client, drafted, drafter, renders
):
    client.force_login(drafter)
    first = client.get(url(drafted))
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"') and len(etag) == 66
    assert first["Cache-Control"] == "private, no-cache"
    second = client.get(url(drafted))
    assert second.content == first.content and second["ETag"] == etag
    assert len(renders) == 1  # the second came from the stored file
    not_modified = client.get(url(drafted), HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified["ETag"] == etag
    assert not_modified.content == b""
    assert client.get(url(drafted), HTTP_IF_NONE_MATCH=f'"x", W/{etag}').status_code == 304
    assert len(renders) == 1
    assert ExportFile.objects.filter(bill=drafted).count() == 1


def test_each_format_and_option_has_its_own_slot(client, drafted, drafter, renders):
    client.force_login(drafter)
    tags = {
        client.get(url(drafted, "amendment", fmt, query))["ETag"]
        for fmt in ("html", "docx")
        for query in ("", "?comments=1", "?obligations=1")
    }
    assert len(tags) == 6 and len(renders) == 6


def test_a_new_revision_changes_the_etag_and_the_file(client, drafted, drafter, renders):
    client.force_login(drafter)
    before = client.get(url(drafted))
    provision = drafted.provisions.get()
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh="向未满十八周岁的人传播淫秽物品的，从重处罚并处罚金。",
        text_en="",
    )
    assert client.get(url(drafted), HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    after = client.get(url(drafted))
    assert after["ETag"] != before["ETag"]
    assert "从重处罚并处罚金" in after.content.decode()
    assert ExportFile.objects.filter(bill=drafted).count() == 1  # the old rendering was replaced


def test_a_link_or_a_comment_changes_only_the_exports_that_print_it(
    client, drafted, drafter, reviewer
):
    client.force_login(drafter)
    plain, with_comments = url(drafted), url(drafted, query="?comments=1&obligations=1")
    tags = (client.get(plain)["ETag"], client.get(with_comments)["ETag"])
    provision = drafted.provisions.get()
    services.comment_create(
        actor=reviewer,
        provision=provision,
        revision=provision.current_revision,
        body="是否包括提供？",
        anchor=Anchor(
            language=Comment.Language.ZH, exact="传播", prefix="", suffix="", start=9, end=11
        ),
    )
    assert client.get(plain)["ETag"] == tags[0]
    response = client.get(with_comments)
    assert response["ETag"] != tags[1] and "是否包括提供" in response.content.decode()
    link(provision, ObligationFactory(code="OPSC-3-2", statement_zh="未遂亦予处罚。"))
    assert client.get(plain)["ETag"] != tags[0]


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_strangers_learn_nothing_from_the_etag(client, drafted, drafter, role, request):
    client.force_login(drafter)
    etag = client.get(url(drafted))["ETag"]
    client.logout()
    if role == "outsider":
        client.force_login(request.getfixturevalue("outsider"))
    response = client.get(url(drafted), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == (302 if role == "anonymous" else 404)


def test_a_links_review_changes_the_fingerprint(drafted, drafter, reviewer):
    """The 说明 counts agreed links: agreeing one makes a cached rendering stale."""
    from drafting.documents.cache import export_etag

    provision = drafted.provisions.get()
    made = services.obligation_link(
        actor=drafter,
        provision=provision,
        obligation=ObligationFactory(code="OPSC-3-3"),
        extent="full",
        rationale="Covers it.",
    )
    before = export_etag(drafted, "statement.html", comments=False)
    services.obligation_review(actor=reviewer, link=made, verdict="agreed")
    assert export_etag(drafted, "statement.html", comments=False) != before


def test_documents_print_links_not_yet_agreed_as_such():
    from drafting.documents.loading import ObligationNote

    def note(review):
        return ObligationNote(
            code="OPSC-3-1-c",
            statement_zh="规定为犯罪。",
            statement_en="Criminalize.",
            binding=True,
            extent="full",
            instrument="OPSC",
            review=review,
        )

    assert note("agreed").extent_zh == "完全满足" and note("agreed").extent_en == "full"
    assert note("proposed").extent_zh == "完全满足，待审阅"
    assert note("disputed").extent_en == "full, disputed"
