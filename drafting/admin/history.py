"""Revisions, review events and obligation links in the admin: history, read-only, exportable."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafting import services
from drafting.admin._common import (
    OverseenAdmin,
    ReadOnlyAdminMixin,
    excerpt,
    item_number,
    local_time,
    redline,
    run_per_object,
    with_previous_text,
)
from drafting.admin.exports import ExportMixin
from drafting.models import LinkStatus, ProvisionObligation, ReviewEvent, Revision

AUTHOR_FILTER = admin.RelatedOnlyFieldListFilter


class ProvisionColumns:
    """Columns every row of a provision's history shows: its bill and item, short."""

    @admin.display(description=_("bill"), ordering="provision__bill__title_zh")
    def bill_title(self, obj) -> str:
        return excerpt(obj.provision.bill.title_zh, 14)

    @admin.display(description=_("item"), ordering="provision__position")
    def item(self, obj) -> str:
        return item_number(obj.provision)

    @admin.display(description=_("provision"), ordering="provision__title_en")
    def provision_title(self, obj) -> str:
        provision = obj.provision
        return excerpt(provision.title_zh or provision.title_en, 18)

    @admin.display(description=_("when"), ordering="created_at")
    def when(self, obj) -> str:
        return local_time(obj.created_at)


@admin.register(Revision)
class RevisionAdmin(ExportMixin, ProvisionColumns, ReadOnlyAdminMixin, OverseenAdmin):
    """Revisions are immutable: the admin shows them and their redline, nothing more."""

    list_display = [
        "number_label",
        "bill_title",
        "item",
        "provision_title",
        "author",
        "when",
        "note_excerpt",
        "redline_link",
    ]
    list_display_links = ["number_label"]
    list_filter = [
        "provision__bill",
        ("author", AUTHOR_FILTER),
        "created_at",
        "provision__status",
    ]
    search_fields = ["text_zh", "text_en", "note", "provision__title_en", "provision__title_zh"]
    list_select_related = ["provision__bill", "author"]
    autocomplete_fields = ["provision", "base", "author"]
    fields = [
        "provision",
        "number",
        "base",
        "author",
        "created_at",
        "note",
        "redline_zh",
        "redline_en",
        "text_zh",
        "text_en",
    ]
    readonly_fields = fields
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    export_fields = [
        "bill_title",
        "item",
        "provision_title",
        "number",
        "author",
        "when",
        "note",
        "text_zh",
        "text_en",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Revision]:
        return with_previous_text(super().get_queryset(request))

    @admin.display(description=_("rev."), ordering="number")
    def number_label(self, obj: Revision) -> str:
        return f"r{obj.number}"

    @admin.display(description=_("note"))
    def note_excerpt(self, obj: Revision) -> str:
        return excerpt(obj.note, 24) or "—"

    @admin.display(description=_("redline"))
    def redline_link(self, obj: Revision) -> SafeString:
        url = reverse("admin:drafting_revision_change", args=[obj.pk])
        return format_html('<a href="{}#redline">{}</a>', url, gettext("changes"))

    @admin.display(description=_("changes from the previous revision (Chinese)"))
    def redline_zh(self, obj: Revision) -> SafeString:
        return format_html('<span id="redline"></span>{}', redline(obj, "zh"))

    @admin.display(description=_("changes from the previous revision (English)"))
    def redline_en(self, obj: Revision) -> SafeString:
        return redline(obj, "en")


@admin.register(ReviewEvent)
class ReviewEventAdmin(ExportMixin, ProvisionColumns, ReadOnlyAdminMixin, OverseenAdmin):
    """The workflow's audit trail: read only, with the statuses' labels."""

    list_display = ["when", "bill_title", "item", "move", "actor", "note_excerpt"]
    list_display_links = ["when"]
    list_filter = [
        "provision__bill",
        ("actor", AUTHOR_FILTER),
        "created_at",
        "to_status",
        "from_status",
    ]
    search_fields = ["note", "provision__title_en", "provision__title_zh"]
    list_select_related = ["provision__bill", "actor"]
    autocomplete_fields = ["provision", "actor"]
    fields = ["provision", "actor", "from_status", "to_status", "note", "created_at"]
    readonly_fields = fields
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    export_fields = ["bill_title", "item", "provision_title", "move", "actor", "when", "note"]

    @admin.display(description=_("status change"), ordering="to_status")
    def move(self, obj: ReviewEvent) -> str:
        return f"{obj.get_from_status_display() or '—'} → {obj.get_to_status_display()}"

    @admin.display(description=_("note"))
    def note_excerpt(self, obj: ReviewEvent) -> str:
        return excerpt(obj.note, 30) or "—"


class ActiveLinkFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", _("linked")), ("no", _("unlinked"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(removed_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(removed_at__isnull=False)
        return queryset


class LinkStatusFilter(admin.SimpleListFilter):
    """Proposed (not yet reviewed), agreed or disputed."""

    title = _("review")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return LinkStatus.choices

    def queryset(self, request, queryset):
        if self.value() == LinkStatus.PROPOSED:
            return queryset.filter(review__isnull=True)
        if self.value() in (LinkStatus.AGREED, LinkStatus.DISPUTED):
            return queryset.filter(review=self.value())
        return queryset


@admin.register(ProvisionObligation)
class ProvisionObligationAdmin(ProvisionColumns, ReadOnlyAdminMixin, OverseenAdmin):
    """Links are history: drafters make them in the product; staff may only end one."""

    list_display = [
        "obligation_code",
        "bill_title",
        "item",
        "extent",
        "review_status",
        "active",
        "created_by",
        "reviewed_by",
        "when",
    ]
    list_display_links = ["obligation_code"]
    list_filter = [
        "provision__bill",
        LinkStatusFilter,
        ActiveLinkFilter,
        "extent",
        ("created_by", AUTHOR_FILTER),
        "created_at",
        "obligation__instrument",
    ]
    search_fields = [
        "obligation__code",
        "provision__title_en",
        "provision__title_zh",
        "rationale",
        "review_note",
    ]
    list_select_related = ["provision__bill", "obligation", "created_by", "reviewed_by"]
    autocomplete_fields = ["provision", "obligation", "created_by", "removed_by"]
    fields = [
        "provision",
        "obligation",
        "extent",
        "rationale",
        "created_by",
        "created_at",
        "review",
        "review_note",
        "reviewed_by",
        "reviewed_at",
        "removed_by",
        "removed_at",
    ]
    readonly_fields = fields
    ordering = ["-created_at", "-pk"]
    actions = ["unlink"]

    @admin.display(description=_("obligation"), ordering="obligation__code")
    def obligation_code(self, obj: ProvisionObligation) -> str:
        return obj.obligation.code

    @admin.display(description=_("review"), ordering="review")
    def review_status(self, obj: ProvisionObligation) -> str:
        return obj.get_status_display()

    @admin.display(description=_("linked"), boolean=True)
    def active(self, obj: ProvisionObligation) -> bool:
        return obj.is_active

    @admin.action(description=_("Unlink the selected obligations (kept as history)"))
    def unlink(self, request: HttpRequest, queryset: QuerySet[ProvisionObligation]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda link: services.obligation_unlink(
                actor=request.user, provision=link.provision, obligation=link.obligation
            ),
            gettext("Unlinked %(count)d obligation link(s)."),
        )
