"""The seed article's own claims, built with the factories: the 4.5 GW capacity, the Broadcom order, the 2027
start, the TechSpot citation, and the newsroom (the seed article with five published claims and a draft).

The addresses here are the real ones the seed article's claims cite, word for word; never edit one into an
address that was not published. Synthetic rows use `.example` addresses (tests/factories.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from claims.models import Citation, Claim, DateMention, Quantity, Source
from tests.factories import (
    SEED_TEXT,
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    DateMentionFactory,
    QuantityFactory,
    SourceFactory,
    change_status,
)

# --- real addresses the seed article's claims cite ---------------------------------------------------------

DECODER = "https://the-decoder.com/openai-signs-300-billion-cloud-contract-with-oracle-according-to-wsj/"
TECHSPOT = "https://www.techspot.com/news/109418-openai-turns-oracle-historic-300-billion-cloud-partnership.html"
CNA_REUTERS = (
    "https://www.channelnewsasia.com/business/"
    "oracle-openai-add-45-gigawatts-data-center-capacity-stargate-venture-5251721"
)
CNA_REUTERS_TITLE = "Oracle, OpenAI add 4.5 gigawatts of data center capacity to Stargate venture"
CNA_REUTERS_QUOTE = "Oracle and OpenAI plan to develop 4.5 gigawatts of additional data center capacity"
NEWSIO = "https://newsio.com/2025/10/13/broadcoms-chip-president-says-mystery-10-billion-customer-isnt-openai"
CNBC_ANTHROPIC = "https://www.cnbc.com/2025/12/11/broadcom-reveals-its-mystery-10-billion-customer-is-anthropic.html"
WSJ_DEAL = (
    "https://www.wsj.com/business/openai-oracle-sign-300-billion-computing-deal-among-biggest-in-history-ff27c8fe"
)
WSJ_DEAL_ARCHIVED = "https://archive.ph/fUGqA"
OPENAI_STARGATE_SITES = "https://openai.com/index/five-new-stargate-sites/"
GENIXPLAY = "https://genixplay.com/openai-and-oracle-reportedly-ink-historic-cloud-computing-deal"

# --- passages of the seed text -------------------------------------------------------------------------------

START_PASSAGE = "ce partenariat démarre en 2027"
CAPACITY_PASSAGE = "jusqu’à 4,5 gigawatts de capacité"
BROADCOM_PASSAGE = "OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom"


def passage(text: str) -> dict:
    """The passage with its offsets in the seed text, as the API takes it."""
    start = SEED_TEXT.index(text)
    return {"text": text, "start": start, "end": start + len(text)}


# --- single claims -----------------------------------------------------------------------------------------


def add_capacity_claim(article, *, visibility=Claim.Visibility.PUBLISHED) -> Claim:
    """'jusqu’à 4,5 gigawatts de capacité': a bounded quantity, checkable now, cited by Reuters (via CNA)."""
    claim = ClaimFactory(
        article=article,
        slug="up-to-4-5-gw",
        text=CAPACITY_PASSAGE,
        text_en="up to 4.5 gigawatts of capacity",
        uncertainty=Claim.Uncertainty.BOUND,
        uncertainty_as_stated="jusqu’à",
        visibility=visibility,
    )
    QuantityFactory(
        claim=claim,
        measure="capacity",
        value=Decimal("4.5"),
        unit=Quantity.Unit.GW,
        upper_bound=Decimal("4.5"),
        qualifier=Quantity.Qualifier.UP_TO,
        as_stated="jusqu’à 4,5 gigawatts",
    )
    CitationFactory(
        claim=claim,
        url=CNA_REUTERS,
        title=CNA_REUTERS_TITLE,
        publisher="CNA (Reuters)",
        published_on=dt.date(2025, 7, 22),
        quote=CNA_REUTERS_QUOTE,
        stance=Citation.Stance.SUPPORTS,
    )
    return claim


def add_broadcom_claim(article, *, visibility=Claim.Visibility.DRAFT, slug="broadcom-10-billion") -> Claim:
    """'un contrat à 10 milliards de dollars avec Broadcom': reported, about Broadcom, a draft by default."""
    broadcom, _ = Source.objects.get_or_create(
        slug="broadcom", defaults={"name": "Broadcom", "kind": Source.Kind.COMPANY}
    )
    claim = ClaimFactory(
        article=article,
        slug=slug,
        text=BROADCOM_PASSAGE,
        text_en="OpenAI is reportedly also preparing a 10 billion dollar contract with Broadcom",
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
        checkability=Claim.Checkability.CHECKABLE_LATER,
        recheck_on=dt.date(2026, 1, 1),
        visibility=visibility,
        entities=[broadcom],
    )
    QuantityFactory(
        claim=claim,
        measure="contract value",
        value=Decimal("10000000000"),
        unit=Quantity.Unit.USD,
        as_stated="10 milliards de dollars",
    )
    return claim


def add_start_date(claim: Claim) -> DateMention:
    """'démarre en 2027': a year-precision start."""
    return DateMentionFactory(
        claim=claim, role=DateMention.Role.STARTS, precision=DateMention.Precision.YEAR, year=2027, as_stated="2027"
    )


def techspot_citation(claim: Claim) -> Citation:
    """TechSpot's report of the 2027 start, supporting the claim."""
    return CitationFactory(
        claim=claim,
        url=TECHSPOT,
        title="OpenAI turns to Oracle in historic $300 billion cloud partnership",
        publisher="TechSpot",
        quote="will take effect in 2027",
        stance=Citation.Stance.SUPPORTS,
    )


# --- the newsroom: the seed article with its published claims and a draft ----------------------------------

WHEN_ARTICLE = dt.datetime(2025, 9, 11, 9, 0, tzinfo=dt.UTC)
WHEN_CONFIRMED = dt.datetime(2025, 9, 23, 12, 0, tzinfo=dt.UTC)


def build_newsroom(outlet: Source) -> dict:
    """The seed article with five published claims (two overlapping) and one draft; `outlet` is the source
    the WSJ paragraph is attributed to."""
    publisher = SourceFactory(slug="blog-ia", name="Le blog IA", kind=Source.Kind.OUTLET, url="https://example.org/")
    openai = SourceFactory(slug="openai", name="OpenAI", kind=Source.Kind.COMPANY)
    oracle = SourceFactory(slug="oracle", name="Oracle", kind=Source.Kind.COMPANY)
    broadcom = SourceFactory(slug="broadcom", name="Broadcom", kind=Source.Kind.COMPANY)
    article = ArticleFactory(publisher=publisher)

    amount = ClaimFactory(
        article=article,
        text="D’un montant astronomique de 300 milliards de dollars sur 5 ans",
        slug="amount",
        published=True,
        text_en="An astronomical amount of 300 billion dollars over 5 years",
        summary="OpenAI's Oracle contract is worth $300 billion over five years",
        attributed_to=outlet,
        attribution_as_stated="Selon le Wall Street Journal",
        attribution_basis="people familiar with the matter",
        uncertainty=Claim.Uncertainty.APPROXIMATION,
        uncertainty_as_stated="sur 5 ans",
        entities=[openai, oracle],
    )
    QuantityFactory(
        claim=amount,
        measure="contract value",
        value=Decimal("300000000000"),
        unit="USD",
        qualifier=Quantity.Qualifier.APPROXIMATELY,
        as_stated="300 milliards de dollars",
    )
    QuantityFactory(
        claim=amount,
        position=1,
        measure="term",
        value=Decimal("5"),
        unit="year",
        qualifier=Quantity.Qualifier.APPROXIMATELY,
        as_stated="sur 5 ans",
    )
    wsj_report = CitationFactory(
        claim=amount,
        url=WSJ_DEAL,
        title="Oracle, OpenAI Sign $300 Billion Cloud Deal",
        publisher="The Wall Street Journal",
        published_on=dt.date(2025, 9, 10),
        archived_url=WSJ_DEAL_ARCHIVED,
        access=Citation.Access.READ_IN_COPY,
        access_note="text read in the archived copy",
        quote="OpenAI signed a contract with Oracle to purchase $300 billion in computing power over roughly "
        "five years, people familiar with the matter said",
        is_primary=True,
    )
    openai_post = CitationFactory(
        claim=amount,
        url=OPENAI_STARGATE_SITES,
        title="OpenAI, Oracle, and SoftBank expand Stargate with five new AI datacenter sites",
        publisher="OpenAI",
        published_on=dt.date(2025, 9, 23),
        access=Citation.Access.ADDRESS_ONLY,
        access_note="primary address; text read in a syndicated copy",
    )
    CitationFactory(
        claim=amount,
        url=GENIXPLAY,
        stance=Citation.Stance.CONTEXT,
        title="OpenAI and Oracle reportedly ink historic cloud computing deal",
        publisher="genixplay",
        quote="Oracle declined to comment. OpenAI did not respond",
    )
    change_status(
        amount, "in_review", "Reported by the WSJ from anonymous sources; unconfirmed.", effective_at=WHEN_ARTICLE
    )
    change_status(
        amount,
        "accurate",
        "OpenAI's own post confirmed a partnership exceeding $300 billion over five years.",
        citations=[wsj_report, openai_post],
        effective_at=WHEN_CONFIRMED,
    )

    start = ClaimFactory(
        article=article,
        text=START_PASSAGE,
        slug="start",
        published=True,
        text_en="the partnership starts in 2027",
        attributed_to=outlet,
        attribution_as_stated="Selon le Wall Street Journal",
        uncertainty=Claim.Uncertainty.ATTRIBUTION,
        uncertainty_as_stated="Selon",
        checkability=Claim.Checkability.CHECKABLE_LATER,
        recheck_on=dt.date(2027, 6, 1),
    )
    DateMentionFactory(
        claim=start, role=DateMention.Role.STARTS, precision=DateMention.Precision.YEAR, year=2027, as_stated="2027"
    )
    start_report = CitationFactory(
        claim=start,
        url=DECODER,
        title="OpenAI signs $300 billion cloud contract with Oracle, according to WSJ",
        publisher="The Decoder",
        quote="The five-year contract begins in 2027",
    )
    change_status(start, "accurate", "Reported by several outlets citing the WSJ.", citations=[start_report])

    # Overlaps "start": both passages share "démarre en 2027".
    capacity = ClaimFactory(
        article=article,
        text="démarre en 2027 et prévoit jusqu’à 4,5 gigawatts de capacité",
        slug="capacity",
        published=True,
        text_en="starts in 2027 and provides for up to 4.5 gigawatts of capacity",
        uncertainty=Claim.Uncertainty.BOUND,
        uncertainty_as_stated="jusqu’à",
    )
    QuantityFactory(
        claim=capacity,
        measure="data centre capacity",
        value=Decimal("4.5"),
        upper_bound=Decimal("4.5"),
        unit="GW",
        qualifier=Quantity.Qualifier.UP_TO,
        as_stated="jusqu’à 4,5 gigawatts",
    )
    change_status(capacity, "in_review", "Checking OpenAI's July announcement.")

    chips = ClaimFactory(
        article=article,
        text=BROADCOM_PASSAGE,
        slug="broadcom",
        published=True,
        text_en="OpenAI is reportedly preparing a $10 billion contract with Broadcom",
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
        entities=[openai, broadcom],
    )
    denial = CitationFactory(
        claim=chips,
        url=NEWSIO,
        stance=Citation.Stance.REFUTES,
        title="Broadcom's chip president says mystery $10 billion customer isn't OpenAI",
        publisher="CNBC (mirrored copy)",
        published_on=dt.date(2025, 10, 13),
    )
    change_status(
        chips, "misleading", "Broadcom later said the $10 billion order was not OpenAI's.", citations=[denial]
    )

    announced = ClaimFactory(
        article=article,
        text="Annoncé début 2025 avec SoftBank et MGX",
        slug="announced",
        published=True,
        text_en="Announced early 2025 with SoftBank and MGX",
    )
    DateMentionFactory(
        claim=announced,
        role=DateMention.Role.ANNOUNCED,
        precision=DateMention.Precision.EARLY_YEAR,
        year=2025,
        as_stated="début 2025",
    )

    draft = ClaimFactory(
        article=article,
        text="Project Stargate est un plan massif de 500 milliards de dollars",
        slug="draft-stargate",
        text_en="Project Stargate is a massive $500 billion plan",
    )
    change_status(draft, "in_review", "DRAFT-ONLY REASON: still being checked.")
    return {
        "article": article,
        "publisher": publisher,
        "claims": {c.slug: c for c in (amount, start, capacity, chips, announced)},
        "draft": draft,
        "entities": {"openai": openai, "oracle": oracle, "broadcom": broadcom},
    }
