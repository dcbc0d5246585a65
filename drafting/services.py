"""Every write to bills, provisions, revisions, links, comments and the workflow goes through here."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.anchoring import Anchor, AnchorError
from drafting.models import (
    Bill,
    Comment,
    Extent,
    Membership,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Revision,
    Role,
)
from drafting.rules import forget_roles, role_in
from proposals.models import Article, Instrument, Obligation, Proposal

Status = Provision.Status
Operation = Provision.Operation


class StaleRevisionError(Exception):
    """The revision a write was based on is no longer the provision's current revision."""

    def __init__(self, current: Revision | None):
        self.current = current
        super().__init__(_("Someone saved a newer revision in the meantime."))


class StaleVersionError(Exception):
    """The provision changed since the version the client read."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(_("The provision changed since you loaded it."))


class TransitionError(ValidationError):
    """The workflow does not allow this move."""


@dataclass(frozen=True)
class Transition:
    to_status: str
    roles: frozenset[str]
    note_required: bool = False


DRAFTERS = frozenset({Role.DRAFTER})
REVIEWERS = frozenset({Role.DRAFTER, Role.REVIEWER})

# The allowed moves of a provision's workflow and who may make each.
TRANSITIONS: dict[str, dict[str, Transition]] = {
    Status.DRAFT: {
        Status.IN_REVIEW: Transition(Status.IN_REVIEW, DRAFTERS),
        Status.WITHDRAWN: Transition(Status.WITHDRAWN, DRAFTERS),
    },
    Status.IN_REVIEW: {
        Status.CHANGES_REQUESTED: Transition(Status.CHANGES_REQUESTED, REVIEWERS, True),
        Status.APPROVED: Transition(Status.APPROVED, REVIEWERS),
        Status.WITHDRAWN: Transition(Status.WITHDRAWN, DRAFTERS),
    },
    Status.CHANGES_REQUESTED: {
        Status.IN_REVIEW: Transition(Status.IN_REVIEW, DRAFTERS),
        Status.WITHDRAWN: Transition(Status.WITHDRAWN, DRAFTERS),
    },
    Status.APPROVED: {
        Status.IN_REVIEW: Transition(Status.IN_REVIEW, DRAFTERS),
        Status.WITHDRAWN: Transition(Status.WITHDRAWN, DRAFTERS),
    },
    Status.WITHDRAWN: {
        Status.DRAFT: Transition(Status.DRAFT, DRAFTERS),
    },
}


def allowed_transitions(*, provision: Provision, role: str | None) -> list[Transition]:
    """The moves this role may make from the provision's current status."""
    return [t for t in TRANSITIONS[provision.status].values() if role in t.roles]


# --- permissions ----------------------------------------------------------------------------


def _require(user, perm: str, obj) -> None:
    # The rules set itself, not user.has_perm: a superuser is not a member of every bill.
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied(_("You do not have the role this needs on this bill."))


def _check_length(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("At most %(limit)d characters (got %(got)d).")
                % {"limit": limit, "got": len(value)}
            }
        )


# --- bills and members ----------------------------------------------------------------------


@transaction.atomic
def bill_create(
    *,
    actor,
    title_zh: str,
    title_en: str,
    target_instrument: Instrument,
    commencement_date=None,
    description: str = "",
) -> Bill:
    """Create a bill; its creator becomes its first drafter."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to create a bill."))
    bill = Bill(
        title_zh=title_zh,
        title_en=title_en,
        target_instrument=target_instrument,
        commencement_date=commencement_date,
        description=description,
        created_by=actor,
    )
    bill.full_clean()
    bill.save()
    Membership.objects.create(bill=bill, user=actor, role=Role.DRAFTER)
    forget_roles(actor)
    return bill


@transaction.atomic
def bill_update(*, actor, bill: Bill, **fields) -> Bill:
    """Change a bill's titles, status, commencement date or description."""
    _require(actor, "drafting.manage_bill", bill)
    allowed = {"title_zh", "title_en", "status", "commencement_date", "description"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(bill, name, value)
    bill.full_clean()
    bill.save()
    return bill


@transaction.atomic
def membership_set(*, actor, bill: Bill, user, role: str) -> Membership:
    """Add a member or change a member's role; a bill always keeps at least one drafter."""
    _require(actor, "drafting.manage_bill", bill)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s.") % {"role": role}})
    membership = Membership.objects.select_for_update().filter(bill=bill, user=user).first()
    if membership is None:
        membership = Membership(bill=bill, user=user, role=role)
    else:
        if membership.role == Role.DRAFTER and role != Role.DRAFTER:
            _ensure_other_drafter(bill, user)
        membership.role = role
    membership.full_clean(validate_unique=False)
    membership.save()
    forget_roles(user)
    return membership


@transaction.atomic
def membership_remove(*, actor, bill: Bill, user) -> None:
    """Remove a member; the last drafter cannot be removed."""
    _require(actor, "drafting.manage_bill", bill)
    membership = Membership.objects.select_for_update().filter(bill=bill, user=user).first()
    if membership is None:
        raise ValidationError(_("%(user)s is not a member of this bill.") % {"user": user})
    if membership.role == Role.DRAFTER:
        _ensure_other_drafter(bill, user)
    membership.delete()
    forget_roles(user)


def _ensure_other_drafter(bill: Bill, user) -> None:
    others = Membership.objects.filter(bill=bill, role=Role.DRAFTER).exclude(user=user)
    if not others.exists():
        raise ValidationError(_("A bill needs at least one drafter."))


# --- provisions -----------------------------------------------------------------------------


def _validate_operation(
    *,
    bill: Bill,
    operation: str,
    target_article: Article,
    paragraphs: Sequence[int],
    insert_count: int,
    restate_article: bool,
    text_zh: str,
    provision: Provision | None = None,
) -> None:
    """Check the operation fits its target article and the law the bill amends."""
    errors: dict[str, str] = {}
    if operation not in Operation.values:
        raise ValidationError({"operation": _("Unknown operation %(op)s.") % {"op": operation}})
    if target_article.instrument_id != bill.target_instrument_id:
        errors["target_article"] = _("The article is not part of the law this bill amends.")
    if any(not isinstance(n, int) or isinstance(n, bool) or n < 1 for n in paragraphs):
        errors["paragraphs"] = _("Paragraph numbers are whole numbers from 1.")
    elif operation in Provision.PARAGRAPH_OPERATIONS:
        existing = target_article.paragraphs.count()
        if not paragraphs:
            errors["paragraphs"] = _("Name the paragraph(s) this operation is about.")
        elif operation == Operation.INSERT_PARAGRAPH:
            if len(paragraphs) != 1 or paragraphs[0] > existing + 1:
                errors["paragraphs"] = _(
                    "A new paragraph takes one number, at most one past the last (%(n)d)."
                ) % {"n": existing + 1}
        elif max(paragraphs) > existing or len(set(paragraphs)) != len(paragraphs):
            errors["paragraphs"] = _("The article has paragraphs 1 to %(n)d.") % {"n": existing}
    elif paragraphs:
        errors["paragraphs"] = _("Only paragraph operations name paragraphs.")
    if restate_article and operation != Operation.INSERT_PARAGRAPH:
        errors["restate_article"] = _("Only an inserted paragraph can restate its article.")
    if operation == Operation.INSERT_ARTICLES:
        if insert_count < 1:
            errors["insert_count"] = _("Insert at least one article.")
        else:
            clash = Article.objects.filter(
                instrument_id=target_article.instrument_id,
                number=target_article.number,
                sub__gt=target_article.sub,
                sub__lte=target_article.sub + insert_count,
            ).first()
            if clash:
                errors["target_article"] = _(
                    "%(label)s already exists: insert after the last 之 article instead."
                ) % {"label": clash.citation}
            elif _inserts_after(bill, target_article, exclude=provision):
                # Both would number their articles 之一, 之二…: one provision inserts them all.
                errors["target_article"] = _(
                    "Another item of this bill already inserts articles after %(label)s: "
                    "raise its count instead."
                ) % {"label": target_article.citation}
    elif insert_count != 1:
        errors["insert_count"] = _("Only inserting articles takes a count.")
    if operation in Provision.TEXTLESS_OPERATIONS and text_zh.strip():
        errors["text_zh"] = _("A repeal carries no new text.")
    if operation not in Provision.TEXTLESS_OPERATIONS and not text_zh.strip():
        errors["text_zh"] = _("The new text is required.")
    if errors:
        raise ValidationError(errors)


def _inserts_after(bill: Bill, article: Article, *, exclude: Provision | None) -> bool:
    others = bill.provisions.filter(
        operation=Operation.INSERT_ARTICLES, target_article=article
    ).exclude(status=Status.WITHDRAWN)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return others.exists()


@transaction.atomic
def provision_create(
    *,
    actor,
    bill: Bill,
    operation: str,
    target_article: Article,
    title_en: str,
    title_zh: str = "",
    text_zh: str = "",
    text_en: str = "",
    note: str = "",
    paragraphs: Iterable[int] = (),
    insert_count: int = 1,
    restate_article: bool = False,
    proposals: Iterable[Proposal] = (),
    position: int | None = None,
) -> Provision:
    """Add a provision with its first revision, at the end or at a given position."""
    _require(actor, "drafting.draft_bill", bill)
    paragraphs = list(paragraphs)
    _check_text(text_zh=text_zh, text_en=text_en, note=note)
    _validate_operation(
        bill=bill,
        operation=operation,
        target_article=target_article,
        paragraphs=paragraphs,
        insert_count=insert_count,
        restate_article=restate_article,
        text_zh=text_zh,
    )
    Bill.objects.select_for_update().filter(pk=bill.pk).first()  # serialise positions per bill
    last = bill.provisions.aggregate(last=Max("position"))["last"] or 0
    if position is None or position > last:
        position = last + 1
    elif position < 1:
        raise ValidationError({"position": _("Positions start at 1.")})
    else:
        _shift_positions(bill, from_position=position, by=1)
    provision = Provision(
        bill=bill,
        position=position,
        title_en=title_en,
        title_zh=title_zh,
        operation=operation,
        target_article=target_article,
        paragraphs=sorted(paragraphs),
        insert_count=insert_count,
        restate_article=restate_article,
    )
    provision.full_clean(exclude=["current_revision"])
    provision.save()
    provision.proposals.set(proposals)
    revision = Revision.objects.create(
        provision=provision,
        number=1,
        text_zh=text_zh,
        text_en=text_en,
        note=note,
        author=actor,
    )
    provision.current_revision = revision
    provision.save(update_fields=["current_revision"])
    return provision


def _check_text(*, text_zh: str, text_en: str, note: str) -> None:
    _check_length("text_zh", text_zh, settings.MAX_PROVISION_TEXT)
    _check_length("text_en", text_en, settings.MAX_PROVISION_TEXT)
    _check_length("note", note, settings.MAX_NOTE)


def _shift_positions(bill: Bill, *, from_position: int, by: int) -> None:
    """Move provisions at or after a position; two steps keep the unique constraint happy."""
    moving = bill.provisions.filter(position__gte=from_position)
    offset = 1_000_000
    moving.update(position=F("position") + offset)
    bill.provisions.filter(position__gte=offset).update(position=F("position") - offset + by)


@transaction.atomic
def provision_update(
    *, actor, provision: Provision, expected_version: int | None = None, **fields
) -> Provision:
    """Change a provision's metadata with one conditional UPDATE on its version."""
    _require(actor, "drafting.draft_bill", provision)
    allowed = {
        "title_en",
        "title_zh",
        "operation",
        "target_article",
        "paragraphs",
        "insert_count",
        "restate_article",
    }
    proposals = fields.pop("proposals", None)
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(provision, name, value)
    if {"operation", "target_article", "paragraphs", "insert_count", "restate_article"} & set(
        fields
    ):
        _validate_operation(
            bill=provision.bill,
            operation=provision.operation,
            target_article=provision.target_article,
            paragraphs=list(provision.paragraphs),
            insert_count=provision.insert_count,
            restate_article=provision.restate_article,
            text_zh=provision.current_revision.text_zh if provision.current_revision else "",
            provision=provision,
        )
    provision.full_clean(exclude=["current_revision"])
    version = provision.version if expected_version is None else expected_version
    values = {name: getattr(provision, name) for name in fields}
    if "target_article" in values:
        values["target_article_id"] = values.pop("target_article").pk
    updated = Provision.objects.filter(pk=provision.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **values
    )
    if not updated:
        raise StaleVersionError(
            Provision.objects.values_list("version", flat=True).get(pk=provision.pk)
        )
    if proposals is not None:
        provision.proposals.set(proposals)
    provision.refresh_from_db()
    return provision


@transaction.atomic
def provision_reorder(*, actor, bill: Bill, order: Sequence[int]) -> list[Provision]:
    """Put the bill's provisions in the given order of ids (all of them, each once)."""
    _require(actor, "drafting.draft_bill", bill)
    Bill.objects.select_for_update().filter(pk=bill.pk).first()
    ids = set(bill.provisions.values_list("pk", flat=True))
    if len(order) != len(ids) or set(order) != ids:
        raise ValidationError({"order": _("List every provision of the bill exactly once.")})
    offset = 1_000_000
    bill.provisions.update(position=F("position") + offset)
    for position, pk in enumerate(order, start=1):
        Provision.objects.filter(pk=pk).update(position=position, version=F("version") + 1)
    return list(bill.provisions.order_by("position"))


# --- revisions ------------------------------------------------------------------------------


@transaction.atomic
def revision_create(
    *,
    actor,
    provision: Provision,
    base_revision: Revision | None,
    text_zh: str,
    text_en: str,
    note: str = "",
) -> Revision:
    """Save new text on top of base_revision; refuses if someone saved in between."""
    _require(actor, "drafting.draft_bill", provision)
    _check_text(text_zh=text_zh, text_en=text_en, note=note)
    if provision.has_text and not text_zh.strip():
        raise ValidationError({"text_zh": _("The new text is required.")})
    if base_revision is not None and base_revision.provision_id != provision.pk:
        raise ValidationError({"base_revision": _("That revision belongs to another provision.")})
    return _write_revision(
        actor=actor,
        provision=provision,
        base=base_revision,
        text_zh=text_zh,
        text_en=text_en,
        note=note,
    )


def _write_revision(
    *, actor, provision: Provision, base: Revision | None, text_zh: str, text_en: str, note: str
) -> Revision:
    """Claim the provision with one conditional UPDATE, then store the revision."""
    base_id = base.pk if base else None
    claimed = (
        Provision.objects.filter(pk=provision.pk, current_revision_id=base_id)
        .exclude(status=Status.WITHDRAWN)
        .update(version=F("version") + 1, updated_at=timezone.now())
    )
    if not claimed:
        current = Provision.objects.select_related("current_revision").get(pk=provision.pk)
        if current.status == Status.WITHDRAWN:
            raise ValidationError(_("A withdrawn provision cannot be revised; reopen it first."))
        raise StaleRevisionError(current.current_revision)
    number = (provision.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            revision = Revision.objects.create(
                provision=provision,
                number=number,
                base=base,
                text_zh=text_zh,
                text_en=text_en,
                note=note,
                author=actor,
            )
    except IntegrityError as exc:
        raise StaleRevisionError(provision.current_revision) from exc
    Provision.objects.filter(pk=provision.pk).update(current_revision=revision)
    provision.refresh_from_db(fields=["current_revision", "version", "updated_at", "status"])
    if provision.status == Status.APPROVED:
        # New words need a new review: an approval covers the text it saw.
        _record_transition(
            actor=actor,
            provision=provision,
            to_status=Status.IN_REVIEW,
            note=_("Revised after approval (revision %(n)d).") % {"n": number},
        )
    return revision


# --- obligation links -----------------------------------------------------------------------


@transaction.atomic
def obligation_link(
    *, actor, provision: Provision, obligation: Obligation, extent: str, rationale: str
) -> ProvisionObligation:
    """Link (or re-link with a new extent) a provision to an obligation; old links stay as history."""
    _require(actor, "drafting.draft_bill", provision)
    if extent not in Extent.values:
        raise ValidationError({"extent": _("Extent is full or partial.")})
    if not rationale.strip():
        raise ValidationError({"rationale": _("Say why the provision satisfies the obligation.")})
    _check_length("rationale", rationale, settings.MAX_NOTE)
    current = (
        ProvisionObligation.objects.active()
        .select_for_update()
        .filter(provision=provision, obligation=obligation)
        .first()
    )
    if current and current.extent == extent and current.rationale == rationale:
        return current
    now = timezone.now()
    if current:
        current.removed_at = now
        current.removed_by = actor
        current.save(update_fields=["removed_at", "removed_by"])
    link = ProvisionObligation(
        provision=provision,
        obligation=obligation,
        extent=extent,
        rationale=rationale,
        created_by=actor,
    )
    link.full_clean(validate_constraints=False)
    link.save()
    return link


@transaction.atomic
def obligation_unlink(
    *, actor, provision: Provision, obligation: Obligation
) -> ProvisionObligation:
    """End the active link; the row stays for the coverage history."""
    _require(actor, "drafting.draft_bill", provision)
    link = (
        ProvisionObligation.objects.active()
        .select_for_update()
        .filter(provision=provision, obligation=obligation)
        .first()
    )
    if link is None:
        raise ValidationError(
            {
                "obligation": _("%(code)s is not linked to this provision.")
                % {"code": obligation.code}
            }
        )
    link.removed_at = timezone.now()
    link.removed_by = actor
    link.save(update_fields=["removed_at", "removed_by"])
    return link


# --- comments and suggestions ---------------------------------------------------------------


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
    _require(actor, "drafting.comment_bill", provision)
    if revision.provision_id != provision.pk:
        raise ValidationError({"revision": _("That revision belongs to another provision.")})
    _check_body(body)
    if suggestion is not None:
        _check_length("suggestion", suggestion, settings.MAX_PROVISION_TEXT)
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
    return comment


def _check_body(body: str) -> None:
    if not body.strip():
        raise ValidationError({"body": _("Write something.")})
    _check_length("body", body, settings.MAX_COMMENT_BODY)


@transaction.atomic
def comment_reply(*, actor, parent: Comment, body: str) -> Comment:
    """Reply in a thread; replies attach to the thread's first comment."""
    _require(actor, "drafting.view_bill", parent.provision)
    if not rules.has_perm("drafting.comment_bill", actor, parent.provision):
        raise PermissionDenied(_("Viewers read; reviewers and drafters reply."))
    _check_body(body)
    root = parent if parent.parent_id is None else parent.parent
    reply = Comment(
        provision_id=root.provision_id,
        revision_id=root.revision_id,
        parent=root,
        author=actor,
        body=body,
    )
    reply.full_clean()
    reply.save()
    return reply


def _thread_for_update(comment: Comment) -> Comment:
    if comment.parent_id is not None:
        raise ValidationError(_("Only a thread's first comment has a status."))
    return Comment.objects.select_for_update().select_related("provision").get(pk=comment.pk)


@transaction.atomic
def comment_resolve(*, actor, comment: Comment) -> Comment:
    """Close a thread as resolved."""
    comment = _thread_for_update(comment)
    _require(actor, "drafting.resolve_comment", comment)
    if comment.status != Comment.Status.OPEN:
        raise ValidationError(_("Only an open thread can be resolved."))
    return _close(comment, actor, Comment.Status.RESOLVED)


@transaction.atomic
def comment_reopen(*, actor, comment: Comment) -> Comment:
    """Reopen a resolved thread (a decided suggestion stays decided)."""
    comment = _thread_for_update(comment)
    _require(actor, "drafting.resolve_comment", comment)
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
    from drafting.reanchor import reanchor

    comment = _thread_for_update(comment)
    _require(actor, "drafting.decide_suggestion", comment)
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
    _check_text(note=note, **texts)
    revision = _write_revision(
        actor=actor,
        provision=provision,
        base=current,
        note=note or _("Accepted suggestion of %(author)s.") % {"author": comment.author},
        **texts,
    )
    _close(comment, actor, Comment.Status.ACCEPTED, applied=revision)
    return revision


@transaction.atomic
def suggestion_reject(*, actor, comment: Comment) -> Comment:
    """Decline a suggestion; the thread is kept with its verdict."""
    comment = _thread_for_update(comment)
    _require(actor, "drafting.decide_suggestion", comment)
    if comment.suggestion is None:
        raise ValidationError(_("This comment carries no suggestion."))
    if comment.status != Comment.Status.OPEN:
        raise ValidationError(_("Only an open suggestion can be rejected."))
    return _close(comment, actor, Comment.Status.REJECTED)


@transaction.atomic
def comment_set_hidden(*, actor, comment: Comment, hidden: bool) -> Comment:
    """Moderation by staff: hide or show a comment; nothing is deleted."""
    if not actor.is_staff:
        raise PermissionDenied(_("Only staff moderate comments."))
    Comment.objects.filter(pk=comment.pk).update(hidden=hidden, updated_at=timezone.now())
    comment.refresh_from_db()
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


# --- workflow -------------------------------------------------------------------------------


@transaction.atomic
def provision_transition(
    *, actor, provision: Provision, to_status: str, note: str = ""
) -> ReviewEvent:
    """Move a provision through the review workflow and record who, when and why."""
    _require(actor, "drafting.view_bill", provision)
    caller_copy = provision
    provision = Provision.objects.select_for_update().select_related("bill").get(pk=provision.pk)
    transition = TRANSITIONS.get(provision.status, {}).get(to_status)
    if transition is None:
        raise TransitionError(
            _("A provision cannot go from %(from)s to %(to)s.")
            % {"from": provision.get_status_display(), "to": to_status}
        )
    if role_in(actor, provision.bill) not in transition.roles:
        raise PermissionDenied(_("Your role on this bill cannot make this move."))
    if transition.note_required and not note.strip():
        raise ValidationError({"note": _("Say what needs to change.")})
    _check_length("note", note, settings.MAX_NOTE)
    event = _record_transition(actor=actor, provision=provision, to_status=to_status, note=note)
    caller_copy.status, caller_copy.version = provision.status, provision.version
    return event


def _record_transition(*, actor, provision: Provision, to_status: str, note: str) -> ReviewEvent:
    event = ReviewEvent.objects.create(
        provision=provision,
        actor=actor,
        from_status=provision.status,
        to_status=to_status,
        note=note,
    )
    Provision.objects.filter(pk=provision.pk).update(
        status=to_status, version=F("version") + 1, updated_at=timezone.now()
    )
    provision.status = to_status
    provision.refresh_from_db(fields=["version", "updated_at"])
    return event
