"""The project's URLs plus /api/bench/bare/: the cheapest authenticated DRF view, as a baseline."""

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
