"""Fixtures of the admin tests: a logged-in client for each editorial persona, a draft claim to change or
delete, and a history row to look at."""

import pytest

from claims.models import Claim
from claims.services.status import claim_change_status
from tests.factories import ClaimFactory
from tests.helpers.seed_article import BROADCOM_PASSAGE


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def as_contributor(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def broadcom_claim(article):
    """The Broadcom order, a draft never reviewed."""
    return ClaimFactory(
        article=article,
        slug="broadcom-10b",
        text=BROADCOM_PASSAGE,
        text_en="OpenAI is reportedly preparing a $10 billion contract with Broadcom",
        summary="Broadcom order",
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
    )


@pytest.fixture
def history_row(claim, citation, editor):
    return claim_change_status(
        claim=claim, to_status="accurate", rationale="Confirmed.", by=editor, citations=[citation]
    )
