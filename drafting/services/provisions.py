"""Provisions: create, update metadata, reorder; operation checks."""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import (
    Bill,
    Provision,
    Revision,
)
from drafting.operations import PARAGRAPH_OPERATIONS, Operation, Problem, shape_problems
from drafting.search import index as search_index
from drafting.services._common import StaleVersionError, Status, check_length, require
from drafting.text.normalize import normalize_newlines
from proposals.models import Article, Proposal


def _shape_messages() -> dict[Problem, tuple[str, str]]:
    """Each rule of shape as the field it concerns and the words a drafter reads."""
    return {
        Problem.PARAGRAPHS_NOT_NUMBERS: (
            "paragraphs",
            _("Paragraph numbers are whole numbers from 1."),
        ),
        Problem.PARAGRAPHS_MISSING: (
            "paragraphs",
            _("Name the paragraph(s) this operation is about."),
        ),
        Problem.PARAGRAPHS_UNWANTED: (
            "paragraphs",
            _("Only paragraph operations name paragraphs."),
        ),
        Problem.RESTATE_UNWANTED: (
            "restate_article",
            _("Only an inserted paragraph can restate its article."),
        ),
        Problem.COUNT_TOO_SMALL: ("insert_count", _("Insert at least one article.")),
        Problem.COUNT_UNWANTED: ("insert_count", _("Only inserting articles takes a count.")),
        Problem.TEXT_UNWANTED: ("text_zh", _("A repeal carries no new text.")),
        Problem.TEXT_MISSING: ("text_zh", _("The new text is required.")),
    }


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
    """Check the operation's shape (drafting/operations.py), then that it fits the law amended."""
    problems = shape_problems(
        operation=operation,
        paragraphs=paragraphs,
        insert_count=insert_count,
        restate_article=restate_article,
        has_text=bool(text_zh.strip()),
    )
    if Problem.UNKNOWN_OPERATION in problems:
        raise ValidationError({"operation": _("Unknown operation %(op)s.") % {"op": operation}})
    errors: dict[str, str] = {}
    messages = _shape_messages()
    for problem in problems:
        if problem in messages:  # the first problem of a field is the one shown
            field, message = messages[problem]
            errors.setdefault(field, message)
    if target_article.instrument_id != bill.target_instrument_id:
        errors["target_article"] = _("The article is not part of the law this bill amends.")
    if "paragraphs" not in errors and operation in PARAGRAPH_OPERATIONS:
        repeated = Problem.PARAGRAPHS_REPEATED in problems
        _check_paragraphs_exist(errors, operation, target_article, paragraphs, repeated)
    if "insert_count" not in errors and operation == Operation.INSERT_ARTICLES:
        _check_insertion_free(errors, bill, target_article, insert_count, provision)
    if errors:
        raise ValidationError(errors)


def _check_paragraphs_exist(
    errors: dict[str, str],
    operation: str,
    article: Article,
    paragraphs: Sequence[int],
    repeated: bool,
) -> None:
    """The named paragraphs are the article's (or one past its last, for a new paragraph)."""
    existing = article.paragraphs.count()
    if operation == Operation.INSERT_PARAGRAPH:
        if len(paragraphs) != 1 or paragraphs[0] > existing + 1:
            errors["paragraphs"] = _(
                "A new paragraph takes one number, at most one past the last (%(n)d)."
            ) % {"n": existing + 1}
    elif repeated or max(paragraphs) > existing:
        errors["paragraphs"] = _("The article has paragraphs 1 to %(n)d.") % {"n": existing}


def _check_insertion_free(
    errors: dict[str, str],
    bill: Bill,
    article: Article,
    insert_count: int,
    provision: Provision | None,
) -> None:
    """The 之N numbers the insertion takes are free in the law and in the bill."""
    clash = Article.objects.filter(
        instrument_id=article.instrument_id,
        number=article.number,
        sub__gt=article.sub,
        sub__lte=article.sub + insert_count,
    ).first()
    if clash:
        errors["target_article"] = _(
            "%(label)s already exists: insert after the last 之 article instead."
        ) % {"label": clash.citation}
    elif _inserts_after(bill, article, exclude=provision):
        # Both would number their articles 之一, 之二…: one provision inserts them all.
        errors["target_article"] = _(
            "Another item of this bill already inserts articles after %(label)s: "
            "raise its count instead."
        ) % {"label": article.citation}


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
    require(actor, "drafting.draft_bill", bill)
    paragraphs = list(paragraphs)
    text_zh, text_en = normalize_newlines(text_zh), normalize_newlines(text_en)
    check_text(text_zh=text_zh, text_en=text_en, note=note)
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
    search_index.index_provision(provision)
    return provision


def check_text(*, text_zh: str, text_en: str, note: str) -> None:
    check_length("text_zh", text_zh, settings.MAX_PROVISION_TEXT)
    check_length("text_en", text_en, settings.MAX_PROVISION_TEXT)
    check_length("note", note, settings.MAX_NOTE)


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
    require(actor, "drafting.draft_bill", provision)
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
    search_index.index_provision(provision)
    return provision


@transaction.atomic
def provision_reorder(*, actor, bill: Bill, order: Sequence[int]) -> list[Provision]:
    """Put the bill's provisions in the given order of ids (all of them, each once)."""
    require(actor, "drafting.draft_bill", bill)
    Bill.objects.select_for_update().filter(pk=bill.pk).first()
    ids = set(bill.provisions.values_list("pk", flat=True))
    if len(order) != len(ids) or set(order) != ids:
        raise ValidationError({"order": _("List every provision of the bill exactly once.")})
    offset = 1_000_000
    bill.provisions.update(position=F("position") + offset)
    for position, pk in enumerate(order, start=1):
        Provision.objects.filter(pk=pk).update(position=position, version=F("version") + 1)
    return list(bill.provisions.order_by("position"))
