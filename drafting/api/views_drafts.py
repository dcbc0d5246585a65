"""Drafts (审议稿), their comparison, dispositions of comments and the 草案说明 over the API.

Thin: input serializer -> service -> output; the documents layer computes comparisons and the 说明.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import re_path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from drafting import services
from drafting.api.base import BODY, ID_REGEX, ApiMixin, PreconditionRequired, responses
from drafting.api.permissions import require
from drafting.documents.draft_changes import compare_states, summary_en, summary_zh
from drafting.documents.export import state_data
from drafting.documents.papers import build_statement
from drafting.documents.statement import text_hash
from drafting.models import (
    Bill,
    BillDraft,
    Comment,
    DispositionKind,
    DraftKind,
    StatementSection,
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


class DispositionSerializer(serializers.Serializer):
    comment = serializers.IntegerField(source="pk")
    provision = serializers.IntegerField(source="provision_id")
    author = serializers.CharField(source="author.get_username")
    body = serializers.CharField()
    quote = serializers.CharField(source="anchor_exact")
    # Every disposition field is null while the thread is not yet disposed.
    kind = serializers.ChoiceField(
        source="disposition.kind", choices=DispositionKind.choices, allow_null=True, default=None
    )
    reason = serializers.CharField(source="disposition.reason", allow_null=True, default=None)
    major_disagreement = serializers.BooleanField(
        source="disposition.major_disagreement", allow_null=True, default=None
    )
    revision = serializers.IntegerField(
        source="disposition.revision.number", allow_null=True, default=None
    )
    draft = serializers.IntegerField(
        source="disposition.draft.number", allow_null=True, default=None
    )


class DispositionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DispositionKind.choices)
    reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
    major_disagreement = serializers.BooleanField(required=False, default=False)
    draft = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="The number of a draft."
    )


class SectionSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=StatementSection.choices)
    heading_zh = serializers.CharField()
    heading_en = serializers.CharField()
    zh = serializers.CharField()
    en = serializers.CharField()
    edited = serializers.ListField(child=serializers.CharField(), help_text="Languages edited.")
    stale = serializers.ListField(
        child=serializers.CharField(),
        help_text="Edited languages whose generated text changed since the edit.",
    )


class StatementSerializer(serializers.Serializer):
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    version = serializers.IntegerField()
    sections = SectionSerializer(many=True)


class StatementInput(serializers.Serializer):
    section = serializers.ChoiceField(choices=StatementSection.choices)
    language = serializers.ChoiceField(choices=["zh", "en"])
    text = serializers.CharField(max_length=200_000)


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


class DispositionListView(ApiMixin, APIView):
    @extend_schema(
        summary="Every comment thread of the bill with its disposition",
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=["open", "disposed", "major"]),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=DispositionKind.values),
        ],
        responses=responses({200: DispositionSerializer(many=True)}, 400),
    )
    def get(self, request, pk):
        bill = member_bill(request, pk)
        state = request.query_params.get("state", "")
        kind = request.query_params.get("kind", "")
        if state and state not in ("open", "disposed", "major"):
            raise ValidationError({"state": _("Unknown filter.")})
        if kind and kind not in DispositionKind.values:
            raise ValidationError({"kind": _("Unknown filter.")})
        threads = Comment.objects.for_dispositions(bill, state=state, kind=kind)
        return Response(DispositionSerializer(threads, many=True).data)


class DispositionView(ApiMixin, APIView):
    @extend_schema(
        summary="Set what was done with a comment thread (drafters)",
        request=DispositionInput,
        responses=responses({200: DispositionSerializer}, *BODY, 403),
    )
    def put(self, request, pk):
        comment = get_object_or_404(
            Comment.objects.for_input(request.user),
            pk=int(pk),
        )
        data = self.validated(DispositionInput)
        bill = comment.provision.bill
        require(request.user, "drafting.view_bill", bill)
        draft = None
        if data["draft"] is not None:
            draft = bill.drafts.filter(number=data["draft"]).first()
            if draft is None:
                raise ValidationError({"draft": _("No such draft of this bill.")})
        services.disposition_set(
            actor=request.user,
            comment=comment,
            kind=data["kind"],
            reason=data["reason"],
            major_disagreement=data["major_disagreement"],
            draft=draft,
        )
        thread = Comment.objects.for_dispositions(bill).get(pk=comment.pk)
        return Response(DispositionSerializer(thread).data)


def statement_etag(bill: Bill, draft, version: int) -> str:
    return f'"statement-{bill.pk}-{draft.number if draft else 0}-{version}"'


def _statement_data(statement) -> dict:
    return {
        "title_zh": statement.title_zh,
        "title_en": statement.title_en,
        "version": statement.version,
        "sections": [
            {
                "key": s.key,
                "heading_zh": s.heading_zh,
                "heading_en": s.heading_en,
                "zh": s.zh,
                "en": s.en,
                "edited": sorted(s.edits),
                "stale": [lang for lang in sorted(s.edits) if s.stale(lang)],
            }
            for s in statement.sections
        ],
    }


class StatementView(ApiMixin, APIView):
    """The 说明 of the working state or of ?draft=N; drafters edit one section at a time."""

    @extend_schema(
        summary="The explanatory statement (草案说明), with its ETag",
        parameters=[DRAFT_PARAM],
        responses=responses({200: StatementSerializer}),
    )
    def get(self, request, pk):
        bill = member_bill(request, pk)
        draft = draft_of(bill, request.query_params.get("draft"))
        statement = build_statement(bill, draft)
        response = Response(_statement_data(statement))
        response["ETag"] = statement_etag(bill, draft, statement.version)
        return response

    @extend_schema(
        summary="Edit one section of the statement in one language (drafters; If-Match)",
        parameters=[
            DRAFT_PARAM,
            OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True),
        ],
        request=StatementInput,
        responses=responses(
            {200: StatementSerializer, 412: OpenApiResponse(description="Stale If-Match.")},
            *BODY,
            403,
            428,
        ),
    )
    def patch(self, request, pk):
        bill = member_bill(request, pk)
        draft = draft_of(bill, request.query_params.get("draft"))
        require(request.user, "drafting.edit_statement", bill)
        data = self.validated(StatementInput)
        current = build_statement(bill, draft)
        if_match = request.headers.get("If-Match")
        if not if_match:
            raise PreconditionRequired()
        etag = statement_etag(bill, draft, current.version)
        if if_match.strip() != etag:
            return Response(
                {"detail": _("The statement changed since you read it."), "current_etag": etag},
                status=status.HTTP_412_PRECONDITION_FAILED,
            )
        section = next(s for s in current.sections if s.key == data["section"])
        generated = section.generated_zh if data["language"] == "zh" else section.generated_en
        try:
            services.statement_edit(
                actor=request.user,
                bill=bill,
                draft=draft,
                generated_hash=text_hash(generated),
                base_number=current.version,
                **data,
            )
        except services.StaleStatementError:
            return Response(
                {"detail": _("The statement changed since you read it.")},
                status=status.HTTP_412_PRECONDITION_FAILED,
            )
        statement = build_statement(bill, draft)
        response = Response(_statement_data(statement))
        response["ETag"] = statement_etag(bill, draft, statement.version)
        return response


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
    re_path(
        rf"^bills/(?P<pk>{ID_REGEX})/dispositions/$",
        DispositionListView.as_view(),
        name="bill-dispositions",
    ),
    re_path(
        rf"^comments/(?P<pk>{ID_REGEX})/disposition/$",
        DispositionView.as_view(),
        name="comment-disposition",
    ),
    re_path(
        rf"^bills/(?P<pk>{ID_REGEX})/statement/$", StatementView.as_view(), name="bill-statement"
    ),
]
