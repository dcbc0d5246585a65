"""Exports cached by content: an ETag from everything the document is made of.

The fingerprint covers the bill's own fields, every provision row (current revision, position,
target, status...), every obligation link and the linked obligations' statements (measured), the
comments when they are printed (each save moves updated_at), the draft chosen, the target law's
text (counted and measured) and RENDER_VERSION. Any
edit changes one of these, so a cached file is never served for a state it was not made from.
"""

import hashlib
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Sum
from django.db.models.functions import Length

from drafting.models import (
    Bill,
    Comment,
    CommentDisposition,
    ExportFile,
    Provision,
    ProvisionObligation,
)
from proposals.models import Obligation, Paragraph

RENDER_VERSION = "typst-2"  # bump when a renderer's output changes for the same data


def _rows(queryset, *fields) -> list:
    """The given columns (every concrete column by default) of the rows, in primary-key order."""
    fields = fields or tuple(f.attname for f in queryset.model._meta.concrete_fields)
    return list(queryset.order_by("pk").values_list(*fields))


def _law_stamp(bill: Bill) -> tuple:
    """The target law's paragraphs: how many, the newest, and their total length."""
    stamp = Paragraph.objects.filter(article__instrument_id=bill.target_instrument_id).aggregate(
        count=Count("pk"),
        last=Max("pk"),
        zh=Sum(Length("text_zh")),
        en=Sum(Length("text_en")),
    )
    return tuple(stamp.values())


def _links(bill: Bill) -> tuple:
    """The links (texts measured by the database) and the linked obligations' statements."""
    links = ProvisionObligation.objects.filter(provision__bill=bill)
    rows = _rows(
        links.annotate(rationale_length=Length("rationale")),
        "pk",
        "provision_id",
        "obligation_id",
        "extent",
        "removed_at",
        "review",  # the 说明's coverage counts agreed links only
        "rationale_length",
    )
    statements = Obligation.objects.filter(provision_links__in=links).aggregate(
        zh=Sum(Length("statement_zh")), en=Sum(Length("statement_en")), last=Max("pk")
    )
    return rows, tuple(statements.values())


def export_etag(
    bill: Bill, slot: str, *, comments: bool, draft=None, dispositions: bool = False
) -> str:
    """The fingerprint of what the export in `slot` is made of (a hex SHA-256)."""
    parts = [
        RENDER_VERSION,
        slot,
        _rows(Bill.objects.filter(pk=bill.pk)),
        _rows(Provision.objects.filter(bill=bill)),
        _links(bill),
        _law_stamp(bill),
        draft.pk if draft is not None else None,
    ]
    if comments:
        threads = Comment.objects.filter(provision__bill=bill)
        # updated_at moves with every save (body, status, moderation); the rest never changes.
        parts.append(_rows(threads, "pk", "updated_at", "status", "hidden", "revision_id"))
    if dispositions:  # decided_at moves with every save
        decisions = CommentDisposition.objects.filter(comment__provision__bill=bill)
        parts.append(_rows(decisions, "pk", "decided_at"))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def export_slot(doc: str, fmt: str, *, comments: bool, obligations: bool, draft=None) -> str:
    """The cache slot of one document, format and set of options."""
    return f"{doc}.{fmt}:comments={comments}:obligations={obligations}:draft={draft and draft.pk}"


def stored_export(bill: Bill, slot: str, etag: str) -> ExportFile | None:
    """The file already made for (slot, etag), if any."""
    return ExportFile.objects.filter(bill=bill, slot=slot, etag=etag).first()


def export_rows(bill: Bill, *, comments: bool) -> int:
    """How big an export is: its provisions, and its comments and replies when printed."""
    rows = Provision.objects.filter(bill=bill).count()
    if comments:
        rows += Comment.objects.filter(provision__bill=bill).count()
    return rows


def cached_export(bill: Bill, slot: str, etag: str, render: Callable[[], object]) -> ExportFile:
    """The stored file for (slot, etag), rendering and storing it when there is none."""
    found = stored_export(bill, slot, etag)
    if found is not None:
        return found
    result = render()
    fields = {
        "etag": etag,
        "content": result.content,
        "content_type": result.content_type,
        "filename": result.filename,
    }
    stored = ExportFile(bill=bill, slot=slot, **fields)
    try:
        with transaction.atomic():  # the slot's older rendering makes way (two queries, always)
            ExportFile.objects.filter(bill=bill, slot=slot).delete()
            stored.save(force_insert=True)
    except IntegrityError:  # another request stored the same slot meanwhile: serve ours unsaved
        pass
    return stored
