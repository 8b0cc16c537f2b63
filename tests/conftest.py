"""Named personas and shared fixtures.

The personas: `editor` (sets verdicts, publishes), `contributor` (drafts, moves claims into review),
`outsider` (staff with no group: may log in to the admin, may change nothing) and `superuser`.

The shared world: `wsj`, the seed `article`, its published `claim` (the 2027 start, attributed to the WSJ)
with one `citation` (The Decoder), `status('accurate')` for a shipped status, and the `newsroom` (the seed
article with five published claims and a draft; tests/helpers/seed_article.py).

Never hard-code primary keys: PostgreSQL sequences survive rolled-back tests.
"""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connection

from claims.models import Citation, Claim, Source, VerificationStatus
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, SourceFactory
from tests.helpers.seed_article import DECODER, START_PASSAGE, build_newsroom
from tests.shipped import restore_shipped_data


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with its public record unlocked for purges: the test runner empties every table
    between transactional tests (a flush), which the record's guard refuses unless a row of
    claims_history_unlocked lets it through, as an operator's purge would (migration 0007). Rewriting the
    record stays refused; tests of the guard lock it again."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO claims_history_unlocked (id) VALUES (1)")


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


@pytest.fixture
def shipped_rows(transactional_db):
    """The content types, permissions, statuses and groups that `migrate` creates.

    A committing test ends with a flush that empties them; serialized_rollback should bring them back but
    does not always under pytest-django once several committing tests have run, so put back what is
    missing, exactly as migration 0002 makes it (without running it against the live app registry).
    """
    if VerificationStatus.objects.exists() and Group.objects.filter(name="editors").exists():
        return
    emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
    shipped = importlib.import_module("claims.migrations.0002_statuses_groups_history_guard")
    for code, label, normalized, is_verdict, rating, order, color, description in shipped.STATUSES:
        VerificationStatus.objects.update_or_create(
            code=code,
            defaults={
                "label": label,
                "normalized": normalized,
                "is_verdict": is_verdict,
                "rating_value": rating,
                "order": order,
                "color": color,
                "description": description,
            },
        )
    for name, codenames in (("contributors", shipped.CONTRIBUTOR_PERMS), ("editors", shipped.EDITOR_PERMS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))


# --- the personas ------------------------------------------------------------------------------------------


def _staff(username: str, group: str | None):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _staff("edith-editor", "editors")


@pytest.fixture
def second_editor(db):
    """The other editor of a two-person sign-off."""
    return _staff("ezra-editor", "editors")


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


# --- the shared world ---------------------------------------------------------------------------------------


@pytest.fixture
def wsj(db):
    return SourceFactory(slug="wsj", name="The Wall Street Journal", kind=Source.Kind.OUTLET)


@pytest.fixture
def article(db, wsj):
    return ArticleFactory(slug="test-article", title="OpenAI et Oracle", publisher=None)


@pytest.fixture
def claim(db, article, wsj):
    return ClaimFactory(
        article=article,
        slug="starts-2027",
        text=START_PASSAGE,
        text_en="the partnership starts in 2027",
        attributed_to=wsj,
        attribution_as_stated="Selon le Wall Street Journal",
        uncertainty=Claim.Uncertainty.ATTRIBUTION,
        uncertainty_as_stated="Selon",
        published=True,
    )


@pytest.fixture
def citation(db, claim):
    return CitationFactory(
        claim=claim,
        url=DECODER,
        title="OpenAI signs $300 billion cloud contract with Oracle, according to WSJ",
        publisher="The Decoder",
        quote="The five-year contract begins in 2027",
        stance=Citation.Stance.SUPPORTS,
    )


@pytest.fixture
def status(db):
    """Look up a shipped status by code: status('accurate')."""
    return lambda code: VerificationStatus.objects.get(pk=code)


@pytest.fixture
def newsroom(db):
    """The seed article with five published claims (two overlapping) and one draft."""
    return build_newsroom(SourceFactory(slug="wsj-pages", name="The Wall Street Journal", kind=Source.Kind.OUTLET))
