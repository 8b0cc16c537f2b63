"""The claims service: who may create and publish a claim, edits refused from an older version or with a
passage the article does not hold, edits that never touch the status, and re-check scheduling."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim
from claims.services.claims import claim_create, claim_update, claims_mark_for_recheck
from claims.services.status import claim_change_status
from claims.services.versions import StaleVersion
from tests.services.support import unchanged


class TestPublishing:
    def test_only_editors_may_publish(self, claim, contributor, editor):
        Claim.objects.filter(pk=claim.pk).update(visibility="draft")
        claim.refresh_from_db()
        claim.visibility = "published"
        with pytest.raises(PermissionDenied):
            claim_update(claim=claim, by=contributor, expected_version=1)
        unchanged(claim)
        assert claim.visibility == "draft"
        claim.visibility = "published"
        claim_update(claim=claim, by=editor, expected_version=1)
        claim.refresh_from_db()
        assert (claim.visibility, claim.version) == ("published", 2)

    def test_a_contributor_creates_drafts_but_not_published_claims(self, article, contributor):
        text = "Broadcom"
        draft = claim_create(by=contributor, article=article, slug="broadcom", text=text, start=0, end=0)
        assert (draft.visibility, draft.status_id, draft.start) == ("draft", "unverified", article.text.index(text))
        with pytest.raises(PermissionDenied):
            claim_create(by=contributor, article=article, slug="b2", text=text, start=0, end=0, visibility="published")
        assert not Claim.objects.filter(slug="b2").exists()


class TestEdits:
    def test_an_edit_from_an_old_version_is_refused_and_keeps_the_newer_text(self, claim, editor, contributor):
        first = Claim.objects.get(pk=claim.pk)
        second = Claim.objects.get(pk=claim.pk)
        first.text_en = "The partnership begins in 2027."
        claim_update(claim=first, by=contributor, expected_version=1, reason="Closer to the French.")
        second.text_en = "Overwrites the first edit."
        with pytest.raises(StaleVersion):
            claim_update(claim=second, by=editor, expected_version=1, reason="Another rendering.")
        claim.refresh_from_db()
        assert (claim.text_en, claim.version) == ("The partnership begins in 2027.", 2)

    def test_an_edit_never_writes_the_status(self, claim, citation, editor):
        stale_copy = Claim.objects.get(pk=claim.pk)
        claim_change_status(claim=claim, to_status="accurate", rationale="x", by=editor, citations=[citation])
        stale_copy.text_en = "edited"
        claim_update(claim=stale_copy, by=editor, expected_version=None, reason="A better rendering.")
        claim.refresh_from_db()
        assert (claim.status_id, claim.text_en, claim.version) == ("accurate", "edited", 3)

    def test_an_edit_with_a_passage_not_in_the_article_is_refused(self, claim, editor):
        claim.text = "Oracle rachète OpenAI"
        with pytest.raises(ValidationError) as exc:
            claim_update(claim=claim, by=editor, expected_version=1)
        assert "text" in exc.value.message_dict
        claim.refresh_from_db()
        assert (claim.text, claim.version) == ("ce partenariat démarre en 2027", 1)

    def test_status_cannot_be_set_through_an_edit(self, claim, editor):
        with pytest.raises(ValidationError) as exc:
            claim_update(claim=claim, by=editor, expected_version=1, data={"status_id": "accurate"})
        assert "status_id" in exc.value.message_dict
        unchanged(claim)


def test_marking_for_recheck_schedules_each_claim_and_bumps_its_version(claim, contributor):
    count = claims_mark_for_recheck(claims=[claim], by=contributor, on=dt.date(2026, 1, 5))
    claim.refresh_from_db()
    assert (count, claim.recheck_on, claim.version) == (1, dt.date(2026, 1, 5), 2)
    assert list(Claim.objects.recheck_due(dt.date(2026, 1, 5))) == [claim]
    assert not Claim.objects.recheck_due(dt.date(2026, 1, 4)).exists()
