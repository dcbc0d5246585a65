"""Dispositions of comment threads (意见处理) and edits of a 草案说明's sections."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from drafting.models import (
    Bill,
    BillDraft,
    Comment,
    CommentDisposition,
    DispositionKind,
    Revision,
    StatementEdit,
    StatementSection,
)
from drafting.services._common import check_length, require


class StaleStatementError(Exception):
    """Someone saved the 说明 since the version the client read."""

    def __init__(self, current: int):
        self.current = current
        super().__init__(_("The explanatory statement changed since you loaded it."))


def _check_disposition(comment: Comment, kind: str, reason: str, revision, draft) -> None:
    if comment.parent_id is not None:
        raise ValidationError(_("Only a thread's first comment gets a disposition, not a reply."))
    if kind not in DispositionKind.values:
        raise ValidationError({"kind": _("Unknown disposition %(kind)s.") % {"kind": kind}})
    if kind != DispositionKind.ADOPTED and not reason.strip():
        raise ValidationError({"reason": _("Give a reason unless the comment is adopted.")})
    check_length("reason", reason, settings.MAX_NOTE)
    if revision is not None and revision.provision_id != comment.provision_id:
        raise ValidationError({"revision": _("That revision belongs to another provision.")})
    if draft is not None and draft.bill_id != comment.provision.bill_id:
        raise ValidationError({"draft": _("That draft belongs to another bill.")})


@transaction.atomic
def disposition_set(
    *,
    actor,
    comment: Comment,
    kind: str,
    reason: str = "",
    revision: Revision | None = None,
    draft: BillDraft | None = None,
    major_disagreement: bool = False,
) -> CommentDisposition:
    """Record (or change) what was done with a thread; an accepted suggestion links its revision."""
    require(actor, "drafting.dispose_comment", comment)
    _check_disposition(comment, kind, reason, revision, draft)
    if revision is None and comment.applied_revision_id is not None:
        revision = comment.applied_revision
    disposition = CommentDisposition.objects.filter(comment=comment).first() or (
        CommentDisposition(comment=comment)
    )
    disposition.kind = kind
    disposition.reason = reason.strip()
    disposition.revision = revision
    disposition.draft = draft
    disposition.major_disagreement = major_disagreement
    disposition.decided_by = actor
    disposition.full_clean()
    disposition.save()
    return disposition


def disposition_for_accepted(*, actor, comment: Comment, revision: Revision) -> None:
    """An accepted suggestion is adopted, carried out by the revision it made (unless decided)."""
    existing = CommentDisposition.objects.filter(comment=comment).first()
    if existing is not None:
        if existing.revision_id is None:
            existing.revision = revision
            existing.save(update_fields=["revision", "decided_at"])
        return
    CommentDisposition.objects.create(
        comment=comment, kind=DispositionKind.ADOPTED, revision=revision, decided_by=actor
    )


@transaction.atomic
def statement_edit(
    *,
    actor,
    bill: Bill,
    draft: BillDraft | None,
    section: str,
    language: str,
    text: str,
    generated_hash: str = "",
    base_number: int | None = None,
) -> StatementEdit:
    """Save a section's text as a new edit; refused when the 说明 moved past base_number."""
    require(actor, "drafting.edit_statement", bill)
    if section not in StatementSection.values:
        raise ValidationError({"section": _("Unknown section %(s)s.") % {"s": section}})
    if language not in Comment.Language.values:
        raise ValidationError({"language": _("The language is zh or en.")})
    if draft is not None and draft.bill_id != bill.pk:
        raise ValidationError({"draft": _("That draft belongs to another bill.")})
    if not text.strip():
        raise ValidationError({"text": _("Write something.")})
    check_length("text", text, settings.MAX_PROVISION_TEXT)
    Bill.objects.select_for_update().filter(pk=bill.pk).first()
    last = statement_version(bill, draft)
    if base_number is not None and base_number != last:
        raise StaleStatementError(last)
    number = (StatementEdit.objects.filter(bill=bill).aggregate(n=Max("number"))["n"] or 0) + 1
    edit = StatementEdit(
        bill=bill,
        draft=draft,
        number=number,
        section=section,
        language=language,
        text=text,
        generated_hash=generated_hash,
        author=actor,
    )
    edit.full_clean()
    edit.save()
    return edit


def statement_version(bill: Bill, draft: BillDraft | None) -> int:
    """The number of the latest edit of this 说明 (0 when nothing was edited)."""
    return StatementEdit.objects.filter(bill=bill, draft=draft).aggregate(n=Max("number"))["n"] or 0
