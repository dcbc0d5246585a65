"""Bills the user is a member of, their members, and reordering their provisions."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from drafting import services
from drafting.api.base import BODY, BaseViewSet, responses
from drafting.api.filters import BillFilter, MemberFilter
from drafting.api.inputs import (
    AmendmentImportInput,
    BillCreateInput,
    BillTransitionInput,
    BillUpdateInput,
    ImpactQueryInput,
    MemberAddInput,
    MemberRoleInput,
    ReorderInput,
)
from drafting.api.permissions import require
from drafting.api.serializers import (
    AmendmentImportSerializer,
    BillSerializer,
    BillTransitionResultSerializer,
    FindingSerializer,
    ImpactSerializer,
    MemberSerializer,
    ProvisionSerializer,
    bill_etag,
)
from drafting.api.views_provisions import ETAG_HEADER, IF_MATCH, expected_version
from drafting.law_state import bill_impact_list, instruction_findings
from drafting.models import Bill, Provision

BILL_UPDATE_DOC = dict(
    request=BillUpdateInput,
    parameters=[IF_MATCH, ETAG_HEADER],
    responses=responses({200: BillSerializer}, *BODY, 403, 412, 428),
)
MEMBER_ID = r"(?P<user_id>[0-9]{1,18})"


def with_bill_etag(response: Response, bill: Bill) -> Response:
    response["ETag"] = bill_etag(bill)
    return response


@extend_schema_view(
    list=extend_schema(
        summary="My bills", responses=responses({200: BillSerializer(many=True)}, 400)
    ),
    retrieve=extend_schema(
        summary="One of my bills, with its ETag",
        parameters=[ETAG_HEADER],
        responses=responses({200: BillSerializer}),
    ),
    update=extend_schema(summary="Replace the bill's settings (drafters)", **BILL_UPDATE_DOC),
    partial_update=extend_schema(
        summary="Change the bill's settings (drafters)", **BILL_UPDATE_DOC
    ),
    create=extend_schema(
        summary="Start a bill (you become its drafter)",
        request=BillCreateInput,
        responses=responses({201: BillSerializer}, *BODY),
    ),
)
class BillViewSet(mixins.ListModelMixin, BaseViewSet):
    """Only bills you are a member of exist for you; others answer 404."""

    serializer_class = BillSerializer
    filterset_class = BillFilter
    search_fields = ["title_en", "title_zh"]
    ordering_fields = ["created_at", "updated_at", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return Bill.objects.for_dashboard(self.request.user)

    def retrieve(self, request, pk):
        bill = self.get_object()
        return with_bill_etag(Response(BillSerializer(bill).data), bill)

    def update(self, request, pk, partial: bool = False):
        bill = self.get_object()
        require(request.user, "drafting.manage_bill", bill)
        version = expected_version(request.headers.get("If-Match"), bill)
        data = self.validated(BillUpdateInput, partial=partial)
        services.bill_update(actor=request.user, bill=bill, expected_version=version, **data)
        bill = self.get_queryset().get(pk=bill.pk)
        return with_bill_etag(Response(BillSerializer(bill).data), bill)

    def partial_update(self, request, pk):
        return self.update(request, pk, partial=True)

    @extend_schema(
        summary="Move the bill through its status workflow (drafters)",
        request=BillTransitionInput,
        responses=responses({200: BillTransitionResultSerializer}, *BODY, 403, 409),
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def transition(self, request, pk):
        bill = self.get_object()
        require(request.user, "drafting.manage_bill", bill)
        event = services.bill_transition(
            actor=request.user, bill=bill, **self.validated(BillTransitionInput)
        )
        bill = self.get_queryset().get(pk=bill.pk)
        body = BillTransitionResultSerializer({"event": event, "bill": bill}).data
        return with_bill_etag(Response(body), bill)

    def create(self, request):
        bill = services.bill_create(actor=request.user, **self.validated(BillCreateInput))
        return Response(
            BillSerializer(self.get_queryset().get(pk=bill.pk)).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:bill-detail", args=[bill.pk])},
        )

    @extend_schema(
        summary="Start a bill from a 修正案 text: one provision per item, all or nothing",
        request=AmendmentImportInput,
        responses=responses({201: AmendmentImportSerializer}, *BODY),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        pagination_class=None,
        filter_backends=[],
    )
    def import_text(self, request):
        bill, warnings = services.bill_import_amendment(
            actor=request.user, **self.validated(AmendmentImportInput)
        )
        data = {"bill": self.get_queryset().get(pk=bill.pk), "warnings": warnings}
        return Response(
            AmendmentImportSerializer(data).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:bill-detail", args=[bill.pk])},
        )

    @extend_schema(
        summary="The impact list (影响清单): what the bill's items do elsewhere in the law",
        parameters=[
            OpenApiParameter("kind", str, enum=["break", "shift", "changed", "term"]),
            OpenApiParameter("provision", int, description="Only this provision's impacts."),
        ],
        responses=responses({200: ImpactSerializer(many=True)}, 400),
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def impact(self, request, pk):
        bill = self.get_object()
        query = self.validated_query(ImpactQueryInput)
        impacts = bill_impact_list(bill, query.get("provision"))
        if query.get("kind"):
            impacts = [i for i in impacts if i.kind == query["kind"]]
        return Response(ImpactSerializer(impacts, many=True).data)

    @extend_schema(
        summary="The instruction check: each item against the law as earlier items leave it",
        responses=responses({200: FindingSerializer(many=True)}),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="instruction-check",
        pagination_class=None,
        filter_backends=[],
    )
    def instruction_check(self, request, pk):
        return Response(FindingSerializer(instruction_findings(self.get_object()), many=True).data)

    @extend_schema(
        summary="The bill's members and their roles",
        responses=responses({200: MemberSerializer(many=True)}, 400),
    )
    @action(
        detail=True,
        methods=["get"],
        filterset_class=MemberFilter,
        search_fields=["user__username"],
        ordering_fields=["role", "user__username", "created_at"],
        ordering=["role", "user__username"],
    )
    def members(self, request, pk):
        bill = self.get_object()
        page = self.paginate_queryset(self.filter_queryset(bill.memberships.for_api()))
        return self.get_paginated_response(MemberSerializer(page, many=True).data)

    @extend_schema(
        summary="Add an existing user to the bill with a role (drafters)",
        request=MemberAddInput,
        responses=responses({201: MemberSerializer}, *BODY, 403),
    )
    @members.mapping.post
    def member_add(self, request, pk):
        bill = self.get_object()
        require(request.user, "drafting.manage_bill", bill)
        data = self.validated(MemberAddInput)
        if bill.memberships.filter(user=data["username"]).exists():
            raise ValidationError(
                {"username": _("%(user)s is already a member.") % {"user": data["username"]}}
            )
        membership = services.membership_set(
            actor=request.user, bill=bill, user=data["username"], role=data["role"]
        )
        return Response(MemberSerializer(membership).data, status=status.HTTP_201_CREATED)

    def _member(self, bill: Bill, user_id: str):
        membership = bill.memberships.for_api().filter(user_id=int(user_id)).first()
        if membership is None:
            raise NotFound()
        return membership

    @extend_schema(
        summary="Change a member's role (drafters; one drafter always stays)",
        request=MemberRoleInput,
        responses=responses({200: MemberSerializer}, *BODY, 403),
    )
    @action(
        detail=True,
        methods=["patch"],
        url_path=f"members/{MEMBER_ID}",
        filter_backends=[],
        pagination_class=None,
    )
    def member(self, request, pk, user_id):
        bill = self.get_object()
        require(request.user, "drafting.manage_bill", bill)
        membership = self._member(bill, user_id)
        role = self.validated(MemberRoleInput)["role"]
        membership = services.membership_set(
            actor=request.user, bill=bill, user=membership.user, role=role
        )
        return Response(MemberSerializer(membership).data)

    @extend_schema(
        summary="Remove a member (drafters; the last drafter stays)",
        request=None,
        responses=responses({204: None}, 400, 403),
    )
    @member.mapping.delete
    def member_remove(self, request, pk, user_id):
        bill = self.get_object()
        require(request.user, "drafting.manage_bill", bill)
        membership = self._member(bill, user_id)
        services.membership_remove(actor=request.user, bill=bill, user=membership.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Put the bill's provisions in a new order (drafters)",
        request=ReorderInput,
        responses=responses({200: ProvisionSerializer(many=True)}, *BODY, 403),
    )
    # No filters here: the answer is the whole bill in its new order.
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def reorder(self, request, pk):
        bill = self.get_object()
        require(request.user, "drafting.draft_bill", bill)
        order = self.validated(ReorderInput)["order"]
        services.provision_reorder(actor=request.user, bill=bill, order=order)
        provisions = Provision.objects.for_api(request.user).filter(bill=bill).order_by("position")
        return Response(ProvisionSerializer(provisions, many=True).data)
