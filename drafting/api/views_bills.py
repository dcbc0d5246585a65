"""Bills the user is a member of, their members, and reordering their provisions."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from drafting import services
from drafting.api import queries
from drafting.api.base import BODY, BaseViewSet, responses
from drafting.api.filters import BillFilter, MemberFilter
from drafting.api.inputs import AmendmentImportInput, BillCreateInput, ReorderInput
from drafting.api.permissions import require
from drafting.api.serializers import (
    AmendmentImportSerializer,
    BillSerializer,
    MemberSerializer,
    ProvisionSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary="My bills", responses=responses({200: BillSerializer(many=True)}, 400)
    ),
    retrieve=extend_schema(summary="One of my bills", responses=responses({200: BillSerializer})),
    create=extend_schema(
        summary="Start a bill (you become its drafter)",
        request=BillCreateInput,
        responses=responses({201: BillSerializer}, *BODY),
    ),
)
class BillViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    """Only bills you are a member of exist for you; others answer 404."""

    serializer_class = BillSerializer
    filterset_class = BillFilter
    search_fields = ["title_en", "title_zh"]
    ordering_fields = ["created_at", "updated_at", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return queries.bills_for_api(self.request.user)

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
        page = self.paginate_queryset(self.filter_queryset(queries.members_for_api(bill)))
        return self.get_paginated_response(MemberSerializer(page, many=True).data)

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
        provisions = queries.provisions_for_api(request.user).filter(bill=bill).order_by("position")
        return Response(ProvisionSerializer(provisions, many=True).data)
