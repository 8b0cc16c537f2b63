"""Helpers shared by the API tests (no tests here): clients for the personas and a small set of claims
from the seed article, built with the conftest fixtures' article text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Citation, Claim, DateMention, Quantity, Source
from tests.conftest import ARTICLE_TEXT

API = "/api/v1/"

TECHSPOT = "https://www.techspot.com/news/109418-openai-turns-oracle-historic-300-billion-cloud-partnership.html"
CNA_REUTERS = (
    "https://www.channelnewsasia.com/business/"
    "oracle-openai-add-45-gigawatts-data-center-capacity-stargate-venture-5251721"
)


def client_for(user=None) -> APIClient:
    """An API client sending the user's token (anonymous without a user)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def passage(text: str) -> dict:
    start = ARTICLE_TEXT.index(text)
    return {"text": text, "start": start, "end": start + len(text)}


def add_capacity_claim(article, *, visibility=Claim.Visibility.PUBLISHED) -> Claim:
    """'jusqu’à 4,5 gigawatts de capacité': a bounded quantity, checkable now."""
    claim = Claim.objects.create(
        article=article,
        slug="up-to-4-5-gw",
        **passage("jusqu’à 4,5 gigawatts de capacité"),
        text_en="up to 4.5 gigawatts of capacity",
        uncertainty=Claim.Uncertainty.BOUND,
        uncertainty_as_stated="jusqu’à",
        visibility=visibility,
    )
    Quantity.objects.create(
        claim=claim,
        measure="capacity",
        value=Decimal("4.5"),
        unit=Quantity.Unit.GW,
        upper_bound=Decimal("4.5"),
        qualifier=Quantity.Qualifier.UP_TO,
        as_stated="jusqu’à 4,5 gigawatts",
    )
    Citation.objects.create(
        claim=claim,
        url=CNA_REUTERS,
        title="Oracle, OpenAI add 4.5 gigawatts of data center capacity to Stargate venture",
        publisher="CNA (Reuters)",
        published_on=dt.date(2025, 7, 22),
        quote="Oracle and OpenAI plan to develop 4.5 gigawatts of additional data center capacity",
        stance=Citation.Stance.SUPPORTS,
    )
    return claim


def add_broadcom_claim(article, *, visibility=Claim.Visibility.DRAFT, slug="broadcom-10-billion") -> Claim:
    """'un contrat à 10 milliards de dollars avec Broadcom': reported, about Broadcom, a draft by default."""
    broadcom, _ = Source.objects.get_or_create(
        slug="broadcom", defaults={"name": "Broadcom", "kind": Source.Kind.COMPANY}
    )
    claim = Claim.objects.create(
        article=article,
        slug=slug,
        **passage("OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom"),
        text_en="OpenAI is reportedly also preparing a 10 billion dollar contract with Broadcom",
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
        checkability=Claim.Checkability.CHECKABLE_LATER,
        recheck_on=dt.date(2026, 1, 1),
        visibility=visibility,
    )
    claim.entities.add(broadcom)
    Quantity.objects.create(
        claim=claim,
        measure="contract value",
        value=Decimal("10000000000"),
        unit=Quantity.Unit.USD,
        as_stated="10 milliards de dollars",
    )
    return claim


def add_start_date(claim: Claim) -> DateMention:
    """'démarre en 2027': a year-precision start."""
    return DateMention.objects.create(
        claim=claim, role=DateMention.Role.STARTS, precision=DateMention.Precision.YEAR, year=2027, as_stated="2027"
    )


def techspot_citation(claim: Claim) -> Citation:
    return Citation.objects.create(
        claim=claim,
        url=TECHSPOT,
        title="OpenAI turns to Oracle in historic $300 billion cloud partnership",
        publisher="TechSpot",
        quote="will take effect in 2027",
        stance=Citation.Stance.SUPPORTS,
    )


def error_of(response) -> dict:
    """The API's one error shape; asserts it is there."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    assert body["error"]["code"] and body["error"]["detail"]
    return body["error"]
