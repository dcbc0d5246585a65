"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from drafting.web.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("drafting.api.urls")),
    path("reference/", include("proposals.urls")),
    path("", include("drafting.web.urls")),
]
