"""Builders for the document tests: provisions of any kind with their text, obligation links."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from drafting.models import Comment, Provision, ProvisionObligation, Revision
from proposals.models import Article

STATUTES = Path(__file__).resolve().parents[3].parent / "shared/reference/statutes"
CRIMINAL_LAW = STATUTES / "criminal-law.md"
needs_criminal_law = pytest.mark.skipif(
    not CRIMINAL_LAW.exists(), reason=f"{CRIMINAL_LAW} is absent"
)


def article(instrument, number: int, sub: int = 0) -> Article:
    return Article.objects.get(instrument=instrument, number=number, sub=sub)


def add_provision(
    bill,
    operation: str,
    target: Article,
    text_zh: str = "",
    *,
    paragraphs: list[int] | None = None,
    text_en: str = "",
    status: str = Provision.Status.DRAFT,
    insert_count: int = 1,
    restate: bool = False,
    title_zh: str = "",
) -> Provision:
    """A provision at the end of the bill with one revision carrying the text."""
    position = (bill.provisions.count() or 0) + 1
    provision = Provision.objects.create(
        bill=bill,
        position=position,
        title_en=f"Item {position}",
        title_zh=title_zh,
        operation=operation,
        target_article=target,
        paragraphs=paragraphs or [],
        insert_count=insert_count,
        restate_article=restate,
        status=status,
    )
    revision = Revision.objects.create(
        provision=provision, number=1, text_zh=text_zh, text_en=text_en, author=bill.created_by
    )
    provision.current_revision = revision
    provision.save(update_fields=["current_revision"])
    return provision


def draft_364(bill) -> None:
    """One provision that replaces a paragraph of article 364, linked to an obligation."""
    from tests.factories import ArticleFactory, ObligationFactory

    target = ArticleFactory(instrument=bill.target_instrument, number=364)
    provision = add_provision(
        bill,
        Provision.Operation.REPLACE_PARAGRAPHS,
        target,
        "向未满十八周岁的人传播淫秽物品的，从重处罚。",
        paragraphs=[2],
    )
    link(provision, ObligationFactory(code="OPSC-3-1-c", statement_zh="将传播行为入罪。"))


def link(provision, obligation, extent="full", removed=False, review="agreed"):
    """A link as the documents meet it: agreed by a reviewer unless review says otherwise."""
    reviewer = get_user_model().objects.get_or_create(username="doc-reviewer")[0]
    reviewed = review != "proposed"
    created = ProvisionObligation.objects.create(
        provision=provision,
        obligation=obligation,
        extent=extent,
        rationale="Meets the obligation.",
        created_by=provision.bill.created_by,
        review=review if reviewed else None,
        reviewed_by=reviewer if reviewed else None,
        reviewed_at=datetime.datetime.now(datetime.UTC) if reviewed else None,
        review_note="" if reviewed else None,
    )
    if removed:
        created.removed_at = datetime.datetime.now(datetime.UTC)
        created.removed_by = provision.bill.created_by
        created.save()
    return created


def comment(provision, body: str, *, exact: str = "", start: int = 0, parent=None) -> Comment:
    """A comment by the bill's drafter on the current text: anchored on `exact` (Chinese) at
    `start` when given, else a reply to `parent`."""
    anchor = {}
    if exact:
        anchor = dict(
            anchor_language="zh",
            anchor_exact=exact,
            anchor_start=start,
            anchor_end=start + len(exact),
        )
    return Comment.objects.create(
        provision=provision,
        revision=provision.current_revision,
        author=provision.bill.created_by,
        body=body,
        parent=parent,
        **anchor,
    )
