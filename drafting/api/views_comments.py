"""Comments anchored to exact words, replies, and their resolution and suggestions."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from drafting import services
from drafting.api.base import BODY, STALE_REVISION, BaseViewSet, responses
from drafting.api.filters import CommentFilter
from drafting.api.inputs import CommentInput
from drafting.api.serializers import CommentSerializer
from drafting.models import Comment
from drafting.text.anchoring import Anchor


def _action_doc(summary: str, *extra: int, **more):
    return extend_schema(
        summary=summary,
        request=None,
        responses=responses({200: CommentSerializer, **more}, 400, 403),
    )


@extend_schema_view(
    list=extend_schema(
        summary="Comments on my bills' provisions",
        responses=responses({200: CommentSerializer(many=True)}, 400),
    ),
    retrieve=extend_schema(summary="One comment", responses=responses({200: CommentSerializer})),
    create=extend_schema(
        summary="Start a thread on exact words, or reply (reviewers and drafters)",
        description="A thread names provision, revision and anchor (the exact words, their "
        "context and offsets in that revision's text) and may carry a suggestion; a reply names "
        "only its parent. The body is Markdown; body_html is its sanitized rendering.",
        request=CommentInput,
        responses=responses({201: CommentSerializer}, *BODY, 403),
    ),
)
class CommentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, BaseViewSet):
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    search_fields = ["body"]
    ordering_fields = ["created_at", "id", "updated_at"]
    ordering = ["created_at", "id"]

    def get_queryset(self):
        return Comment.objects.for_api(self.request.user)

    def _show(self, comment: Comment, code: int = status.HTTP_200_OK) -> Response:
        comment = self.get_queryset().get(pk=comment.pk)
        return Response(CommentSerializer(comment).data, status=code)

    def create(self, request):
        data = self.validated(CommentInput)
        services.check_comment_rate(request.user)
        if data.get("parent") is not None:
            comment = services.comment_reply(
                actor=request.user, parent=data["parent"], body=data["body"]
            )
        else:
            comment = services.comment_create(
                actor=request.user,
                provision=data["provision"],
                revision=data["revision"],
                body=data["body"],
                anchor=Anchor(**data["anchor"]),
                suggestion=data.get("suggestion"),
            )
        response = self._show(comment, status.HTTP_201_CREATED)
        response["Location"] = reverse("api:comment-detail", args=[comment.pk])
        return response

    @_action_doc("Resolve a thread (its author or a drafter)")
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk):
        return self._show(services.comment_resolve(actor=request.user, comment=self.get_object()))

    @_action_doc("Reopen a resolved thread (its author or a drafter)")
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk):
        return self._show(services.comment_reopen(actor=request.user, comment=self.get_object()))

    @_action_doc(
        "Accept the suggestion: it becomes a new revision (drafters)", **{"409": STALE_REVISION}
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk):
        comment = self.get_object()
        services.suggestion_accept(actor=request.user, comment=comment)
        return self._show(comment)

    @_action_doc("Reject the suggestion (drafters)")
    @action(detail=True, methods=["post"])
    def reject(self, request, pk):
        return self._show(services.suggestion_reject(actor=request.user, comment=self.get_object()))
