"""The project's URLs plus /api/bench/bare/: the cheapest authenticated DRF view, as a baseline."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from drafting.api.base import ApiMixin
from drafting.urls import urlpatterns as project_urlpatterns


class BareView(ApiMixin, APIView):
    """Token authentication and nothing else: the floor the real endpoints are measured against."""

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [path("api/bench/bare/", BareView.as_view()), *project_urlpatterns]


@login_required
def bare_page(request: HttpRequest) -> HttpResponse:
    """The cheapest signed-in Django page: the floor the provision page is measured against."""
    return HttpResponse("ok")


urlpatterns.insert(0, path("bench/bare-page/", bare_page))
