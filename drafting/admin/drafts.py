"""Issued drafts (审议稿) with their snapshot rows, and dispositions of comments: read-only."""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from drafting.admin._common import OverseenAdmin, ReadOnlyAdminMixin
from drafting.models import BillDraft, BillDraftItem, CommentDisposition


class DraftItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = BillDraftItem
    fk_name = "draft"
    fields = ["position", "provision", "revision", "operation", "target_article", "paragraphs"]
    readonly_fields = fields
    ordering = ["position"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[BillDraftItem]:
        return (
            super()
            .get_queryset(request)
            .select_related("provision", "revision__provision", "target_article__instrument")
        )


@admin.register(BillDraft)
class BillDraftAdmin(ReadOnlyAdminMixin, OverseenAdmin):
    """An issued draft never changes: shown with its items, never edited or deleted."""

    bill_path = "bill"
    list_display = ["name", "bill", "number", "kind", "date", "issued_by", "item_total"]
    list_filter = ["kind", "bill"]
    list_select_related = ["bill", "issued_by"]
    fields = ["bill", "number", "kind", "label", "name", "date", "note", "issued_by", "issued_at"]
    readonly_fields = fields
    inlines = [DraftItemInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[BillDraft]:
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description="items", ordering="item_total")
    def item_total(self, obj: BillDraft) -> int:
        return obj.item_total


@admin.register(CommentDisposition)
class CommentDispositionAdmin(ReadOnlyAdminMixin, OverseenAdmin):
    """Dispositions are decided by the bill's drafters on the provision page; staff read them."""

    bill_path = "comment__provision__bill"
    list_display = ["comment", "kind", "major_disagreement", "decided_by", "decided_at"]
    list_filter = ["kind", "major_disagreement"]
    list_select_related = ["comment__author", "decided_by"]
    fields = ["comment", "kind", "reason", "revision", "draft", "major_disagreement"]
    fields += ["decided_by", "decided_at"]
    readonly_fields = fields
