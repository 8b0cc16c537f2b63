"""The status service: one function changes a status, writes its history row, and refuses what the role,
the workflow or a stale version does not allow — leaving the claim untouched when it refuses. Retraction is
a status change like any other: the claim and its history stay."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from claims.models import Claim, StatusChange, VerificationStatus
from claims.selectors import invariants
from claims.services.status import TransitionNotAllowed, claim_change_status
from claims.services.versions import StaleVersion
from tests.factories import ClaimFactory
from tests.services.support import unchanged


class TestAnEditorSettingAVerdict:
    def test_it_updates_the_claim_and_writes_the_history_row(self, claim, citation, editor):
        change = claim_change_status(
            claim=claim,
            to_status="accurate",
            rationale="The Decoder reports a start in 2027.",
            by=editor,
            citations=[citation],
            expected_version=1,
        )
        claim.refresh_from_db()
        assert (claim.status_id, claim.version, claim.rationale) == (
            "accurate",
            2,
            "The Decoder reports a start in 2027.",
        )
        assert change.from_status_id == "unverified"
        assert change.to_status_id == "accurate"
        assert change.changed_by == editor
        assert change.claim_version == 2
        assert list(change.citations.all()) == [citation]
        assert change.effective_at <= timezone.now()

    def test_each_change_appends_a_row_in_version_order(self, claim, citation, editor):
        claim_change_status(claim=claim, to_status="in_review", rationale="Looking.", by=editor)
        claim_change_status(claim=claim, to_status="accurate", rationale="Found.", by=editor, citations=[citation])
        rows = list(StatusChange.objects.filter(claim=claim).values_list("from_status", "to_status", "claim_version"))
        assert rows == [("unverified", "in_review", 2), ("in_review", "accurate", 3)]

    def test_a_verdict_may_be_confirmed_again_with_new_evidence(self, claim, citation, editor):
        claim_change_status(claim=claim, to_status="misleading", rationale="First.", by=editor, citations=[citation])
        claim_change_status(
            claim=claim, to_status="misleading", rationale="Confirmed.", by=editor, citations=[citation]
        )
        assert StatusChange.objects.filter(claim=claim, to_status="misleading").count() == 2

    def test_a_backdated_change_says_what_was_known_then(self, claim, citation, editor):
        claim_change_status(
            claim=claim,
            to_status="unverifiable_yet",
            rationale="Reported by anonymous sources only.",
            by=editor,
            effective_at=dt.datetime(2025, 9, 11, tzinfo=dt.UTC),
        )
        claim_change_status(
            claim=claim,
            to_status="accurate",
            rationale="Confirmed by the company.",
            by=editor,
            citations=[citation],
            effective_at=dt.datetime(2025, 9, 23, tzinfo=dt.UTC),
        )
        on_article_date = (
            StatusChange.objects.filter(claim=claim, effective_at__lte=dt.datetime(2025, 9, 11, 23, 59, tzinfo=dt.UTC))
            .latest()
            .to_status_id
        )
        assert on_article_date == "unverifiable_yet"
        claim.refresh_from_db()
        assert claim.status_id == "accurate"


class TestWhatTheServiceRefuses:
    def test_a_verdict_without_rationale(self, claim, citation, editor):
        with pytest.raises(ValidationError) as exc:
            claim_change_status(claim=claim, to_status="accurate", rationale="   ", by=editor, citations=[citation])
        assert "rationale" in exc.value.message_dict
        unchanged(claim)

    def test_an_unknown_status(self, claim, editor):
        with pytest.raises(ValidationError) as exc:
            claim_change_status(claim=claim, to_status="probably_true", rationale="x", by=editor)
        assert "status" in exc.value.message_dict
        unchanged(claim)

    def test_a_rated_verdict_without_a_citation(self, claim, editor):
        with pytest.raises(ValidationError) as exc:
            claim_change_status(claim=claim, to_status="inaccurate", rationale="Wrong.", by=editor)
        assert "citations" in exc.value.message_dict
        unchanged(claim)

    def test_a_citation_of_another_claim(self, claim, citation, article, editor):
        other = ClaimFactory(article=article, slug="other", text="Broadcom")
        with pytest.raises(ValidationError) as exc:
            claim_change_status(claim=other, to_status="accurate", rationale="x", by=editor, citations=[citation])
        assert "citations" in exc.value.message_dict
        unchanged(other)

    def test_going_back_to_unverified(self, claim, editor):
        claim_change_status(claim=claim, to_status="in_review", rationale="Looking.", by=editor)
        with pytest.raises(TransitionNotAllowed):
            claim_change_status(claim=claim, to_status="unverified", rationale="Undo.", by=editor)
        unchanged(claim, status="in_review", version=2, history=1)

    def test_a_non_verdict_to_itself(self, claim, editor):
        claim_change_status(claim=claim, to_status="in_review", rationale="Looking.", by=editor)
        with pytest.raises(TransitionNotAllowed):
            claim_change_status(claim=claim, to_status="in_review", rationale="Still looking.", by=editor)
        unchanged(claim, status="in_review", version=2, history=1)

    def test_a_change_in_the_future(self, claim, editor):
        with pytest.raises(ValidationError) as exc:
            claim_change_status(
                claim=claim,
                to_status="in_review",
                rationale="x",
                by=editor,
                effective_at=timezone.now() + dt.timedelta(days=1),
            )
        assert "effective_at" in exc.value.message_dict
        unchanged(claim)

    def test_a_change_dated_before_the_previous_one(self, claim, editor):
        claim_change_status(
            claim=claim,
            to_status="in_review",
            rationale="x",
            by=editor,
            effective_at=dt.datetime(2025, 9, 23, tzinfo=dt.UTC),
        )
        with pytest.raises(ValidationError) as exc:
            claim_change_status(
                claim=claim,
                to_status="not_checkable",
                rationale="y",
                by=editor,
                effective_at=dt.datetime(2025, 9, 11, tzinfo=dt.UTC),
            )
        assert "effective_at" in exc.value.message_dict
        unchanged(claim, status="in_review", version=2, history=1)


class TestRoles:
    def test_a_contributor_may_not_set_a_verdict(self, claim, citation, contributor):
        with pytest.raises(PermissionDenied, match="editors"):
            claim_change_status(claim=claim, to_status="accurate", rationale="x", by=contributor, citations=[citation])
        unchanged(claim)

    def test_a_contributor_may_move_a_claim_into_review(self, claim, contributor):
        change = claim_change_status(claim=claim, to_status="in_review", rationale="Checking the WSJ.", by=contributor)
        assert change.changed_by == contributor
        unchanged(claim, status="in_review", version=2, history=1)

    @pytest.mark.parametrize("verdict", ["accurate", "unverifiable_yet", "not_checkable", "retracted"])
    @pytest.mark.parametrize("target", ["in_review", "unverified", "same verdict", "another verdict"])
    def test_a_contributor_may_not_undo_a_verdict_whatever_the_target(
        self, claim, citation, editor, contributor, verdict, target
    ):
        claim_change_status(claim=claim, to_status=verdict, rationale="Settled.", by=editor, citations=[citation])
        to_status = {"same verdict": verdict, "another verdict": "misleading"}.get(target, target)
        with pytest.raises(PermissionDenied, match="editors") as exc:
            claim_change_status(
                claim=claim,
                to_status=to_status,
                rationale="Reopening it.",
                by=contributor,
                citations=[citation],
                expected_version=2,
            )
        if target in ("in_review", "unverified"):
            label = VerificationStatus.objects.get(pk=verdict).label
            assert str(exc.value) == (
                f"Your role may not change a claim rated \u201c{label}\u201d: verdicts are changed by editors."
            )
        unchanged(claim, status=verdict, version=2, history=1)
        assert claim.rationale == "Settled."
        assert StatusChange.objects.get(claim=claim).changed_by == editor

    def test_the_refusal_judges_the_stored_status_not_the_callers_copy(self, claim, citation, editor, contributor):
        stale_copy = Claim.objects.get(pk=claim.pk)  # still "unverified" in memory
        claim_change_status(claim=claim, to_status="accurate", rationale="Settled.", by=editor, citations=[citation])
        with pytest.raises(PermissionDenied, match="verdicts are changed by editors"):
            claim_change_status(claim=stale_copy, to_status="in_review", rationale="Reopening.", by=contributor)
        unchanged(claim, status="accurate", version=2, history=1)

    def test_an_editor_may_take_a_verdict_back_into_review(self, claim, citation, editor):
        claim_change_status(claim=claim, to_status="accurate", rationale="Settled.", by=editor, citations=[citation])
        change = claim_change_status(claim=claim, to_status="in_review", rationale="New doubts.", by=editor)
        assert (change.from_status_id, change.to_status_id, change.changed_by) == ("accurate", "in_review", editor)
        unchanged(claim, status="in_review", version=3, history=2)

    def test_a_staff_member_without_a_group_may_change_nothing(self, claim, outsider):
        with pytest.raises(PermissionDenied):
            claim_change_status(claim=claim, to_status="in_review", rationale="x", by=outsider)
        unchanged(claim)


class TestStaleVersions:
    def test_a_status_change_from_an_old_version_is_refused(self, claim, citation, editor):
        claim_change_status(
            claim=claim, to_status="in_review", rationale="First editor.", by=editor, expected_version=1
        )
        with pytest.raises(StaleVersion) as exc:
            claim_change_status(
                claim=claim,
                to_status="accurate",
                rationale="Second editor.",
                by=editor,
                citations=[citation],
                expected_version=1,
            )
        assert "version 1" in str(exc.value)
        assert "now version 2" in str(exc.value)
        unchanged(claim, status="in_review", version=2, history=1)


# --- retraction: a status change that keeps the claim and its history ------------------------------------


def test_retraction_is_a_status_change_that_keeps_the_claim(claim, editor):
    claim_change_status(claim=claim, to_status="retracted", rationale="Recorded twice; see the other claim.", by=editor)
    claim.refresh_from_db()
    assert claim.status_id == "retracted"
    assert StatusChange.objects.get(claim=claim).rationale.startswith("Recorded twice")


def test_retracting_is_a_status_change_with_a_rationale_that_keeps_the_claim_and_its_history(claim, citation, editor):
    claim_change_status(
        claim=claim,
        to_status="accurate",
        rationale="As reported.",
        by=editor,
        citations=[citation],
        expected_version=1,
    )

    retraction = claim_change_status(
        claim=claim,
        to_status="retracted",
        rationale="Recorded twice: the same claim is tracked under another entry.",
        by=editor,
        expected_version=2,
    )

    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status_id, stored.version) == ("retracted", 3)
    assert stored.rationale == "Recorded twice: the same claim is tracked under another entry."
    assert list(stored.history.values_list("to_status", flat=True)) == ["accurate", "retracted"]
    assert (retraction.from_status_id, retraction.changed_by) == ("accurate", editor)
    assert invariants.check().ok


def test_a_retraction_without_a_rationale_is_refused(claim, editor):
    with pytest.raises(ValidationError) as refused:
        claim_change_status(claim=claim, to_status="retracted", rationale="  ", by=editor, expected_version=1)

    assert "rationale" in refused.value.message_dict
    assert not StatusChange.objects.filter(claim=claim).exists()


def test_a_contributor_cannot_retract(claim, contributor):
    with pytest.raises(PermissionDenied):
        claim_change_status(
            claim=claim, to_status="retracted", rationale="Duplicate.", by=contributor, expected_version=1
        )

    assert Claim.objects.get(pk=claim.pk).status_id == "unverified"
