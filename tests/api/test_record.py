"""The public record through the API: a correction of a published claim needs a reason and is listed at
claims/{id}/revisions/; a contributor cannot change what a rated claim says or rests on; a rated claim is
retracted, not unpublished, and a syncing client sees the retraction; with sign-off required a verdict
answers 202 and waits at claims/{id}/sign-off/ for a second editor."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.models import Claim, PendingVerdict, Revision, StatusChange
from claims.services.status import claim_change_status
from tests.api.support import API, client_for, error_of


def rate(claim, citation, editor):
    claim_change_status(
        claim=claim, to_status="accurate", rationale="Two reports agree.", by=editor, citations=[citation]
    )
    claim.refresh_from_db()


def patch(user, claim, body):
    return client_for(user).patch(f"{API}claims/{claim.pk}/", {"version": claim.version, **body}, format="json")


def test_a_correction_without_a_reason_is_a_400_naming_reason_and_changes_nothing(claim, editor):
    response = patch(editor, claim, {"text_en": "the partnership begins in 2027"})
    assert response.status_code == 400
    assert "reason" in error_of(response)["fields"]
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.text_en, stored.version) == ("the partnership starts in 2027", 1)
    assert not Revision.objects.exists()


def test_a_correction_with_a_reason_is_listed_publicly_with_each_field_before_and_after(claim, editor):
    response = patch(editor, claim, {"text_en": "the partnership begins in 2027", "reason": "A closer rendering."})
    assert response.status_code == 200, response.json()
    listed = client_for().get(f"{API}claims/{claim.pk}/revisions/")
    assert listed.status_code == 200
    (revision,) = listed.json()
    assert (revision["scope"], revision["reason"], revision["claim_version"]) == ("claim", "A closer rendering.", 2)
    assert revision["changes"] == [
        {
            "field": "text_en",
            "label": "English rendering",
            "before": "the partnership starts in 2027",
            "after": "the partnership begins in 2027",
        }
    ]


def test_a_contributor_cannot_move_a_rated_claims_passage_or_replace_its_citation(claim, citation, editor, contributor):
    rate(claim, citation, editor)
    before = list(Claim.objects.filter(pk=claim.pk).values())
    moved = patch(contributor, claim, {"start": 0, "text": claim.article.text[:6], "reason": "Moved."})
    assert moved.status_code == 403 and "editors" in error_of(moved)["detail"]
    other = {"url": "https://example.org/other", "title": "Other", "publisher": "X", "stance": "supports"}
    kept = {"id": citation.pk, **{name: getattr(citation, name) for name in ("url", "title", "publisher", "stance")}}
    added = patch(contributor, claim, {"citations": [kept, other], "reason": "Another source."})
    assert added.status_code == 403
    # Replacing the citation the verdict relied on is refused whoever asks: the history keeps its sources.
    swapped = patch(editor, claim, {"citations": [other], "reason": "Better source."})
    assert swapped.status_code == 400 and "relied on it" in error_of(swapped)["fields"]["citations"][0]
    assert list(Claim.objects.filter(pk=claim.pk).values()) == before
    assert list(claim.citations.values_list("url", flat=True)) == [citation.url] and not Revision.objects.exists()


def test_unpublishing_a_rated_claim_is_refused_it_is_retracted_and_syncing_clients_see_it(claim, citation, editor):
    rate(claim, citation, editor)
    since = (claim.updated_at + dt.timedelta(microseconds=1)).isoformat()
    refused = patch(editor, claim, {"visibility": "draft"})
    assert refused.status_code == 400 and "visibility" in error_of(refused)["fields"]
    assert Claim.objects.get(pk=claim.pk).visibility == "published"

    retracted = client_for(editor).post(
        f"{API}claims/{claim.pk}/status/",
        {"status": "retracted", "rationale": "Recorded twice.", "version": claim.version},
        format="json",
    )
    assert retracted.status_code == 200, retracted.json()
    synced = client_for().get(f"{API}claims/", {"updated_since": since})
    assert [(row["id"], row["status"]) for row in synced.json()["results"]] == [(claim.pk, "retracted")]
    assert client_for().get(f"{API}claims/{claim.pk}/").status_code == 200


def test_revisions_of_a_draft_are_not_public(article, editor):
    from tests.factories import ClaimFactory

    draft = ClaimFactory(article=article, slug="draft", text="OpenAI")
    assert client_for().get(f"{API}claims/{draft.pk}/revisions/").status_code == 404
    assert client_for(editor).get(f"{API}claims/{draft.pk}/revisions/").json() == []


# ------------------------------------------------------------------------------------------------ sign-off


@pytest.fixture
def sign_off_required(settings):
    settings.FACTCHECK_SIGNOFF_REQUIRED = True


def give_verdict(user, claim, citation):
    return client_for(user).post(
        f"{API}claims/{claim.pk}/status/",
        {"status": "accurate", "rationale": "Two reports agree.", "citations": [citation.pk], "version": claim.version},
        format="json",
    )


@pytest.mark.usefixtures("sign_off_required")
def test_a_verdict_answers_202_and_is_public_only_once_a_second_editor_signs_it_off(
    claim, citation, editor, second_editor
):
    given = give_verdict(editor, claim, citation)
    assert given.status_code == 202 and given["Location"].endswith(f"/claims/{claim.pk}/sign-off/")
    assert (given.json()["state"], given.json()["status"]) == ("awaiting", "accurate")
    assert client_for().get(f"{API}claims/{claim.pk}/").json()["status"] == "unverified"
    assert client_for().get(f"{API}claims/{claim.pk}/sign-off/").status_code == 401

    own = client_for(editor).post(f"{API}claims/{claim.pk}/sign-off/", {"decision": "sign_off"}, format="json")
    assert own.status_code == 403 and not StatusChange.objects.exists()

    waiting = client_for(second_editor).get(f"{API}claims/{claim.pk}/sign-off/")
    assert waiting.status_code == 200 and waiting.json()["proposed_by"] == editor.username
    signed = client_for(second_editor).post(
        f"{API}claims/{claim.pk}/sign-off/", {"decision": "sign_off"}, format="json"
    )
    assert signed.status_code == 200 and signed.json()["status"] == "accurate"
    (row,) = client_for().get(f"{API}claims/{claim.pk}/history/").json()
    assert row["to_status"] == "accurate" and row["signed_off_at"] is not None
    assert client_for(second_editor).get(f"{API}claims/{claim.pk}/sign-off/").status_code == 404


@pytest.mark.usefixtures("sign_off_required")
def test_sending_back_needs_a_note_and_leaves_the_claim_as_it_was(claim, citation, editor, second_editor, contributor):
    give_verdict(editor, claim, citation)
    by_contributor = client_for(contributor).post(
        f"{API}claims/{claim.pk}/sign-off/", {"decision": "send_back", "note": "No."}, format="json"
    )
    assert by_contributor.status_code == 403
    no_note = client_for(second_editor).post(
        f"{API}claims/{claim.pk}/sign-off/", {"decision": "send_back"}, format="json"
    )
    assert no_note.status_code == 400 and "note" in error_of(no_note)["fields"]
    unknown = client_for(second_editor).post(f"{API}claims/{claim.pk}/sign-off/", {"decision": "maybe"}, format="json")
    assert unknown.status_code == 400 and "decision" in error_of(unknown)["fields"]

    sent = client_for(second_editor).post(
        f"{API}claims/{claim.pk}/sign-off/", {"decision": "send_back", "note": "Cite the WSJ itself."}, format="json"
    )
    assert sent.status_code == 200 and sent.json()["state"] == "sent_back"
    assert PendingVerdict.objects.get().note == "Cite the WSJ itself."
    assert Claim.objects.get(pk=claim.pk).status_id == "unverified" and not StatusChange.objects.exists()
