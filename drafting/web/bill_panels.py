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


def bill_panels(request: HttpRequest, bill: Bill, **bound) -> dict:
    """Members and history for every member; the forms for the bill's drafters."""
    manages = rules.has_perm("drafting.manage_bill", request.user, bill)
    members = list(bill.memberships.select_related("user").order_by("role", "user__username"))
    if manages:
        for membership in members:
            membership.role_form = MemberRoleForm(
                initial={"user": membership.user_id, "role": membership.role},
                auto_id=f"id_member_{membership.user_id}_%s",
            )
    context = {
        "members": members,
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
