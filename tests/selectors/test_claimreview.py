"""schema.org ClaimReview built from a claim: what Google's fact-check markup requires and recommends,
from the prefetched claim alone."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import override_settings

from claims.models import Claim, Source
from claims.selectors.claimreview import (
    NoClaimReview,
    claim_review,
    claim_review_queryset,
    has_claim_review,
    with_claim_review,
)
from claims.selectors.links import site_base_url
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, SourceFactory, change_status
from tests.helpers.seed_article import DECODER, START_PASSAGE

BASE = "https://checks.example.org/"
RATED = {"accurate": 5, "mostly_accurate": 4, "misleading": 2, "inaccurate": 1}
UNRATED = ["unverified", "in_review", "unverifiable_yet", "not_checkable", "retracted"]


def rate(claim: Claim, code: str = "accurate") -> Claim:
    """Give the claim a rated verdict, which must rely on a citation."""
    source = CitationFactory(claim=claim, url=f"https://example.org/evidence-{claim.slug}")
    change_status(claim, code, "Checked.", citations=[source])
    return claim


@pytest.fixture
def reviewed(db, wsj):
    publisher = SourceFactory(slug="le-blog", name="Le blog IA", kind=Source.Kind.OUTLET)
    article = ArticleFactory(publisher=publisher, url="https://example.org/openai-oracle")
    claim = ClaimFactory(
        article=article,
        text=START_PASSAGE,
        slug="start",
        published=True,
        text_en="the partnership starts in 2027",
        attributed_to=wsj,
        attribution_as_stated="Selon le Wall Street Journal",
        uncertainty=Claim.Uncertainty.ATTRIBUTION,
        uncertainty_as_stated="Selon",
    )
    source = CitationFactory(claim=claim, url=DECODER, publisher="The Decoder")
    change_status(claim, "in_review", "Checking.", effective_at=dt.datetime(2025, 9, 11, 9, tzinfo=dt.UTC))
    change_status(
        claim, "accurate", "Reported widely.", citations=[source], effective_at=dt.datetime(2025, 9, 12, tzinfo=dt.UTC)
    )
    return claim


def fetched(claim: Claim) -> Claim:
    return claim_review_queryset().get(pk=claim.pk)


def test_it_carries_every_field_google_asks_for(reviewed):
    review = claim_review(fetched(reviewed), base_url=BASE)
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checks.example.org/claims/start/",
        "inLanguage": "en",
        "claimReviewed": "ce partenariat démarre en 2027",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Accurate",
        },
        "author": {"@type": "Organization", "name": "factcheck", "url": "https://checks.example.org"},
        "datePublished": "2025-09-12",
        "itemReviewed": {
            "@type": "Claim",
            "name": "the partnership starts in 2027",
            "inLanguage": "fr",
            "author": {"@type": "Organization", "name": "The Wall Street Journal"},
            "datePublished": "2025-09-11",
            "appearance": {
                "@type": "NewsArticle",
                "url": "https://example.org/openai-oracle",
                "headline": reviewed.article.title,
                "datePublished": "2025-09-11",
                "inLanguage": "fr",
                "publisher": {"@type": "Organization", "name": "Le blog IA"},
            },
        },
    }
    json.dumps(review)  # serialisable as it is


def test_it_runs_no_query_of_its_own_once_the_claim_is_fetched(reviewed, django_assert_num_queries):
    with django_assert_num_queries(2):  # the claim with status, article, publisher and source; its history
        claim = fetched(reviewed)
    with django_assert_num_queries(0):
        claim_review(claim, base_url=BASE)


@override_settings(FACTCHECK_PUBLISHER_NAME="Les Vérificateurs", FACTCHECK_PUBLISHER_URL="https://verif.example.org/")
def test_the_author_is_the_publishing_organisation_from_settings(reviewed):
    review = claim_review(fetched(reviewed), base_url=BASE)
    assert review["author"] == {
        "@type": "Organization",
        "name": "Les Vérificateurs",
        "url": "https://verif.example.org/",
    }


@pytest.mark.parametrize("code", list(RATED))
def test_a_rated_status_gives_the_whole_rating(reviewed, code, status):
    if code != "accurate":
        change_status(reviewed, code, "Re-checked.", citations=[reviewed.citations.get()])
    claim = fetched(reviewed)
    assert has_claim_review(claim)
    assert claim_review(claim, base_url=BASE)["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": RATED[code],
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": status(code).label,
    }
    assert list(with_claim_review(Claim.objects.all())) == [reviewed]


@pytest.mark.parametrize("code", UNRATED)
def test_a_status_that_rates_nothing_has_no_claim_review(reviewed, code):
    if code != "unverified":  # a claim never returns to "unverified": take a fresh one
        change_status(reviewed, code, "No rating possible.")
        claim = reviewed
    else:
        claim = ClaimFactory(article=reviewed.article, text="C’est officiel", slug="never", published=True)
    claim = fetched(claim)
    assert not has_claim_review(claim)
    with pytest.raises(NoClaimReview):
        claim_review(claim, base_url=BASE)
    assert not with_claim_review(Claim.objects.filter(pk=claim.pk)).exists()


def test_the_date_is_when_the_current_status_last_took_effect(reviewed):
    source = reviewed.citations.get()
    change_status(
        reviewed,
        "misleading",
        "A denial came out.",
        citations=[source],
        effective_at=dt.datetime(2025, 10, 1, tzinfo=dt.UTC),
    )
    change_status(
        reviewed,
        "accurate",
        "The denial was withdrawn.",
        citations=[source],
        effective_at=dt.datetime(2025, 12, 2, tzinfo=dt.UTC),
    )
    assert claim_review(fetched(reviewed), base_url=BASE)["datePublished"] == "2025-12-02"


def test_a_rated_claim_without_its_status_change_has_no_review_date_rather_than_an_invented_one(db):
    # Only a broken invariant (a status written around the service) gives this; check_invariants reports it.
    claim = ClaimFactory(
        article=ArticleFactory(), text="C’est officiel", slug="never", published=True, status_id="accurate"
    )
    review = claim_review(fetched(claim), base_url=BASE)
    assert "datePublished" not in review
    assert review["reviewRating"]["ratingValue"] == 5


def test_who_made_the_claim_falls_back_to_the_publisher_then_to_nobody(db):
    publisher = SourceFactory(slug="pub", name="Le blog IA", kind=Source.Kind.OUTLET, url="https://example.org/")
    with_publisher = rate(
        ClaimFactory(
            article=ArticleFactory(slug="a1", publisher=publisher), text="C’est officiel", slug="c1", published=True
        )
    )
    item = claim_review(fetched(with_publisher), base_url=BASE)["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Le blog IA", "url": "https://example.org/"}

    anonymous = rate(ClaimFactory(article=ArticleFactory(slug="a2"), text="C’est officiel", slug="c2", published=True))
    item = claim_review(fetched(anonymous), base_url=BASE)["itemReviewed"]
    assert "author" not in item
    assert "url" not in item["appearance"]  # the article's address is not known
    assert item["appearance"]["@type"] == "CreativeWork"


def test_a_person_is_a_person(db):
    person = SourceFactory(slug="ellison", name="Larry Ellison", kind=Source.Kind.PERSON)
    claim = rate(
        ClaimFactory(article=ArticleFactory(), text="C’est officiel", slug="said", published=True, attributed_to=person)
    )
    assert claim_review(fetched(claim), base_url=BASE)["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Larry Ellison",
    }


def test_the_page_and_the_api_share_one_base_address(rf, settings):
    request = rf.get("/claims/x/", HTTP_HOST="testserver")
    settings.FACTCHECK_SITE_URL = "https://checks.example.org/"
    assert site_base_url(request) == "https://checks.example.org"
    settings.FACTCHECK_SITE_URL = ""
    assert site_base_url(request) == "http://testserver"
