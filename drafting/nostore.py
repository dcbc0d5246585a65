"""Bill pages, bill API answers and exports are never kept by a browser or a shared cache."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Cache-Control: private, no-store on every answer that does not set its own policy.

    Everything this server renders (static files aside, which WhiteNoise answers before this) is
    either a member's view of a bill or a page about the signed-in user.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
