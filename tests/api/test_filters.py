"""The claims list's filters, alone and combined, their 400s, and the CSV export that shares them."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from claims.models import Claim, DateMention, Quantity, Source
from claims.services.claims import claim_update
from claims.services.status import claim_change_status
from tests.api.support import API, client_for, error_of
from tests.helpers.seed_article import add_broadcom_claim, add_capacity_claim, add_start_date


@pytest.fixture
def claims(article, claim, citation, editor, status):
    """starts: accurate, attributed to the WSJ, a 2027 start date. capacity: 4.5 GW, unverified.
    broadcom: 10 billion USD, about Broadcom, checkable later (re-check 2026-01-01), published here."""
    add_start_date(claim)
    claim_change_status(
        claim=claim,
        to_status=status("accurate"),
        rationale="Two reports agree.",
        by=editor,
        citations=[citation],
        expected_version=claim.version,
    )
    return {
        "starts": claim,
        "capacity": add_capacity_claim(article),
        "broadcom": add_broadcom_claim(article, visibility=Claim.Visibility.PUBLISHED),
    }


def ids(client, **params) -> set[int]:
    response = client.get(f"{API}claims/", params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return {row["id"] for row in body["results"]}


def pks(claims, *names) -> set[int]:
    return {claims[name].pk for name in names}


def test_status_and_normalized_class(claims, client):
    assert ids(client, status="accurate") == pks(claims, "starts")
    assert ids(client, status=["accurate", "unverified"]) == pks(claims, "starts", "capacity", "broadcom")
    assert ids(client, normalized="true") == pks(claims, "starts")
    assert ids(client, normalized="other") == pks(claims, "capacity", "broadcom")


def test_article_entity_and_attributed_source(claims, client, article, wsj):
    broadcom = Source.objects.get(slug="broadcom")
    assert ids(client, article=article.pk) == pks(claims, "starts", "capacity", "broadcom")
    assert ids(client, entity=broadcom.pk) == pks(claims, "broadcom")
    assert ids(client, attributed_to=wsj.pk) == pks(claims, "starts")


def test_uncertainty_and_checkability(claims, client):
    assert ids(client, uncertainty="bound") == pks(claims, "capacity")
    assert ids(client, uncertainty=["bound", "reported"]) == pks(claims, "capacity", "broadcom")
    assert ids(client, checkability="checkable_later") == pks(claims, "broadcom")


def test_unit_and_an_amount_range_within_the_unit(claims, client):
    assert ids(client, unit="GW") == pks(claims, "capacity")
    assert ids(client, unit="USD", amount_min="1000000000") == pks(claims, "broadcom")
    assert ids(client, unit="USD", amount_max="1000000000") == set()
    assert ids(client, unit="GW", amount_min="4", amount_max="5") == pks(claims, "capacity")
    # The range applies to the quantity in that unit, not to any quantity of the claim.
    assert ids(client, unit="GW", amount_min="1000000000") == set()


def test_a_claim_with_two_matching_quantities_is_listed_once(claims, client):
    Quantity.objects.create(
        claim=claims["capacity"], position=1, measure="capacity", value=4, unit="GW", as_stated="4 GW"
    )
    response = client.get(f"{API}claims/", {"unit": "GW"}).json()
    assert response["count"] == 1


def test_mentioned_date_range_overlaps_the_stated_precision(claims, client):
    # 'en 2027' (year precision) covers 2027-01-01 to 2027-12-31.
    assert ids(client, date_from="2027-06-01") == pks(claims, "starts")
    assert ids(client, date_to="2027-01-01") == pks(claims, "starts")
    assert ids(client, date_from="2027-03-01", date_to="2027-03-31") == pks(claims, "starts")
    assert ids(client, date_from="2028-01-01") == set()
    assert ids(client, date_to="2026-12-31") == set()
    DateMention.objects.create(
        claim=claims["capacity"], role="event", precision="quarter", year=2026, month=10, as_stated="fin 2026"
    )
    assert ids(client, date_from="2026-12-31", date_to="2026-12-31") == pks(claims, "capacity")
    assert ids(client, date_from="2026-09-30", date_to="2026-09-30") == set()


def test_updated_since_gives_what_changed_for_an_incremental_sync(claims, client, contributor):
    mark = timezone.now()
    assert ids(client, updated_since=mark.isoformat()) == set()
    claim_update(
        claim=claims["capacity"],
        by=contributor,
        expected_version=1,
        data={"summary": "4.5 GW"},
        reason="A clearer title.",
    )
    assert ids(client, updated_since=mark.isoformat()) == pks(claims, "capacity")
    assert ids(client, updated_since="2000-01-01") == pks(claims, "starts", "capacity", "broadcom")


def test_recheck_due(claims, client):
    assert ids(client, recheck_due="true") == pks(claims, "broadcom")  # due since 2026-01-01
    assert ids(client, recheck_due="false") == pks(claims, "starts", "capacity")
    Claim.objects.filter(pk=claims["broadcom"].pk).update(recheck_on=timezone.localdate() + dt.timedelta(days=1))
    assert ids(client, recheck_due="true") == set()


def test_search_finds_words_as_stated_and_in_english(claims, client):
    assert ids(client, search="gigawatts") == pks(claims, "capacity")
    assert ids(client, search="Broadcom contract") == pks(claims, "broadcom")
    assert ids(client, search="partnership") == pks(claims, "starts")
    assert ids(client, search="démarre") == pks(claims, "starts")


def test_filters_combine(claims, client, wsj):
    assert ids(client, status="unverified", unit="USD") == pks(claims, "broadcom")
    assert ids(client, attributed_to=wsj.pk, normalized="false") == set()
    assert ids(client, checkability="checkable_now", search="gigawatts", uncertainty="bound") == pks(claims, "capacity")


def test_ordering(claims, client):
    rows = client.get(f"{API}claims/", {"ordering": "id"}).json()["results"]
    assert [row["id"] for row in rows] == sorted(pks(claims, "starts", "capacity", "broadcom"))
    rows = client.get(f"{API}claims/", {"ordering": "-id"}).json()["results"]
    assert [row["id"] for row in rows] == sorted(pks(claims, "starts", "capacity", "broadcom"), reverse=True)
    # Default: most recently changed first.
    claim_change_status(claim=claims["capacity"], to_status="in_review", rationale="Checking.", by=None)
    assert client.get(f"{API}claims/").json()["results"][0]["id"] == claims["capacity"].pk


@pytest.mark.parametrize(
    "params,field",
    [
        ({"status": "nonsense"}, "status"),
        ({"normalized": "maybe"}, "normalized"),
        ({"article": "999999999"}, "article"),
        ({"article": "abc"}, "article"),
        ({"entity": "99999999999999999999999"}, "entity"),
        ({"attributed_to": "-1"}, "attributed_to"),
        ({"uncertainty": "vague"}, "uncertainty"),
        ({"checkability": "sometimes"}, "checkability"),
        ({"unit": "furlong"}, "unit"),
        ({"amount_min": "5"}, "amount_min"),
        ({"amount_max": "5"}, "amount_max"),
        ({"unit": "USD", "amount_min": "abc"}, "amount_min"),
        ({"unit": "USD", "amount_min": "NaN"}, "amount_min"),
        ({"unit": "USD", "amount_min": "1e999999"}, "amount_min"),
        ({"unit": "USD", "amount_min": "-1"}, "amount_min"),
        ({"unit": "USD", "amount_min": "10", "amount_max": "5"}, "amount_max"),
        ({"date_from": "2025-02-30"}, "date_from"),
        ({"date_from": "2027-01-01", "date_to": "2026-01-01"}, "date_to"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"updated_since": "0001-01-01T00:00:00+14:00"}, "updated_since"),
        ({"updated_since": "9999-12-31T23:59:59-14:00"}, "updated_since"),
        ({"recheck_due": "perhaps"}, "recheck_due"),
        ({"ordering": "text"}, "ordering"),
        ({"search": "a\x00b"}, "search"),
        ({"visibility": "secret"}, "visibility"),
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_it(claims, client, params, field):
    response = client.get(f"{API}claims/", params)
    assert response.status_code == 400, response.content
    error = error_of(response)
    assert error["code"] == "invalid"
    assert field in error["fields"]


# ----------------------------------------------------------------------------------------------- CSV


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_csv_has_one_row_per_claim_with_its_main_quantity_and_date(claims, client):
    rows = read_csv(client.get(f"{API}claims/", {"format": "csv", "ordering": "id"}))

    assert [int(row["id"]) for row in rows] == sorted(pks(claims, "starts", "capacity", "broadcom"))
    starts, capacity, broadcom = rows
    assert list(starts)[:4] == ["id", "url", "article_id", "article_title"]
    assert starts["url"] == f"http://testserver/claims/{claims['starts'].slug}/"
    assert (starts["status"], starts["status_label"]) == ("accurate", "Accurate")
    assert (starts["date_role"], starts["date_value"], starts["date_precision"]) == ("starts", "2027", "year")
    assert starts["quantity_value"] == ""
    assert starts["text"] == "ce partenariat démarre en 2027"
    assert (capacity["quantity_value"], capacity["quantity_unit"], capacity["quantity_qualifier"]) == (
        "4.5000",
        "GW",
        "up_to",
    )
    assert capacity["quantity_as_stated"] == "jusqu’à 4,5 gigawatts"
    assert (broadcom["quantity_value"], broadcom["recheck_on"]) == ("10000000000.0000", "2026-01-01")
    assert starts["citations"] == "1"


def test_the_csv_takes_the_same_filters(claims, client):
    rows = read_csv(client.get(f"{API}claims/", {"format": "csv", "unit": "USD"}))
    assert [int(row["id"]) for row in rows] == [claims["broadcom"].pk]
    bad = client.get(f"{API}claims/", {"format": "csv", "unit": "furlong"})
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/json"
    assert "unit" in error_of(bad)["fields"]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_made_text(claims, client, contributor):
    for formula in ('=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)"):
        claim_update(
            claim=Claim.objects.get(pk=claims["capacity"].pk),
            by=contributor,
            expected_version=None,
            data={"summary": formula},
            reason="A title a spreadsheet would run.",
        )
        [row] = read_csv(client.get(f"{API}claims/", {"format": "csv", "unit": "GW"}))
        assert row["summary"] == "'" + formula


def test_the_csv_is_not_paginated(claims, client):
    rows = read_csv(client.get(f"{API}claims/", {"format": "csv", "page_size": 1}))
    assert len(rows) == 3


def test_drafts_reach_the_csv_only_for_roles_that_see_them(claims, article, client, editor):
    draft = add_broadcom_claim(article, slug="broadcom-draft")
    assert draft.visibility == "draft"
    assert len(read_csv(client.get(f"{API}claims/", {"format": "csv"}))) == 3
    rows = read_csv(client_for(editor).get(f"{API}claims/", {"format": "csv", "visibility": "draft"}))
    assert [int(row["id"]) for row in rows] == [draft.pk]
