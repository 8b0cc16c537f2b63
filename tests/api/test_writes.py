"""Writes: who may do what (anonymous, outsider, contributor, editor x each method), claims created and
edited with their quantities, dates and citations through the services, status changes, stale versions,
and bad input that leaves the database as it was."""

from __future__ import annotations

import pytest

from claims.models import Citation, Claim, DateMention, Quantity, StatusChange
from claims.services.status import claim_change_status
from tests.api.support import API, client_for, error_of
from tests.factories import SEED_TEXT
from tests.helpers.seed_article import CNA_REUTERS, TECHSPOT, add_broadcom_claim, passage


def new_claim_body(article, /, **overrides) -> dict:
    body = {
        "article": article.pk,
        **{k: v for k, v in passage("jusqu’à 4,5 gigawatts de capacité").items() if k != "end"},
        "text_en": "up to 4.5 gigawatts of capacity",
        "uncertainty": {"kind": "bound", "as_stated": "jusqu’à"},
        "quantities": [
            {
                "measure": "capacity",
                "value": "4.5",
                "unit": "GW",
                "upper_bound": "4.5",
                "qualifier": "up_to",
                "as_stated": "jusqu’à 4,5 gigawatts",
            }
        ],
        "dates": [{"role": "starts", "value": "2027", "precision": "year", "as_stated": "2027"}],
        "citations": [
            {
                "url": CNA_REUTERS,
                "title": "Oracle, OpenAI add 4.5 gigawatts of data center capacity to Stargate venture",
                "publisher": "CNA (Reuters)",
                "published_on": "2025-07-22",
                "quote": "Oracle and OpenAI plan to develop 4.5 gigawatts of additional data center capacity",
                "stance": "supports",
            }
        ],
    }
    body.update(overrides)
    return body


def snapshot() -> tuple:
    """Everything a write could touch, to show a refused write changed nothing."""
    return (
        list(Claim.objects.order_by("pk").values()),
        list(Quantity.objects.order_by("pk").values()),
        list(DateMention.objects.order_by("pk").values()),
        list(Citation.objects.order_by("pk").values()),
        StatusChange.objects.count(),
    )


# ------------------------------------------------------------------------------ role x method matrix


@pytest.fixture
def personas(contributor, editor, outsider):
    return {"anonymous": None, "outsider": outsider, "contributor": contributor, "editor": editor}


EXPECTED = {
    # method on endpoint: status for anonymous, outsider, contributor, editor
    "create": (401, 403, 201, 201),
    "patch": (401, 403, 200, 200),
    "put": (401, 405, 405, 405),
    "review": (401, 403, 200, 200),
    "verdict": (401, 403, 403, 200),
    "delete": (401, 405, 405, 405),
    "post_article": (401, 403, 201, 201),  # intake: a new article in, with its candidate claims
}


@pytest.mark.parametrize("operation", list(EXPECTED))
@pytest.mark.parametrize("persona_index,persona", list(enumerate(["anonymous", "outsider", "contributor", "editor"])))
def test_each_role_gets_the_expected_status_for_each_write(
    operation, persona_index, persona, personas, article, claim, citation
):
    api = client_for(personas[persona])
    url = f"{API}claims/{claim.pk}/"
    requests = {
        "create": lambda: api.post(f"{API}claims/", new_claim_body(article), format="json"),
        "patch": lambda: api.patch(
            url, {"text_en": "it starts in 2027", "version": 1, "reason": "Closer to the French."}, format="json"
        ),
        "put": lambda: api.put(url, {"summary": "x", "version": 1}, format="json"),
        "review": lambda: api.post(
            f"{url}status/", {"status": "in_review", "rationale": "Checking it.", "version": 1}, format="json"
        ),
        "verdict": lambda: api.post(
            f"{url}status/",
            {"status": "accurate", "rationale": "Reports agree.", "citations": [citation.pk], "version": 1},
            format="json",
        ),
        "delete": lambda: api.delete(url),
        "post_article": lambda: api.post(
            f"{API}articles/", {"title": "x", "text": SEED_TEXT, "published_on": "2025-09-12"}, format="json"
        ),
    }
    response = requests[operation]()
    expected = EXPECTED[operation][persona_index]
    assert response.status_code == expected, response.content
    if expected >= 400:
        error_of(response)
    if expected == 401:
        assert response["WWW-Authenticate"] == "Token"


# ------------------------------------------------------------------------------------------ create


def test_a_contributor_creates_a_draft_claim_with_its_children(contributor, article):
    response = client_for(contributor).post(f"{API}claims/", new_claim_body(article), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    claim = Claim.objects.get(pk=body["id"])
    assert response["Location"] == f"/api/v1/claims/{claim.pk}/"
    assert (claim.visibility, claim.status_id, claim.version) == ("draft", "unverified", 1)
    assert (claim.start, claim.end) == (passage(claim.text)["start"], passage(claim.text)["end"])
    assert claim.slug == "up-to-45-gigawatts-of-capacity"
    assert claim.created_by == contributor
    assert body["quantities"][0]["value"] == "4.5000"
    assert body["dates"] == [{"role": "starts", "value": "2027", "precision": "year", "as_stated": "2027"}]
    assert claim.citations.get().publisher == "CNA (Reuters)"


def test_the_passage_is_found_when_no_offset_is_given(contributor, article):
    body = new_claim_body(article)
    del body["start"]
    response = client_for(contributor).post(f"{API}claims/", body, format="json")
    assert response.status_code == 201
    assert response.json()["start"] == passage("jusqu’à 4,5 gigawatts de capacité")["start"]


def test_only_editors_create_a_published_claim(contributor, editor, article):
    body = new_claim_body(article, visibility="published")
    before = snapshot()
    refused = client_for(contributor).post(f"{API}claims/", body, format="json")
    assert refused.status_code == 403
    assert error_of(refused)["detail"] == "Only editors may publish a claim."
    assert snapshot() == before

    assert client_for(editor).post(f"{API}claims/", body, format="json").json()["visibility"] == "published"


@pytest.mark.parametrize(
    "change,field,message",
    [
        (
            {"text": "pas dans l'article"},
            "text",
            "This passage does not occur in the article's text; quote it exactly.",
        ),
        (
            {"uncertainty": {"kind": "bound", "as_stated": ""}},
            "uncertainty",
            "Give the words that express this uncertainty, as stated.",
        ),
        (
            {"checkability": "checkable_later"},
            "recheck_on",
            "A claim checkable only later needs a re-check date.",
        ),
        (
            {"attribution_basis": "people familiar with the matter"},
            "attributed_to",
            "Name the source before saying how it knew.",
        ),
        ({"article": 99999999}, "article", None),
        ({"status": "accurate"}, "status", "The status is changed with POST claims/{id}/status/, which records why."),
        ({"colour": "red"}, "colour", "Unknown or read-only field."),
    ],
)
def test_a_bad_claim_is_a_400_naming_the_field_with_the_admins_message(contributor, article, change, field, message):
    before = snapshot()
    response = client_for(contributor).post(f"{API}claims/", new_claim_body(article, **change), format="json")

    assert response.status_code == 400, response.content
    error = error_of(response)
    assert error["code"] == "invalid"
    assert field in error["fields"]
    if message:
        assert message in error["fields"][field]
    assert snapshot() == before


@pytest.mark.parametrize(
    "quantity,field,message",
    [
        ({"value": "-1"}, "value", None),
        ({"value": "NaN"}, "value", None),
        ({"value": "1e400"}, "value", None),
        (
            {"lower_bound": "5", "upper_bound": None, "qualifier": "exact"},
            "lower_bound",
            "The lower bound cannot be above the value.",
        ),
        ({"qualifier": "at_least"}, "lower_bound", "“at least” needs a lower bound."),
        ({"unit": "furlong"}, "unit", None),
        ({"weight": 3}, "weight", "Unknown or read-only field."),
    ],
)
def test_a_bad_quantity_is_a_400_inside_its_list(contributor, article, quantity, field, message):
    body = new_claim_body(article)
    body["quantities"][0].update(quantity)
    before = snapshot()
    response = client_for(contributor).post(f"{API}claims/", body, format="json")

    assert response.status_code == 400
    fields = error_of(response)["fields"]["quantities"]["0"]
    assert field in fields
    if message:
        assert message in fields[field]
    assert snapshot() == before


@pytest.mark.parametrize(
    "date,message",
    [
        ({"value": "2025-02-30", "precision": "day"}, "2025-02 has no day 30."),
        ({"value": "2025-Q1", "precision": "year"}, "A quarter (YYYY-Qn) goes with quarter precision."),
        ({"value": "early 2025"}, "Write the date as YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn, at its precision."),
    ],
)
def test_a_bad_date_is_a_400_on_its_value(contributor, article, date, message):
    body = new_claim_body(article)
    body["dates"][0].update(date)
    response = client_for(contributor).post(f"{API}claims/", body, format="json")
    assert response.status_code == 400
    assert error_of(response)["fields"]["dates"]["0"]["value"] == [message]


def test_a_citation_to_a_javascript_address_or_twice_the_same_address_is_refused(contributor, article):
    body = new_claim_body(article)
    body["citations"][0]["url"] = "javascript:alert(1)"
    response = client_for(contributor).post(f"{API}claims/", body, format="json")
    assert response.status_code == 400
    assert "url" in error_of(response)["fields"]["citations"]["0"]

    body = new_claim_body(article)
    body["citations"].append(dict(body["citations"][0]))
    response = client_for(contributor).post(f"{API}claims/", body, format="json")
    assert error_of(response)["fields"]["citations"] == ["Each address can be cited once per claim."]
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    "payload,content_type,status",
    [
        (b'{"article": ', "application/json", 400),
        (b"\x00\x01", "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (b"article=1", "application/x-www-form-urlencoded", 415),
        (b'{"text": "a\\u0000b"}', "application/json", 400),
        (b"[" * 100_000, "application/json", 400),
        (b'{"article": 1e999999}', "application/json", 400),
        (b'{"article": NaN}', "application/json", 400),
        (b'{"\\ud800": 1}', "application/json", 400),
        (b'{"checkability": "\\ud800"}', "application/json", 400),
        (b'{"article": 100000000000000000000000000000}', "application/json", 400),
        (b"\xff\xfe", "application/json", 400),
    ],
)
def test_malformed_bodies_are_4xx_in_the_error_shape(contributor, article, payload, content_type, status):
    response = client_for(contributor).generic("POST", f"{API}claims/", payload, content_type=content_type)
    assert response.status_code == status
    error_of(response)
    assert not Claim.objects.exists()


# -------------------------------------------------------------------------------------------- edit


def test_an_edit_replaces_the_lists_sent_and_raises_the_version(contributor, claim, citation):
    api = client_for(contributor)
    response = api.patch(
        f"{API}claims/{claim.pk}/",
        {
            "version": 1,
            "reason": "The start date, and a second source for it.",
            "summary": "Starts in 2027",
            "dates": [{"role": "starts", "value": "2027", "precision": "year", "as_stated": "2027"}],
            "citations": [
                {
                    "id": citation.pk,
                    "url": citation.url,
                    "title": citation.title,
                    "publisher": "The Decoder",
                    "stance": "supports",
                    "quote": "The five-year contract begins in 2027",
                },
                {
                    "url": TECHSPOT,
                    "title": "OpenAI turns to Oracle",
                    "publisher": "TechSpot",
                    "quote": "will take effect in 2027",
                    "stance": "supports",
                },
            ],
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    claim.refresh_from_db()
    assert (claim.summary, claim.version, claim.text_en) == ("Starts in 2027", 2, "the partnership starts in 2027")
    assert claim.dates.get().value == "2027"
    assert sorted(claim.citations.values_list("publisher", flat=True)) == ["TechSpot", "The Decoder"]
    assert claim.citations.get(pk=citation.pk).url == citation.url  # edited in place, not replaced
    assert response.json()["version"] == 2
    assert response["ETag"].startswith(f'"{claim.pk}.2.')


@pytest.mark.parametrize(
    "field,item,missing",
    [
        ("quantities", {"value": "1"}, "measure"),
        ("dates", {"value": "2027", "role": "starts"}, "precision"),
        ("citations", {"url": TECHSPOT}, "title"),
        ("uncertainty", {"kind": "none"}, "as_stated"),
    ],
)
def test_an_item_sent_in_an_edit_must_be_complete(contributor, claim, field, item, missing):
    before = snapshot()
    body = {field: item if field == "uncertainty" else [item], "version": 1}
    response = client_for(contributor).patch(f"{API}claims/{claim.pk}/", body, format="json")
    assert response.status_code == 400
    errors = error_of(response)["fields"][field]
    assert (errors if field == "uncertainty" else errors["0"])[missing] == ["This field is required."]
    assert snapshot() == before


def test_a_stale_version_is_a_409_and_changes_nothing(contributor, claim):
    api = client_for(contributor)
    assert (
        api.patch(
            f"{API}claims/{claim.pk}/", {"summary": "first", "version": 1, "reason": "A clearer title."}, format="json"
        ).status_code
        == 200
    )
    before = snapshot()

    response = api.patch(
        f"{API}claims/{claim.pk}/", {"summary": "second", "version": 1, "reason": "Another title."}, format="json"
    )

    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "stale_version"
    assert error["current_version"] == 2
    assert snapshot() == before


def test_if_match_carries_the_version_and_a_stale_etag_is_a_409(contributor, claim):
    api = client_for(contributor)
    etag = api.get(f"{API}claims/{claim.pk}/")["ETag"]
    fresh = api.patch(
        f"{API}claims/{claim.pk}/",
        {"summary": "first", "reason": "A clearer title."},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert fresh.status_code == 200
    stale = api.patch(
        f"{API}claims/{claim.pk}/", {"summary": "second", "reason": "Another title."}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 409
    assert error_of(stale)["code"] == "stale_version"
    assert (
        api.patch(
            f"{API}claims/{claim.pk}/",
            {"summary": "third", "reason": "A third title."},
            format="json",
            HTTP_IF_MATCH='"2"',
        ).status_code
        == 200
    )
    claim.refresh_from_db()
    assert claim.summary == "third"


def test_an_edit_without_a_version_is_a_400(contributor, claim):
    response = client_for(contributor).patch(f"{API}claims/{claim.pk}/", {"summary": "x"}, format="json")
    assert response.status_code == 400
    assert "version" in error_of(response)["fields"]


def test_status_is_read_only_on_edits(editor, claim):
    response = client_for(editor).patch(f"{API}claims/{claim.pk}/", {"status": "accurate", "version": 1}, format="json")
    assert response.status_code == 400
    assert "status" in error_of(response)["fields"]
    claim.refresh_from_db()
    assert claim.status_id == "unverified"


def test_a_contributor_edits_a_draft_but_may_not_publish_it(contributor, article):
    draft = add_broadcom_claim(article)
    api = client_for(contributor)
    assert (
        api.patch(f"{API}claims/{draft.pk}/", {"summary": "Broadcom", "version": 1}, format="json").status_code == 200
    )
    refused = api.patch(f"{API}claims/{draft.pk}/", {"visibility": "published", "version": 2}, format="json")
    assert refused.status_code == 403
    draft.refresh_from_db()
    assert draft.visibility == "draft"


def test_a_citation_the_history_relies_on_cannot_be_dropped(editor, claim, citation):
    claim_change_status(
        claim=claim,
        to_status="accurate",
        rationale="Reports agree.",
        by=editor,
        citations=[citation],
        expected_version=1,
    )
    before = snapshot()
    response = client_for(editor).patch(f"{API}claims/{claim.pk}/", {"citations": [], "version": 2}, format="json")
    assert response.status_code == 400
    assert "citations" in error_of(response)["fields"]
    assert snapshot() == before


# ------------------------------------------------------------------------------------------ status


def test_an_editor_sets_a_verdict_with_its_citations_and_history(editor, claim, citation):
    response = client_for(editor).post(
        f"{API}claims/{claim.pk}/status/",
        {"status": "accurate", "rationale": "Two reports agree.", "citations": [citation.pk], "version": 1},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accurate"
    change = StatusChange.objects.get(claim=claim)
    assert (change.from_status_id, change.to_status_id, change.claim_version) == ("unverified", "accurate", 2)
    assert change.changed_by == editor
    assert list(change.citations.all()) == [citation]


def test_a_contributor_may_not_set_a_verdict(contributor, claim, citation):
    response = client_for(contributor).post(
        f"{API}claims/{claim.pk}/status/",
        {"status": "accurate", "rationale": "Looks right.", "citations": [citation.pk], "version": 1},
        format="json",
    )
    assert response.status_code == 403
    assert "verdicts are set by editors" in error_of(response)["detail"]
    assert not StatusChange.objects.exists()


def test_a_contributor_may_not_take_a_verdict_back_into_review(contributor, claim, citation):
    claim_change_status(claim=claim, to_status="accurate", rationale="Settled.", by=None, citations=[citation])
    before = snapshot()
    response = client_for(contributor).post(
        f"{API}claims/{claim.pk}/status/",
        {"status": "in_review", "rationale": "Reopening it.", "version": 2},
        format="json",
    )
    assert response.status_code == 403
    error = error_of(response)
    assert (error["status"], error["code"]) == (403, "permission_denied")
    assert "verdicts are changed by editors" in error["detail"]
    assert snapshot() == before


def test_a_stale_status_change_is_a_409_also_via_if_match(editor, claim, citation):
    api = client_for(editor)
    etag = api.get(f"{API}claims/{claim.pk}/")["ETag"]
    body = {"status": "in_review", "rationale": "Checking."}
    assert api.post(f"{API}claims/{claim.pk}/status/", body, format="json", HTTP_IF_MATCH=etag).status_code == 200

    by_header = api.post(
        f"{API}claims/{claim.pk}/status/",
        {**body, "status": "accurate", "citations": [citation.pk]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    by_body = api.post(
        f"{API}claims/{claim.pk}/status/",
        {**body, "status": "accurate", "citations": [citation.pk], "version": 1},
        format="json",
    )
    for response in (by_header, by_body):
        assert response.status_code == 409
        assert error_of(response)["code"] == "stale_version"
    assert StatusChange.objects.count() == 1


def test_a_transition_the_workflow_refuses_is_a_400_naming_the_status(editor, claim):
    response = client_for(editor).post(
        f"{API}claims/{claim.pk}/status/", {"status": "unverified", "rationale": "Undo.", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert "unverified" in error_of(response)["fields"]["status"][0]
    assert StatusChange.objects.count() == 0


def test_a_failed_precondition_on_a_read_is_a_412_in_the_error_shape(editor, claim):
    response = client_for(editor).get(f"{API}claims/{claim.pk}/", HTTP_IF_MATCH='"nope"')
    assert response.status_code == 412
    assert error_of(response)["code"] == "precondition_failed"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"status": "accurate", "rationale": "Agree.", "version": 1}, "citations"),
        ({"status": "accurate", "rationale": "", "version": 1}, "rationale"),
        ({"status": "nonsense", "rationale": "x", "version": 1}, "status"),
        ({"status": "in_review", "rationale": "x", "citations": [999999999], "version": 1}, "citations"),
        ({"status": "in_review", "rationale": "x"}, "version"),
        ({"status": "in_review", "rationale": "x", "version": 1, "extra": True}, "extra"),
    ],
)
def test_a_bad_status_change_is_a_400_naming_the_field(editor, claim, citation, body, field):
    response = client_for(editor).post(f"{API}claims/{claim.pk}/status/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in error_of(response)["fields"]
    assert not StatusChange.objects.exists()


def test_a_status_change_cannot_cite_another_claims_citation(editor, claim, article):
    other = add_broadcom_claim(article)
    foreign = other.citations.create(url=TECHSPOT, title="TechSpot", publisher="TechSpot", stance="context")
    response = client_for(editor).post(
        f"{API}claims/{claim.pk}/status/",
        {"status": "accurate", "rationale": "Agree.", "citations": [foreign.pk], "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert error_of(response)["fields"]["citations"] == ["Cite only this claim's own citations."]


def test_a_browser_session_may_write_only_with_its_csrf_token(contributor, claim):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(contributor)
    refused = browser.patch(
        f"{API}claims/{claim.pk}/", {"summary": "x", "version": 1, "reason": "A shorter title."}, format="json"
    )
    assert refused.status_code == 403
    assert "CSRF" in error_of(refused)["detail"]

    browser.get("/admin/")  # sets the csrftoken cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.patch(
        f"{API}claims/{claim.pk}/",
        {"summary": "x", "version": 1, "reason": "A shorter title."},
        format="json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 200
