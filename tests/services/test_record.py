"""Nothing changes off the record: a published claim's correction is a revision (who, when, why, each field
before and after), a claim that carries a verdict is corrected by editors only, a citation the history relied
on is superseded instead of edited, a claim with a verdict is retracted instead of unpublished, and the record
itself cannot be rewritten, deleted or truncated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from claims.models import CITATION_FIELDS, Article, Citation, Claim, Revision, StatusChange
from claims.services.articles import article_update
from claims.services.claims import claim_update
from claims.services.status import claim_change_status
from tests.factories import SEED_TEXT, ClaimFactory
from tests.helpers.record import lock_the_record


def rated(claim, citation, editor):
    claim_change_status(
        claim=claim, to_status="accurate", rationale="Two reports agree.", by=editor, citations=[citation]
    )
    claim.refresh_from_db()
    return claim


def test_a_published_claims_correction_is_a_revision_with_each_field_before_and_after(claim, editor):
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        data={"text_en": "the partnership begins in 2027"},
        quantities=[{"measure": "start", "value": Decimal("2027"), "unit": "count", "as_stated": "2027"}],
        reason="A closer rendering, and the year as a figure.",
    )
    (revision,) = Revision.objects.all()
    assert (revision.claim, revision.article, revision.changed_by) == (claim, claim.article, editor)
    assert revision.claim_version == Claim.objects.get(pk=claim.pk).version
    assert revision.reason == "A closer rendering, and the year as a figure."
    changes = {item["field"]: item for item in revision.changes}
    assert set(changes) == {"text_en", "quantities"}
    assert changes["text_en"]["before"] == "the partnership starts in 2027"
    assert changes["text_en"]["after"] == "the partnership begins in 2027"
    assert changes["quantities"]["before"] == "" and "“2027” = 2027 count" in changes["quantities"]["after"]


def test_a_correction_without_a_reason_is_refused_and_changes_nothing(claim, editor):
    for reason in (None, "", "   ", "\u200b\u200d"):
        # A refused write rolls back; the object it was given is read again, as a new request would.
        stored = Claim.objects.get(pk=claim.pk)
        with pytest.raises(ValidationError) as refused:
            claim_update(claim=stored, by=editor, expected_version=stored.version, data={"summary": "x"}, reason=reason)
        assert "reason" in refused.value.message_dict
    claim.refresh_from_db()
    assert (claim.summary, claim.version) == ("", 1) and not Revision.objects.exists()


def test_a_draft_changes_freely_and_scheduling_a_recheck_is_no_correction(article, claim, editor):
    draft = ClaimFactory(article=article, slug="draft", text="OpenAI préparerait aussi un contrat")
    claim_update(claim=draft, by=editor, expected_version=draft.version, data={"summary": "Broadcom"})
    claim_update(claim=claim, by=editor, expected_version=claim.version, data={"recheck_on": "2027-01-01"})
    assert not Revision.objects.exists()


def test_a_claim_with_a_verdict_is_corrected_by_editors_only(claim, citation, editor, contributor):
    rated(claim, citation, editor)
    with pytest.raises(PermissionDenied, match="corrected by editors"):
        claim_update(claim=claim, by=contributor, expected_version=claim.version, data={"summary": "x"}, reason="y")
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.summary, claim.version) == ("", 2)
    claim_update(
        claim=claim, by=editor, expected_version=claim.version, data={"summary": "Starts in 2027"}, reason="A title."
    )
    assert Revision.objects.get().changed_by == editor


def test_a_citation_the_history_relied_on_is_superseded_not_edited(claim, citation, editor):
    rated(claim, citation, editor)
    fields = {name: getattr(citation, name) for name in CITATION_FIELDS}
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        citations=[{"id": citation.pk, **fields, "quote": "The contract begins in 2027."}],
        reason="The quote as the page reads it.",
    )
    citation.refresh_from_db()
    assert citation.superseded_at is not None and citation.quote == "The five-year contract begins in 2027"
    correction = Citation.objects.get(corrects=citation)
    assert (correction.url, correction.quote, correction.superseded_at) == (
        citation.url,
        "The contract begins in 2027.",
        None,
    )
    # The history still cites what it relied on, as it was read.
    assert list(StatusChange.objects.get(claim=claim).citations.all()) == [citation]
    # A list sent again without the superseded citation keeps it: it is on the record.
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        citations=[{"id": correction.pk, **{n: getattr(correction, n) for n in CITATION_FIELDS}}],
        reason="Unchanged.",
    )
    assert Citation.objects.filter(claim=claim).count() == 2


def test_a_citation_nothing_relied_on_is_edited_in_place(claim, citation, editor):
    fields = {name: getattr(citation, name) for name in CITATION_FIELDS}
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        citations=[{"id": citation.pk, **fields, "title": "Retitled"}],
        reason="The page's title.",
    )
    citation.refresh_from_db()
    assert (citation.title, citation.superseded_at) == ("Retitled", None) and Citation.objects.count() == 1


def test_a_claim_with_a_verdict_is_retracted_not_unpublished(claim, citation, editor):
    rated(claim, citation, editor)
    with pytest.raises(ValidationError) as refused:
        claim_update(claim=claim, by=editor, expected_version=claim.version, data={"visibility": "draft"})
    assert "retracted" in " ".join(refused.value.message_dict["visibility"])
    claim_change_status(claim=claim, to_status="retracted", rationale="Recorded twice.", by=editor)
    claim.refresh_from_db()
    assert (claim.status_id, claim.visibility) == ("retracted", "published")


def test_an_article_a_published_claim_quotes_is_corrected_by_editors_with_a_reason(article, claim, editor, contributor):
    article.title = "OpenAI et Oracle, corrigé"
    with pytest.raises(PermissionDenied):
        article_update(article=article, by=contributor, reason="Typo.")
    article = Article.objects.get(pk=article.pk)
    article.title = "OpenAI et Oracle, corrigé"
    with pytest.raises(ValidationError):
        article_update(article=article, by=editor)
    article = Article.objects.get(pk=article.pk)
    article_update(article=article, by=editor, reason="The outlet's own title.", title="OpenAI et Oracle, corrigé")
    revision = Revision.objects.get()
    assert (revision.claim, revision.article, revision.changes[0]["before"]) == (None, article, "OpenAI et Oracle")


@pytest.mark.parametrize("text", ["\u202eetaruccA", "Accurate\u2066 hidden\u2069"])
def test_a_rationale_with_bidirectional_controls_is_refused(claim, citation, editor, text):
    with pytest.raises(ValidationError) as refused:
        claim_change_status(claim=claim, to_status="accurate", rationale=text, by=editor, citations=[citation])
    assert "bidirectional" in " ".join(refused.value.message_dict["rationale"])


def test_a_rationale_of_invisible_characters_only_is_refused(claim, citation, editor):
    with pytest.raises(ValidationError) as refused:
        claim_change_status(
            claim=claim, to_status="accurate", rationale="\u200b\u200c\ufeff", by=editor, citations=[citation]
        )
    assert "rationale" in refused.value.message_dict and not StatusChange.objects.exists()


def test_revisions_are_never_updated_or_deleted_even_in_raw_sql(claim, editor):
    claim_update(claim=claim, by=editor, expected_version=claim.version, data={"summary": "x"}, reason="A title.")
    revision = Revision.objects.get()
    with pytest.raises(TypeError):
        revision.save()
    with pytest.raises(TypeError):
        Revision.objects.all().delete()
    lock_the_record()
    for statement in ("UPDATE claims_revision SET reason = 'rewritten'", "DELETE FROM claims_revision"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert Revision.objects.get().reason == "A title."


def test_a_history_rows_citations_cannot_be_deleted_once_the_record_is_locked(claim, citation, editor):
    rated(claim, citation, editor)
    change = StatusChange.objects.get()
    lock_the_record()
    with pytest.raises(DatabaseError), transaction.atomic():
        change.citations.clear()
    assert list(change.citations.all()) == [citation]


@pytest.mark.postgres_only
def test_postgresql_refuses_truncating_the_record(claim, citation, editor):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    rated(claim, citation, editor)
    lock_the_record()
    for table in ("claims_statuschangecitation", "claims_statuschange", "claims_revision"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table} CASCADE")
    assert StatusChange.objects.count() == 1


def test_the_seed_text_is_what_the_claim_quotes(claim):
    assert SEED_TEXT[claim.start : claim.end] == claim.text
