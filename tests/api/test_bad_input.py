"""Bad input through the API (claims with nested quantities, dates and citations; status changes; query
strings and ids) is refused with a 4xx in the one error shape naming the field, never a 500, and leaves every
claims table exactly as it was. The cases are the catalogue's (tests/bad_input_cases.py); the runners,
tests/helpers/bad_input.py."""

import pytest

from tests.helpers.bad_input import (
    API_PATHS,
    Case,
    api_body,
    base_world,
    cases_of,
    claims_tables,
    run_api,
    run_get,
    status_body,
    token_client,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(claim, citation, editor) -> dict:
    return base_world(claim, citation, editor)


@pytest.mark.parametrize("case", cases_of(API_PATHS))
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(world, case: Case):
    before = claims_tables()
    client = token_client(world["editor"])
    run_get(client, case) if case.path == "api_get" else run_api(client, world, case)
    assert claims_tables() == before


# --- the base inputs are valid: each refusal above is the bad value's doing ----------------------------------


def test_the_base_api_bodies_are_accepted(world):
    client = token_client(world["editor"])
    created = client.post("/api/v1/claims/", api_body(world, patch=False), format="json")
    assert created.status_code == 201, created.content
    patched = client.patch(f"/api/v1/claims/{world['draft'].pk}/", api_body(world, patch=True), format="json")
    assert patched.status_code == 200, patched.content
    changed = client.post(f"/api/v1/claims/{world['claim'].pk}/status/", status_body(world), format="json")
    assert changed.status_code == 200, changed.content
