"""Provisions with optimistic locking (ETag / If-Match), their revisions, obligation links and workflow."""

import re

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from drafting import services
from drafting.api.base import (
    BODY,
    CODE_REGEX,
    STALE_REVISION,
    BaseViewSet,
    PreconditionRequired,
    responses,
)
from drafting.api.filters import LinkFilter, ProvisionFilter, RevisionFilter
from drafting.api.inputs import (
    LinkInput,
    LinkReviewInput,
    ProvisionCreateInput,
    ProvisionMetadataInput,
    RevisionInput,
    TransitionInput,
    UnlinkInput,
)
from drafting.api.permissions import require
from drafting.api.serializers import (
    LinkSerializer,
    ProvisionSerializer,
    RevisionSerializer,
    TransitionResultSerializer,
    provision_etag,
)
from drafting.models import LinkStatus, Provision
from proposals.models import Obligation

ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description='The provision\'s current version, e.g. "12-3"; send it back in If-Match.',
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag from your last GET. Without it: 428; if someone changed the provision: 412.",
)
ETAG_RE = re.compile(r'^"(\d{1,18})-(\d{1,18})"$')
PUT_DEFAULTS = {
    "title_zh": "",
    "paragraphs": [],
    "insert_count": 1,
    "restate_article": False,
    "proposals": [],
}


def expected_version(header: str | None, provision: Provision) -> int:
    """The version named by If-Match; 428 without one, 412 (via the service) when it cannot match."""
    if not header or header.strip() == "*":
        raise PreconditionRequired()
    for tag in header.split(","):
        found = ETAG_RE.match(tag.strip())
        if found and int(found[1]) == provision.pk:
            return int(found[2])
    # A tag of another resource, a weak tag or garbage never matches (RFC 9110 strong comparison).
    raise services.StaleVersionError(provision.version)


def with_etag(response: Response, provision: Provision) -> Response:
    response["ETag"] = provision_etag(provision)
    return response


UPDATE_DOC = dict(
    request=ProvisionMetadataInput,
    parameters=[IF_MATCH, ETAG_HEADER],
    responses=responses({200: ProvisionSerializer}, *BODY, 403, 412, 428),
)


@extend_schema_view(
    list=extend_schema(
        summary="Provisions of my bills",
        responses=responses({200: ProvisionSerializer(many=True)}, 400),
    ),
    retrieve=extend_schema(
        summary="One provision, with its ETag",
        parameters=[ETAG_HEADER],
        responses=responses({200: ProvisionSerializer}),
    ),
    create=extend_schema(
        summary="Add a provision with its first revision (drafters)",
        request=ProvisionCreateInput,
        parameters=[ETAG_HEADER],
        responses=responses({201: ProvisionSerializer}, *BODY, 403),
    ),
    update=extend_schema(summary="Replace the provision's metadata (drafters)", **UPDATE_DOC),
    partial_update=extend_schema(
        summary="Change the provision's metadata (drafters)", **UPDATE_DOC
    ),
)
class ProvisionViewSet(BaseViewSet):
    """Provisions of bills you are a member of.

    The text lives in immutable revisions (POST .../revisions/); metadata changes need If-Match.
    DELETE is not offered (405): revisions are kept forever; withdraw a provision through the workflow.
    """

    serializer_class = ProvisionSerializer
    filterset_class = ProvisionFilter
    search_fields = ["title_en", "title_zh"]
    ordering_fields = ["position", "id", "updated_at", "status", "bill"]
    ordering = ["bill", "position"]
    # No destroy(): DELETE on a provision answers 405; DELETE exists only for obligation links.

    def get_queryset(self):
        return Provision.objects.for_api(self.request.user)

    def _fresh(self, pk: int) -> Provision:
        return self.get_queryset().get(pk=pk)

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ProvisionSerializer(page, many=True).data)

    def retrieve(self, request, pk):
        provision = self.get_object()
        return with_etag(Response(ProvisionSerializer(provision).data), provision)

    def create(self, request):
        data = self.validated(ProvisionCreateInput)
        provision = services.provision_create(actor=request.user, bill=data.pop("bill"), **data)
        provision = self._fresh(provision.pk)
        response = Response(
            ProvisionSerializer(provision).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:provision-detail", args=[provision.pk])},
        )
        return with_etag(response, provision)

    def update(self, request, pk, partial: bool = False):
        provision = self.get_object()
        require(request.user, "drafting.draft_bill", provision)
        version = expected_version(request.headers.get("If-Match"), provision)
        data = self.validated(ProvisionMetadataInput, partial=partial)
        if not partial:
            data = {**PUT_DEFAULTS, **data}
        services.provision_update(
            actor=request.user, provision=provision, expected_version=version, **data
        )
        provision = self._fresh(provision.pk)
        return with_etag(Response(ProvisionSerializer(provision).data), provision)

    def partial_update(self, request, pk):
        return self.update(request, pk, partial=True)

    @extend_schema(
        summary="Move the provision through the review workflow",
        request=TransitionInput,
        parameters=[ETAG_HEADER],
        responses=responses({200: TransitionResultSerializer}, *BODY, 403, 409),
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk):
        provision = self.get_object()
        require(request.user, "drafting.review_bill", provision)
        data = self.validated(TransitionInput)
        event = services.provision_transition(actor=request.user, provision=provision, **data)
        provision = self._fresh(provision.pk)
        body = {"event": event, "provision": provision}
        return with_etag(Response(TransitionResultSerializer(body).data), provision)

    # --- revisions ---------------------------------------------------------------------------

    @extend_schema(
        methods=["GET"],
        summary="The provision's revisions, oldest first",
        responses=responses({200: RevisionSerializer(many=True)}, 400),
    )
    @extend_schema(
        methods=["POST"],
        summary="Save new text on top of base_revision (drafters)",
        description="If base_revision is no longer current, nothing is saved and 409 carries "
        "the current revision so that the client can merge; with merge: true the server merges "
        "non-overlapping changes itself, and 409 also lists the conflicting stretches.",
        request=RevisionInput,
        responses=responses({201: RevisionSerializer, 409: STALE_REVISION}, *BODY, 403),
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filterset_class=RevisionFilter,
        search_fields=["text_zh", "text_en", "note"],
        ordering_fields=["number", "created_at"],
        ordering=["number"],
    )
    def revisions(self, request, pk):
        provision = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(self.filter_queryset(provision.revisions.for_api()))
            return self.get_paginated_response(RevisionSerializer(page, many=True).data)
        require(request.user, "drafting.draft_bill", provision)
        data = self.validated(RevisionInput)
        revision = services.revision_create(
            actor=request.user,
            provision=provision,
            base_revision=data["base_revision"],
            text_zh=data["text_zh"],
            text_en=data["text_en"],
            note=data["note"],
            merge=data["merge"],
        )
        revision = provision.revisions.for_api().get(pk=revision.pk)
        return Response(RevisionSerializer(revision).data, status=status.HTTP_201_CREATED)

    # --- obligation links --------------------------------------------------------------------

    @extend_schema(
        methods=["GET"],
        summary="The obligations the provision satisfies (active links)",
        responses=responses({200: LinkSerializer(many=True)}, 400),
    )
    @extend_schema(
        methods=["POST"],
        summary="Link an obligation (or change the extent of a link) (drafters)",
        request=LinkInput,
        responses=responses({201: LinkSerializer}, *BODY, 403),
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filterset_class=LinkFilter,
        search_fields=["obligation__code", "rationale"],
        ordering_fields=["obligation__position", "obligation__code", "created_at", "extent"],
        ordering=["obligation__position", "obligation_id"],
    )
    def obligations(self, request, pk):
        provision = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(
                self.filter_queryset(provision.obligation_links.for_api())
            )
            return self.get_paginated_response(LinkSerializer(page, many=True).data)
        require(request.user, "drafting.draft_bill", provision)
        link = services.obligation_link(
            actor=request.user, provision=provision, **self.validated(LinkInput)
        )
        link = provision.obligation_links.for_api().get(pk=link.pk)
        return Response(LinkSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Unlink an obligation, named in the body (drafters)",
        request=UnlinkInput,
        responses=responses({200: LinkSerializer}, *BODY, 403),
    )
    @action(detail=True, methods=["post"], url_path="obligations/unlink")
    def obligation_unlink(self, request, pk):
        provision = self.get_object()
        require(request.user, "drafting.draft_bill", provision)
        obligation = self.validated(UnlinkInput)["obligation"]
        link = services.obligation_unlink(
            actor=request.user, provision=provision, obligation=obligation
        )
        return Response(LinkSerializer(link).data)

    @extend_schema(
        summary="Unlink an obligation, named by code in the path (drafters)",
        responses=responses({204: None}, 400, 403),
    )
    @action(detail=True, methods=["delete"], url_path=f"obligations/(?P<code>{CODE_REGEX})")
    def obligation_unlink_by_code(self, request, pk, code):
        provision = self.get_object()
        require(request.user, "drafting.draft_bill", provision)
        obligation = Obligation.objects.filter(code=code).first()
        if obligation is None:
            raise NotFound()
        services.obligation_unlink(actor=request.user, provision=provision, obligation=obligation)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- reviews of links: a reviewer or a second drafter agrees or disputes -------------------

    def _review(self, request, verdict: str) -> Response:
        provision = self.get_object()
        require(request.user, "drafting.review_bill", provision)
        data = self.validated(LinkReviewInput)
        link = provision.obligation_links.active().filter(obligation=data["obligation"]).first()
        if link is None:
            message = _("%(code)s is not linked to this provision.")
            raise ValidationError({"obligation": message % {"code": data["obligation"].code}})
        link = services.obligation_review(
            actor=request.user, link=link, verdict=verdict, note=data["note"]
        )
        link = provision.obligation_links.for_api().get(pk=link.pk)
        return Response(LinkSerializer(link).data)

    @extend_schema(
        summary="Agree a proposed link, named in the body (reviewers, or drafters not its author)",
        request=LinkReviewInput,
        responses=responses({200: LinkSerializer}, *BODY, 403, 404),
    )
    @action(detail=True, methods=["post"], url_path="obligations/agree")
    def obligation_agree(self, request, pk):
        return self._review(request, LinkStatus.AGREED)

    @extend_schema(
        summary="Dispute a proposed link with a note saying why (reviewers, or other drafters)",
        request=LinkReviewInput,
        responses=responses({200: LinkSerializer}, *BODY, 403, 404),
    )
    @action(detail=True, methods=["post"], url_path="obligations/dispute")
    def obligation_dispute(self, request, pk):
        return self._review(request, LinkStatus.DISPUTED)
