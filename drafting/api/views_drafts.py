"""Drafts (审议稿) and their comparison over the API; dispositions and the 说明: views_papers.py.

Thin: input serializer -> service -> output; the documents layer computes comparisons and the 说明.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import re_path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from drafting import services
from drafting.api.base import BODY, ID_REGEX, ApiMixin, responses
from drafting.api.permissions import require
from drafting.documents.draft_changes import compare_states, summary_en, summary_zh
from drafting.documents.export import state_data
from drafting.models import (
    Bill,
    BillDraft,
    DraftKind,
)

CHANGE_KINDS = ("added", "removed", "changed")
DRAFT_PARAM = OpenApiParameter(
    "draft", OpenApiTypes.STR, description="A draft's number, or 'working' (the default)."
)


class DraftSerializer(serializers.ModelSerializer):
    issued_by = serializers.CharField(source="issued_by.get_username")
    item_count = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = BillDraft
        fields = ["number", "kind", "label", "name", "date", "note", "issued_by", "issued_at"]
        fields += ["item_count", "url"]

    def get_url(self, draft) -> str:
        return reverse("api:bill-draft", args=[draft.bill_id, draft.number])


class DraftItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    provision = serializers.IntegerField()
    revision = serializers.IntegerField(allow_null=True, help_text="The revision's number.")
    operation = serializers.CharField()
    scope = serializers.CharField(help_text="What the item touches, in Chinese.")
    title_en = serializers.CharField()
    title_zh = serializers.CharField()
    text_zh = serializers.CharField()
    obligations = serializers.ListField(child=serializers.CharField())


class DraftDetailSerializer(DraftSerializer):
    items = DraftItemSerializer(many=True)
    documents = serializers.DictField(child=serializers.CharField())

    class Meta(DraftSerializer.Meta):
        fields = [*DraftSerializer.Meta.fields, "items", "documents"]


class DraftInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DraftKind.choices)
    name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    label = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class ChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CHANGE_KINDS)
    provision = serializers.IntegerField(source="provision_id")
    number_a = serializers.IntegerField(allow_null=True)
    number_b = serializers.IntegerField(allow_null=True)
    scope_a = serializers.CharField()
    scope_b = serializers.CharField()
    text_changed = serializers.BooleanField()
    operation = serializers.ListField(child=serializers.CharField(), allow_null=True)
    gained = serializers.ListField(child=serializers.CharField())
    lost = serializers.ListField(child=serializers.CharField())
    summary_zh = serializers.CharField()
    summary_en = serializers.CharField()


class CompareSerializer(serializers.Serializer):
    a = serializers.CharField()
    b = serializers.CharField()
    changes = ChangeSerializer(many=True)


def member_bill(request, pk: str) -> Bill:
    bill = get_object_or_404(Bill.objects.visible_to(request.user), pk=int(pk))
    require(request.user, "drafting.view_bill", bill)
    return bill


def draft_of(bill: Bill, value) -> BillDraft | None:
    """A draft by number; None for the working state; 404 for anything else."""
    if value in (None, "", "working"):
        return None
    if not str(value).isdigit() or len(str(value)) > 9:
        raise NotFound()
    draft = bill.drafts.filter(number=int(value)).first()
    if draft is None:
        raise NotFound()
    return draft


class DraftListView(ApiMixin, APIView):
    """The bill's issued drafts, oldest first; drafters issue a new one."""

    def get_queryset(self, bill):
        return bill.drafts.select_related("issued_by").annotate(item_count=Count("items"))

    @extend_schema(
        summary="The bill's drafts", responses=responses({200: DraftSerializer(many=True)})
    )
    def get(self, request, pk):
        bill = member_bill(request, pk)
        return Response(DraftSerializer(self.get_queryset(bill).order_by("number"), many=True).data)

    @extend_schema(
        summary="Issue a draft of the whole bill (drafters)",
        request=DraftInput,
        responses=responses({201: DraftSerializer}, *BODY, 403),
    )
    def post(self, request, pk):
        bill = member_bill(request, pk)
        draft = services.draft_issue(actor=request.user, bill=bill, **self.validated(DraftInput))
        data = DraftSerializer(self.get_queryset(bill).get(pk=draft.pk)).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


def _items(bill: Bill, draft: BillDraft) -> list[dict]:
    return [
        {
            "position": n,
            "provision": row.provision.pk,
            "revision": row.provision.current_revision.number
            if row.provision.current_revision
            else None,
            "operation": row.item.operation,
            "scope": row.provision.scope_zh,
            "title_en": row.provision.title_en,
            "title_zh": row.provision.title_zh,
            "text_zh": row.item.text_zh,
            "obligations": [o.code for o in row.obligations],
        }
        for n, row in enumerate(state_data(bill, draft).provisions, start=1)
    ]


def _documents(bill: Bill, draft: BillDraft) -> dict[str, str]:
    query = f"?draft={draft.number}"
    links = {
        f"{doc}.{fmt}": reverse("drafting:export", kwargs={"pk": bill.pk, "doc": doc, "fmt": fmt})
        for doc in ("amendment", "comparison", "consolidated")
        for fmt in ("html", "pdf", "docx")
    }
    links.update(
        {
            f"comments.{fmt}": reverse(
                "drafting:comments_report", kwargs={"pk": bill.pk, "fmt": fmt}
            )
            for fmt in ("html", "pdf", "docx", "xlsx", "csv")
        }
    )
    links.update(
        {
            f"statement.{fmt}": reverse(
                "drafting:statement_export", kwargs={"pk": bill.pk, "fmt": fmt}
            )
            for fmt in ("html", "pdf", "docx")
        }
    )
    return {name: url + query for name, url in links.items()}


class DraftDetailView(ApiMixin, APIView):
    @extend_schema(
        summary="One draft: its items as issued and its documents",
        responses=responses({200: DraftDetailSerializer}),
    )
    def get(self, request, pk, number):
        bill = member_bill(request, pk)
        draft = draft_of(bill, number)
        draft = (
            bill.drafts.select_related("issued_by")
            .annotate(item_count=Count("items"))
            .get(pk=draft.pk)
        )
        draft.items_data = _items(bill, draft)
        data = DraftSerializer(draft).data
        data["items"] = draft.items_data
        data["documents"] = _documents(bill, draft)
        return Response(data)


class DraftCompareView(ApiMixin, APIView):
    @extend_schema(
        summary="What changed between two drafts (or a draft and the working text)",
        parameters=[
            OpenApiParameter("a", OpenApiTypes.STR, required=True, description="A draft number."),
            OpenApiParameter("b", OpenApiTypes.STR, description="A draft number or 'working'."),
        ],
        responses=responses({200: CompareSerializer}, 400),
    )
    def get(self, request, pk):
        bill = member_bill(request, pk)
        if not request.query_params.get("a"):
            raise ValidationError({"a": _("Name the earlier draft (?a=N).")})
        first = draft_of(bill, request.query_params.get("a"))
        second = draft_of(bill, request.query_params.get("b"))
        changes = compare_states(state_data(bill, first), state_data(bill, second))
        for change in changes:
            change.summary_zh, change.summary_en = summary_zh(change), summary_en(change)
        return Response(
            {
                "a": str(first.number) if first else "working",
                "b": str(second.number) if second else "working",
                "changes": ChangeSerializer(changes, many=True).data,
            }
        )


urlpatterns = [
    re_path(rf"^bills/(?P<pk>{ID_REGEX})/drafts/$", DraftListView.as_view(), name="bill-drafts"),
    re_path(
        rf"^bills/(?P<pk>{ID_REGEX})/drafts/compare/$",
        DraftCompareView.as_view(),
        name="bill-drafts-compare",
    ),
    re_path(
        rf"^bills/(?P<pk>{ID_REGEX})/drafts/(?P<number>[0-9]{{1,9}})/$",
        DraftDetailView.as_view(),
        name="bill-draft",
    ),
]
