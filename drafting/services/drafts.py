"""Issuing drafts of a whole bill (审议稿): snapshot rows of every live provision, written once."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import (
    Bill,
    BillDraft,
    BillDraftItem,
    BillDraftLink,
    DraftKind,
    Provision,
    ProvisionObligation,
)
from drafting.models.drafts import KIND_ZH
from drafting.services._common import check_length, require


def _draft_name(kind: str, label: str) -> str:
    return KIND_ZH.get(kind, label)


def _check_draft_fields(*, kind: str, name: str, label: str, note: str) -> None:
    if kind not in DraftKind.values:
        raise ValidationError({"kind": _("Unknown kind of draft %(kind)s.") % {"kind": kind}})
    if kind == DraftKind.OTHER and not label.strip():
        raise ValidationError({"label": _("Name the draft when its kind is 'other'.")})
    check_length("name", name, 200)
    check_length("label", label, 100)
    check_length("note", note, settings.MAX_NOTE)


def live_provisions(bill: Bill):
    """The provisions a draft copies: every one not withdrawn, in order, with links prefetched."""
    return (
        Provision.objects.filter(bill=bill)
        .exclude(status=Provision.Status.WITHDRAWN)
        .prefetch_related(
            Prefetch(
                "obligation_links",
                queryset=ProvisionObligation.objects.active().order_by("obligation_id"),
                to_attr="active_links",
            )
        )
        .order_by("position")
    )


@transaction.atomic
def draft_issue(
    *,
    actor,
    bill: Bill,
    kind: str,
    name: str = "",
    label: str = "",
    date: datetime.date | None = None,
    note: str = "",
) -> BillDraft:
    """Freeze the bill as it stands into a numbered draft; an empty bill is refused."""
    require(actor, "drafting.issue_draft", bill)
    name = name.strip() or _draft_name(kind, label.strip())
    _check_draft_fields(kind=kind, name=name, label=label, note=note)
    Bill.objects.select_for_update().filter(pk=bill.pk).first()  # one issuer at a time per bill
    provisions = list(live_provisions(bill))
    if not provisions:
        raise ValidationError(_("The bill has no provisions: there is nothing to issue."))
    number = (bill.drafts.aggregate(last=Max("number"))["last"] or 0) + 1
    draft = BillDraft(
        bill=bill,
        number=number,
        kind=kind,
        label=label.strip(),
        name=name,
        date=date or timezone.localdate(),
        note=note,
        issued_by=actor,
    )
    draft.full_clean()
    draft.save()
    _write_items(draft, provisions)
    return draft


def _write_items(draft: BillDraft, provisions: list[Provision]) -> None:
    """One row per provision and one per active obligation link, in two bulk inserts."""
    items = BillDraftItem.objects.bulk_create(
        [
            BillDraftItem(
                draft=draft,
                provision=provision,
                revision_id=provision.current_revision_id,
                position=index,
                title_en=provision.title_en,
                title_zh=provision.title_zh,
                operation=provision.operation,
                target_article_id=provision.target_article_id,
                paragraphs=list(provision.paragraphs or []),
                insert_count=provision.insert_count,
                restate_article=provision.restate_article,
                status=provision.status,
            )
            for index, provision in enumerate(provisions, start=1)
        ]
    )
    BillDraftLink.objects.bulk_create(
        [
            BillDraftLink(item=item, obligation_id=link.obligation_id, extent=link.extent)
            for item, provision in zip(items, provisions, strict=True)
            for link in provision.active_links
        ]
    )
