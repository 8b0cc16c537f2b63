"""Bad addresses and query strings on the reader pages are answered with a 4xx naming the parameter, never a
500, and leave every claims table exactly as it was. The cases are the catalogue's (tests/bad_input_cases.py);
the runner, tests/helpers/bad_input.py."""

import pytest
from django.test import Client

from tests.helpers.bad_input import PAGE_PATHS, Case, base_world, cases_of, claims_tables, run_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(claim, citation, editor) -> dict:
    return base_world(claim, citation, editor)


@pytest.mark.parametrize("case", cases_of(PAGE_PATHS))
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(world, case: Case):
    before = claims_tables()
    client = Client(raise_request_exception=True)
    client.force_login(world["editor"])
    run_get(client, case)
    assert claims_tables() == before
