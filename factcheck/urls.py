from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "factcheck editors"
admin.site.site_title = "factcheck"
admin.site.index_title = "Claims, verdicts and citations"
# The index leads editors to their queue and to taking an article in.
admin.site.index_template = "admin/factcheck_index.html"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls")),
    path("", include("claims.web.urls")),
]
