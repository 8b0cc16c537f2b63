"""Candidate claims: accepted as a draft claim with everything proposed, dismissed with a reason, found
again without losing decisions; a passage chosen by an editor; an article's text editable until a claim on
it is published, its drafts' passages moving with it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims.models import Candidate, Claim, StatusChange
from claims.services.articles import TEXT_LOCKED, article_update
from claims.services.candidates import (
    article_find_candidates,
    candidate_accept,
    candidate_dismiss,
    candidate_for_passage,
)
from claims.services.intake import article_intake
from tests.factories import SEED_TEXT, SourceFactory

DAY = dt.date(2025, 9, 11)


@pytest.fixture
def article(db, editor):
    SourceFactory(slug="wsj", name="The Wall Street Journal")
    return article_intake(by=editor, title="OpenAI et Oracle", published_on=DAY, text=SEED_TEXT)


def candidate_with(article, words: str) -> Candidate:
    return next(c for c in article.candidates.all() if words in c.text)


def test_accepting_makes_a_draft_claim_with_everything_proposed(article, contributor):
    candidate = candidate_with(article, "4,5 gigawatts")
    claim = candidate_accept(candidate=candidate, by=contributor)
    claim.refresh_from_db()
    assert (claim.article, claim.text, claim.start, claim.end) == (
        article,
        candidate.text,
        candidate.start,
        candidate.end,
    )
    assert claim.visibility == Claim.Visibility.DRAFT and claim.status_id == "unverified"
    assert claim.created_by == contributor and claim.attributed_to.slug == "wsj"
    assert (claim.uncertainty, claim.uncertainty_as_stated) == ("bound", "jusqu’à")
    (quantity,) = claim.quantities.all()
    assert (quantity.unit, quantity.value, quantity.qualifier, quantity.upper_bound) == (
        "GW",
        Decimal("4.5"),
        "up_to",
        Decimal("4.5"),
    )
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.ACCEPTED and candidate.claim == claim
    assert candidate.decided_by == contributor and candidate.decided_at is not None
    assert not StatusChange.objects.filter(claim=claim).exists()


def test_a_candidate_with_a_future_date_becomes_a_claim_to_check_later(article, editor):
    claim = candidate_accept(candidate=candidate_with(article, "démarre en 2027"), by=editor)
    assert claim.checkability == Claim.Checkability.CHECKABLE_LATER and claim.recheck_on == dt.date(2028, 1, 1)
    (date,) = claim.dates.all()
    assert (date.role, date.precision, date.year, date.as_stated) == ("starts", "year", 2027, "en 2027")


def test_accepting_twice_is_refused_and_makes_no_second_claim(article, editor):
    candidate = candidate_with(article, "300 milliards")
    candidate_accept(candidate=candidate, by=editor)
    with pytest.raises(ValidationError, match="already accepted"):
        candidate_accept(candidate=candidate, by=editor)
    assert Claim.objects.count() == 1


def test_a_dismissal_keeps_who_when_and_why(article, contributor):
    candidate = candidate_with(article, "Broadcom")
    candidate_dismiss(candidate=candidate, by=contributor, reason="  Speculation  about a rumour ")
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.DISMISSED and candidate.dismiss_reason == "Speculation about a rumour"
    assert candidate.decided_by == contributor and candidate.decided_at is not None
    with pytest.raises(ValidationError, match="already dismissed"):
        candidate_accept(candidate=candidate, by=contributor)


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_a_dismissal_needs_a_reason_of_reasonable_length(article, editor, reason):
    candidate = candidate_with(article, "Broadcom")
    with pytest.raises(ValidationError) as refused:
        candidate_dismiss(candidate=candidate, by=editor, reason=reason)
    assert "reason" in refused.value.message_dict
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.OPEN


def test_finding_candidates_again_keeps_every_decision(article, editor):
    accepted = candidate_with(article, "300 milliards")
    dismissed = candidate_with(article, "Broadcom")
    candidate_accept(candidate=accepted, by=editor)
    candidate_dismiss(candidate=dismissed, by=editor, reason="A rumour.")
    before = {c.text: c.status for c in article.candidates.all()}
    article_find_candidates(article=article)
    after = {c.text: c.status for c in article.candidates.all()}
    assert after == before


def test_an_editor_adds_a_candidate_by_pasting_a_passage_with_other_quotes(article, editor):
    candidate = candidate_for_passage(
        article=article, passage="l'équivalent énergétique de plusieurs grandes villes", by=editor
    )
    assert candidate.text == "l’équivalent énergétique de plusieurs grandes villes"
    assert SEED_TEXT[candidate.start : candidate.end] == candidate.text
    assert candidate.reasons[0] == "chosen by an editor" and candidate.status == Candidate.Status.OPEN


def test_adjusting_a_candidate_moves_its_passage_and_reads_it_again(article, editor):
    candidate = candidate_with(article, "4,5 gigawatts")
    adjusted = candidate_for_passage(article=article, passage="jusqu'à 4,5 gigawatts", by=editor, candidate=candidate)
    assert adjusted.pk == candidate.pk and adjusted.text == "jusqu’à 4,5 gigawatts"
    assert adjusted.proposal["quantities"][0]["unit"] == "GW"
    # The sentence still lends its attribution to the narrower passage.
    assert adjusted.proposal["attribution_as_stated"] == "Selon le Wall Street Journal"


def test_a_passage_that_is_already_a_candidate_or_not_in_the_text_is_refused(article, editor):
    existing = candidate_with(article, "Broadcom")
    with pytest.raises(ValidationError, match="already a candidate"):
        candidate_for_passage(article=article, passage=existing.text, by=editor)
    with pytest.raises(ValidationError, match="does not occur"):
        candidate_for_passage(article=article, passage="un contrat de 12 milliards", by=editor)


def test_the_text_stays_editable_while_claims_are_drafts_and_their_passages_move_with_it(article, editor):
    claim = candidate_accept(candidate=candidate_with(article, "4,5 gigawatts"), by=editor)
    version = claim.version
    article_update(article=article, by=editor, text="Mise à jour du 12 septembre.\n\n" + SEED_TEXT)
    claim.refresh_from_db()
    assert article.text[claim.start : claim.end] == claim.text and claim.version == version + 1
    moved = candidate_with(article, "4,5 gigawatts")
    assert moved.status == Candidate.Status.ACCEPTED and article.text[moved.start : moved.end] == moved.text


def test_a_text_that_loses_a_drafts_passage_is_refused_naming_the_claim(article, editor):
    claim = candidate_accept(candidate=candidate_with(article, "4,5 gigawatts"), by=editor)
    with pytest.raises(ValidationError) as refused:
        article_update(article=article, by=editor, text=SEED_TEXT.replace("4,5 gigawatts", "5 gigawatts"))
    assert "no longer has" in " ".join(refused.value.message_dict["text"])
    assert str(claim) in " ".join(refused.value.message_dict["text"])


def test_the_text_is_locked_once_a_claim_on_it_is_published(article, editor):
    claim = candidate_accept(candidate=candidate_with(article, "4,5 gigawatts"), by=editor)
    Claim.objects.filter(pk=claim.pk).update(visibility=Claim.Visibility.PUBLISHED)
    with pytest.raises(ValidationError) as refused:
        article_update(article=article, by=editor, text=SEED_TEXT + "\n\nUn ajout.")
    assert refused.value.message_dict["text"] == [TEXT_LOCKED]
    article.refresh_from_db()
    assert article.text == SEED_TEXT
