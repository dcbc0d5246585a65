"""One place that turns service errors into HTTP answers with JSON bodies."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import exception_handler

from drafting.api.serializers import RevisionSerializer
from drafting.services import (
    MergeConflictError,
    RateLimitedError,
    StaleRevisionError,
    StaleVersionError,
    TransitionError,
)


def validation_body(exc: DjangoValidationError) -> dict:
    """Django's message dict as DRF shows field errors; messages without a field go to non_field_errors."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler plus the services' own errors: 400, 403, 409, 412 and 413 with a JSON body."""
    if isinstance(exc, RequestDataTooBig):
        # Django would answer its own 400 page; an API client needs JSON and the limit.
        return Response(
            {
                "detail": _("The request body is larger than %(limit)d bytes.")
                % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
            },
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, RateLimitedError):
        response = Response({"detail": str(exc)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, TransitionError):
        # The request was well formed; the provision's current status does not allow the move.
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StaleRevisionError):
        current = exc.current
        body = {
            "detail": str(exc),
            "current_revision": RevisionSerializer(current).data if current else None,
        }
        if isinstance(exc, MergeConflictError):
            body["detail"] = _("Your changes and the ones saved since overlap; merge them by hand.")
            body["conflicts"] = exc.conflicts
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, StaleVersionError):
        pk = context["view"].kwargs.get("pk")
        return Response(
            {
                "detail": str(exc),
                "current_version": exc.current_version,
                "current_etag": f'"{pk}-{exc.current_version}"',
            },
            status=status.HTTP_412_PRECONDITION_FAILED,
        )
    if isinstance(exc, DjangoPermissionDenied):
        exc = PermissionDenied(str(exc) or _("You do not have permission to do this."))
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # Errors raised without a field (e.g. by a query parameter check) still answer an object.
        response.data = {"detail": " ".join(str(message) for message in response.data)}
    return response
