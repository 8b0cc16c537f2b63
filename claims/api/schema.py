"""What the OpenAPI schema says that the code does not: the error shape, the conditional headers, and the
documentation of the read-only viewsets, written once."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": True,
        "description": "Field name -> list of messages (nested objects and lists follow the request's shape).",
    }
)
class FieldErrors(serializers.JSONField):
    pass


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(help_text="Stable machine-readable code: invalid, stale_version, not_found ...")
    detail = serializers.CharField(help_text="A sentence for people.")
    fields = FieldErrors(required=False, help_text="For 400: the messages for each field.")
    current_version = serializers.IntegerField(required=False, help_text="For stale_version: the claim's version now.")


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorSerializer, description=description)


ERRORS = {
    400: _error("Invalid input: `fields` names each field in error."),
    401: _error("Not authenticated: send `Authorization: Token <key>`."),
    403: _error("Your role may not do this."),
    404: _error("Not found (or a draft you may not see)."),
    405: _error("Method not allowed."),
    406: _error("Not acceptable: ask for application/json (or text/csv on the claims list)."),
    409: _error("Stale version or a transition the workflow refuses."),
    415: _error("Send application/json."),
    429: _error("Too many requests: see Retry-After."),
}
ERRORS_READ = {code: ERRORS[code] for code in (400, 401, 403, 404, 405, 406, 429)}
ERRORS_WRITE = {code: ERRORS[code] for code in (400, 401, 403, 404, 405, 406, 409, 415, 429)}

CONDITIONAL_HEADERS = [
    OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, description="An ETag you hold."),
]
IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, description="The claim's ETag (or version) you read."
)
LIST_PARAMETERS = [
    OpenApiParameter(
        "format", OpenApiTypes.STR, enum=["json", "csv"], description="csv: every matching claim, one row each."
    ),
]
NOT_MODIFIED = OpenApiResponse(description="Not modified.")


def read_docs(serializer, detail_serializer=None, summary=""):
    """The list and one-item reads of a read-only viewset, for extend_schema_view()."""
    return dict(
        list=extend_schema(
            summary=f"{summary}: list",
            parameters=CONDITIONAL_HEADERS,
            responses={200: serializer(many=True), 304: NOT_MODIFIED, **ERRORS_READ},
        ),
        retrieve=extend_schema(
            summary=f"{summary}: one",
            parameters=CONDITIONAL_HEADERS,
            responses={200: detail_serializer or serializer, 304: NOT_MODIFIED, **ERRORS_READ},
        ),
    )
