"""What the API tests share (no tests here): the API's root address, clients for the personas, and the one
error shape every refusal answers with."""

from __future__ import annotations

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

API = "/api/v1/"


def client_for(user=None) -> APIClient:
    """An API client sending the user's token (anonymous without a user)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def error_of(response) -> dict:
    """The API's one error shape; asserts it is there."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    assert body["error"]["code"] and body["error"]["detail"]
    return body["error"]
