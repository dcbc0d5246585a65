"""GET /api/search/: the search page's parameters and results, as JSON."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from drafting.api.base import ApiMixin, responses
from drafting.models import Provision, SearchEntry
from drafting.search.engine import COUNTED_UP_TO
from drafting.search.forms import MAX_PAGE, SearchForm
from drafting.search.query import MAX_QUERY, PER_PAGE, search


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SearchEntry.Kind.choices)
    title = serializers.CharField()
    url = serializers.CharField(help_text="The exact place: article anchor, provision, thread.")
    snippet = serializers.CharField(help_text="Escaped HTML; matched words in <mark>.")


class SearchResultSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        help_text=f"Results the user may read, all pages; each kind counted up to {COUNTED_UP_TO}."
    )
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text="Results by kind (kinds with none left out)."
    )
    capped = serializers.ListField(
        child=serializers.ChoiceField(choices=SearchEntry.Kind.choices),
        help_text=f"Kinds with more than {COUNTED_UP_TO} results: their count and pages stop there.",
    )
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True, help_text="Grouped by kind, ranked within a kind.")


PARAMETERS = [
    OpenApiParameter(
        "q", OpenApiTypes.STR, required=True, description=f"Words, at most {MAX_QUERY} characters."
    ),
    OpenApiParameter(
        "mode",
        OpenApiTypes.STR,
        enum=["all", "phrase"],
        description="all words (default) or the exact phrase.",
    ),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=SearchEntry.Kind.values),
    OpenApiParameter("instrument", OpenApiTypes.STR, description="An instrument's code."),
    OpenApiParameter("bill", OpenApiTypes.INT, description="A bill you are a member of."),
    OpenApiParameter("status", OpenApiTypes.STR, enum=Provision.Status.values),
    OpenApiParameter("binding", OpenApiTypes.STR, enum=["yes", "no"]),
    OpenApiParameter(
        "page", OpenApiTypes.INT, description=f"From 1 (at most {MAX_PAGE}); {PER_PAGE} a page."
    ),
]


class SearchView(ApiMixin, APIView):
    """Search reference data and the bills you belong to, in Chinese or English."""

    @extend_schema(
        summary="Search",
        parameters=PARAMETERS,
        responses=responses({200: SearchResultSerializer}, 400),
    )
    def get(self, request: Request) -> Response:
        form = SearchForm(request.query_params, user=request.user)
        if not form.is_valid():
            raise ValidationError(
                {
                    field: [e["message"] for e in errors]
                    for field, errors in form.errors.get_json_data().items()
                }
            )
        result = search(request.user, form.search_query())
        return Response(
            {
                "count": result.total,
                "counts": result.counts,
                "capped": result.capped,
                "page": result.page,
                "pages": result.pages,
                "results": [
                    {"kind": h.kind, "title": h.title, "url": h.url, "snippet": str(h.snippet)}
                    for h in result.hits
                ],
            }
        )


urlpatterns = [path("search/", SearchView.as_view(), name="search")]
