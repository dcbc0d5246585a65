"""Dispositions of comments and the 草案说明 over the API: the papers that go with a draft.

Thin: input serializer -> service -> output; the documents layer builds the 说明.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import re_path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from drafting import services
from drafting.api.base import BODY, ID_REGEX, ApiMixin, PreconditionRequired, responses
from drafting.api.permissions import require
from drafting.api.views_drafts import DRAFT_PARAM, draft_of, member_bill
from drafting.documents.papers import build_statement
from drafting.documents.statement import text_hash
from drafting.models import (
    Bill,
    Comment,
    DispositionKind,
    StatementSection,
)


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
        generated = current.section(data["section"]).generated(data["language"])
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
