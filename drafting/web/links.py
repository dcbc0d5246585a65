"""The provision page's obligations panel: drafters search, link, change and unlink obligations;
a reviewer or a second drafter (never the link's author) agrees or disputes each link.

Plain POST and redirect without JavaScript; with htmx each form answers with the panel
(`drafting/_provision_obligations.html`). Bad input changes nothing and shows the panel's errors.
"""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from drafting import services
from drafting.models import LinkStatus, Provision
from drafting.web.common import add_service_errors, is_htmx, login_required
from drafting.web.forms_links import LinkForm, LinkReviewForm, UnlinkForm
from drafting.web.provision_page import page_context
from drafting.web.provisions import page_response, provision_for_member

PANEL = "drafting/_provision_obligations.html"


def _require(request: HttpRequest, perm: str, provision: Provision, message: str) -> None:
    if not rules.has_perm(perm, request.user, provision):
        raise PermissionDenied(message)


def _done(request: HttpRequest, provision: Provision, message: str) -> HttpResponse:
    """The panel with the message in it (htmx), or the page again with the message on top."""
    if is_htmx(request):
        fresh = provision_for_member(request.user, provision.pk)
        return render(request, PANEL, page_context(request, fresh, link_message=message))
    messages.success(request, message)
    return redirect(f"{provision.get_absolute_url()}#obligations")


def _refused(request: HttpRequest, provision: Provision, form: Form) -> HttpResponse:
    """The panel again with the form's errors; htmx does not swap a 4xx, so it gets a 200."""
    context = page_context(request, provision, link_errors=form.errors)
    if is_htmx(request):
        return render(request, PANEL, context)
    return page_response(request, provision, context, status=400)


@login_required
@require_GET
def link_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Obligations matching the words, as the panel lists them (without htmx: the page with ?q=)."""
    provision = provision_for_member(request.user, pk)
    _require(request, "drafting.draft_bill", provision, _("Only drafters link obligations."))
    if not is_htmx(request):
        query = request.GET.urlencode()
        return redirect(f"{provision.get_absolute_url()}?{query}#obligations")
    context = page_context(request, provision)
    status = 200 if context["link_search"].is_valid() else 400
    return render(request, f"{PANEL}#link-results", context, status=status)


def _post(request: HttpRequest, pk: int, perm: str, denied: str, form_class, action):
    """One form of the panel: check the role, validate, run the action (it returns the message)."""
    provision = provision_for_member(request.user, pk)
    _require(request, perm, provision, denied)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            message = action(provision, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, provision, message)
    return _refused(request, provision, form)


@login_required
@require_POST
def link_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Link an obligation, or change the extent or rationale of its link (proposed again)."""

    def save(provision: Provision, data: dict) -> str:
        services.obligation_link(actor=request.user, provision=provision, **data)
        return _("%(code)s linked: proposed for review.") % {"code": data["obligation"].code}

    denied = _("Only drafters link obligations.")
    return _post(request, pk, "drafting.draft_bill", denied, LinkForm, save)


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """End a link; the row stays in the history."""

    def remove(provision: Provision, data: dict) -> str:
        services.obligation_unlink(actor=request.user, provision=provision, **data)
        return _("%(code)s unlinked.") % {"code": data["obligation"].code}

    denied = _("Only drafters unlink obligations.")
    return _post(request, pk, "drafting.draft_bill", denied, UnlinkForm, remove)


@login_required
@require_POST
def link_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Agree or dispute a link someone else proposed."""

    def review(provision: Provision, data: dict) -> str:
        code = data["obligation"].code
        link = provision.obligation_links.active().filter(obligation=data["obligation"]).first()
        if link is None:
            message = _("%(code)s is not linked to this provision.") % {"code": code}
            raise ValidationError({"obligation": message})
        services.obligation_review(
            actor=request.user, link=link, verdict=data["verdict"], note=data["note"]
        )
        status = LinkStatus(data["verdict"]).label
        return _("%(code)s: %(status)s.") % {"code": code, "status": status}

    denied = _("Viewers read; reviewers review.")
    return _post(request, pk, "drafting.review_bill", denied, LinkReviewForm, review)
