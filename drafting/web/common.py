"""What every page of drafting/web shares: htmx detection, sign-in, the member's bill, form errors."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required as django_login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override

from drafting.models import Bill
from drafting.rules import remember_role


def is_htmx(request: HttpRequest) -> bool:
    """htmx asks for a fragment; everyone else gets the full page (django-htmx reads the header)."""
    return bool(getattr(request, "htmx", False))


def login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in first: a page redirects to the login page, an htmx fragment request gets 403.

    A login page swapped into a fragment of the page would be nonsense; htmx shows the 403 instead.
    """
    redirecting = django_login_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated and is_htmx(request):
            return HttpResponseForbidden(_("Your session has ended: sign in again."))
        return redirecting(request, *args, **kwargs)

    return wrapper


def bill_for(request: HttpRequest, pk: int) -> Bill:
    """The bill with the user's role, or 404 for anyone who is not a member."""
    bill = get_object_or_404(Bill.objects.for_bill_page(request.user), pk=pk)
    remember_role(request.user, bill.pk, bill.my_role)
    return bill


def add_service_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# An exported document is self-contained: its own <style> and column widths, no script, nothing
# fetched. It replaces settings.SECURE_CSP on every export response (see document_csp).
DOCUMENT_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
    "object-src": [CSP.SELF],  # the browser's own PDF viewer
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
document_csp = csp_override(DOCUMENT_CSP)
