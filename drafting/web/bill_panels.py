"""The bill page's panels for its own management: settings, status, members and history."""

import rules
from django.http import HttpRequest

from drafting.models import Bill, BillEvent
from drafting.rules import role_in
from drafting.web.forms_bill_settings import (
    BillSettingsForm,
    BillStatusForm,
    MemberAddForm,
    MemberRoleForm,
)
from drafting.workflow import bill_transitions

EVENTS_SHOWN = 20
MEMBERS_SHOWN = 30  # drafters first; ?members=all lists everyone (a team of hundreds)


def _members(request: HttpRequest, bill: Bill) -> tuple[list, int]:
    """The members shown (all with ?members=all) and how many there are."""
    members = bill.memberships.select_related("user").order_by("role", "user__username")
    if request.GET.get("members") == "all":
        shown = list(members)
        return shown, len(shown)
    shown = list(members[:MEMBERS_SHOWN])
    total = len(shown) if len(shown) < MEMBERS_SHOWN else bill.memberships.count()
    return shown, total


def bill_panels(request: HttpRequest, bill: Bill, **bound) -> dict:
    """Members and history for every member; the forms for the bill's drafters."""
    manages = rules.has_perm("drafting.manage_bill", request.user, bill)
    members, member_total = _members(request, bill)
    if manages:
        for membership in members:
            membership.role_form = MemberRoleForm(
                initial={"user": membership.user_id, "role": membership.role},
                auto_id=f"id_member_{membership.user_id}_%s",
            )
    context = {
        "members": members,
        "members_hidden": member_total - len(members),
        "member_total": member_total,
        "manages": manages,
        "events": BillEvent.objects.filter(bill=bill)
        .select_related("actor", "member")
        .order_by("-created_at", "-pk")[:EVENTS_SHOWN],
        "bill_moves": [
            {"to": to, "label": Bill.Status(to).label, "note_required": t.note_required}
            for t in bill_transitions(bill=bill, role=role_in(request.user, bill))
            for to in [t.to_status]
        ],
    }
    if manages:
        context["settings_form"] = bound.get("settings_form") or BillSettingsForm.for_bill(bill)
        context["status_form"] = bound.get("status_form") or BillStatusForm()
        context["member_form"] = bound.get("member_form") or MemberAddForm(auto_id="id_member_%s")
    context["panel_error"] = bound.get("panel_error")
    context["settings_stale"] = bound.get("settings_stale")
    return context
