"""What every API view shares: authentication, JSON only, the error mapping, ids, validation."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from knox.auth import TokenAuthentication
from rest_framework import exceptions, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated

from drafting.api.errors import api_exception_handler
from drafting.api.serializers import (
    ErrorSerializer,
    StaleRevisionSerializer,
    StaleVersionSerializer,
)

# Database keys are 64-bit: a longer number in a path is simply not found (no overflow in SQLite).
ID_REGEX = r"[0-9]{1,18}"
# No control characters: PostgreSQL refuses NUL in text, so such a path is a plain 404.
CODE_REGEX = r"[^/\x00-\x1f\x7f]{1,32}"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _(
        "Send If-Match with the ETag you read (GET the provision first); "
        "it keeps you from overwriting someone else's change."
    )
    default_code = "precondition_required"


class JsonWhenUnacceptable(DefaultContentNegotiation):
    """An Accept header no renderer satisfies gets JSON (RFC 9110 allows it) rather than a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:
            return renderers[0], renderers[0].media_type


class ShallowJSONParser(JSONParser):
    """JSON nested too deeply for the parser is a 400 like any other malformed body, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError(
                _("JSON parse error - the body is nested too deeply.")
            ) from exc


class ApiMixin:
    """Token before session, so that a request without credentials hears 401 with WWW-Authenticate."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [ShallowJSONParser]
    content_negotiation_class = JsonWhenUnacceptable

    def get_exception_handler(self):
        return api_exception_handler

    def validated(self, serializer_class, *, partial: bool = False) -> dict:
        """Run an input serializer on the request body; 400 with field messages if it fails."""
        serializer = serializer_class(
            data=self.request.data, partial=partial, context={"request": self.request}
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def validated_query(self, serializer_class) -> dict:
        """Run an input serializer on the query string; 400 with field messages if it fails."""
        serializer = serializer_class(data=self.request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class BaseViewSet(ApiMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID_REGEX

    def get_object(self):
        """The row by id among those the user may see (list filters do not apply)."""
        lookup = self.lookup_url_kwarg or self.lookup_field
        queryset = self.get_queryset()
        try:
            obj = queryset.get(**{self.lookup_field: self.kwargs[lookup]})
        except queryset.model.DoesNotExist:
            raise exceptions.NotFound() from None  # the same translated words for every resource
        self.check_object_permissions(self.request, obj)
        return obj


def _error(description: str, serializer=ErrorSerializer) -> OpenApiResponse:
    return OpenApiResponse(serializer, description=description)


ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description=(
            "Invalid input: malformed JSON, wrong types, unknown references or text over the limit. "
            "The body maps each field to its messages ({'field': ['message']}) or carries 'detail'."
        ),
    ),
    401: _error("No credentials: send 'Authorization: Token <key>' or sign in."),
    403: _error("Signed in, but your role on this bill (or staff status) does not allow this."),
    404: _error("Not found, or not a bill you are a member of (outsiders never see a bill)."),
    409: _error("The workflow does not allow this move from the provision's current status."),
    412: _error(
        "If-Match does not match the provision's current ETag: someone changed it.",
        StaleVersionSerializer,
    ),
    413: _error(
        "The request body is larger than the server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE, 2 MiB)."
    ),
    415: _error("The body must be JSON (Content-Type: application/json)."),
    428: _error("If-Match is required: send the ETag from your last GET."),
    429: _error(
        "Too many failed sign-in attempts for this username or from this address; "
        "the Retry-After header says in how many seconds to try again."
    ),
}
# Every operation that reads a JSON body can also answer these.
BODY = (400, 413, 415)
STALE_REVISION = _error(
    "base_revision is not the current revision any more; the body carries the current one.",
    StaleRevisionSerializer,
)


def responses(ok: dict, *codes: int) -> dict:
    """The success responses plus 401, 404 and the listed error codes, documented alike everywhere."""
    out = dict(ok)
    for code in (401, 404, *codes):
        out.setdefault(code, ERRORS[code])
    return out
