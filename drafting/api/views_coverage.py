"""GET /api/bills/{id}/coverage/: the bill's coverage of treaty obligations (members only).

Kept out of drafting/api/ (another feature's package); its urls.py appends these patterns.
The body is built from plain dicts (drafting.coverage.row_data): the serializers below only
document its shape for the OpenAPI schema, since running 1,000 rows through them would cost more
than the computation itself.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import re_path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from drafting.api.base import ID_REGEX, ApiMixin, responses
from drafting.api.permissions import require
from drafting.coverage import compute_coverage, parse_filters, row_data, summary_data
from drafting.models import Bill, Extent, Provision
from proposals.models import Level, Obligation


class CoverageProvisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    extent = serializers.ChoiceField(choices=Extent.choices)
    rationale = serializers.CharField()
    status = serializers.ChoiceField(choices=Provision.Status.choices)


class CoverageFlagSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=[
            "binding_gap",
            "baseline_article_changed",
            "not_assessed",
            "not_hong_kong",
            "verify_before_citing",
        ]
    )
    message = serializers.CharField(help_text="In the request's language.")


class CoverageObligationSerializer(serializers.Serializer):
    code = serializers.CharField()
    instrument = serializers.CharField(help_text="The instrument's code.")
    kind = serializers.ChoiceField(choices=Obligation.Kind.choices)
    strength = serializers.ChoiceField(choices=Obligation.Strength.choices)
    binding = serializers.BooleanField(help_text="Binding on China.")
    before = serializers.ChoiceField(choices=Level.choices, help_text="China's current law.")
    bill = serializers.ChoiceField(choices=Level.choices, help_text="The bill's links alone.")
    after = serializers.ChoiceField(choices=Level.choices, help_text="Current law with the bill.")
    baseline_citation = serializers.CharField()
    baseline_confidence = serializers.CharField()
    provisions = CoverageProvisionSerializer(many=True)
    changed_by = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Provisions that repeal or replace an article the baseline relied on.",
    )
    baseline_counts = serializers.BooleanField(
        help_text=(
            "False when the bill repeals or replaces an article the baseline relied on: "
            "then after is what the bill's links give."
        )
    )
    flags = CoverageFlagSerializer(many=True)


class CoverageSerializer(serializers.Serializer):
    summary = serializers.DictField(
        help_text=(
            "Binding obligations by level before and after, gaps, per instrument, per proposal "
            "(primary targets) and the ICMEC scorecard beside US, GB, AU, CA and JP."
        )
    )
    obligations = CoverageObligationSerializer(many=True)


FILTER_PARAMETERS = [
    OpenApiParameter("instrument", OpenApiTypes.STR, description="An instrument's code."),
    OpenApiParameter("binding", OpenApiTypes.BOOL, description="Binding on China or not."),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=Obligation.Kind.values),
    OpenApiParameter("strength", OpenApiTypes.STR, enum=Obligation.Strength.values),
]


class BillCoverageView(ApiMixin, APIView):
    """Which obligations China's law meets, what the bill's provisions add, and what stays open."""

    @extend_schema(
        summary="The bill's coverage of treaty obligations",
        parameters=FILTER_PARAMETERS,
        responses=responses({200: CoverageSerializer}, 400, 403),
    )
    def get(self, request: Request, pk: str) -> Response:
        bill = get_object_or_404(Bill.objects.for_documents(request.user), pk=int(pk))
        require(request.user, "drafting.view_bill", bill)
        filters = parse_filters(request.query_params)  # ValidationError -> 400
        coverage = compute_coverage(bill, filters)
        if filters.instrument and filters.instrument not in coverage.instrument_codes:
            raise ValidationError(
                {"instrument": _("No obligations of an instrument with that code.")}
            )
        return Response(
            {
                "summary": summary_data(coverage),
                "obligations": [row_data(row) for row in coverage.rows],
            }
        )


urlpatterns = [
    re_path(
        rf"^bills/(?P<pk>{ID_REGEX})/coverage/$",
        BillCoverageView.as_view(),
        name="bill-coverage",
    ),
]
