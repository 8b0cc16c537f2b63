"""Already checked? The claims most like a passage, with a score and the reasons: the same amount within 2%,
overlapping dates, shared names, similar wording; across articles and languages; read by index."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from claims.models import Claim, Source
from claims.selectors.similar import similar_claims
from tests.factories import ArticleFactory, ClaimFactory, DateMentionFactory, QuantityFactory, SourceFactory

ENGLISH = (
    "Oracle signed a $300 billion cloud contract with OpenAI, starting in 2027. "
    "Broadcom will supply custom chips for the Stargate sites. "
    "Northwind Energy expects 12 TWh of wind power in 2030."
)


def english_claims():
    article = ArticleFactory(slug="english", language="en", text=ENGLISH, published_on=dt.date(2025, 9, 12))
    oracle = SourceFactory(slug="oracle", name="Oracle", kind=Source.Kind.COMPANY)
    openai = SourceFactory(slug="openai", name="OpenAI", kind=Source.Kind.COMPANY)
    deal = ClaimFactory(
        article=article,
        slug="deal",
        text="Oracle signed a $300 billion cloud contract with OpenAI, starting in 2027.",
        visibility=Claim.Visibility.PUBLISHED,
    )
    deal.entities.set([oracle, openai])
    QuantityFactory(
        claim=deal, measure="contract value", value=Decimal("300000000000"), unit="USD", as_stated="$300 billion"
    )
    DateMentionFactory(claim=deal, role="starts", precision="year", year=2027, as_stated="in 2027")
    chips = ClaimFactory(
        article=article,
        slug="chips",
        text="Broadcom will supply custom chips for the Stargate sites.",
        visibility=Claim.Visibility.PUBLISHED,
    )
    wind = ClaimFactory(
        article=article,
        slug="wind",
        text="Northwind Energy expects 12 TWh of wind power in 2030.",
        visibility=Claim.Visibility.DRAFT,
    )
    QuantityFactory(claim=wind, measure="output", value=Decimal("12"), unit="TWh", as_stated="12 TWh")
    return {"deal": deal, "chips": chips, "wind": wind}


def test_a_french_passage_finds_the_english_claim_with_the_same_amount_date_and_names(db):
    claims = english_claims()
    found = similar_claims(
        text="Selon le WSJ, OpenAI a signé avec Oracle un contrat de 300 milliards de dollars qui démarre en 2027",
        language="fr",
        claims=Claim.objects.published(),
        reference=dt.date(2025, 9, 11),
    )
    best = found[0]
    assert best.claim == claims["deal"]
    reasons = " | ".join(best.reasons)
    assert "same amount: 300 milliards de dollars and $300 billion (USD, within 2%)" in reasons
    assert "overlapping dates: en 2027 and in 2027" in reasons
    assert "shared names: OpenAI, Oracle" in reasons
    assert 0.6 <= best.score <= 1
    assert claims["chips"] not in [item.claim for item in found[:1]]


def test_an_amount_more_than_two_percent_away_is_not_the_same_amount(db):
    english_claims()
    found = similar_claims(text="un contrat de 310 milliards de dollars", language="fr", claims=Claim.objects.all())
    assert all(not reason.startswith("same amount") for item in found for reason in item.reasons)
    close = similar_claims(text="un contrat de 305 milliards de dollars", language="fr", claims=Claim.objects.all())
    assert any(reason.startswith("same amount") for item in close for reason in item.reasons)


def test_readers_never_see_a_draft_among_similar_claims(db):
    claims = english_claims()
    text = "Northwind Energy expects 12 TWh of wind power in 2030."
    public = similar_claims(text=text, language="en", claims=Claim.objects.published())
    editors = similar_claims(text=text, language="en", claims=Claim.objects.all())
    assert claims["wind"] not in [item.claim for item in public]
    assert editors[0].claim == claims["wind"] and "similar wording (100%)" in editors[0].reasons


def test_a_claim_can_be_left_out_and_nothing_like_the_passage_gives_nothing(db):
    claims = english_claims()
    text = "Broadcom will supply custom chips for the Stargate sites."
    found = similar_claims(text=text, language="en", claims=Claim.objects.all(), exclude=(claims["chips"].pk,))
    assert claims["chips"] not in [item.claim for item in found]
    assert similar_claims(text="Il pleuvait sur la ville.", language="fr", claims=Claim.objects.all()) == []


def test_the_search_runs_a_fixed_number_of_indexed_queries(db, django_assert_max_num_queries):
    english_claims()
    for n in range(30):
        ClaimFactory(
            article=ArticleFactory(slug=f"other-{n}", language="en", text=f"Filler claim number {n}."),
            slug=f"f{n}",
            text=f"Filler claim number {n}.",
        )
    # The revision; the names cached under it (first time); one query per amount; the linked claims; the
    # full-text index; the claims gathered; their quantities, dates and entities; the names shared.
    with django_assert_max_num_queries(11):
        similar_claims(
            text="Oracle signed a $300 billion contract with OpenAI in 2027",
            language="en",
            claims=Claim.objects.all(),
        )
