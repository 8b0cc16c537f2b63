"""Two-person sign-off: with it required, an editor's verdict waits, not public, until a second editor signs
it off (the history row then names both) or sends it back with a note; nobody signs off their own verdict,
nor one given on an older version of the claim."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from claims.models import Claim, PendingVerdict, StatusChange
from claims.services.claims import claim_update
from claims.services.status import claim_change_status, verdict_send_back, verdict_sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sign_off_required(settings):
    settings.FACTCHECK_SIGNOFF_REQUIRED = True


def propose(claim, citation, editor) -> PendingVerdict:
    return claim_change_status(
        claim=claim,
        to_status="accurate",
        rationale="Two reports agree.",
        by=editor,
        citations=[citation],
        expected_version=claim.version,
    )


def test_a_verdict_waits_for_a_second_editor_and_nothing_public_changes(claim, citation, editor):
    pending = propose(claim, citation, editor)
    assert isinstance(pending, PendingVerdict) and pending.state == PendingVerdict.State.AWAITING
    assert list(pending.citations.all()) == [citation]
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status_id, stored.version) == ("unverified", 1) and not StatusChange.objects.exists()


def test_signing_off_writes_the_change_with_both_editors_on_it(claim, citation, editor, second_editor):
    pending = propose(claim, citation, editor)
    change = verdict_sign_off(pending=pending, by=second_editor)
    assert (change.to_status_id, change.changed_by, change.signed_off_by) == ("accurate", editor, second_editor)
    assert change.signed_off_at is not None and list(change.citations.all()) == [citation]
    pending.refresh_from_db()
    assert (pending.state, pending.decided_by, pending.status_change) == ("signed_off", second_editor, change)
    assert Claim.objects.get(pk=claim.pk).status_id == "accurate"


def test_nobody_signs_off_their_own_verdict(claim, citation, editor):
    pending = propose(claim, citation, editor)
    with pytest.raises(PermissionDenied, match="own verdict"):
        verdict_sign_off(pending=pending, by=editor)
    with pytest.raises(PermissionDenied):
        verdict_send_back(pending=pending, by=editor, note="Mine.")
    assert PendingVerdict.objects.get().state == "awaiting" and not StatusChange.objects.exists()


def test_a_contributor_neither_signs_off_nor_sends_back(claim, citation, editor, contributor):
    pending = propose(claim, citation, editor)
    with pytest.raises(PermissionDenied):
        verdict_sign_off(pending=pending, by=contributor)
    with pytest.raises(PermissionDenied):
        verdict_send_back(pending=pending, by=contributor, note="No.")
    assert PendingVerdict.objects.get().state == "awaiting"


def test_a_verdict_given_on_an_older_version_is_not_signed_off(claim, citation, editor, second_editor):
    pending = propose(claim, citation, editor)
    claim_update(
        claim=Claim.objects.get(pk=claim.pk),
        by=editor,
        expected_version=1,
        data={"summary": "Starts in 2027"},
        reason="A title.",
    )
    with pytest.raises(ValidationError) as refused:
        verdict_sign_off(pending=pending, by=second_editor)
    assert "send it back" in " ".join(refused.value.message_dict["verdict"])
    assert Claim.objects.get(pk=claim.pk).status_id == "unverified"


def test_sending_back_keeps_the_note_and_frees_the_claim_for_a_new_verdict(claim, citation, editor, second_editor):
    pending = propose(claim, citation, editor)
    with pytest.raises(ValidationError) as refused:
        verdict_send_back(pending=pending, by=second_editor, note="\u200b ")
    assert "note" in refused.value.message_dict
    verdict_send_back(pending=pending, by=second_editor, note="The quote is from the WSJ, cite it.")
    pending.refresh_from_db()
    assert (pending.state, pending.note) == ("sent_back", "The quote is from the WSJ, cite it.")
    with pytest.raises(ValidationError, match="already sent back"):
        verdict_sign_off(pending=pending, by=second_editor)
    again = propose(Claim.objects.get(pk=claim.pk), citation, editor)
    assert again.state == "awaiting" and PendingVerdict.objects.count() == 2


def test_one_verdict_awaits_at_a_time(claim, citation, editor, second_editor):
    propose(claim, citation, editor)
    with pytest.raises(ValidationError, match="awaits sign-off"):
        claim_change_status(
            claim=claim, to_status="misleading", rationale="No.", by=second_editor, citations=[citation]
        )
    # The database holds the rule too, whatever path writes.
    with pytest.raises(IntegrityError), transaction.atomic():
        PendingVerdict.objects.create(
            claim=claim, to_status_id="false", rationale="x", claim_version=1, proposed_by=second_editor
        )


def test_in_review_and_the_systems_own_changes_do_not_wait(claim, citation, editor):
    change = claim_change_status(claim=claim, to_status="in_review", rationale="Looking.", by=editor)
    assert isinstance(change, StatusChange) and change.signed_off_by is None
    by_system = claim_change_status(
        claim=claim, to_status="accurate", rationale="From the file.", by=None, citations=[citation]
    )
    assert isinstance(by_system, StatusChange) and not PendingVerdict.objects.exists()


def test_the_database_refuses_a_sign_off_by_the_editor_who_gave_it(claim, editor):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusChange.objects.create(
            claim=claim,
            from_status_id="unverified",
            to_status_id="in_review",
            changed_by=editor,
            signed_off_by=editor,
            signed_off_at=claim.updated_at,
            effective_at=claim.updated_at,
            rationale="Mine.",
            claim_version=2,
        )
