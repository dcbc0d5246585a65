"""Comments and moderation in the admin."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafting import services
from drafting.admin._common import ReadOnlyAdminMixin, run_per_object
from drafting.admin.provisions import rendered_body
from drafting.models import (
    Comment,
)


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Moderation: hide or show comments, close threads; comments are never edited or deleted."""

    list_display = [
        "__str__",
        "provision",
        "author",
        "status",
        "hidden",
        "is_reply",
        "created_at",
    ]
    list_filter = ["hidden", "status", "anchor_language", "provision__bill"]
    search_fields = ["body", "anchor_exact", "suggestion", "author__username"]
    list_select_related = ["provision", "author"]
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
    actions = ["hide", "unhide", "resolve"]
    date_hierarchy = "created_at"
    view_on_site = False

    @admin.display(description=_("reply"), boolean=True)
    def is_reply(self, obj: Comment) -> bool:
        return not obj.is_thread

    @admin.display(description=_("comment"))
    def body_html(self, obj: Comment) -> SafeString:
        return rendered_body(obj)

    @admin.action(description=_("Hide the selected comments from members"))
    def hide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda c: services.comment_set_hidden(actor=request.user, comment=c, hidden=True),
            gettext("Hid %(count)d comment(s)."),
        )

    @admin.action(description=_("Show the selected comments to members again"))
    def unhide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda c: services.comment_set_hidden(actor=request.user, comment=c, hidden=False),
            gettext("Showed %(count)d comment(s) again."),
        )

    @admin.action(description=_("Resolve the selected threads"))
    def resolve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        run_per_object(
            self,
            request,
            queryset,
            lambda c: services.comment_resolve(actor=request.user, comment=c),
            gettext("Resolved %(count)d thread(s)."),
        )
