"""The site's addresses: the admin, the API under /api/v1/, the reader site; and the error answers Django
gives itself (JSON under /api/, pages elsewhere: factcheck.errors)."""

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

handler400 = "factcheck.errors.bad_request"
handler403 = "factcheck.errors.permission_denied"
handler404 = "factcheck.errors.page_not_found"
handler500 = "factcheck.errors.server_error"
