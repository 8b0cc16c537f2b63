"""Intake through the API: a new article in (contributors and editors), its candidates listed with similar
claims, accepted as drafts or dismissed; the similar-claims search; each role, and bad input naming the field
with nothing stored."""

from __future__ import annotations

import pytest

from claims.models import Article, Candidate, Claim
from tests.api.support import API, client_for, error_of
from tests.factories import SEED_TEXT, ArticleFactory, ClaimFactory, SourceFactory

NEW = {"title": "OpenAI et Oracle", "text": SEED_TEXT, "published_on": "2025-09-11"}


def take_in(user, **fields):
    return client_for(user).post(f"{API}articles/", {**NEW, **fields}, format="json")


@pytest.mark.parametrize("persona", ["contributor", "editor"])
def test_contributors_and_editors_take_an_article_in(db, request, persona):
    user = request.getfixturevalue(persona)
    response = take_in(user)
    assert response.status_code == 201, response.content
    body = response.json()
    article = Article.objects.get(pk=body["id"])
    assert body["language"] == "fr" and body["candidates"] == article.candidates.count() > 0
    assert response["Location"] == f"{API}articles/{article.pk}/candidates/"
    assert body["candidates_url"].endswith(response["Location"])


def test_anonymous_clients_get_401_and_accounts_without_a_role_403(db, outsider):
    assert take_in(None).status_code == 401
    assert take_in(outsider).status_code == 403
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "Texte\u0000nul"}, "text"),
        ({"text": "x" * 200_001}, "text"),
        ({"language": "xx"}, "language"),
        ({"published_on": "2025-02-30"}, "published_on"),
        ({"title": ""}, "title"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"publisher": 999999}, "publisher"),
        ({"html": "<html><body><script>alert(1)</script></body></html>", "text": ""}, "html"),
        ({"owner": "me"}, "owner"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_with_nothing_stored(editor, fields, field):
    response = take_in(editor, **fields)
    assert response.status_code == 400, response.content
    assert field in error_of(response)["fields"]
    assert not Article.objects.exists() and not Candidate.objects.exists()


@pytest.fixture
def taken_in(editor):
    SourceFactory(slug="wsj", name="The Wall Street Journal")
    return Article.objects.get(pk=take_in(editor).json()["id"])


def candidates_of(user, article, **params):
    return client_for(user).get(f"{API}articles/{article.pk}/candidates/", params)


def test_candidates_are_listed_in_reading_order_in_the_claims_shapes(taken_in, contributor):
    response = candidates_of(contributor, taken_in)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    starts = [item["start"] for item in body["results"]]
    assert starts == sorted(starts) and body["count"] == taken_in.candidates.count()
    capacity = next(item for item in body["results"] if "4,5 gigawatts" in item["text"])
    assert set(capacity) >= {
        "id", "text", "start", "end", "score", "reasons", "quantities", "dates", "attribution_as_stated",
        "attributed_to", "uncertainty", "uncertainty_as_stated", "checkability", "recheck_on", "similar",
    }  # fmt: skip
    assert SEED_TEXT[capacity["start"] : capacity["end"]] == capacity["text"]
    assert capacity["quantities"] == [
        {
            "measure": "data center capacity",
            "value": "4.5000",
            "unit": "GW",
            "lower_bound": None,
            "upper_bound": "4.5000",
            "qualifier": "up_to",
            "as_stated": "jusqu’à 4,5 gigawatts",
        }
    ]
    assert capacity["attributed_to"]["slug"] == "wsj" and capacity["uncertainty"] == "bound"
    starts_2027 = next(item for item in body["results"] if "démarre en 2027" in item["text"])
    assert starts_2027["dates"] == [{"role": "starts", "value": "2027", "precision": "year", "as_stated": "en 2027"}]
    assert starts_2027["checkability"] == "checkable_later" and starts_2027["recheck_on"] == "2028-01-01"


def test_candidates_show_claims_already_recorded_like_them(taken_in, editor):
    earlier = ArticleFactory(slug="earlier", text=SEED_TEXT)
    recorded = ClaimFactory(
        article=earlier, slug="recorded", text="300 milliards de dollars sur 5 ans", visibility="published"
    )
    recorded.quantities.create(
        measure="contract value", value=300_000_000_000, unit="USD", as_stated="300 milliards de dollars"
    )
    results = candidates_of(editor, taken_in).json()["results"]
    money = next(item for item in results if "300 milliards" in item["text"])
    assert money["similar"][0]["id"] == recorded.pk
    assert money["similar"][0]["url"].endswith("/claims/recorded/")
    assert any(reason.startswith("same amount") for reason in money["similar"][0]["reasons"])


def test_candidates_are_not_public(taken_in, outsider):
    assert candidates_of(None, taken_in).status_code == 401
    assert candidates_of(outsider, taken_in).status_code == 403


def accept(user, candidate):
    return client_for(user).post(f"{API}articles/{candidate.article_id}/candidates/{candidate.pk}/accept/")


def dismiss(user, candidate, body):
    return client_for(user).post(
        f"{API}articles/{candidate.article_id}/candidates/{candidate.pk}/dismiss/", body, format="json"
    )


def test_accepting_a_candidate_answers_the_draft_claim(taken_in, contributor):
    candidate = next(c for c in taken_in.candidates.all() if "4,5 gigawatts" in c.text)
    response = accept(contributor, candidate)
    assert response.status_code == 201, response.content
    body = response.json()
    claim = Claim.objects.get(pk=body["id"])
    assert response["Location"] == f"{API}claims/{claim.pk}/"
    assert body["visibility"] == "draft" and body["status"] == "unverified" and body["text"] == candidate.text
    assert body["quantities"][0]["qualifier"] == "up_to" and body["attributed_to"]["slug"] == "wsj"
    second = accept(contributor, candidate)
    assert second.status_code == 400 and "candidate" in error_of(second)["fields"]
    assert Claim.objects.count() == 1


def test_accepting_needs_a_role_that_records_claims(taken_in, outsider):
    candidate = taken_in.candidates.first()
    assert accept(None, candidate).status_code == 401
    assert accept(outsider, candidate).status_code == 403
    assert not Claim.objects.exists()


def test_a_candidate_of_another_article_is_not_found_there(taken_in, editor):
    other = Article.objects.get(pk=take_in(editor, title="Autre").json()["id"])
    candidate = other.candidates.first()
    response = client_for(editor).post(f"{API}articles/{taken_in.pk}/candidates/{candidate.pk}/accept/")
    assert response.status_code == 404
    assert not Claim.objects.exists()


def test_dismissing_keeps_the_reason_and_a_missing_reason_is_a_400(taken_in, contributor):
    candidate = next(c for c in taken_in.candidates.all() if "Broadcom" in c.text)
    refused = dismiss(contributor, candidate, {})
    assert refused.status_code == 400 and "reason" in error_of(refused)["fields"]
    response = dismiss(contributor, candidate, {"reason": "A rumour, not a claim."})
    assert response.status_code == 200
    assert response.json()["status"] == "dismissed" and response.json()["dismiss_reason"] == "A rumour, not a claim."
    assert accept(contributor, candidate).status_code == 400


def similar(user, **params):
    return client_for(user).get(f"{API}claims/similar/", params)


def test_the_similar_search_sees_published_claims_only_for_the_public(db, editor):
    article = ArticleFactory(slug="earlier", text=SEED_TEXT)
    published = ClaimFactory(
        article=article, slug="published", text="300 milliards de dollars sur 5 ans", visibility="published"
    )
    draft = ClaimFactory(article=article, slug="draft", text="un contrat à 10 milliards de dollars avec Broadcom")
    public = similar(None, text="un contrat à 10 milliards de dollars avec Broadcom", language="fr")
    assert public.status_code == 200
    assert draft.pk not in [item["id"] for item in public.json()]
    for_editors = similar(editor, text="un contrat à 10 milliards de dollars avec Broadcom", language="fr").json()
    assert for_editors[0]["id"] == draft.pk and set(for_editors[0]) == {"id", "url", "text", "score", "reasons"}
    found = similar(None, text="Un accord de 300 milliards de dollars sur cinq ans").json()
    assert found[0]["id"] == published.pk


@pytest.mark.parametrize("params", [{}, {"text": ""}, {"text": "x" * 5001}, {"text": "ok", "language": "xx"}])
def test_the_similar_search_refuses_what_it_cannot_read(db, params):
    response = similar(None, **params)
    assert response.status_code == 400
    assert set(error_of(response)["fields"]) & {"text", "language"}
