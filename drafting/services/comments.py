"""Comments, replies, suggestions and moderation."""

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import (
    Comment,
    CommentModeration,
    Provision,
    Revision,
)
from drafting.search import index as search_index
from drafting.services._common import check_length, require
from drafting.services.dispositions import disposition_for_accepted
from drafting.services.provisions import check_text
from drafting.services.revisions import write_revision
from drafting.text.anchoring import Anchor, AnchorError
from drafting.text.normalize import normalize_optional

MODERATION_REASON_MAX = 500


def _revision_text(revision: Revision, language: str) -> str:
    if language == Comment.Language.ZH:
        return revision.text_zh
    if language == Comment.Language.EN:
        return revision.text_en
    raise ValidationError({"anchor": _("The anchor language is zh or en.")})


@transaction.atomic
def comment_create(
    *,
    actor,
    provision: Provision,
    revision: Revision,
    body: str,
    anchor: Anchor,
    suggestion: str | None = None,
) -> Comment:
    """Start a thread on exact words of a revision, optionally suggesting replacement words."""
    require(actor, "drafting.comment_bill", provision)
    if revision.provision_id != provision.pk:
        raise ValidationError({"revision": _("That revision belongs to another provision.")})
    _check_body(body)
    suggestion = normalize_optional(suggestion)
    if suggestion is not None:
        check_length("suggestion", suggestion, settings.MAX_PROVISION_TEXT)
    try:
        anchor.check(_revision_text(revision, anchor.language))
    except AnchorError as exc:
        raise ValidationError({"anchor": str(exc)}) from exc
    comment = Comment(
        provision=provision,
        revision=revision,
        author=actor,
        body=body,
        anchor_language=anchor.language,
        anchor_exact=anchor.exact,
        anchor_prefix=anchor.prefix,
        anchor_suffix=anchor.suffix,
        anchor_start=anchor.start,
        anchor_end=anchor.end,
        suggestion=suggestion,
    )
    comment.full_clean()
    comment.save()
    search_index.index_comment(comment)
    return comment


def _check_body(body: str) -> None:
    if not body.strip():
        raise ValidationError({"body": _("Write something.")})
    check_length("body", body, settings.MAX_COMMENT_BODY)


@transaction.atomic
def comment_reply(*, actor, parent: Comment, body: str) -> Comment:
    """Reply in a thread; replies attach to the thread's first comment."""
    require(actor, "drafting.view_bill", parent.provision)
    if not rules.has_perm("drafting.comment_bill", actor, parent.provision):
        raise PermissionDenied(_("Viewers read; reviewers and drafters reply."))
    _check_body(body)
    root = parent if parent.parent_id is None else parent.parent
    if root.hidden or parent.hidden:
        raise ValidationError({"parent": _("A moderator hid this thread; it takes no replies.")})
    reply = Comment(
        provision_id=root.provision_id,
        revision_id=root.revision_id,
        parent=root,
        author=actor,
        body=body,
    )
    # Its related rows were just read (the thread, the reader): no need to look them up again.
    reply.full_clean(exclude={"provision", "revision", "parent", "author"})
    reply.save()
    search_index.index_comment(reply)
    return reply


def _thread_for_update(comment: Comment) -> Comment:
    if comment.parent_id is not None:
        raise ValidationError(_("Only a thread's first comment has a status."))
    return Comment.objects.select_for_update().select_related("provision").get(pk=comment.pk)


@transaction.atomic
def comment_resolve(*, actor, comment: Comment) -> Comment:
    """Close a thread as resolved."""
    comment = _thread_for_update(comment)
    require(actor, "drafting.resolve_comment", comment)
    if comment.status != Comment.Status.OPEN:
        raise ValidationError(_("Only an open thread can be resolved."))
    return _close(comment, actor, Comment.Status.RESOLVED)


@transaction.atomic
def comment_reopen(*, actor, comment: Comment) -> Comment:
    """Reopen a resolved thread (a decided suggestion stays decided)."""
    comment = _thread_for_update(comment)
    require(actor, "drafting.resolve_comment", comment)
    if comment.status != Comment.Status.RESOLVED:
        raise ValidationError(_("Only a resolved thread can be reopened."))
    comment.status = Comment.Status.OPEN
    comment.resolved_by = None
    comment.resolved_at = None
    comment.save(update_fields=["status", "resolved_by", "resolved_at", "updated_at"])
    return comment


def _close(comment: Comment, actor, status: str, applied: Revision | None = None) -> Comment:
    comment.status = status
    comment.resolved_by = actor
    comment.resolved_at = timezone.now()
    comment.applied_revision = applied
    comment.save(
        update_fields=["status", "resolved_by", "resolved_at", "applied_revision", "updated_at"]
    )
    return comment


@transaction.atomic
def suggestion_accept(*, actor, comment: Comment, note: str = "") -> Revision:
    """Apply the suggested words to the current text as a new revision, and mark it accepted."""
    from drafting.text.reanchor import reanchor

    comment = _thread_for_update(comment)
    require(actor, "drafting.decide_suggestion", comment)
    if comment.suggestion is None:
        raise ValidationError(_("This comment carries no suggestion."))
    if comment.status != Comment.Status.OPEN:
        raise ValidationError(_("Only an open suggestion can be accepted."))
    provision = Provision.objects.select_related("current_revision").get(pk=comment.provision_id)
    current = provision.current_revision
    text = _revision_text(current, comment.anchor_language)
    placement = reanchor(comment_anchor(comment), text)
    if placement.start is None:
        raise ValidationError(
            _("The quoted words are no longer in the current text; edit the text by hand.")
        )
    new_text = text[: placement.start] + comment.suggestion + text[placement.end :]
    texts = {"text_zh": current.text_zh, "text_en": current.text_en}
    texts["text_zh" if comment.anchor_language == Comment.Language.ZH else "text_en"] = new_text
    check_text(note=note, **texts)
    revision = write_revision(
        actor=actor,
        provision=provision,
        base=current,
        note=note or _("Accepted suggestion of %(author)s.") % {"author": comment.author},
        **texts,
    )
    _close(comment, actor, Comment.Status.ACCEPTED, applied=revision)
    disposition_for_accepted(actor=actor, comment=comment, revision=revision)
    return revision


@transaction.atomic
def suggestion_reject(*, actor, comment: Comment) -> Comment:
    """Decline a suggestion; the thread is kept with its verdict."""
    comment = _thread_for_update(comment)
    require(actor, "drafting.decide_suggestion", comment)
    if comment.suggestion is None:
        raise ValidationError(_("This comment carries no suggestion."))
    if comment.status != Comment.Status.OPEN:
        raise ValidationError(_("Only an open suggestion can be rejected."))
    return _close(comment, actor, Comment.Status.REJECTED)


@transaction.atomic
@transaction.atomic
def comment_set_hidden(*, actor, comment: Comment, hidden: bool, reason: str) -> Comment:
    """Moderation by overseeing staff: hide or show a comment, with the reason; nothing is deleted."""
    if not rules.has_perm("drafting.moderate_comment", actor, comment):
        raise PermissionDenied(_("Only staff who oversee bills moderate comments."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason for hiding or showing a comment.")})
    check_length("reason", reason, MODERATION_REASON_MAX)
    if comment.hidden == hidden:
        state = _("hidden") if hidden else _("shown")
        raise ValidationError(_("The comment is already %(state)s.") % {"state": state})
    Comment.objects.filter(pk=comment.pk).update(hidden=hidden, updated_at=timezone.now())
    CommentModeration.objects.create(comment=comment, actor=actor, hidden=hidden, reason=reason)
    comment.refresh_from_db()
    search_index.index_comment(comment)
    return comment


def comment_anchor(comment: Comment) -> Anchor:
    return Anchor(
        language=comment.anchor_language,
        exact=comment.anchor_exact,
        prefix=comment.anchor_prefix,
        suffix=comment.anchor_suffix,
        start=comment.anchor_start,
        end=comment.anchor_end,
    )
