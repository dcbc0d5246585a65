"""Helpers shared by the drafting admin: excerpts, errors, read-only mixins, redlines."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.db.models.expressions import F, Window
from django.db.models.functions import Lag
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from drafting.models import (
    Revision,
)
from drafting.text.diff import diff_text, redline_html


def excerpt(text: str, length: int = 60) -> str:
    """A one-line preview of long text for change lists."""
    return Truncator(" ".join(text.split())).chars(length)


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
