"""The REST API under /api/v1/ (see docs/api.md)."""

from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from claims.api.errors import not_found
from claims.api.views.articles import ArticleViewSet
from claims.api.views.catalogue import SourceViewSet, StatusViewSet
from claims.api.views.claims import ClaimViewSet
from claims.api.views.feed import ClaimReviewFeedView
from claims.api.views.root import api_root

app_name = "api"

router = SimpleRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("articles", ArticleViewSet, basename="article")
router.register("sources", SourceViewSet, basename="source")
router.register("statuses", StatusViewSet, basename="status")

urlpatterns = [
    path("", api_root, name="root"),
    *router.urls,
    path("claimreview/feed/", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from drf_spectacular_sidecar's static files, with its start-up script served as a file
    # (no inline script, no other host). Swagger UI writes inline styles as it renders, so this page
    # alone allows them; scripts stay 'self' only.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    # Anything else under /api/v1/ ending in a slash: the API's JSON 404. (Without the slash, Django's
    # APPEND_SLASH redirect comes first.)
    re_path(r"^(?:[\s\S]*/)?$", not_found),
]
