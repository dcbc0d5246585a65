"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from drafting.signin import password_reset_off
from drafting.web.health import healthz

# Password reset by email is switched off (drafting.signin.password_reset_off): these come before
# django.contrib.auth.urls, so its reset views are never reached.
PASSWORD_RESET_OFF = [
    path("accounts/password_reset/", password_reset_off, name="password_reset"),
    path("accounts/password_reset/done/", password_reset_off, name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", password_reset_off, name="password_reset_confirm"),
    path("accounts/reset/done/", password_reset_off, name="password_reset_complete"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    *PASSWORD_RESET_OFF,
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("drafting.api.urls")),
    path("reference/", include("proposals.urls")),
    path("", include("drafting.web.urls")),
]
