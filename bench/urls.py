"""The benchmark's urlconf (ROOT_URLCONF=bench.urls): the whole site plus the bare-Django baseline."""

from django.urls import include, path

from bench import baseline

urlpatterns = [
    path("bench/baseline/claims/", baseline.claim_list),
    path("bench/baseline/claims/<int:pk>/", baseline.claim_detail),
    path("bench/baseline/claims/<int:pk>/history/", baseline.claim_history),
    path("", include("factcheck.urls")),
]
