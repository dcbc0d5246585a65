"""Dashboard and bill pages: what a member sees first, and a bill's provisions in order."""

from collections import defaultdict
from functools import partial

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from drafting import services
from drafting.models import Bill, Comment, Provision, Role
from drafting.rules import remember_role
from drafting.web import page_cache
from drafting.web.bill_panels import bill_panels
from drafting.web.common import add_service_errors, bill_for, is_htmx, login_required
from drafting.web.forms_bills import ProvisionAddForm, ProvisionMoveForm
from drafting.web.page_state import bill_state, dashboard_state
from proposals.numerals import list_number_zh, to_chinese

OPEN_THREADS_SHOWN = 20
BILL_BODY = "drafting/_bill_page.html"  # the bill page inside the site's frame (bill.html)

# The documents a bill exports, each as HTML, PDF and Word (the amendment also as Akoma Ntoso).
DOCUMENTS = (
    ("amendment", gettext_lazy("Amendment (修正案)")),
    ("comparison", gettext_lazy("Comparison table (修改对照表)")),
    ("consolidated", gettext_lazy("Consolidated Criminal Law")),
)
FORMATS = (("html", "HTML"), ("pdf", "PDF"), ("docx", "Word"))


def export_links(bill: Bill) -> list[dict]:
    """One row per document with a link per format."""
    rows = []
    for doc, label in DOCUMENTS:
        links = [
            (name, reverse("drafting:export", kwargs={"pk": bill.pk, "doc": doc, "fmt": fmt}))
            for fmt, name in FORMATS
        ]
        if doc == "amendment":
            links.append(("Akoma Ntoso", reverse("drafting:export_akn", kwargs={"pk": bill.pk})))
        rows.append({"label": label, "links": links})
    return rows


# --- dashboard ------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """My bills with my role, their provisions by status, open threads and what awaits my review;
    the body from the cache when the reader's state was seen before."""
    state = dashboard_state(request.user)
    key = page_cache.cache_key(request, f"dashboard:{request.user.pk}", state.fingerprint, set())
    build = partial(_dashboard_body, request)
    body = page_cache.kept_or_built(key, state, lambda: dashboard_state(request.user), build)
    return render(request, "drafting/dashboard.html", {"body": page_cache.served(request, body)})


def _dashboard_body(request: HttpRequest) -> str:
    user = request.user
    bills = list(Bill.objects.for_dashboard(user).order_by("-created_at"))
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Provision.objects.filter(bill__in=[b.pk for b in bills])
        .values("bill_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["bill_id"]][row["status"]] = row["n"]
    for bill in bills:
        remember_role(user, bill.pk, bill.my_role)
        bill.role_label = Role(bill.my_role).label
        bill.status_counts = [
            (value, label, counts[bill.pk][value])
            for value, label in Provision.Status.choices
            if counts[bill.pk].get(value)
        ]
    threads = Comment.objects.open_threads_for_dashboard(user)
    context = {
        "bills": bills,
        "threads": threads[:OPEN_THREADS_SHOWN],
        "thread_count": threads.count(),
        "waiting": Provision.objects.awaiting_review(user),
    }
    return page_cache.render_body(request, "drafting/_dashboard_page.html", context)


# --- bill page ------------------------------------------------------------------------------


def _provisions(bill: Bill) -> list[Provision]:
    provisions = list(bill.provisions.for_bill_page())
    for provision in provisions:
        provision.item_number = list_number_zh(provision.position)
    return provisions


def _bill_context(
    request: HttpRequest, bill: Bill, form: ProvisionAddForm | None = None, **bound
) -> dict:
    from drafting.web.drafts import drafts_panel  # the drafts module builds on this one
    from drafting.web.impact import instruction_panel  # so does the impact module

    can_draft = rules.has_perm("drafting.draft_bill", request.user, bill)
    if can_draft and form is None:
        form = ProvisionAddForm(bill=bill)
    return {
        "bill": bill,
        "role_label": Role(bill.my_role).label,
        "provisions": _provisions(bill),
        "can_draft": can_draft,
        "form": form if can_draft else None,
        "coverage_url": reverse("drafting:coverage", kwargs={"pk": bill.pk}),
        "exports": export_links(bill),
        **drafts_panel(request, bill),
        **instruction_panel(bill),
        **bill_panels(request, bill, **bound),
    }


@login_required
@require_GET
def bill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A bill's provisions in order, its members, and for drafters the add form; its body from
    the cache when its state was seen before."""
    state = bill_state(request.user, pk)
    if state is None or state.role is None:
        raise Http404(_("No such bill."))
    remember_role(request.user, pk, state.role)

    def build() -> tuple[str, str, bool]:
        bill = bill_for(request, pk)
        context = _bill_context(request, bill)
        body = page_cache.render_body(request, BILL_BODY, context)
        return bill.title_zh, body, context["form"] is not None

    key = page_cache.cache_key(request, f"bill:{pk}", state.fingerprint, {"members"})
    title, body, has_form = page_cache.kept_or_built(
        key, state, lambda: bill_state(request.user, pk), build
    )
    body = page_cache.served(request, body)
    context = {"title": title, "body": body, "with_form_script": has_form}
    return render(request, "drafting/bill.html", context)


@login_required
@require_POST
def provision_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a provision at the end of the bill (drafters only)."""
    bill = bill_for(request, pk)
    if not rules.has_perm("drafting.draft_bill", request.user, bill):
        raise PermissionDenied(_("Only drafters add provisions."))
    if "prefill" in request.POST:  # "Start from the current text", without JavaScript
        from drafting.web.provision_settings import prefilled_add_form

        form = prefilled_add_form(request, bill)
        return render(request, "drafting/bill.html", _bill_context(request, bill, form))
    form = ProvisionAddForm(request.POST, bill=bill)
    if form.is_valid():
        data = form.cleaned_data
        try:
            provision = services.provision_create(
                actor=request.user,
                bill=bill,
                operation=data["operation"],
                target_article=data["target_article"],
                paragraphs=data["paragraphs"],
                insert_count=data["insert_count"],
                restate_article=data["restate_article"],
                title_en=data["title_en"],
                title_zh=data["title_zh"],
                text_zh=data["text_zh"],
                text_en=data["text_en"],
                proposals=data["proposals"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Added item %(number)s: %(title)s.") % item_message_args(provision),
            )
            return redirect(f"{bill.get_absolute_url()}#provision-{provision.pk}")
    return render(request, "drafting/bill.html", _bill_context(request, bill, form), status=400)


def item_message_args(provision) -> dict[str, str]:
    """Chinese pages: 修正案第三条 and the Chinese title; English: item 3 and the English title."""
    if get_language().startswith("zh"):
        title = provision.title_zh or provision.title_en
        return {"number": to_chinese(provision.position), "title": title}
    return {"number": str(provision.position), "title": provision.title_en or provision.title_zh}


@login_required
@require_POST
def provision_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Swap a provision with its neighbour above or below (drafters only)."""
    bill = bill_for(request, pk)
    if not rules.has_perm("drafting.draft_bill", request.user, bill):
        raise PermissionDenied(_("Only drafters reorder provisions."))
    form = ProvisionMoveForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Say which provision moves and where."), status=400)
    order = list(bill.provisions.order_by("position").values_list("pk", flat=True))
    moving = form.cleaned_data["provision"]
    if moving not in order:
        return HttpResponse(_("That provision is not part of this bill."), status=400)
    index = order.index(moving)
    other = index - 1 if form.cleaned_data["direction"] == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
        services.provision_reorder(actor=request.user, bill=bill, order=order)
    if is_htmx(request):
        return render(request, f"{BILL_BODY}#provision-list", _bill_context(request, bill))
    return redirect(f"{bill.get_absolute_url()}#provision-{moving}")
