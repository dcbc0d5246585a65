"""Input fields naming rows by id or code; unknown or unseen rows are field errors, never crashes."""

from collections.abc import Callable

import rules
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from drafting.api.filters import MAX_ID

Scope = Callable[[object], QuerySet]


@extend_schema_field(OpenApiTypes.INT)
class IdRefField(serializers.Field):
    """The id of a row among those the requesting user may see (optionally needing a permission)."""

    default_error_messages = {
        "invalid": _("Give an id as a whole number."),
        "does_not_exist": _("There is no {name} with id {value}."),
    }

    def __init__(self, *, scope: Scope, name: str, perm: str | None = None, **kwargs):
        self.scope = scope
        self.name = name
        self.perm = perm
        super().__init__(**kwargs)

    @property
    def user(self):
        return self.context["request"].user

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        obj = self.scope(self.user).filter(pk=data).first() if 1 <= data <= MAX_ID else None
        if obj is None:
            self.fail("does_not_exist", name=self.name, value=data)
        self.check_perm(obj)
        return obj

    def check_perm(self, obj: Model) -> None:
        # A member without the role gets 403 before any other complaint about the request.
        if self.perm and not rules.has_perm(self.perm, self.user, obj):
            raise exceptions.PermissionDenied(
                _("You do not have the role this needs on this bill.")
            )

    def to_representation(self, value):
        return value.pk


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "maxLength": 32}]})
class IdOrCodeRefField(IdRefField):
    """A row named by its id or by its code (obligations, instruments)."""

    default_error_messages = {
        "invalid": _("Give a code or an id."),
        "does_not_exist": _("There is no {name} {value}."),
    }

    def to_internal_value(self, data):
        if isinstance(data, str) and not data.isdigit():
            if not data or len(data) > 32 or "\x00" in data:
                self.fail("does_not_exist", name=self.name, value=data[:40])
            obj = self.scope(self.user).filter(code=data).first()
            if obj is None:
                self.fail("does_not_exist", name=self.name, value=data)
            return obj
        if isinstance(data, str):
            data = int(data)
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "maxLength": 32})
class CodeRefField(IdRefField):
    """A row named by its code."""

    default_error_messages = {
        "invalid": _("Give a code."),
        "does_not_exist": _("There is no {name} {value}."),
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        obj = None
        if data and len(data) <= 32 and "\x00" not in data:
            obj = self.scope(self.user).filter(code=data).first()
        if obj is None:
            self.fail("does_not_exist", name=self.name, value=data[:40])
        return obj

    def to_representation(self, value):
        return value.code
