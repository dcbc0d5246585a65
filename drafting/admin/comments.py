"""Comments and moderation in the admin: readable lists, exports with threads, a moderation queue."""

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafting import services
from drafting.admin._common import (
    OverseenAdmin,
    ReadOnlyAdminMixin,
    excerpt,
    local_time,
    run_per_object,
)
from drafting.admin.exports import ExportMixin, export_csv, export_xlsx
from drafting.admin.history import AUTHOR_FILTER, ProvisionColumns
from drafting.admin.provisions import rendered_body
from drafting.models import Comment, CommentModeration, HiddenComment
from drafting.services.comments import MODERATION_REASON_MAX


class ModerationForm(ActionForm):
    """The action bar with the reason a moderator gives for hiding or showing comments."""

    reason = forms.CharField(label=_("reason"), required=False, max_length=MODERATION_REASON_MAX)


class ModerationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CommentModeration
    fields = ["created_at", "actor", "hidden", "reason"]
    readonly_fields = fields
    ordering = ["-created_at"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[CommentModeration]:
        return super().get_queryset(request).select_related("actor")


def set_hidden(modeladmin, request: HttpRequest, queryset: QuerySet, hidden: bool) -> None:
    """Hide or show each comment through the service, which refuses what it must, with its reason."""
    reason = request.POST.get("reason", "")
    done = (
        gettext("Hid %(count)d comment(s).")
        if hidden
        else gettext("Showed %(count)d comment(s) again.")
    )
    run_per_object(
        modeladmin,
        request,
        queryset,
        lambda c: services.comment_set_hidden(
            actor=request.user, comment=c, hidden=hidden, reason=reason
        ),
        done,
    )


class CommentColumns(ProvisionColumns):
    @admin.display(description=_("quoted words"))
    def quoted(self, obj: Comment) -> str:
        return excerpt(obj.anchor_exact, 14) or "—"

    @admin.display(description=_("comment"))
    def body_excerpt(self, obj: Comment) -> str:
        return excerpt(obj.body, 28)

    @admin.display(description=_("comment"))
    def body_html(self, obj: Comment) -> SafeString:
        return rendered_body(obj)


@admin.register(Comment)
class CommentAdmin(ExportMixin, CommentColumns, ReadOnlyAdminMixin, OverseenAdmin):
    """Moderation: hide or show comments, close threads; comments are never edited or deleted."""

    list_display = [
        "when",
        "bill_title",
        "item",
        "quoted",
        "body_excerpt",
        "author",
        "status",
        "disposition_kind",
        "hidden",
        "reply_count",
    ]
    list_display_links = ["when"]
    list_filter = [
        "provision__bill",
        ("author", AUTHOR_FILTER),
        "created_at",
        "status",
        "hidden",
        "disposition__kind",
    ]
    search_fields = ["body", "anchor_exact", "suggestion"]
    list_select_related = ["provision__bill", "author", "disposition"]
    autocomplete_fields = ["provision", "revision", "parent", "author"]
    fields = [
        "provision",
        "revision",
        "parent",
        "author",
        "body_html",
        "anchor_language",
        "anchor_exact",
        "suggestion",
        "status",
        "resolved_by",
        "resolved_at",
        "applied_revision",
        "hidden",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    inlines = [ModerationInline]
    action_form = ModerationForm
    actions = ["hide", "unhide", "resolve", export_csv, export_xlsx]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    view_on_site = False
    export_fields = [
        "thread",
        "reply_to",
        "id",
        "bill_title",
        "item",
        "anchor_exact",
        "body",
        "suggestion",
        "author",
        "status",
        "disposition_kind",
        "hidden",
        "reply_count",
        "when",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        replies = (
            Comment.objects.filter(parent=OuterRef("pk"))
            .order_by()
            .values("parent")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset(request).annotate(_reply_count=Coalesce(Subquery(replies), 0))

    def export_queryset(self, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        """Thread by thread: each first comment, then its replies in the order written."""
        return queryset.select_related("provision__bill", "author", "disposition").order_by(
            Coalesce("parent_id", "id"), F("parent_id").asc(nulls_first=True), "created_at", "pk"
        )

    @admin.display(description=_("thread"))
    def thread(self, obj: Comment) -> int:
        return obj.parent_id or obj.pk

    @admin.display(description=_("reply to"))
    def reply_to(self, obj: Comment) -> int | str:
        return obj.parent_id or ""

    @admin.display(description=_("disposition"), ordering="disposition__kind")
    def disposition_kind(self, obj: Comment) -> str:
        disposition = getattr(obj, "disposition", None)
        return disposition.get_kind_display() if disposition else "—"

    @admin.display(description=_("replies"), ordering="_reply_count")
    def reply_count(self, obj: Comment) -> int:
        return obj._reply_count

    @admin.action(description=_("Hide the selected comments from members (give the reason)"))
    def hide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        set_hidden(self, request, queryset, True)

    @admin.action(description=_("Show the selected comments to members again (give the reason)"))
    def unhide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        set_hidden(self, request, queryset, False)

    @admin.action(description=_("Resolve the selected threads"))
    def resolve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda c: services.comment_resolve(actor=request.user, comment=c),
            gettext("Resolved %(count)d thread(s)."),
        )


def latest_moderation(field: str) -> Subquery:
    moderations = CommentModeration.objects.filter(comment=OuterRef("pk"), hidden=True)
    return Subquery(moderations.order_by("-created_at", "-pk").values(field)[:1])


@admin.register(HiddenComment)
class HiddenCommentAdmin(CommentColumns, ReadOnlyAdminMixin, OverseenAdmin):
    """The moderation queue: hidden comments, newest hidden first, shown again with a reason."""

    list_display = [
        "hidden_when",
        "bill_title",
        "item",
        "body_excerpt",
        "author",
        "reason",
        "moderator",
    ]
    list_display_links = ["hidden_when"]
    list_filter = ["provision__bill", ("author", AUTHOR_FILTER), "created_at"]
    search_fields = ["body", "anchor_exact"]
    list_select_related = ["provision__bill", "author"]
    fields = ["provision", "author", "body_html", "anchor_exact", "status", "created_at"]
    readonly_fields = fields
    inlines = [ModerationInline]
    action_form = ModerationForm
    actions = ["unhide"]
    view_on_site = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return (
            super()
            .get_queryset(request)
            .filter(hidden=True)
            .annotate(
                _hidden_at=latest_moderation("created_at"),
                _reason=latest_moderation("reason"),
                _moderator=latest_moderation("actor__username"),
            )
            .order_by("-_hidden_at", "-updated_at", "-pk")
        )

    @admin.display(description=_("hidden at"), ordering="_hidden_at")
    def hidden_when(self, obj: Comment) -> str:
        return local_time(obj._hidden_at or obj.updated_at)

    @admin.display(description=_("reason"))
    def reason(self, obj: Comment) -> str:
        return excerpt(obj._reason or "", 40) or "—"

    @admin.display(description=_("moderator"))
    def moderator(self, obj: Comment) -> str:
        return obj._moderator or "—"

    @admin.action(description=_("Show the selected comments to members again (give the reason)"))
    def unhide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        set_hidden(self, request, queryset, False)
