"""The model factories every test shares (factory_boy), and the one seed text they quote.

Each factory writes its row as `Model.objects.create` would: no service, no `full_clean()`. A claim's
passage is placed where its article's text holds it (the first occurrence), so `ClaimFactory(article=a,
text="…")` is always at the right offsets. A status is never written here: `change_status` takes a claim
through `claims.services.status.claim_change_status`, which writes the history row with it.

Synthetic rows get synthetic names and addresses (`.example`); the seed article's own claims, with the real
addresses they cite, are built by tests/helpers/seed_article.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from claims.models import Article, Citation, Claim, DateMention, Quantity, Source, StatusChange
from claims.services.status import claim_change_status

# Passages of the seed article, verbatim: the text every article of the tests holds unless a test says otherwise.
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
SEED_TITLE = "OpenAI signe un contrat record de 300 milliards de dollars avec Oracle pour le Project Stargate"


class SourceFactory(DjangoModelFactory):
    """A source: an outlet unless `kind` says otherwise."""

    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    name = factory.Sequence(lambda n: f"Source {n}")
    kind = Source.Kind.OUTLET


class ArticleFactory(DjangoModelFactory):
    """The seed article (its slug, title, language, date and text), with no publisher by default."""

    class Meta:
        model = Article

    slug = "openai-oracle"
    title = SEED_TITLE
    publisher = None
    language = "fr"
    published_on = dt.date(2025, 9, 11)
    text = SEED_TEXT


class ClaimFactory(DjangoModelFactory):
    """A claim on `text`, placed at its first occurrence in the article's text; a draft unless
    `published=True` (or `visibility=`) says otherwise; `entities=[...]` sets what it is about."""

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(visibility=Claim.Visibility.PUBLISHED)

    article = factory.SubFactory(ArticleFactory)
    slug = factory.Sequence(lambda n: f"claim-{n}")
    text = "ce partenariat démarre en 2027"
    start = factory.LazyAttribute(lambda claim: claim.article.text.index(claim.text))
    end = factory.LazyAttribute(lambda claim: claim.start + len(claim.text))

    @factory.post_generation
    def entities(claim, create, extracted, **kwargs):
        if create and extracted:
            claim.entities.set(extracted)


class QuantityFactory(DjangoModelFactory):
    """An exact amount of its claim: 4.5 GW unless told otherwise."""

    class Meta:
        model = Quantity

    claim = factory.SubFactory(ClaimFactory)
    measure = "capacity"
    value = Decimal("4.5")
    unit = Quantity.Unit.GW
    as_stated = "4,5 gigawatts"


class DateMentionFactory(DjangoModelFactory):
    """A date its claim mentions: a start in 2027, at year precision, unless told otherwise."""

    class Meta:
        model = DateMention

    claim = factory.SubFactory(ClaimFactory)
    role = DateMention.Role.STARTS
    precision = DateMention.Precision.YEAR
    year = 2027
    as_stated = "2027"


class CitationFactory(DjangoModelFactory):
    """A citation supporting its claim, at a synthetic address unless `url` names a real one."""

    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://reports.example/report-{n}")
    title = factory.LazyAttribute(lambda citation: f"Report on {citation.claim.slug}")
    publisher = "Example Reports"
    stance = Citation.Stance.SUPPORTS


def change_status(
    claim: Claim, to_status: str, rationale: str, *, by=None, citations=(), effective_at: dt.datetime | None = None
) -> StatusChange:
    """Change a claim's status as the system does (fixtures, imports, commands): through the service, which
    writes the history row; `by=None` acts as the system, now unless `effective_at` says when."""
    return claim_change_status(
        claim=claim,
        to_status=to_status,
        rationale=rationale,
        by=by,
        citations=citations,
        effective_at=effective_at or timezone.now(),
    )
