"""The bad-input catalogue's machinery (no tests here): the valid base input of each path, how a case's edits
are applied to it, how the answers are read, and one runner per path that sends a case and checks the answer.

The catalogue itself is one table, tests/bad_input_cases.py:CASES; each area runs the cases of its own paths
(tests/admin/, tests/api/, tests/web/ and tests/bulk/, each in test_bad_input.py), and shows there that its
base inputs are accepted, so that a refusal is the bad value's doing.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim
from tests.bad_input_cases import CASES, MISSING, Case, Raw
from tests.factories import SEED_TEXT, ClaimFactory
from tests.helpers.seed_article import CAPACITY_PASSAGE, CNA_REUTERS, CNA_REUTERS_QUOTE, CNA_REUTERS_TITLE

# Which area runs which paths; every path of the catalogue is run by one of them.
ADMIN_PATHS = ("admin_add", "admin_change", "admin_status", "admin_get")
API_PATHS = ("api_create", "api_patch", "api_status", "api_get")
PAGE_PATHS = ("page_get",)
FILE_PATHS = ("load_claims", "backup_restore")
assert {case.path for case in CASES} <= {*ADMIN_PATHS, *API_PATHS, *PAGE_PATHS, *FILE_PATHS}


def cases_of(paths: tuple[str, ...]) -> list:
    """The catalogue's cases for these paths, as pytest parameters (ids and expected-failure marks kept)."""
    return [case.param() for case in CASES if case.path in paths]


# --- the state a refused input must leave alone -------------------------------------------------------------


def claims_tables() -> dict[str, tuple[int, str]]:
    """Every claims table (the status history, its citations and the many-to-many included): its row count
    and a digest of all its rows in primary-key order. Claim versions are in the claims rows."""
    state = {}
    for model in apps.get_app_config("claims").get_models(include_auto_created=True):
        rows = list(model._base_manager.order_by("pk").values_list())
        state[model._meta.db_table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


# --- valid base input of each path ------------------------------------------------------------------------


def base_world(claim, citation, editor) -> dict:
    """The published claim with a citation (its status is changed), a draft with no children (edited), an editor."""
    draft = ClaimFactory(
        article=claim.article,
        slug="up-to-4-5-gw",
        text=CAPACITY_PASSAGE,
        uncertainty=Claim.Uncertainty.BOUND,
        uncertainty_as_stated="jusqu’à",
    )
    return {"claim": claim, "citation": citation, "draft": draft, "editor": editor}


def quantity() -> dict:
    return {
        "measure": "capacity",
        "value": "4.5",
        "unit": "GW",
        "lower_bound": None,
        "upper_bound": "4.5",
        "qualifier": "up_to",
        "as_stated": "jusqu’à 4,5 gigawatts",
    }


def citation_fields() -> dict:
    return {
        "url": CNA_REUTERS,
        "title": CNA_REUTERS_TITLE,
        "publisher": "CNA (Reuters)",
        "published_on": "2025-07-22",
        "archived_url": "",
        "quote": CNA_REUTERS_QUOTE,
        "stance": "supports",
    }


def claim_fields() -> dict:
    return {
        "text": CAPACITY_PASSAGE,
        "text_en": "up to 4.5 gigawatts of capacity",
        "summary": "Capacity",
        "checkability": "checkable_now",
        "recheck_on": None,
    }


def api_body(world, *, patch: bool) -> dict:
    body = {
        **claim_fields(),
        "uncertainty": {"kind": "bound", "as_stated": "jusqu’à"},
        "quantities": [quantity()],
        "dates": [{"role": "starts", "value": "2027", "precision": "year", "as_stated": "2027"}],
        "citations": [citation_fields()],
    }
    if patch:
        return {**body, "version": world["draft"].version}
    return {**body, "article": world["claim"].article_id, "slug": "capacity-api"}


def admin_form(world, *, change: bool) -> dict:
    data = {
        **{name: "" if value is None else value for name, value in claim_fields().items()},
        "article": str(world["claim"].article_id),
        "start": "",
        "slug": "up-to-4-5-gw" if change else "capacity-admin",
        "attributed_to": "",
        "attribution_as_stated": "",
        "attribution_basis": "",
        "uncertainty": "bound",
        "uncertainty_as_stated": "jusqu’à",
        "visibility": "draft",
        "opened_version": str(world["draft"].version) if change else "",
    }
    inlines = {
        "quantities": {"position": "0", **{k: "" if v is None else v for k, v in quantity().items()}},
        "dates": {"position": "0", "role": "starts", "precision": "year", "year": "2027", "as_stated": "2027"},
        "citations": {**citation_fields(), "access": "read", "access_note": "", "accessed_on": ""},
    }
    for prefix, fields in inlines.items():
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0"})
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        data.update({f"{prefix}-0-{name}": value for name, value in fields.items()})
    return data


def status_body(world) -> dict:
    return {
        "status": "accurate",
        "rationale": "Reuters reports the same capacity.",
        "citations": [world["citation"].pk],
        "version": world["claim"].version,
    }


def claims_file() -> dict:
    return {
        "format": "factcheck.claims/1",
        "sources": [{"slug": "wsj", "name": "The Wall Street Journal", "kind": "outlet"}],
        "article": {
            "slug": "openai-oracle",
            "title": "OpenAI et Oracle",
            "publisher": None,
            "language": "fr",
            "published_on": "2025-09-11",
            "text": SEED_TEXT,
        },
        "claims": [
            {
                **{name: value for name, value in claim_fields().items() if value is not None},
                "slug": "capacity",
                "article": "openai-oracle",
                "attributed_to": "wsj",
                "attribution_as_stated": "Selon le Wall Street Journal",
                "uncertainty": "bound",
                "uncertainty_as_stated": "jusqu’à",
                "quantities": [quantity()],
                "dates": [{"role": "starts", "precision": "year", "value": "2027", "as_stated": "2027"}],
                "citations": [citation_fields()],
                "history": [
                    {
                        "to": "accurate",
                        "effective_at": "2025-09-11",
                        "rationale": "Matches July.",
                        "citations": [CNA_REUTERS],
                    }
                ],
            }
        ],
    }


def export_file() -> list[dict]:
    """An export holding one claim with a quantity, a date and a citation, and no history."""
    start = SEED_TEXT.index(CAPACITY_PASSAGE)
    return [
        {
            "model": "claims.source",
            "pk": 1,
            "fields": {"slug": "wsj", "name": "The Wall Street Journal", "kind": "outlet"},
        },
        {
            "model": "claims.article",
            "pk": 1,
            "fields": {
                "slug": "openai-oracle",
                "title": "OpenAI et Oracle",
                "language": "fr",
                "published_on": "2025-09-11",
                "text": SEED_TEXT,
                "created_at": "2025-09-11T08:00:00+00:00",
            },
        },
        {
            "model": "claims.claim",
            "pk": 1,
            "fields": {
                **claim_fields(),
                "article": 1,
                "slug": "capacity",
                "start": start,
                "end": start + len(CAPACITY_PASSAGE),
                "uncertainty": "bound",
                "uncertainty_as_stated": "jusqu’à",
                "status": "unverified",
                "visibility": "published",
                "version": 1,
                "created_at": "2025-09-11T09:00:00+00:00",
                "updated_at": "2025-09-11T09:00:00+00:00",
                "entities": [1],
            },
        },
        {"model": "claims.quantity", "pk": 1, "fields": {"claim": 1, **quantity()}},
        {
            "model": "claims.datemention",
            "pk": 1,
            "fields": {"claim": 1, "role": "starts", "precision": "year", "year": 2027, "as_stated": "2027"},
        },
        {"model": "claims.citation", "pk": 1, "fields": {"claim": 1, **citation_fields()}},
    ]


# --- applying a case's edits -----------------------------------------------------------------------------


def edited_json(base, edits: dict):
    document = copy.deepcopy(base)
    for location, value in edits.items():
        *parents, last = location
        target = document
        for key in parents:
            target = target[key]
        if value is MISSING:
            del target[last]
        else:
            target[last] = value
    return document


def edited_form(base: dict, edits: dict) -> dict:
    data = dict(base)
    for name, value in edits.items():
        data[name] = "" if value is None else value if isinstance(value, list) else str(value)
    return data


def edited_export(base: list[dict], edits: dict) -> list[dict]:
    objects = copy.deepcopy(base)
    for (model, field), value in edits.items():
        next(item for item in objects if item["model"] == model)["fields"][field] = value
    return objects


# --- reading the answers ---------------------------------------------------------------------------------


def admin_errors(response) -> dict:
    """Every error on a rendered admin form and its inlines, keyed `field` or `prefix-n-field`."""
    assert response.status_code == 200, f"expected the form back with errors, got {response.status_code}"
    context = response.context
    if "adminform" not in context:
        return {name: list(errors) for name, errors in context["form"].errors.items()}
    found = {name: list(errors) for name, errors in context["adminform"].form.errors.items()}
    for inline in context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            found.update({f"{form.prefix}-{name}": list(errors) for name, errors in form.errors.items()})
    return found


def api_field(response, dotted: str):
    """The API error's messages at `quantities.0.value` (list items may be keyed by index or listed)."""
    node = response.json()["error"]["fields"]
    for key in dotted.split("."):
        if isinstance(node, list) and key.isdigit():
            node = node[int(key)]
        else:
            assert isinstance(node, dict) and key in node, f"no error on {dotted}: {response.json()}"
            node = node[key]
    assert node, f"no error on {dotted}: {response.json()}"
    return node


def command_error(name: str, path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command(name, str(path))
    return str(refused.value)


# --- the runners -----------------------------------------------------------------------------------------


def run_admin_form(client, world, case: Case):
    change = case.path == "admin_change"
    url = f"/admin/claims/claim/{world['draft'].pk}/change/" if change else "/admin/claims/claim/add/"
    response = client.post(url, edited_form(admin_form(world, change=change), case.edits))
    assert case.expect in admin_errors(response), admin_errors(response)


def run_admin_status(client, world, case: Case):
    base = status_body(world)
    data = {"status": base["status"], "rationale": base["rationale"], "citations": [str(c) for c in base["citations"]]}
    data["opened_version"] = str(base["version"])
    response = client.post(f"/admin/claims/claim/{world['claim'].pk}/status/", edited_form(data, case.edits))
    assert case.expect in admin_errors(response), admin_errors(response)


def run_api(client, world, case: Case):
    if case.path == "api_create":
        url, method, base = "/api/v1/claims/", "post", api_body(world, patch=False)
    elif case.path == "api_patch":
        url, method, base = f"/api/v1/claims/{world['draft'].pk}/", "patch", api_body(world, patch=True)
    else:
        url, method, base = f"/api/v1/claims/{world['claim'].pk}/status/", "post", status_body(world)
    if isinstance(case.edits, Raw):
        response = getattr(client, method)(url, case.edits.body, content_type=case.edits.content_type)
    else:
        response = getattr(client, method)(url, edited_json(base, case.edits), format="json")
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response.json()["error"]["status"] == response.status_code
    if case.expect is not None:
        api_field(response, case.expect)


def run_get(client, case: Case):
    status, parameter = case.expect
    response = client.get(case.edits)
    assert response.status_code == status, (response.status_code, response.content[:300])
    if status == 302:
        assert not response["Location"].startswith("/admin/login/")
    if parameter is not None:
        api_field(response, parameter)


def run_load_claims(tmp_path, case: Case):
    path = tmp_path / "claims.json"
    if isinstance(case.edits, Raw):
        path.write_text(case.edits.body, encoding="utf-8")
    else:
        path.write_text(json.dumps(edited_json(claims_file(), case.edits), ensure_ascii=False), encoding="utf-8")
    message = command_error("load_claims", path)
    assert "Nothing was loaded." in message
    assert f"{path}: {case.expect}" in message or case.expect in message, message


def run_backup_restore(tmp_path, case: Case):
    path = tmp_path / "export.json"
    if isinstance(case.edits, Raw):
        path.write_text(case.edits.body, encoding="utf-8")
    else:
        path.write_text(json.dumps(edited_export(export_file(), case.edits), ensure_ascii=False), encoding="utf-8")
    message = command_error("backup_restore", path)
    assert "Nothing was imported" in message
    if isinstance(case.expect, tuple):
        # "object #4 (claims.quantity 1): value: Enter a finite number." names the row and the field.
        label, field = case.expect
        assert re.search(rf"\({re.escape(label)} [^)]*\): (.*; )?{field}\b", message), message
    else:
        assert case.expect in message, message


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client
