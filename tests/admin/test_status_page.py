"""The claim's status page in the admin: editors set verdicts with their citations, contributors move claims
into review and nothing more, every refusal names its field and changes nothing, and the history is shown."""

from claims.services.status import claim_change_status
from tests.admin.support import change_url, form_data, messages_of, snapshot, status_url


class TestTheStatusPage:
    def test_an_editor_sets_a_verdict_with_its_citations(self, as_editor, editor, claim, citation):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        assert data["opened_version"] == "1"
        data.update(status="accurate", rationale="The Decoder reports the 2027 start.", citations=[str(citation.pk)])
        response = as_editor.post(status_url(claim), data, follow=True)
        assert response.redirect_chain[-1][0] == change_url(claim)
        assert "Status changed from \u201cUnverified\u201d to \u201cAccurate\u201d (version 2)." in messages_of(
            response
        )
        change = claim.history.get()
        assert (change.from_status_id, change.to_status_id, change.changed_by, change.claim_version) == (
            "unverified",
            "accurate",
            editor,
            2,
        )
        assert change.rationale == "The Decoder reports the 2027 start."
        assert list(change.citations.all()) == [citation]
        claim.refresh_from_db()
        assert (claim.status_id, claim.rationale, claim.version) == (
            "accurate",
            "The Decoder reports the 2027 start.",
            2,
        )

    def test_a_contributor_is_offered_no_verdict_and_refused_one(self, as_contributor, claim, citation):
        response = as_contributor.get(status_url(claim))
        offered = {s.code for s in response.context["form"].fields["status"].queryset}
        assert offered == {"in_review"}
        data = form_data(response, form_id=None)
        data.update(status="accurate", rationale="Looks right.", citations=[str(citation.pk)])
        before = snapshot(claim)
        response = as_contributor.post(status_url(claim), data)
        assert response.status_code == 200
        assert "status" in response.context["form"].errors
        assert snapshot(claim) == before

    def test_a_contributor_may_not_take_a_verdict_back_into_review(self, as_contributor, claim, citation):
        claim_change_status(claim=claim, to_status="accurate", rationale="Settled.", by=None, citations=[citation])
        page = as_contributor.get(status_url(claim))
        # Nothing is offered, and the page says why.
        assert list(page.context["form"].fields["status"].queryset) == []
        assert "verdicts are set and changed by editors" in page.content.decode()
        data = form_data(page, form_id=None)
        data.update(status="in_review", rationale="Reopening it.")
        before = snapshot(claim)
        response = as_contributor.post(status_url(claim), data)
        assert response.status_code == 200
        assert response.context["form"].errors["status"]
        assert snapshot(claim) == before
        assert claim.status_id == "accurate"

    def test_a_contributor_may_put_a_claim_in_review(self, as_contributor, contributor, claim):
        data = form_data(as_contributor.get(status_url(claim)), form_id=None)
        data.update(status="in_review", rationale="Looking for the WSJ article.")
        assert as_contributor.post(status_url(claim), data).status_code == 302
        change = claim.history.get()
        assert (change.to_status_id, change.changed_by) == ("in_review", contributor)

    def test_the_rationale_is_required(self, as_editor, claim, citation):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        data.update(status="accurate", rationale="   ", citations=[str(citation.pk)])
        before = snapshot(claim)
        response = as_editor.post(status_url(claim), data)
        assert response.status_code == 200
        assert "rationale" in response.context["form"].errors
        assert snapshot(claim) == before

    def test_a_rated_verdict_without_citation_is_an_error_on_the_citations(self, as_editor, claim, citation):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        data.update(status="inaccurate", rationale="Contradicted.")
        before = snapshot(claim)
        response = as_editor.post(status_url(claim), data)
        assert "at least one citation" in " ".join(response.context["form"].errors["citations"])
        assert snapshot(claim) == before

    def test_a_stale_status_form_is_refused_with_what_changed(self, as_editor, editor, claim, citation):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        claim_change_status(claim=claim, to_status="in_review", rationale="Checking.", by=editor)
        data.update(status="accurate", rationale="Confirmed.", citations=[str(citation.pk)])
        before = snapshot(claim)
        response = as_editor.post(status_url(claim), data)
        assert response.status_code == 200
        message = " ".join(response.context["form"].non_field_errors())
        assert "you saw version 1, it is now version 2" in message
        assert "\u201cIn review\u201d" in message
        assert snapshot(claim) == before

    def test_an_editor_may_retract_a_claim(self, as_editor, claim):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        data.update(status="retracted", rationale="Recorded twice; see the other claim.")
        assert as_editor.post(status_url(claim), data).status_code == 302
        claim.refresh_from_db()
        assert claim.status_id == "retracted"

    def test_an_unknown_status_is_an_error_on_the_status_field(self, as_editor, claim):
        data = form_data(as_editor.get(status_url(claim)), form_id=None)
        data.update(status="debunked", rationale="Made up.")
        before = snapshot(claim)
        response = as_editor.post(status_url(claim), data)
        assert "valid choice" in " ".join(response.context["form"].errors["status"])
        assert snapshot(claim) == before

    def test_each_status_is_offered_with_its_meaning(self, as_editor, claim):
        page = as_editor.get(status_url(claim)).content.decode()
        assert "Inaccurate: What the claim says is contradicted by the evidence." in page

    def test_an_outsider_is_refused(self, client, outsider, claim):
        client.force_login(outsider)
        assert client.get(status_url(claim)).status_code == 403
        response = client.post(status_url(claim), {"status": "in_review", "rationale": "x", "opened_version": "1"})
        assert response.status_code == 403
        assert not claim.history.exists()

    def test_it_shows_the_history(self, as_editor, editor, claim, citation):
        claim_change_status(
            claim=claim, to_status="accurate", rationale="The Decoder confirms it.", by=editor, citations=[citation]
        )
        page = as_editor.get(status_url(claim)).content.decode()
        assert "The Decoder confirms it." in page
        assert "edith-editor" in page
        assert citation.url in page
