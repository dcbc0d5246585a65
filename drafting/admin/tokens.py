"""API tokens in the admin: who holds one, its prefix and expiry; never a key, never a new token."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

admin.site.unregister(AuthToken)  # knox's own admin lists digests and lets staff mint tokens


@admin.register(AuthToken)
class AuthTokenAdmin(admin.ModelAdmin):
    """Staff see and revoke (delete) tokens; only the first characters of a key are ever shown."""

    list_display = ["prefix", "user", "created", "expiry"]
    list_select_related = ["user"]
    search_fields = ["token_key", "user__username"]
    fields = ["prefix", "user", "created", "expiry"]
    readonly_fields = fields
    ordering = ["-created"]

    @admin.display(description=_("key prefix"))
    def prefix(self, obj: AuthToken) -> str:
        return f"{obj.token_key}…"

    def has_add_permission(self, request) -> bool:
        return False  # a token is issued to its owner by the sign-in endpoint, nobody else

    def has_change_permission(self, request, obj=None) -> bool:
        return False
