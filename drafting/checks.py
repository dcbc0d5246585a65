"""The server refuses the development secret key unless DEBUG is on.

Every server start goes through drafting.wsgi or drafting.asgi (runserver too), which call
refuse_insecure_start(); `check --deploy` reports the same problem before a deployment.
Management commands such as migrate still run, so tests and set-up work without a key."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from drafting.settings import DEVELOPMENT_SECRET_KEY


def insecure_secret_key() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY


@register(deploy=True)
def check_secret_key(app_configs, **kwargs) -> list[Error]:
    """Refuse to serve with the development key when DEBUG is off."""
    if insecure_secret_key():
        return [
            Error(
                "SECRET_KEY is the development key while DEBUG is off.",
                hint="Set SECRET_KEY in the environment, or DEBUG=1 for local development.",
                id="drafting.E001",
            )
        ]
    return []


def refuse_insecure_start() -> None:
    """Called by the WSGI and ASGI entry points before serving."""
    if insecure_secret_key():
        raise ImproperlyConfigured("SECRET_KEY is the development key while DEBUG is off.")
