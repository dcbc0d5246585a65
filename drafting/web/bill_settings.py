"""Starting a bill, and its drafters' controls: settings, status moves and members."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from drafting import services
from drafting.models import Bill, Role
from drafting.web.bills import _bill_context
from drafting.web.common import add_service_errors, bill_for, login_required
from drafting.web.forms_bill_settings import (
    BillNewForm,
    BillSettingsForm,
    BillStatusForm,
    MemberAddForm,
    MemberRemoveForm,
    MemberRoleForm,
)
from proposals.history import Amendment
from proposals.models import Instrument


def _laws_with_titles() -> list[Instrument]:
    """The PRC laws a bill may amend, each with its proposed titles (two queries in all)."""
    laws = Instrument.objects.filter(kind=Instrument.Kind.PRC_LAW).prefetch_related(
        Prefetch("amendments", queryset=Amendment.objects.only("instrument_id", "title_zh"))
    )
    laws = list(laws.order_by("position", "code"))
    for law in laws:
        law.proposed_zh, law.proposed_en = services.proposed_titles(law)
    return laws


@login_required
@require_http_methods(["GET", "POST"])
def bill_new(request: HttpRequest) -> HttpResponse:
    """Start a bill: any signed-in user may, and becomes its drafter."""
    laws = _laws_with_titles()
    form = BillNewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        law = next(law for law in laws if law.pk == data["target_instrument"].pk)
        try:
            bill = services.bill_create(
                actor=request.user,
                title_zh=data["title_zh"].strip() or law.proposed_zh,
                title_en=data["title_en"].strip() or law.proposed_en,
                target_instrument=law,
                description=data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Bill started: %(title)s. You are its drafter.") % {"title": bill}
            )
            return redirect(bill.get_absolute_url())
    elif request.method == "GET" and laws:
        form = BillNewForm(initial={"target_instrument": laws[0].code})
    status = 400 if form.is_bound else 200
    context = {"form": form, "laws": laws}
    return render(request, "drafting/bill_new.html", context, status=status)


def _managed_bill(request: HttpRequest, pk: int) -> Bill:
    """The bill, for its drafters only: 404 for outsiders, 403 for other members."""
    bill = bill_for(request, pk)
    if bill.my_role != Role.DRAFTER:
        raise PermissionDenied(_("Only the bill's drafters change its settings and members."))
    return bill


def _refused(request: HttpRequest, bill: Bill, status: int = 400, **bound) -> HttpResponse:
    """The bill page again with the refused form and its message; nothing was changed."""
    context = _bill_context(request, bill, **bound)
    return render(request, "drafting/bill.html", context, status=status)


def _done(request: HttpRequest, bill: Bill, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{bill.get_absolute_url()}#{anchor}")


@login_required
@require_POST
def bill_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Save titles, description and commencement date; a stale form overwrites nothing."""
    bill = _managed_bill(request, pk)
    form = BillSettingsForm(request.POST)
    if not form.is_valid():
        return _refused(request, bill, settings_form=form)
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        services.bill_update(actor=request.user, bill=bill, expected_version=version, **data)
    except services.StaleVersionError:
        return _refused(request, bill, status=409, settings_stale=_stale(bill, data))
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _refused(request, bill, settings_form=form)
    return _done(request, bill, _("The bill's settings were saved."), "settings")


def _stale(bill: Bill, mine: dict) -> list[tuple[str, object, object]]:
    """What a colleague saved that differs from what this drafter sent: (field, saved, mine)."""
    bill.refresh_from_db()
    labels = BillSettingsForm.base_fields
    return [
        (str(labels[name].label), getattr(bill, name), value)
        for name, value in mine.items()
        if getattr(bill, name) != value
    ]


@login_required
@require_POST
def bill_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the bill through its workflow table."""
    bill = _managed_bill(request, pk)
    form = BillStatusForm(request.POST)
    if form.is_valid():
        try:
            services.bill_transition(
                actor=request.user,
                bill=bill,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
            )
        except services.TransitionError as exc:
            add_service_errors(form, exc)
            return _refused(request, bill, status=409, status_form=form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            message = _("The bill is now: %(status)s.") % {"status": bill.get_status_display()}
            return _done(request, bill, message, "bill-status")
    return _refused(request, bill, status_form=form)


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an existing user by username with a role."""
    bill = _managed_bill(request, pk)
    form = MemberAddForm(request.POST, auto_id="id_member_%s")
    if form.is_valid():
        user, role = form.cleaned_data["username"], form.cleaned_data["role"]
        if bill.memberships.filter(user=user).exists():
            form.add_error("username", _("%(user)s is already a member.") % {"user": user})
        else:
            services.membership_set(actor=request.user, bill=bill, user=user, role=role)
            message = _("%(user)s added as %(role)s.") % {"user": user, "role": Role(role).label}
            return _done(request, bill, message, "members")
    return _refused(request, bill, member_form=form)


def _member(bill: Bill, user_id: int):
    """A member of this bill by user id, or None."""
    return bill.members.filter(pk=user_id).first()


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a member's role; the last drafter stays a drafter."""
    bill = _managed_bill(request, pk)
    form = MemberRoleForm(request.POST)
    user = _member(bill, form.cleaned_data["user"]) if form.is_valid() else None
    if user is None:
        return _refused(request, bill, panel_error=_("Choose a member and a role."))
    role = form.cleaned_data["role"]
    try:
        services.membership_set(actor=request.user, bill=bill, user=user, role=role)
    except ValidationError as exc:
        return _refused(request, bill, panel_error=" ".join(exc.messages))
    message = _("%(user)s is now %(role)s.") % {"user": user, "role": Role(role).label}
    return _done(request, bill, message, "members")


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a member; a bill always keeps one drafter."""
    bill = _managed_bill(request, pk)
    form = MemberRemoveForm(request.POST)
    user = _member(bill, form.cleaned_data["user"]) if form.is_valid() else None
    if user is None:
        return _refused(request, bill, panel_error=_("That user is not a member of this bill."))
    try:
        services.membership_remove(actor=request.user, bill=bill, user=user)
    except ValidationError as exc:
        return _refused(request, bill, panel_error=" ".join(exc.messages))
    if user == request.user:
        messages.success(request, _("You left the bill."))
        return redirect("drafting:dashboard")
    return _done(request, bill, _("%(user)s removed.") % {"user": user}, "members")
