"""Named personas and shared fixtures.

Never hard-code primary keys: PostgreSQL sequences survive rolled-back tests.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.models import Article, Citation, Claim, Source, VerificationStatus
from tests.shipped import restore_shipped_data

ARTICLE_TEXT = (
    "Selon le Wall Street Journal, ce partenariat démarre en 2027 et prévoit jusqu’à 4,5 gigawatts de capacité. "
    "OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom."
)


@pytest.fixture(autouse=True)
def _shipped_data(request):
    """Tests that touch the database find the statuses and groups migrations ship, even after an
    earlier transactional test flushed every table."""
    if "_django_db_helper" not in request.fixturenames:
        return
    request.getfixturevalue("_django_db_helper")
    restore_shipped_data()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default hasher is slow on purpose; every persona would pay for it at each test's setup.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _staff(username: str, group: str | None):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _staff("edith-editor", "editors")


@pytest.fixture
def contributor(db):
    return _staff("carl-contributor", "contributors")


@pytest.fixture
def outsider(db):
    """Staff with no group: may log in to the admin, may change nothing."""
    return _staff("olga-outsider", None)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(username="sam-super", password="pw-super")


@pytest.fixture
def wsj(db):
    return Source.objects.create(slug="wsj", name="The Wall Street Journal", kind=Source.Kind.OUTLET)


@pytest.fixture
def article(db, wsj):
    return Article.objects.create(
        slug="test-article",
        title="OpenAI et Oracle",
        publisher=None,
        language="fr",
        published_on=dt.date(2025, 9, 11),
        text=ARTICLE_TEXT,
    )


@pytest.fixture
def claim(db, article, wsj):
    text = "ce partenariat démarre en 2027"
    start = ARTICLE_TEXT.index(text)
    return Claim.objects.create(
        article=article,
        slug="starts-2027",
        text=text,
        start=start,
        end=start + len(text),
        text_en="the partnership starts in 2027",
        attributed_to=wsj,
        attribution_as_stated="Selon le Wall Street Journal",
        uncertainty=Claim.Uncertainty.ATTRIBUTION,
        uncertainty_as_stated="Selon",
        visibility=Claim.Visibility.PUBLISHED,
    )


@pytest.fixture
def citation(db, claim):
    return Citation.objects.create(
        claim=claim,
        url="https://the-decoder.com/openai-signs-300-billion-cloud-contract-with-oracle-according-to-wsj/",
        title="OpenAI signs $300 billion cloud contract with Oracle, according to WSJ",
        publisher="The Decoder",
        quote="The five-year contract begins in 2027",
        stance=Citation.Stance.SUPPORTS,
    )


@pytest.fixture
def status(db):
    """Look up a shipped status by code: status('accurate')."""
    return lambda code: VerificationStatus.objects.get(pk=code)
