"""REST API routes: /api/... (namespace "api")."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from drafting.api.schema import KeptSchemaGenerator
from drafting.api.views_auth import RevokeAllView, RevokeView, TokenView, not_found
from drafting.api.views_bills import BillViewSet
from drafting.api.views_comments import CommentViewSet
from drafting.api.views_coverage import urlpatterns as coverage_urlpatterns
from drafting.api.views_drafts import urlpatterns as drafts_urlpatterns
from drafting.api.views_papers import urlpatterns as papers_urlpatterns
from drafting.api.views_provisions import ProvisionViewSet
from drafting.api.views_reference import (
    ArticleViewSet,
    InstrumentViewSet,
    JurisdictionViewSet,
    ObligationViewSet,
    ProposalViewSet,
)
from drafting.api.views_search import urlpatterns as search_urlpatterns

app_name = "api"

router = SimpleRouter()
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("articles", ArticleViewSet, basename="article")
router.register("obligations", ObligationViewSet, basename="obligation")
router.register("jurisdictions", JurisdictionViewSet, basename="jurisdiction")
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("bills", BillViewSet, basename="bill")
router.register("provisions", ProvisionViewSet, basename="provision")
router.register("comments", CommentViewSet, basename="comment")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("auth/token/revoke/", RevokeView.as_view(), name="token-revoke"),
    path("auth/token/revoke-all/", RevokeAllView.as_view(), name="token-revoke-all"),
    path("schema/", SpectacularAPIView.as_view(generator_class=KeptSchemaGenerator), name="schema"),
    # Swagger UI's files come from the drf-spectacular-sidecar app (settings), never a CDN.
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *drafts_urlpatterns,  # drafts and their comparison (views_drafts.py)
    *papers_urlpatterns,  # dispositions and the 说明 (views_papers.py)
    path("", include(router.urls)),
    *search_urlpatterns,  # GET search/
    *coverage_urlpatterns,  # GET bills/{id}/coverage/ (drafting/coverage_api.py)
    # Anything else under /api/ (including ids that are not numbers) is a JSON 404, not a page.
    # [\s\S], not ".": a path with a newline in it is still answered in JSON.
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]
