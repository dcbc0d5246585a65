"""Helpers shared by the drafting admin: oversight, excerpts, times, errors, read-only mixins."""

import datetime
import zoneinfo
from collections.abc import Callable, Iterable

import rules
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.db.models.expressions import F, Window
from django.db.models.functions import Lag
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from drafting import services
from drafting.models import (
    OversightRecord,
    Provision,
    Revision,
)
from drafting.text.diff import diff_text, redline_html
from proposals.numerals import to_chinese


def excerpt(text: str, length: int = 60) -> str:
    """A one-line preview of long text for change lists."""
    return Truncator(" ".join(text.split())).chars(length)


# Bills amend PRC law and are worked on in Beijing time; the admin shows every moment in it.
BILL_TIME_ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def local_time(moment: datetime.datetime | None) -> str:
    """A short moment in the bill's time zone, e.g. 2026-11-26 10:32."""
    if moment is None:
        return "—"
    return timezone.localtime(moment, BILL_TIME_ZONE).strftime("%Y-%m-%d %H:%M")


def item_number(provision: Provision) -> str:
    """The item's number as the NPC writes it in an amendment: 第三条."""
    return f"第{to_chinese(provision.position)}条"


def error_text(exc: Exception) -> str:
    """The user-facing words of a service refusal."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or gettext("Permission denied.")


def run_per_object(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    call: Callable[[object], object],
    done: str,
) -> None:
    """Call a service for each selected object; a refusal becomes an error message, not a crash."""
    succeeded = 0
    for obj in queryset:
        try:
            call(obj)
        except (PermissionDenied, ValidationError) as exc:
            modeladmin.message_user(request, f"{obj}: {error_text(exc)}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done % {"count": succeeded}, messages.SUCCESS)


class ReadOnlyAdminMixin:
    """History is shown, never added, changed or deleted from the admin."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def with_previous_text(queryset: QuerySet[Revision]) -> QuerySet[Revision]:
    """Annotate each revision with the texts of the revision before it, for redlines."""
    window = {"partition_by": [F("provision_id")], "order_by": F("number").asc()}
    return queryset.annotate(
        previous_text_zh=Window(Lag("text_zh"), **window),
        previous_text_en=Window(Lag("text_en"), **window),
    )


def redline(revision: Revision, language: str) -> SafeString:
    """The redline from the previous revision (or from nothing, for the first)."""
    field = f"text_{language}"
    old = getattr(revision, f"previous_{field}", None) or ""
    ops = diff_text(old, getattr(revision, field), language)
    # Safe only because redline_html escapes every piece of text it emits.
    html = redline_html(ops, id_prefix=f"r{revision.pk}-{language}-chg-")
    return format_html('<div class="redline" lang="{}">{}</div>', language, mark_safe(html))


class OverseenAdmin(admin.ModelAdmin):
    """Bill content: shown only to staff holding "oversee bills"; reads by non-members are logged.

    bill_path is the lookup from the model to its bill ("" for Bill itself).
    """

    bill_path = "provision__bill"

    class Media:
        css = {"all": ["drafting/admin.css"]}

    def oversees(self, request: HttpRequest) -> bool:
        return rules.has_perm("drafting.oversee_bills", request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.oversees(request) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.oversees(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return self.oversees(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.oversees(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.oversees(request) and super().has_delete_permission(request, obj)

    def bills_outside(self, request: HttpRequest, pks: Iterable) -> list[int]:
        """The bills of these rows that the user is not a member of, in one query."""
        pks = list(pks)
        if not pks:
            return []
        prefix = f"{self.bill_path}__" if self.bill_path else ""
        rows = (
            self.model._default_manager.filter(pk__in=pks)
            .exclude(**{f"{prefix}memberships__user": request.user})
            .order_by()
            .values_list(f"{prefix}id", flat=True)
            .distinct()
        )
        return list(rows)

    def record(self, request: HttpRequest, action: str, pks: Iterable, **described) -> None:
        """Write the oversight log entry for reading these rows, if any is outside the user's bills."""
        services.oversight_record(
            actor=request.user,
            action=action,
            model=self.model._meta.label_lower,
            bill_ids=self.bills_outside(request, pks),
            path=request.get_full_path(),
            **described,
        )

    def changelist_view(self, request: HttpRequest, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = (getattr(response, "context_data", None) or {}).get("cl")
        if cl is not None:
            self.record(
                request,
                OversightRecord.Action.LIST,
                [obj.pk for obj in cl.result_list],
                object_repr=str(self.model._meta.verbose_name_plural),
            )
        return response

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path == reverse("admin:autocomplete"):
            self.record_autocomplete(request, found)
        return found, may_have_duplicates

    def record_autocomplete(self, request: HttpRequest, found) -> None:
        """An autocomplete answer shows up to a page of rows by name: a read like a list."""
        page = request.GET.get("page", "1")
        page = int(page) if page.isdigit() and 0 < int(page) < 10**6 else 1
        per_page = AutocompleteJsonView.paginate_by
        shown = found.values_list("pk", flat=True)[(page - 1) * per_page : page * per_page]
        self.record(
            request,
            OversightRecord.Action.LIST,
            list(shown),
            object_repr=f"autocomplete: {self.model._meta.verbose_name_plural}",
        )

    def record_object(self, request: HttpRequest, obj) -> None:
        if obj is not None and obj.pk:
            self.record(
                request,
                OversightRecord.Action.VIEW,
                [obj.pk],
                object_id=str(obj.pk),
                object_repr=str(obj),
            )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        self.record_object(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_delete_form(self, request: HttpRequest, context: dict):
        # The confirmation lists everything the deletion would take with it.
        self.record_object(request, context.get("object"))
        return super().render_delete_form(request, context)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self.record_object(request, (getattr(response, "context_data", None) or {}).get("object"))
        return response
