"""The record in the admin: a published claim's correction asks why and is recorded with its inline rows;
a claim that carries a verdict, and an article a published claim quotes, are read-only for contributors; a
rated claim is retracted, not unpublished; with sign-off required, a verdict waits on the claim's page for a
second editor, who signs it off or sends it back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Article, Claim, PendingVerdict, Revision, StatusChange
from claims.services.status import claim_change_status
from tests.admin.support import change_url, errors_of, form_data, messages_of, snapshot, status_url


def rate(claim, citation):
    claim_change_status(
        claim=claim, to_status="accurate", rationale="Two reports agree.", by=None, citations=[citation]
    )
    claim.refresh_from_db()


def test_a_published_claims_correction_asks_why_and_saves_nothing_without_it(as_editor, claim):
    data = form_data(as_editor.get(change_url(claim)))
    data["text_en"] = "the partnership begins in 2027"
    before = snapshot(claim)
    response = as_editor.post(change_url(claim), data)
    assert response.status_code == 200 and "correction_reason" in errors_of(response)
    assert snapshot(claim) == before and not Revision.objects.exists()


def test_a_correction_records_the_claim_and_its_inline_rows_in_one_revision(as_editor, editor, claim, citation):
    data = form_data(as_editor.get(change_url(claim)))
    index = next(key.split("-")[1] for key, value in data.items() if key.endswith("-id") and value == str(citation.pk))
    data[f"citations-{index}-title"] = "OpenAI signs a $300 billion cloud contract with Oracle"
    data["summary"] = "Starts in 2027"
    data["correction_reason"] = "The page's title, and a title of our own."
    assert as_editor.post(change_url(claim), data).status_code == 302
    revision = Revision.objects.get()
    assert (revision.changed_by, revision.reason) == (editor, "The page's title, and a title of our own.")
    assert {change["field"] for change in revision.changes} == {"summary", "citations"}


def test_a_draft_is_edited_without_a_reason(as_editor, claim):
    Claim.objects.filter(pk=claim.pk).update(visibility=Claim.Visibility.DRAFT)
    data = form_data(as_editor.get(change_url(claim)))
    assert "correction_reason" not in data
    data["text_en"] = "the partnership begins in 2027"
    assert as_editor.post(change_url(claim), data).status_code == 302
    assert not Revision.objects.exists()


def test_a_contributor_sees_a_rated_claim_read_only(as_contributor, claim, citation):
    rate(claim, citation)
    page = as_contributor.get(change_url(claim))
    assert page.status_code == 200
    assert 'name="text_en"' not in page.content.decode() and 'name="_save"' not in page.content.decode()
    before = snapshot(claim)
    assert as_contributor.post(change_url(claim), {"text_en": "x", "correction_reason": "y"}).status_code == 403
    assert snapshot(claim) == before


def test_a_rated_claim_is_not_unpublished_in_the_admin(as_editor, claim, citation):
    rate(claim, citation)
    data = form_data(as_editor.get(change_url(claim)))
    data["visibility"] = "draft"
    before = snapshot(claim)
    response = as_editor.post(change_url(claim), data)
    assert response.status_code == 200
    assert "retracted" in " ".join(errors_of(response)["visibility"])
    assert snapshot(claim) == before


def article_url(article) -> str:
    return reverse("admin:claims_article_change", args=[article.pk])


def test_an_article_a_published_claim_quotes_is_corrected_by_editors_with_a_reason(
    as_editor, client, contributor, claim
):
    article = claim.article
    data = form_data(as_editor.get(article_url(article)), form_id="article_form")
    data["title"] = "OpenAI et Oracle, un contrat"
    response = as_editor.post(article_url(article), data)
    assert response.status_code == 200 and "correction_reason" in response.context["adminform"].form.errors
    data["correction_reason"] = "The outlet's own title."
    assert as_editor.post(article_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "OpenAI et Oracle, un contrat"
    assert Revision.objects.get().changes[0]["field"] == "title"

    client.force_login(contributor)
    page = client.get(article_url(article)).content.decode()
    assert 'name="title"' not in page
    assert client.post(article_url(article), {**data, "title": "Renamed"}).status_code == 403
    assert Article.objects.get(pk=article.pk).title == "OpenAI et Oracle, un contrat"


# ------------------------------------------------------------------------------------------------ sign-off


@pytest.fixture
def sign_off_required(settings):
    settings.FACTCHECK_SIGNOFF_REQUIRED = True


def sign_off_url(claim) -> str:
    return reverse("admin:claims_claim_sign_off", args=[claim.pk])


@pytest.mark.usefixtures("sign_off_required")
def test_a_verdict_waits_on_the_claims_page_until_another_editor_signs_it_off(
    as_editor, claim, citation, second_editor
):
    data = form_data(as_editor.get(status_url(claim)), form_id=None)
    data.update(status="accurate", rationale="Two reports agree.", citations=[str(citation.pk)])
    response = as_editor.post(status_url(claim), data, follow=True)
    assert any("once another editor signs it off" in message for message in messages_of(response))
    assert Claim.objects.get(pk=claim.pk).status_id == "unverified"
    own = response.content.decode()
    assert "Verdict awaiting sign-off:" in own and 'value="sign_off"' not in own

    refused = as_editor.post(sign_off_url(claim), {"decision": "sign_off"}, follow=True)
    assert any("Nobody signs off their own verdict" in message for message in messages_of(refused))
    assert not StatusChange.objects.exists()

    client = Client()
    client.force_login(second_editor)
    queue = client.get(reverse("admin:claims_claim_queue")).content.decode()
    assert "Verdicts awaiting your sign-off" in queue and change_url(claim) in queue
    assert 'value="sign_off"' in client.get(change_url(claim)).content.decode()
    signed = client.post(sign_off_url(claim), {"decision": "sign_off"}, follow=True)
    assert any("signed off: it is public" in message for message in messages_of(signed))
    change = StatusChange.objects.get()
    assert (change.to_status_id, change.signed_off_by) == ("accurate", second_editor)
    assert PendingVerdict.objects.get().state == "signed_off"


@pytest.mark.usefixtures("sign_off_required")
def test_a_verdict_sent_back_reaches_its_author_with_the_note(as_editor, editor, claim, citation, second_editor):
    claim_change_status(
        claim=claim, to_status="accurate", rationale="Two reports agree.", by=editor, citations=[citation]
    )
    client = Client()
    client.force_login(second_editor)
    empty = client.post(sign_off_url(claim), {"decision": "send_back", "note": ""}, follow=True)
    assert any("Say why the verdict is sent back" in message for message in messages_of(empty))
    client.post(sign_off_url(claim), {"decision": "send_back", "note": "Cite the WSJ report itself."})
    assert PendingVerdict.objects.get().state == "sent_back"
    queue = as_editor.get(reverse("admin:claims_claim_queue")).content.decode()
    assert "Your verdicts sent back" in queue and "Cite the WSJ report itself." in queue
    assert Claim.objects.get(pk=claim.pk).status_id == "unverified"
