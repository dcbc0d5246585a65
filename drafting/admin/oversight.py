"""The oversight page (what happened across bills) and the log of who read bill content."""

import datetime

import rules
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafting import services
from drafting.admin._common import BILL_TIME_ZONE, ReadOnlyAdminMixin, local_time
from drafting.admin.activity import Feed, bill_summaries
from drafting.models import Membership, OversightRecord

PAGE_SIZE = 30
PERIODS = {"": _("all"), "today": _("today"), "week": _("past 7 days")}


def since(period: str) -> datetime.datetime | None:
    """The start of the period in the bill's time zone: today's midnight, or seven days ago."""
    now = timezone.localtime(timezone.now(), BILL_TIME_ZONE)
    if period == "today":
        return now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "week":
        return now - datetime.timedelta(days=7)
    return None


def oversight_view(request: HttpRequest) -> HttpResponse:
    """The latest activity across every bill, newest first, paged; and every bill at a glance."""
    if not rules.has_perm("drafting.oversee_bills", request.user):
        raise PermissionDenied
    period = request.GET.get("since", "")
    if period not in PERIODS:
        return HttpResponseBadRequest(gettext("Unknown period: choose today, week or nothing."))
    paginator = Paginator(Feed(since(period)), PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage as exc:
        raise Http404(gettext("There is no such page.")) from exc
    bills = bill_summaries()
    mine = set(Membership.objects.filter(user=request.user).values_list("bill_id", flat=True))
    services.oversight_record(
        actor=request.user,
        action=OversightRecord.Action.OVERVIEW,
        model="drafting.bill",
        bill_ids=[bill.pk for bill in bills if bill.pk not in mine],
        path=request.get_full_path(),
        object_repr=gettext("oversight page"),
    )
    context = {
        **admin.site.each_context(request),
        "title": gettext("Oversight: what happened across bills"),
        "page": page,
        "entries": [(entry, local_time(entry.at)) for entry in page.object_list],
        "bills": [(bill, local_time(bill.last_activity)) for bill in bills],
        "periods": list(PERIODS.items()),
        "period": period,
        "statuses": bills[0].status_counts if bills else [],
    }
    return TemplateResponse(request, "admin/drafting/oversight.html", context)


@admin.register(OversightRecord)
class OversightRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who read which bill's content as a non-member, and when: superusers read it; nobody edits."""

    list_display = ["when", "user", "action", "model", "object_repr", "bills"]
    list_display_links = ["when"]
    list_filter = ["action", "model", "created_at", ("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_repr", "path", "user__username"]
    list_select_related = ["user"]
    fields = ["created_at", "user", "action", "model", "object_id", "object_repr"]
    fields += ["bill_ids", "path"]
    readonly_fields = fields
    date_hierarchy = "created_at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.has_perm("drafting.read_oversight_log", request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return rules.has_perm("drafting.read_oversight_log", request.user)

    @admin.display(description=_("when"), ordering="created_at")
    def when(self, obj: OversightRecord) -> str:
        return local_time(obj.created_at)

    @admin.display(description=_("bills"))
    def bills(self, obj: OversightRecord) -> str:
        return ", ".join(str(pk) for pk in obj.bill_ids)
