"""Sign-in throttling (django-axes) for the login page and the token endpoint: who, why, how long."""

import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the proxy's last X-Forwarded-For hop behind a proxy.

    X-Forwarded-For is read only when BEHIND_PROXY says a proxy sets it; otherwise any client could
    name a fresh address on every attempt and never be throttled.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"


def cool_off() -> timedelta:
    return settings.AXES_COOLOFF_TIME


def retry_after_seconds() -> int:
    return math.ceil(cool_off().total_seconds())


def lockout_message() -> str:
    """Why the sign-in is refused and when it works again, in the user's language."""
    minutes = max(1, math.ceil(retry_after_seconds() / 60))
    return ngettext(
        "Too many failed sign-in attempts for this account or from this address. "
        "Try again in %(minutes)d minute, or ask staff to unlock the account.",
        "Too many failed sign-in attempts for this account or from this address. "
        "Try again in %(minutes)d minutes, or ask staff to unlock the account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """429 with Retry-After: JSON for the API, the sign-in page with the reason for browsers."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        response = render(
            request,
            "registration/locked_out.html",
            {"message": lockout_message(), "minutes": retry_after_seconds() // 60},
            status=429,
        )
    response["Retry-After"] = str(retry_after_seconds())
    return response


def is_locked_out(request: HttpRequest) -> bool:
    """Whether axes refused this request's sign-in (the backend ran before any password check)."""
    return bool(getattr(request, "axes_locked_out", False))


def password_reset_off(request: HttpRequest, **kwargs) -> HttpResponse:
    """Password reset by email is switched off: every reset address says so, and nothing is sent.

    The site has no mail set-up to rely on (a reset mail that silently fails, or answers slower
    for a known address than for an unknown one, is worse than none): staff set a new password
    in the admin, which also revokes the user's API tokens. The same page, with the same work,
    answers GET and POST, for a known address as for an unknown one.
    """
    return render(request, "registration/password_reset_off.html")
