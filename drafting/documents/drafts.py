"""Read an issued draft (审议稿) as the documents read a bill: the same BillData, from snapshot rows.

Each snapshot row becomes an unsaved Provision carrying the row's values and revision, so every
builder and renderer (修正案, 对照表, consolidated law; HTML, PDF, DOCX, Akoma Ntoso) works on a draft
unchanged. The bill's titles name the draft, so every document says which draft it is.
"""

import copy

from django.db.models import Prefetch

from drafting.documents.amendment import ItemSpec
from drafting.documents.loading import BillData, ProvisionData, comment_note, obligation_note
from drafting.models import Bill, BillDraft, BillDraftItem, BillDraftLink, Comment, Provision

KIND_EN = {
    "consultation": "draft for public comment",
    "first_reading": "first reading draft",
    "second_reading": "second reading draft",
    "third_reading": "third reading draft",
    "for_vote": "draft submitted for the vote",
}


def draft_name_en(draft: BillDraft) -> str:
    """The draft's English name: "first reading draft" or its free label."""
    return KIND_EN.get(draft.kind, draft.label or draft.name)


def titled_bill(bill: Bill, draft: BillDraft) -> Bill:
    """A copy of the bill (never saved) whose titles and date are the draft's."""
    named = copy.copy(bill)
    named.title_zh = f"{bill.title_zh}（{draft.name}）"
    named.title_en = f"{bill.title_en} ({draft_name_en(draft)}, {draft.date.isoformat()})"
    named.updated_at = draft.issued_at
    return named


def draft_items(draft: BillDraft, *, obligations: bool = True):
    """The draft's rows in order with revisions and target articles (and links), prefetched."""
    items = (
        BillDraftItem.objects.filter(draft=draft)
        .select_related("target_article", "revision")
        .prefetch_related("target_article__paragraphs")
        .order_by("position")
    )
    if obligations:
        items = items.prefetch_related(
            Prefetch(
                "links",
                queryset=BillDraftLink.objects.select_related("obligation__instrument").order_by(
                    "obligation__position", "obligation__code"
                ),
                to_attr="draft_links",
            )
        )
    return items


def as_provision(item: BillDraftItem, bill: Bill) -> Provision:
    """The provision as it stood in the draft (in memory only)."""
    return Provision(
        pk=item.provision_id,
        bill=bill,
        position=item.position,
        title_en=item.title_en,
        title_zh=item.title_zh,
        operation=item.operation,
        target_article=item.target_article,
        paragraphs=item.paragraphs,
        insert_count=item.insert_count,
        restate_article=item.restate_article,
        status=item.status,
        current_revision=item.revision,
    )


def _threads_by_provision(draft: BillDraft, provision_ids: list[int]) -> dict[int, list[Comment]]:
    """Open visible threads written before the draft was issued, per provision."""
    threads = (
        Comment.objects.visible()
        .threads()
        .filter(
            provision_id__in=provision_ids,
            status=Comment.Status.OPEN,
            created_at__lte=draft.issued_at,
        )
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.visible().select_related("author").order_by("created_at"),
                to_attr="visible_replies",
            )
        )
    )
    grouped: dict[int, list[Comment]] = {}
    for thread in threads:
        grouped.setdefault(thread.provision_id, []).append(thread)
    return grouped


def load_draft(draft: BillDraft, *, comments: bool = False, obligations: bool = True) -> BillData:
    """Everything the documents of a draft need, in a constant number of queries."""
    bill = titled_bill(draft.bill, draft)
    items = list(draft_items(draft, obligations=obligations))
    threads = _threads_by_provision(draft, [i.provision_id for i in items]) if comments else {}
    rows = []
    for item in items:
        provision = as_provision(item, bill)
        rows.append(
            ProvisionData(
                provision=provision,
                item=ItemSpec.from_provision(provision, item.revision),
                obligations=[obligation_note(link) for link in getattr(item, "draft_links", [])],
                comments=[comment_note(c) for c in threads.get(item.provision_id, [])],
            )
        )
    return BillData(
        bill=bill,
        provisions=rows,
        with_comments=comments,
        with_obligations=obligations,
        draft=draft,
    )
