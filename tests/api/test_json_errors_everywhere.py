"""Under /api/, even the answers Django gives itself keep the API's one JSON error shape: an unhandled
exception (500), a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413), and requests Django refuses before any view
(400). Elsewhere Django's own pages stay."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from claims.api.views.catalogue import StatusViewSet
from tests.api.support import API, client_for, error_of


@pytest.fixture
def crashing_scale(monkeypatch):
    def crash(self, request, *args, **kwargs):
        raise RuntimeError("a bug in a view")

    monkeypatch.setattr(StatusViewSet, "list", crash)


def test_an_unhandled_exception_under_the_api_is_a_json_500(db, crashing_scale):
    response = Client(raise_request_exception=False).get(f"{API}statuses/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    error = error_of(response)
    assert error["code"] == "server_error"
    assert "a bug in a view" not in response.content.decode()  # nothing of the inside is shown


@pytest.mark.parametrize("persona", [None, "editor"])
def test_a_body_over_the_upload_limit_is_a_json_413_before_anything_reads_it(db, settings, persona, request):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    client = client_for(request.getfixturevalue(persona) if persona else None)
    body = json.dumps({"text": "x" * 3000})

    response = client.post(f"{API}claims/", body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "body_too_large"


def test_a_body_within_the_limit_is_read_as_before(db, settings, editor):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = client_for(editor).post(f"{API}claims/", {"text": "x"}, format="json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid"


def test_a_host_the_site_does_not_serve_is_a_json_400_under_the_api(db):
    response = Client().get(f"{API}claims/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "bad_request"


def test_more_query_fields_than_django_reads_is_a_json_400(db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"status=accurate&n{n}=1" for n in range(20))

    response = Client(raise_request_exception=False).get(f"{API}claims/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == "bad_request"


def test_an_address_under_the_api_outside_v1_is_the_json_404(db):
    response = Client().get("/api/v2/claims/")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_the_reader_site_keeps_django_s_pages(db):
    assert Client().get("/claims/", HTTP_HOST="attacker.example")["Content-Type"].startswith("text/html")
    assert Client().get("/no-such-page/")["Content-Type"].startswith("text/html")
