"""One error shape for every 4xx answer of the API, and the place where domain errors become statuses.

    {"error": {"status": 409, "code": "stale_version", "detail": "...", "fields": {...}}}

`fields` is present for validation errors only: field name -> list of messages (nested for nested
objects; items of a list are keyed by their index: {"quantities": {"1": {"value": ["..."]}}}).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from claims.api.renderers import JSONRenderer
from claims.services.status import TransitionNotAllowed
from claims.services.versions import StaleVersion


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "The request conflicts with the claim's current state."


def django_validation_to_drf(exc: DjangoValidationError) -> exceptions.ValidationError:
    """Django's ValidationError keyed by field -> DRF's, so both paths share messages and shape."""
    if hasattr(exc, "error_dict"):
        detail = {
            ("non_field_errors" if name == "__all__" else name): messages for name, messages in exc.message_dict.items()
        }
    else:
        detail = {"non_field_errors": exc.messages}
    return exceptions.ValidationError(detail)


def _translate(exc: Exception) -> Exception:
    if isinstance(exc, StaleVersion):
        conflict = Conflict(str(exc), code="stale_version")
        conflict.current_version = exc.current.version
        return conflict
    if isinstance(exc, TransitionNotAllowed):
        # The request asks for a status the workflow does not allow from here: a fault of its `status`
        # field (400), not a conflict with someone else's change (409 is for stale versions only).
        return exceptions.ValidationError({"status": [str(exc)]})
    if isinstance(exc, DjangoValidationError):
        return django_validation_to_drf(exc)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        for value in detail.values():
            return _first_message(value)
    if isinstance(detail, list):
        for value in detail:
            message = _first_message(value)
            if message:
                return message
        return ""
    return str(detail)


def error_body(*, status_code: int, code: str, detail: str, fields=None, **extra) -> dict:
    body = {"status": status_code, "code": code, "detail": detail}
    if fields is not None:
        body["fields"] = fields
    body.update(extra)
    return {"error": body}


def exception_handler(exc, context):
    exc = _translate(exc)
    if not isinstance(exc, exceptions.APIException):
        return None  # a real bug: let Django log it and answer 500

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body = error_body(
            status_code=exc.status_code,
            code="invalid",
            detail=_first_message(fields) or "Invalid input.",
            fields=fields,
        )
    else:
        extra = {}
        if hasattr(exc, "current_version"):
            extra["current_version"] = exc.current_version
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
        body = error_body(status_code=exc.status_code, code=code, detail=str(exc.detail), **extra)

    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)


@csrf_exempt  # nothing to protect, and a POST to a wrong address must get this 404, not the CSRF page
def not_found(request, *args, **kwargs):
    """Any address under /api/v1/ that names nothing: the API's 404, not the reader site's HTML page."""
    return JsonResponse(
        error_body(status_code=404, code="not_found", detail="No API endpoint at this address."), status=404
    )


class JSONErrorsMixin:
    # Errors are JSON even when the client asked for CSV, so that they keep the one error shape. (A comment,
    # not a docstring: the views' docstrings are their descriptions in the OpenAPI schema.)

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
