"""Issued drafts are immutable snapshots; dispositions and 说明 edits keep their rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from drafting import services
from drafting.models import (
    BillDraft,
    BillDraftItem,
    BillDraftLink,
    CommentDisposition,
    DraftKind,
    ImmutableDraftError,
    ImmutableRevisionError,
    Provision,
    StatementEdit,
)
from tests.drafting.services.conftest import make_provision, open_thread
from tests.factories import BillFactory, ObligationFactory


@pytest.fixture
def two_items(bill, drafter):
    first = make_provision(bill, drafter)
    second = make_provision(bill, drafter, title_en="Second")
    services.obligation_link(
        actor=drafter, provision=first, obligation=ObligationFactory(), extent="full", rationale="r"
    )
    return first, second


def issue(bill, actor, kind=DraftKind.CONSULTATION, **kwargs):
    return services.draft_issue(actor=actor, bill=bill, kind=kind, **kwargs)


def test_issuing_copies_every_live_provision_and_link(bill, drafter, two_items):
    first, second = two_items
    services.provision_transition(
        actor=drafter, provision=second, to_status=Provision.Status.WITHDRAWN
    )
    draft = issue(bill, drafter)
    assert (draft.number, draft.name, draft.kind_zh) == (1, "征求意见稿", "征求意见稿")
    items = list(draft.items.all())
    assert [i.provision_id for i in items] == [first.pk]
    assert items[0].revision_id == first.current_revision_id
    assert BillDraftLink.objects.filter(item__draft=draft).count() == 1
    assert issue(bill, drafter, DraftKind.FIRST_READING).number == 2


def test_snapshot_is_unaffected_by_later_edits(bill, drafter, two_items):
    first, _ = two_items
    draft = issue(bill, drafter)
    before = first.current_revision_id
    services.revision_create(
        actor=drafter,
        provision=first,
        base_revision=first.current_revision,
        text_zh="新的条文。",
        text_en="New text.",
    )
    link = first.obligation_links.get()
    services.obligation_unlink(actor=drafter, provision=first, obligation=link.obligation)
    item = draft.items.get(provision=first)
    assert item.revision_id == before
    assert item.links.count() == 1


def test_empty_bill_is_refused(drafter):
    bill = BillFactory(created_by=drafter)
    with pytest.raises(ValidationError):
        issue(bill, drafter)
    assert not BillDraft.objects.exists()


def test_other_kind_needs_a_label(bill, drafter, two_items):
    with pytest.raises(ValidationError):
        issue(bill, drafter, DraftKind.OTHER)
    assert issue(bill, drafter, DraftKind.OTHER, label="专家论证稿").name == "专家论证稿"
    with pytest.raises(ValidationError):
        issue(bill, drafter, "nonsense")


@pytest.mark.parametrize("role", ["reviewer", "viewer", "outsider", "staff"])
def test_only_drafters_issue(request, bill, two_items, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        issue(bill, user)
    assert not BillDraft.objects.exists()


def test_drafts_refuse_every_change(bill, drafter, two_items):
    draft = issue(bill, drafter)
    item = draft.items.first()
    link = BillDraftLink.objects.first()
    for obj in (draft, item, link):
        with pytest.raises(ImmutableDraftError):
            obj.save()
        with pytest.raises(ImmutableRevisionError):  # the same family as revisions
            obj.delete()
    for manager in (BillDraft.objects, BillDraftItem.objects, BillDraftLink.objects):
        with pytest.raises(ImmutableDraftError):
            manager.update(pk=0)
        with pytest.raises(ImmutableDraftError):
            manager.all().delete()
    assert BillDraftItem.objects.count() == 2


# --- dispositions ---------------------------------------------------------------------------


@pytest.fixture
def thread(bill, drafter, reviewer, two_items):
    return open_thread(reviewer, two_items[0].current_revision, "持有")


def test_disposition_needs_a_reason_unless_adopted(drafter, thread):
    with pytest.raises(ValidationError):
        services.disposition_set(actor=drafter, comment=thread, kind="not_adopted")
    assert not CommentDisposition.objects.exists()
    services.disposition_set(actor=drafter, comment=thread, kind="adopted")
    done = services.disposition_set(
        actor=drafter,
        comment=thread,
        kind="later",
        reason="下次修改时研究。",
        major_disagreement=True,
    )
    assert CommentDisposition.objects.get().kind == "later"
    assert done.major_disagreement


def test_disposition_on_a_reply_is_refused(drafter, reviewer, thread):
    reply = services.comment_reply(actor=reviewer, parent=thread, body="补充")
    with pytest.raises(ValidationError):
        services.disposition_set(actor=drafter, comment=reply, kind="adopted")
    assert not CommentDisposition.objects.exists()


def test_database_refuses_a_disposition_without_reason(drafter, thread):
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentDisposition.objects.create(comment=thread, kind="not_adopted", decided_by=drafter)


@pytest.mark.parametrize("role", ["reviewer", "viewer", "outsider", "staff"])
def test_only_drafters_dispose(request, thread, role):
    with pytest.raises(PermissionDenied):
        services.disposition_set(
            actor=request.getfixturevalue(role), comment=thread, kind="adopted"
        )


def test_accepting_a_suggestion_adopts_it_with_its_revision(bill, drafter, reviewer, two_items):
    revision = two_items[0].current_revision
    comment = open_thread(reviewer, revision, "持有", suggestion="保存")
    applied = services.suggestion_accept(actor=drafter, comment=comment)
    disposition = CommentDisposition.objects.get(comment=comment)
    assert (disposition.kind, disposition.revision_id) == ("adopted", applied.pk)


def test_disposition_draft_from_another_bill_is_refused(drafter, thread):
    other = BillFactory(created_by=drafter)
    make_provision(other, drafter)
    draft = issue(other, drafter)
    with pytest.raises(ValidationError):
        services.disposition_set(actor=drafter, comment=thread, kind="adopted", draft=draft)


# --- 说明 edits -------------------------------------------------------------------------------


def test_statement_edits_are_revisions_with_a_stale_check(bill, drafter, two_items):
    edit = services.statement_edit(
        actor=drafter,
        bill=bill,
        draft=None,
        section="necessity",
        language="zh",
        text="甲",
        base_number=0,
    )
    assert edit.number == 1
    with pytest.raises(services.StaleStatementError):
        services.statement_edit(
            actor=drafter,
            bill=bill,
            draft=None,
            section="necessity",
            language="zh",
            text="乙",
            base_number=0,
        )
    with pytest.raises(ImmutableDraftError):
        edit.save()
    with pytest.raises(ValidationError):
        services.statement_edit(
            actor=drafter, bill=bill, draft=None, section="nope", language="zh", text="乙"
        )
    assert StatementEdit.objects.count() == 1
