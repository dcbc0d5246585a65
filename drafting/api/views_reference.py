"""Reference data: instruments, articles, obligations, jurisdictions (read) and proposals (staff write)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from drafting.api.base import BODY, CODE_REGEX, BaseViewSet, responses
from drafting.api.filters import ArticleFilter, InstrumentFilter, ObligationFilter
from drafting.api.inputs import ProposalInput
from drafting.api.permissions import ReferencePermission
from drafting.api.serializers import (
    ArticleSerializer,
    InstrumentSerializer,
    JurisdictionSerializer,
    ObligationSerializer,
    ProposalSerializer,
)
from proposals.models import Article, Instrument, Jurisdiction, Obligation, Proposal
from proposals.services import proposal_create, proposal_update


def _read_only(serializer, name: str):
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {name}", responses=responses({200: serializer(many=True)}, 400)
        ),
        retrieve=extend_schema(summary=f"One {name[:-1]}", responses=responses({200: serializer})),
    )


PUT_DEFAULTS = {"summary_en": "", "summary_zh": "", "drafting_note_en": "", "position": 0}


class ReferenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    permission_classes = [ReferencePermission]


@_read_only(InstrumentSerializer, "instruments")
class InstrumentViewSet(ReferenceViewSet):
    """Treaties, PRC laws and interpretations, foreign laws and the model law, by code."""

    serializer_class = InstrumentSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_REGEX
    filterset_class = InstrumentFilter
    search_fields = ["code", "title_en", "title_zh", "short_title_en"]
    ordering_fields = ["position", "code", "adopted_on"]
    ordering = ["position", "code"]

    def get_queryset(self):
        return Instrument.objects.for_list()


@_read_only(ArticleSerializer, "articles")
class ArticleViewSet(ReferenceViewSet):
    """Articles with their paragraphs (款); filter by instrument code."""

    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    search_fields = ["heading_en", "heading_zh", "label"]
    ordering_fields = ["number", "id"]
    ordering = ["instrument", "number", "sub"]

    def get_queryset(self):
        return Article.objects.with_paragraphs()


@_read_only(ObligationSerializer, "obligations")
class ObligationViewSet(ReferenceViewSet):
    """Obligations by code; filter by instrument, binding, kind and strength; search code/statement."""

    serializer_class = ObligationSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_REGEX
    filterset_class = ObligationFilter
    search_fields = ["code", "statement_en", "statement_zh"]
    ordering_fields = ["position", "code"]
    ordering = ["position", "code"]

    def get_queryset(self):
        return Obligation.objects.for_list()


@_read_only(JurisdictionSerializer, "jurisdictions")
class JurisdictionViewSet(ReferenceViewSet):
    serializer_class = JurisdictionSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_REGEX
    search_fields = ["code", "name_en", "name_zh"]
    ordering_fields = ["position", "code"]
    ordering = ["position", "code"]

    def get_queryset(self):
        return Jurisdiction.objects.all()


@extend_schema_view(
    list=extend_schema(
        summary="List reform proposals",
        responses=responses({200: ProposalSerializer(many=True)}, 400),
    ),
    retrieve=extend_schema(summary="One proposal", responses=responses({200: ProposalSerializer})),
    create=extend_schema(
        summary="Add a proposal (staff)",
        request=ProposalInput,
        responses=responses({201: ProposalSerializer}, *BODY, 403),
    ),
    update=extend_schema(
        summary="Replace a proposal's fields (staff)",
        request=ProposalInput,
        responses=responses({200: ProposalSerializer}, *BODY, 403),
    ),
    partial_update=extend_schema(
        summary="Change some of a proposal's fields (staff)",
        request=ProposalInput,
        responses=responses({200: ProposalSerializer}, *BODY, 403),
    ),
)
class ProposalViewSet(ReferenceViewSet):
    """The reform paper's proposals; signed-in users read, staff add and change them."""

    serializer_class = ProposalSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_REGEX
    search_fields = ["code", "title_en", "title_zh"]
    ordering_fields = ["position", "code"]
    ordering = ["position", "code"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return Proposal.objects.for_api()

    def create(self, request):
        proposal = proposal_create(actor=request.user, **self.validated(ProposalInput))
        return Response(
            self._show(proposal.code),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:proposal-detail", args=[proposal.code])},
        )

    def update(self, request, code, partial: bool = False):
        proposal = self.get_object()
        data = self.validated(ProposalInput, partial=partial)
        if not partial:  # PUT replaces: what is left out goes back to its default
            data = {**PUT_DEFAULTS, **data}
        proposal = proposal_update(actor=request.user, proposal=proposal, **data)
        return Response(self._show(proposal.code))

    def partial_update(self, request, code):
        return self.update(request, code, partial=True)

    def _show(self, code: str) -> dict:
        return ProposalSerializer(self.get_queryset().get(code=code)).data
