"""The OpenAPI schema validates with warnings as failures, the interactive docs are served by the app
itself, and Schemathesis finds no server error and no response that breaks the schema, writes included."""

from __future__ import annotations

import json
import re

import pytest
import schemathesis
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from claims.services.status import claim_change_status
from tests.api.support import API
from tests.helpers.seed_article import add_broadcom_claim, add_capacity_claim, add_start_date


def test_the_schema_validates_with_warnings_as_failures(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert text.startswith("openapi: 3.")
    for path in ("/api/v1/claims/{id}/status/", "/api/v1/claimreview/feed/", "/api/v1/statuses/"):
        assert f"{path}:" in text


def test_the_schema_and_the_docs_are_served_without_another_host(db, client):
    schema = client.get(f"{API}schema/", {"format": "json"})
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")

    docs = client.get(f"{API}docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses, html
    for address in addresses:
        assert not re.match(r"^(https?:)?//", address) or address.startswith("http://testserver/"), address
    assert "swagger-ui-bundle.js" in html
    for address in addresses:
        if address.startswith("/static/"):
            asset = client.get(address)
            assert asset.status_code == 200, address
            b"".join(asset.streaming_content) if asset.streaming else asset.content


# -------------------------------------------------------------------------------------------- fuzzing


def _load_schema():
    """The schema as the app generates it (no database needed), bound to the app for in-process calls."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(generated, cls=DjangoJSONEncoder)))
    loaded.app = get_wsgi_application()
    return loaded


SCHEMA = _load_schema()
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations()}
# Examples per operation, mode and target: the whole run stays under a minute per database.
EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def keep_the_test_connection():
    """Calls go through the real WSGI handler, whose request signals would close the database connection
    (and with it the test's transaction on PostgreSQL); Django's own test client detaches them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def data(db, keep_the_test_connection, article, claim, citation, editor):
    """Something to read and write: published claims with a verdict and history, and a draft."""
    add_start_date(claim)
    claim_change_status(
        claim=claim,
        to_status="accurate",
        rationale="Reports agree.",
        by=editor,
        citations=[citation],
        expected_version=1,
    )
    add_capacity_claim(article)
    add_broadcom_claim(article)
    return {
        "claim": claim,
        "token": Token.objects.create(user=editor).key,
        "contributor_token": Token.objects.create(user=_staff("cora-contributor", "contributors")).key,
    }


def _staff(username: str, group: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


# The scale's endpoints take no query and no body, and Schemathesis spends seconds failing to invent an
# invalid request for them; their 404s for unknown codes are covered by the valid mode.
NOTHING_TO_BREAK = {"GET /api/v1/statuses/", "GET /api/v1/statuses/{code}/"}
CASES = [
    (label, mode)
    for label in sorted(OPERATIONS)
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if not (mode == GenerationMode.NEGATIVE and label in NOTHING_TO_BREAK)
]


@pytest.mark.parametrize("label,mode", CASES, ids=[f"{label}-{mode.value}" for label, mode in CASES])
def test_the_api_never_errs_and_never_breaks_its_schema(data, label, mode):
    operation = OPERATIONS[label]
    pinned = {"id": data["claim"].pk} if "{id}" in operation.path and "/claims/" in operation.path else None
    strategies = [operation.as_strategy(generation_mode=mode)]
    if pinned and mode == GenerationMode.POSITIVE:
        # Random ids mostly miss: also aim at an existing claim so that its reads and writes are exercised.
        strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=pinned))

    for strategy in strategies:

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(headers={"Authorization": f"Token {data['token']}"}, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            # Nothing in this operation can be made invalid (no parameter or body to break): no case to run.
            assert mode == GenerationMode.NEGATIVE


@pytest.mark.parametrize("persona", ["anonymous", "contributor"])
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_the_api_never_errs_for_other_roles_either(data, label, persona):
    """The same, for an anonymous client (401s, throttling, drafts hidden) and a contributor (403 for
    verdicts): valid requests only, which reach the role checks rather than stop at a 400."""
    operation = OPERATIONS[label]
    headers = {} if persona == "anonymous" else {"Authorization": f"Token {data['contributor_token']}"}
    pinned = {"id": data["claim"].pk} if "{id}" in operation.path and "/claims/" in operation.path else {}
    strategy = operation.as_strategy(generation_mode=GenerationMode.POSITIVE, path_parameters=pinned or None)

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()
