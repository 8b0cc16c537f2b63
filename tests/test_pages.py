"""The public reader pages: the claim list, a claim, an article with its claims highlighted, the
corrections log and its feed, the sitemap, robots.txt and the home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from claims import services
from claims.models import Article, Citation, Claim, Source

# Passages of the seed article, verbatim.
SEED_TEXT = (
    "C’est officiel : OpenAI a signé avec Oracle l’un des plus gros contrats de cloud computing de l’histoire. "
    "D’un montant astronomique de 300 milliards de dollars sur 5 ans, cet accord vise à alimenter le projet "
    "Stargate, l’infrastructure colossale qui doit soutenir la prochaine génération d’intelligence artificielle.\n\n"
    "Selon le Wall Street Journal, ce partenariat démarre en 2027 et prévoit jusqu’à 4,5 gigawatts de capacité "
    "data center — l’équivalent énergétique de plusieurs grandes villes.\n\n"
    "En parallèle, OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom pour concevoir "
    "ses propres puces IA.\n\n"
    "Annoncé début 2025 avec SoftBank et MGX, Project Stargate est un plan massif de 500 milliards de dollars "
    "d’investissements dans des infrastructures IA basées aux États-Unis."
)


def make_article(*, slug="openai-oracle", text=SEED_TEXT, publisher=None, **fields) -> Article:
    defaults = dict(
        title="OpenAI signe un contrat record de 300 milliards de dollars avec Oracle pour le Project Stargate",
        language="fr",
        published_on=dt.date(2025, 9, 11),
    )
    defaults.update(fields)
    return Article.objects.create(slug=slug, text=text, publisher=publisher, **defaults)


def make_claim(article: Article, passage: str, *, slug: str, published: bool = True, **fields) -> Claim:
    """A claim on `passage`, which must occur in the article's text (its first occurrence is used)."""
    start = article.text.index(passage)
    return Claim.objects.create(
        article=article,
        slug=slug,
        text=passage,
        start=start,
        end=start + len(passage),
        visibility=Claim.Visibility.PUBLISHED if published else Claim.Visibility.DRAFT,
        **fields,
    )


def cite(claim: Claim, url: str, *, stance=Citation.Stance.SUPPORTS, **fields) -> Citation:
    defaults = dict(title=f"Report on {claim.slug}", publisher="The Decoder")
    defaults.update(fields)
    return Citation.objects.create(claim=claim, url=url, stance=stance, **defaults)


def set_status(claim: Claim, code: str, rationale: str, *, citations=(), effective_at=None):
    """Change a claim's status as the system does (fixtures, imports), through the service."""
    return services.claim_change_status(
        claim=claim,
        to_status=code,
        rationale=rationale,
        by=None,
        citations=citations,
        effective_at=effective_at or timezone.now(),
    )


@pytest.fixture
def outlet(db):
    return Source.objects.create(slug="wsj-pages", name="The Wall Street Journal", kind=Source.Kind.OUTLET)
