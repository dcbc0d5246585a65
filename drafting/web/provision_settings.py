"""A provision's metadata edited in the browser with the API's optimistic concurrency, and the
current text a replacing provision starts from.

The edit form carries the version it was opened on and the values it showed. A save on a stale
version stores nothing: the page answers 409 with what changed since and the drafter's own values,
now on the current version, so that saving again is a deliberate choice.
"""

import rules
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drafting import services
from drafting.models import Provision
from drafting.web.common import add_service_errors, bill_for, login_required
from drafting.web.forms_bills import ProvisionAddForm, ProvisionMetadataForm, current_text
from drafting.web.provisions import provision_for_member

PAGE = "drafting/provision_settings.html"
SALT = "drafting.provision-settings"
FIELDS = (
    "title_en",
    "title_zh",
    "operation",
    "target_article",
    "paragraphs",
    "insert_count",
    "restate_article",
    "proposals",
)


def shown_values(provision: Provision) -> dict[str, str]:
    """The metadata as the form shows it, to tell later what changed."""
    initial = ProvisionMetadataForm.initial_for(provision)
    initial["operation"] = str(provision.get_operation_display())
    initial["restate_article"] = _("yes") if provision.restate_article else _("no")
    initial["insert_count"] = str(provision.insert_count)
    initial["proposals"] = ", ".join(p.code for p in initial["proposals"])
    return {name: initial[name] for name in FIELDS}


def _changes(form: ProvisionMetadataForm, loaded: dict, now: dict) -> list[dict]:
    """Each field someone else changed since the form was opened: then, now, and the label."""
    return [
        {"label": form.fields[name].label, "then": loaded.get(name, ""), "now": now[name]}
        for name in FIELDS
        if loaded.get(name) != now[name]
    ]


def _loaded(form: ProvisionMetadataForm) -> dict:
    try:
        return signing.loads(form.cleaned_data.get("loaded") or "", salt=SALT)
    except signing.BadSignature:
        return {}


def _fresh_form(provision: Provision) -> ProvisionMetadataForm:
    initial = ProvisionMetadataForm.initial_for(provision)
    initial["loaded"] = signing.dumps(shown_values(provision), salt=SALT)
    return ProvisionMetadataForm(bill=provision.bill, initial=initial)


def _render(request, provision, form, status=200, **extra) -> HttpResponse:
    context = {"provision": provision, "bill": provision.bill, "form": form, **extra}
    return render(request, PAGE, context, status=status)


def _stale(request, provision: Provision, form: ProvisionMetadataForm) -> HttpResponse:
    """Nothing saved: what changed since, and the drafter's values again on the current version."""
    provision = Provision.objects.select_related("target_article").get(pk=provision.pk)
    now = shown_values(provision)
    changes = _changes(form, _loaded(form), now)
    data = form.data.copy()
    data["version"] = provision.version
    data["loaded"] = signing.dumps(now, salt=SALT)
    again = ProvisionMetadataForm(data, bill=provision.bill)
    again.is_valid()
    return _render(request, provision, again, status=409, stale=True, changes=changes)


@login_required
def provision_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Titles, operation, target, paragraphs and proposals of a provision (drafters)."""
    provision = provision_for_member(request.user, pk)
    if not rules.has_perm("drafting.draft_bill", request.user, provision):
        raise PermissionDenied(_("Only drafters change a provision."))
    if request.method != "POST":
        return _render(request, provision, _fresh_form(provision))
    form = ProvisionMetadataForm(request.POST, bill=provision.bill)
    if not form.is_valid():
        return _render(request, provision, form, status=400)
    data = {name: form.cleaned_data[name] for name in FIELDS}
    try:
        services.provision_update(
            actor=request.user,
            provision=provision,
            expected_version=form.cleaned_data["version"],
            **data,
        )
    except services.StaleVersionError:
        return _stale(request, provision, form)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render(request, provision, form, status=400)
    messages.success(request, _("The provision's details are saved."))
    return redirect(provision.get_absolute_url())


@login_required
@require_GET
def provision_current_text(request: HttpRequest, pk: int) -> JsonResponse:
    """The current law a replacing provision starts from (the add form's script asks for it)."""
    bill = bill_for(request, pk)
    if not rules.has_perm("drafting.draft_bill", request.user, bill):
        raise PermissionDenied(_("Only drafters add provisions."))
    form = ProvisionAddForm(request.GET, bill=bill)
    form.is_valid()
    data = form.cleaned_data
    needed = ("operation", "target_article", "paragraphs")
    if not all(name in data for name in needed):
        errors = {name: form.errors[name] for name in needed if name in form.errors}
        return JsonResponse({"errors": errors}, status=400)
    text = current_text(data["target_article"], data["operation"], data["paragraphs"])
    return JsonResponse({"text_zh": text})


def prefilled_add_form(request: HttpRequest, bill) -> ProvisionAddForm:
    """Without JavaScript: the add form again, its Chinese text the current law it replaces."""
    form = ProvisionAddForm(request.POST, bill=bill)
    form.is_valid()
    data = form.cleaned_data
    initial = {name: request.POST.get(name, "") for name in form.fields if name != "proposals"}
    initial["proposals"] = request.POST.getlist("proposals")
    initial["restate_article"] = bool(request.POST.get("restate_article"))
    if all(name in data for name in ("operation", "target_article", "paragraphs")):
        text = current_text(data["target_article"], data["operation"], data["paragraphs"])
        initial["text_zh"] = text or initial["text_zh"]
    return ProvisionAddForm(bill=bill, initial=initial)
