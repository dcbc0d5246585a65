"""Provisions and their history (revisions, links, events) in the admin: read-only."""

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafting.admin._common import (
    OverseenAdmin,
    ReadOnlyAdminMixin,
    redline,
    with_previous_text,
)
from drafting.history import verify_provision
from drafting.models import (
    Comment,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Revision,
)
from drafting.text.markdown import render_markdown


class RevisionInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = Revision
    fk_name = "provision"
    ordering = ["-number"]
    fields = ["number", "author", "created_at", "note", "redline_zh", "redline_en"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    verbose_name_plural = _("revisions, newest first, marked against the one before")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Revision]:
        return with_previous_text(super().get_queryset(request).select_related("author"))

    @admin.display(description=_("changes (Chinese)"))
    def redline_zh(self, obj: Revision) -> SafeString:
        return redline(obj, "zh")

    @admin.display(description=_("changes (English)"))
    def redline_en(self, obj: Revision) -> SafeString:
        return redline(obj, "en")


def rendered_body(comment: Comment) -> SafeString:
    # render_markdown strips every tag and URL scheme that could run; its output is safe.
    return format_html(
        '<div class="comment-body">{}</div>', mark_safe(render_markdown(comment.body))
    )


class CommentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Comment
    fk_name = "provision"
    ordering = ["created_at"]
    fields = ["author", "revision_number", "anchor_exact", "body_html", "status", "hidden"]
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return super().get_queryset(request).select_related("author", "revision")

    @admin.display(description=_("revision"))
    def revision_number(self, obj: Comment) -> int:
        return obj.revision.number

    @admin.display(description=_("comment"))
    def body_html(self, obj: Comment) -> SafeString:
        return rendered_body(obj)


class ObligationLinkInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProvisionObligation
    fields = ["obligation", "extent", "rationale", "created_by", "created_at", "removed_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProvisionObligation]:
        return super().get_queryset(request).select_related("obligation", "created_by")


class ReviewEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReviewEvent
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewEvent]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Provision)
class ProvisionAdmin(ReadOnlyAdminMixin, OverseenAdmin):
    """Provisions are written and moved through the workflow by bill members, not here."""

    bill_path = "bill"
    list_display = [
        "__str__",
        "bill",
        "position",
        "operation",
        "target_article",
        "status",
        "version",
        "revision_count",
        "open_comment_count",
        "updated_at",
    ]
    list_filter = ["status", "operation", "bill"]
    search_fields = [
        "title_en",
        "title_zh",
        "bill__title_zh",
        "current_revision__text_zh",
        "current_revision__text_en",
    ]
    list_select_related = ["bill", "target_article__instrument"]
    autocomplete_fields = ["bill", "target_article", "current_revision", "proposals"]
    inlines = [RevisionInline, CommentInline, ObligationLinkInline, ReviewEventInline]
    readonly_fields = ["history_check"]
    view_on_site = False

    @admin.display(description=_("history"))
    def history_check(self, obj: Provision) -> str:
        """ "History verified" or the first broken link of the revisions' hash chain."""
        found = verify_provision(obj.pk)
        return str(found) if found else gettext("History verified: every revision's digest holds.")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Provision]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _revision_count=Count("revisions", distinct=True),
                _open_comment_count=Count(
                    "comments",
                    filter=Q(comments__status=Comment.Status.OPEN, comments__parent__isnull=True),
                    distinct=True,
                ),
            )
            .order_by("bill", "position", "pk")  # Meta.ordering is dropped with the aggregates
        )

    @admin.display(description=_("revisions"), ordering="_revision_count")
    def revision_count(self, obj: Provision) -> int:
        return obj._revision_count

    @admin.display(description=_("open threads"), ordering="_open_comment_count")
    def open_comment_count(self, obj: Provision) -> int:
        return obj._open_comment_count
