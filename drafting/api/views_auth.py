"""Token sign-in (throttled, expiring hashed tokens), revocation, and the JSON 404 of the API."""

from django.contrib.auth import authenticate, user_logged_in
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from drafting import services
from drafting.api.base import BODY, ERRORS, ApiMixin
from drafting.api.inputs import LoginInput
from drafting.api.serializers import TokenSerializer
from drafting.signin import is_locked_out, lockout_response


class TokenView(ApiMixin, APIView):
    """Trade a username and password for a new API token that expires (see REST_KNOX)."""

    authentication_classes: list = []  # credentials are in the body; no session, so no CSRF
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Get an API token",
        description=(
            "Each call issues a new token, valid until `expiry`. After too many failed attempts "
            "for one username or from one address the answer is 429 with Retry-After."
        ),
        request=LoginInput,
        responses={200: TokenSerializer, 429: ERRORS[429], **{code: ERRORS[code] for code in BODY}},
        auth=[],
    )
    def post(self, request):
        data = self.validated(LoginInput)
        # The Django request, so that axes can mark it: a locked-out sign-in is refused before
        # any password is hashed.
        django_request = request._request
        user = authenticate(django_request, username=data["username"], password=data["password"])
        if is_locked_out(django_request):
            return lockout_response(django_request)
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to sign in with these credentials.")]}
            )
        key, expiry = services.token_create(user=user)
        # As a session sign-in does: records last_login, and axes clears the failure count.
        user_logged_in.send(sender=type(user), request=django_request, user=user)
        return Response({"token": key, "expiry": expiry})


class RevokeView(ApiMixin, APIView):
    """Revoke the token this request was signed with."""

    @extend_schema(
        summary="Revoke this token",
        request=None,
        responses={204: None, 400: ERRORS[400], 401: ERRORS[401]},
    )
    def post(self, request):
        if request.auth is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("This request was not signed with a token.")]}
            )
        services.token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RevokeAllView(ApiMixin, APIView):
    """Revoke every token of the signed-in user (all devices and scripts)."""

    @extend_schema(
        summary="Revoke all my tokens", request=None, responses={204: None, 401: ERRORS[401]}
    )
    def post(self, request):
        services.token_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@csrf_exempt  # nothing is done here, so a POST without a CSRF token hears 404 too
def not_found(request, *args, **kwargs) -> JsonResponse:
    """Unknown API paths answer in JSON like every other API error."""
    return JsonResponse({"detail": _("Not found.")}, status=404)
