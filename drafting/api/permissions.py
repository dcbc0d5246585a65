"""DRF permission classes that ask the one authority, drafting/rules.py."""

import rules
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission


def require(user, perm: str, obj=None) -> None:
    """403 unless the user holds the rules permission (on the object, if given)."""
    if not rules.has_perm(perm, user, obj):
        raise exceptions.PermissionDenied(_("You do not have the role this needs on this bill."))


class ReferencePermission(BasePermission):
    """Everyone signed in reads reference data; only staff change it (proposals.change_reference)."""

    message = _("Only staff change reference data.")

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            return rules.has_perm("proposals.view_reference", request.user)
        return rules.has_perm("proposals.change_reference", request.user)
