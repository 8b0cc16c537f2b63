"""Bad claims files (`load_claims`) and bad export files (`backup_restore`) are refused with a command error
naming the JSON path or the row and field, and leave every claims table exactly as it was. The cases are the
catalogue's (tests/bad_input_cases.py); the runners, tests/helpers/bad_input.py."""

import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from claims.models import Claim
from tests.helpers.bad_input import (
    FILE_PATHS,
    Case,
    cases_of,
    claims_file,
    claims_tables,
    export_file,
    run_backup_restore,
    run_load_claims,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", cases_of(FILE_PATHS))
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(tmp_path, case: Case):
    # An import needs an empty database: no personas, no claims.
    before = claims_tables()
    (run_load_claims if case.path == "load_claims" else run_backup_restore)(tmp_path, case)
    assert claims_tables() == before


# --- the base inputs are valid: each refusal above is the bad value's doing ----------------------------------


def test_the_base_files_load(db, tmp_path):
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps(claims_file(), ensure_ascii=False), encoding="utf-8")
    call_command("load_claims", str(claims))
    claim = Claim.objects.get(slug="capacity")
    assert (claim.quantities.count(), claim.dates.count(), claim.citations.count(), claim.history.count()) == (
        1,
        1,
        1,
        1,
    )


def test_the_base_export_imports(db, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_file(), ensure_ascii=False), encoding="utf-8")
    assert not User.objects.exists()
    call_command("backup_restore", str(path))
    claim = Claim.objects.get(slug="capacity")
    assert (claim.quantities.count(), claim.dates.count(), claim.citations.count()) == (1, 1, 1)
