"""The API's root: where everything is (the reader site's footer links here)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def api_root(request):
    def link(name: str) -> str:
        return request.build_absolute_uri(reverse(f"api:{name}"))

    return Response(
        {
            "claims": link("claim-list"),
            "articles": link("article-list"),
            "sources": link("source-list"),
            "statuses": link("status-list"),
            "claimreview_feed": link("claimreview-feed"),
            "schema": link("schema"),
            "docs": link("docs"),
        }
    )
