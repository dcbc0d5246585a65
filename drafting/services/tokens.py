"""API tokens (django-rest-knox): expiring, stored as hashes, revoked one by one or all at once."""

from datetime import datetime

from django.db import transaction
from knox.models import AuthToken


@transaction.atomic
def token_create(*, user) -> tuple[str, datetime | None]:
    """A new token for the user: the key (shown once, stored only as a hash) and when it expires."""
    instance, key = AuthToken.objects.create(user=user)
    return key, instance.expiry


@transaction.atomic
def token_revoke(*, token: AuthToken) -> None:
    """Revoke one token (the one the client signed this request with)."""
    token.delete()


@transaction.atomic
def token_revoke_all(*, user) -> int:
    """Revoke every token of the user; the number revoked."""
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted


class RevokeTokensOnPasswordChange:
    """A password "validator" whose only work is Django's password_changed hook: tokens die with it.

    Django calls `password_changed` whenever a user saves a new password (the password change and
    reset pages, the admin, `changepassword`), so no path that changes a password keeps old tokens.
    """

    def validate(self, password: str, user=None) -> None:
        return None

    def password_changed(self, password: str, user=None) -> None:
        if user is not None and user.pk is not None:
            token_revoke_all(user=user)

    def get_help_text(self) -> str:
        return ""
