"""CSV and XLSX of the selected rows, with the changelist's columns: admin actions.

Cells that a spreadsheet would run as a formula are quoted, and characters no XML file can hold are
dropped, so an export opens safely whatever a comment says.
"""

import csv
import io
from collections.abc import Callable

from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from drafting.models import OversightRecord
from proposals.xmltext import strip_illegal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(value) -> str | int:
    """A value as a spreadsheet cell: numbers stay numbers, text is never run as a formula."""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, int):
        return value
    text = strip_illegal("" if value is None else str(value))[0]
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def column_getter(modeladmin: admin.ModelAdmin, name: str) -> Callable:
    """The admin's display method of that name, or the model's attribute."""
    method = getattr(modeladmin, name, None)
    if callable(method):
        return method
    return lambda obj: getattr(obj, name)


def table(modeladmin: admin.ModelAdmin, queryset: QuerySet) -> list[list]:
    """The header row and one row per object, with the admin's export_fields."""
    names = modeladmin.export_fields
    header = [str(label_for_field(name, modeladmin.model, modeladmin)) for name in names]
    getters = [column_getter(modeladmin, name) for name in names]
    rows = [[cell(get(obj)) for get in getters] for obj in queryset]
    return [[cell(h) for h in header], *rows]


def filename(modeladmin: admin.ModelAdmin, extension: str) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"{modeladmin.model._meta.model_name}-{stamp}.{extension}"


def as_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    # The byte-order mark makes spreadsheet programs read the Chinese as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(rows: list[list], title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export(modeladmin, request: HttpRequest, queryset: QuerySet, extension: str) -> HttpResponse:
    """Answer with the file, and log the export like any other read of bill content."""
    queryset = modeladmin.export_queryset(queryset)
    rows = table(modeladmin, queryset)
    modeladmin.record(request, OversightRecord.Action.EXPORT, [obj.pk for obj in queryset])
    if extension == "csv":
        body, content_type = as_csv(rows), "text/csv; charset=utf-8"
    else:
        body, content_type = as_xlsx(rows, str(modeladmin.model._meta.verbose_name_plural)), XLSX
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(modeladmin, extension)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@admin.action(description=_("Export the selected rows as CSV"))
def export_csv(modeladmin, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
    return export(modeladmin, request, queryset, "csv")


@admin.action(description=_("Export the selected rows as Excel (XLSX)"))
def export_xlsx(modeladmin, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
    return export(modeladmin, request, queryset, "xlsx")


class ExportMixin:
    """Adds the two export actions; export_fields name the columns (as list_display does)."""

    export_fields: list[str] = []
    actions = [export_csv, export_xlsx]

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset
