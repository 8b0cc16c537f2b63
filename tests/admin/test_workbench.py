"""The editors' workbench: an article taken in (pasted or uploaded), its candidates accepted, adjusted,
added or dismissed, each person's queue; every action through the services, each role as it may."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Article, Candidate, Claim
from claims.services.intake import article_intake
from tests.admin.support import messages_of
from tests.factories import SEED_TEXT, SourceFactory

ADD = reverse("admin:claims_article_add")


def workbench_url(article) -> str:
    return reverse("admin:claims_article_workbench", args=[article.pk])


@pytest.fixture
def taken_in(db, editor):
    SourceFactory(slug="wsj", name="The Wall Street Journal")
    return article_intake(by=editor, title="OpenAI et Oracle", published_on="2025-09-11", text=SEED_TEXT)


def candidate_with(article, words: str) -> Candidate:
    return next(c for c in article.candidates.all() if words in c.text)


def test_a_pasted_article_goes_in_and_its_workbench_opens(as_contributor):
    response = as_contributor.post(ADD, {"title": "OpenAI et Oracle", "text": SEED_TEXT, "published_on": "2025-09-11"})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == workbench_url(article)
    page = as_contributor.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and article.candidates.count() > 0
    assert html.count('class="candidate-card') == article.candidates.count()
    assert '<mark class="candidate candidate-open"' in html and "Accept as a draft claim" in html
    assert "taken in:" in " ".join(messages_of(page))


def test_an_uploaded_page_goes_in_with_its_main_text(as_editor):
    paragraphs = "".join(f"<p>{p}</p>" for p in SEED_TEXT.split("\n\n"))
    html = f"<html><head><title>OpenAI et Oracle</title></head><body><nav>Menu</nav><article>{paragraphs}</article>"
    page = SimpleUploadedFile("article.html", html.encode(), content_type="text/html")
    response = as_editor.post(ADD, {"page": page, "published_on": "2025-09-11"})
    assert response.status_code == 302
    assert Article.objects.get().text == SEED_TEXT


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "T", "text": "", "published_on": "2025-09-11"}, "text"),
        ({"title": "T", "text": SEED_TEXT, "published_on": "2025-09-11", "language": "de"}, "language"),
        ({"title": "T", "text": SEED_TEXT}, "published_on"),
        ({"title": "", "text": SEED_TEXT, "published_on": "2025-09-11"}, "title"),
        ({"title": "T", "text": "Texte\x00nul", "published_on": "2025-09-11"}, "text"),
    ],
)
def test_bad_input_is_a_form_error_naming_the_field_and_nothing_is_stored(as_editor, data, field):
    response = as_editor.post(ADD, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Article.objects.exists()


def test_a_binary_upload_is_refused_naming_the_page(as_editor):
    page = SimpleUploadedFile("page.html", b"\xff\xfe\x00\x01binary", content_type="text/html")
    response = as_editor.post(ADD, {"page": page, "published_on": "2025-09-11", "title": "T"})
    assert "page" in response.context["form"].errors and not Article.objects.exists()


def test_accepting_makes_a_draft_and_stays_on_the_workbench(as_contributor, taken_in):
    candidate = candidate_with(taken_in, "4,5 gigawatts")
    response = as_contributor.post(workbench_url(taken_in), {"action": "accept", "candidate": candidate.pk})
    assert response.status_code == 302 and response["Location"].startswith(workbench_url(taken_in))
    claim = Claim.objects.get()
    assert claim.text == candidate.text and claim.quantities.get().qualifier == "up_to"
    page = as_contributor.get(workbench_url(taken_in)).content.decode()
    assert "draft claim" in page and '<mark class="candidate candidate-accepted"' in page


def test_accept_and_edit_opens_the_draft(as_editor, taken_in):
    candidate = candidate_with(taken_in, "300 milliards")
    response = as_editor.post(workbench_url(taken_in), {"action": "accept_and_edit", "candidate": candidate.pk})
    assert response["Location"] == reverse("admin:claims_claim_change", args=[Claim.objects.get().pk])


def test_a_dismissal_needs_a_reason_and_keeps_it(as_contributor, taken_in):
    candidate = candidate_with(taken_in, "Broadcom")
    refused = as_contributor.post(
        workbench_url(taken_in), {"action": "dismiss", "candidate": candidate.pk}, follow=True
    )
    assert "Nothing was done" in " ".join(messages_of(refused))
    as_contributor.post(
        workbench_url(taken_in),
        {"action": "dismiss", "candidate": candidate.pk, f"d{candidate.pk}-reason": "A rumour."},
    )
    candidate.refresh_from_db()
    assert candidate.status == "dismissed" and candidate.dismiss_reason == "A rumour."
    page = as_contributor.get(workbench_url(taken_in)).content.decode()
    assert "Dismissed by carl-contributor" in page and "A rumour." in page


def test_a_passage_is_adjusted_or_added_from_pasted_words(as_editor, taken_in):
    candidate = candidate_with(taken_in, "4,5 gigawatts")
    as_editor.post(
        workbench_url(taken_in),
        {"action": "adjust", "candidate": candidate.pk, f"c{candidate.pk}-passage": "jusqu'à 4,5 gigawatts"},
    )
    candidate.refresh_from_db()
    assert candidate.text == "jusqu’à 4,5 gigawatts"
    as_editor.post(
        workbench_url(taken_in),
        {"action": "add", "new-passage": "l'équivalent énergétique de plusieurs grandes villes"},
    )
    assert taken_in.candidates.filter(text="l’équivalent énergétique de plusieurs grandes villes").exists()


def test_a_passage_not_in_the_text_is_a_form_error_on_the_page(as_editor, taken_in):
    response = as_editor.post(workbench_url(taken_in), {"action": "add", "new-passage": "un texte absent"})
    assert response.status_code == 200
    assert "does not occur" in response.content.decode()


def test_a_candidate_of_another_article_is_not_acted_on(as_editor, taken_in, editor):
    other = article_intake(by=editor, title="Autre", published_on="2025-09-11", text=SEED_TEXT)
    candidate = other.candidates.first()
    response = as_editor.post(workbench_url(taken_in), {"action": "accept", "candidate": candidate.pk}, follow=True)
    assert "not one of this article's" in " ".join(messages_of(response))
    assert not Claim.objects.exists()


def test_an_account_without_a_role_cannot_open_or_act_on_the_workbench(client, outsider, taken_in):
    client.force_login(outsider)
    assert client.get(workbench_url(taken_in)).status_code == 403
    candidate = taken_in.candidates.first()
    assert client.post(workbench_url(taken_in), {"action": "accept", "candidate": candidate.pk}).status_code == 403
    assert client.get(ADD).status_code == 403
    assert not Claim.objects.exists()


def test_the_queue_lists_drafts_waiting_claims_in_review_and_open_candidates(as_editor, taken_in):
    candidate = candidate_with(taken_in, "300 milliards")
    as_editor.post(workbench_url(taken_in), {"action": "accept", "candidate": candidate.pk})
    claim = Claim.objects.get()
    response = as_editor.get(reverse("admin:claims_claim_queue"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your drafts" in html and reverse("admin:claims_claim_change", args=[claim.pk]) in html
    assert "Articles with open candidate claims" in html and "OpenAI et Oracle" in html


def test_the_admin_index_leads_to_the_queue_and_to_taking_an_article_in(as_contributor):
    html = as_contributor.get(reverse("admin:index")).content.decode()
    assert reverse("admin:claims_claim_queue") in html and ADD in html
