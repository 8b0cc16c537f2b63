"""Bad input through the admin (the claim's add and change forms with their inlines, the status form, admin
addresses) is refused with a form error naming the field, never a 500, and leaves every claims table exactly
as it was. The cases are the catalogue's (tests/bad_input_cases.py); the runners, tests/helpers/bad_input.py."""

import pytest
from django.test import Client

from claims.models import Claim
from tests.helpers.bad_input import (
    ADMIN_PATHS,
    Case,
    admin_errors,
    admin_form,
    base_world,
    cases_of,
    claims_tables,
    run_admin_form,
    run_admin_status,
    run_get,
)
from tests.helpers.seed_article import CNA_REUTERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(claim, citation, editor) -> dict:
    return base_world(claim, citation, editor)


@pytest.mark.parametrize("case", cases_of(ADMIN_PATHS))
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(world, case: Case):
    before = claims_tables()
    client = Client(raise_request_exception=True)
    client.force_login(world["editor"])
    if case.path == "admin_get":
        run_get(client, case)
    elif case.path == "admin_status":
        run_admin_status(client, world, case)
    else:
        run_admin_form(client, world, case)
    assert claims_tables() == before


# --- the base inputs are valid: each refusal above is the bad value's doing ----------------------------------


def test_the_base_admin_forms_are_accepted(world, client):
    client.force_login(world["editor"])
    added = client.post("/admin/claims/claim/add/", admin_form(world, change=False))
    assert added.status_code == 302, admin_errors(added)
    changed = client.post(f"/admin/claims/claim/{world['draft'].pk}/change/", admin_form(world, change=True))
    assert changed.status_code == 302, admin_errors(changed)
    assert Claim.objects.get(slug="capacity-admin").quantities.count() == 1
    assert world["draft"].citations.get().url == CNA_REUTERS
    data = {"status": "accurate", "rationale": "Reuters agrees.", "citations": [str(world["citation"].pk)]}
    data["opened_version"] = str(world["claim"].version)
    status = client.post(f"/admin/claims/claim/{world['claim'].pk}/status/", data)
    assert status.status_code == 302, admin_errors(status)
