"""A NUL character in the address or the query string is refused with 400 before any view runs.

No URL of this site has a NUL in it, and PostgreSQL refuses NUL in text: a lookup such as
/reference/instruments/a%00b/ or an admin filter ?status__exact=%00 would otherwise end in a
server error on PostgreSQL (and a meaningless 404 or empty list on SQLite).
"""

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _


def has_nul(request: HttpRequest) -> bool:
    """True when the decoded path or the (percent-decoded) query string holds U+0000."""
    if "\x00" in request.path_info:
        return True
    return b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", ""))


class RefuseNulMiddleware:
    """400 for a request whose path or query string carries NUL; JSON under /api/, a page elsewhere.

    It runs after LocaleMiddleware, so the message is in the user's language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not has_nul(request):
            return self.get_response(request)
        message = _("The address contains a NUL character (%00), which is never valid here.")
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        # The page's links (the language switch's "next") must not carry the NUL on.
        request.path = request.path.replace("\x00", "")
        request.META["QUERY_STRING"] = ""
        request.GET = QueryDict()
        return render(request, "400.html", {"message": message}, status=400)
