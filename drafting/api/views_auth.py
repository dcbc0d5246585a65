"""Token sign-in and the interactive documentation (Swagger UI served from this server)."""

from django.contrib.auth import authenticate
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from drafting.api.base import BODY, ERRORS, ApiMixin
from drafting.api.inputs import LoginInput
from drafting.api.serializers import TokenSerializer


class TokenView(ApiMixin, APIView):
    """Trade a username and password for an API token (the same token on every call)."""

    authentication_classes: list = []  # credentials are in the body; no session, so no CSRF
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Get an API token",
        request=LoginInput,
        responses={200: TokenSerializer, **{code: ERRORS[code] for code in BODY}},
        auth=[],
    )
    def post(self, request):
        data = self.validated(LoginInput)
        user = authenticate(request, username=data["username"], password=data["password"])
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to sign in with these credentials.")]}
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


@csrf_exempt  # nothing is done here, so a POST without a CSRF token hears 404 too
def not_found(request, *args, **kwargs) -> JsonResponse:
    """Unknown API paths answer in JSON like every other API error."""
    return JsonResponse({"detail": _("Not found.")}, status=404)
