"""Reader pages."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from claims.web import views
from claims.web.feeds import ChangesFeed
from claims.web.sitemaps import SITEMAPS

app_name = "claims"
urlpatterns = [
    path("", views.home, name="home"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim-detail"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
    path("changes/", views.changes, name="changes"),
    path("changes/feed/", ChangesFeed(), name="changes-feed"),
    path("statuses.css", views.status_styles, name="status-styles"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
