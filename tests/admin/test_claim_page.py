"""Everything a claim needs from its own admin page, without leaving it: a citation added and relied on by a
new status in one save, "Save and publish", the reader page of a draft previewed, a bound filled from the
value, a straight apostrophe for the article's curly one."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from claims.models import Claim, StatusChange
from tests.admin.support import add_inline, change_url, errors_of, form_data, snapshot


def preview_url(claim) -> str:
    return reverse("admin:claims_claim_preview", args=[claim.pk])


def draft(claim) -> Claim:
    Claim.objects.filter(pk=claim.pk).update(visibility=Claim.Visibility.DRAFT)
    claim.refresh_from_db()
    return claim


def test_a_citation_added_in_the_same_save_backs_the_new_verdict(as_editor, claim, editor):
    data = form_data(as_editor.get(change_url(claim)))
    add_inline(
        data,
        "citations",
        url="https://report.example/openai-oracle-2027",
        title="The contract starts in 2027",
        publisher="Report",
        stance="supports",
        access="read",
    )
    data.update(new_status="accurate", status_rationale="The report gives 2027.", rely_on_new_citations="on")
    data["correction_reason"] = "The report that gives the start date."
    response = as_editor.post(change_url(claim), data)
    assert response.status_code == 302, errors_of(response)
    claim.refresh_from_db()
    change = StatusChange.objects.get(claim=claim)
    assert claim.status_id == "accurate" and change.changed_by == editor
    assert [c.url for c in change.citations.all()] == ["https://report.example/openai-oracle-2027"]


def test_a_verdict_without_a_citation_is_refused_before_anything_is_saved(as_editor, claim):
    before = snapshot(claim)
    data = form_data(as_editor.get(change_url(claim)))
    data.update(summary="Changed", new_status="accurate", status_rationale="Sure.")
    response = as_editor.post(change_url(claim), data)
    assert response.status_code == 200
    assert "must rely on at least one citation" in " ".join(errors_of(response)["status_citations"])
    assert snapshot(claim) == before


def test_a_new_status_needs_its_reason(as_editor, claim, citation):
    data = form_data(as_editor.get(change_url(claim)))
    data.update(new_status="accurate", status_citations=str(citation.pk))
    response = as_editor.post(change_url(claim), data)
    assert "status_rationale" in errors_of(response)
    assert not StatusChange.objects.filter(claim=claim).exists()


def test_a_contributor_is_offered_no_verdict_on_the_claim_page(as_contributor, claim):
    form = as_contributor.get(change_url(claim)).context["adminform"].form
    assert {s.code for s in form.fields["new_status"].queryset} == {"in_review"}


def test_an_editor_saves_and_publishes_a_draft_in_one_click(as_editor, claim):
    draft(claim)
    page = as_editor.get(change_url(claim)).content.decode()
    assert 'name="_publish"' in page and "Readers cannot see this claim yet" in page
    data = form_data(as_editor.get(change_url(claim)))
    data["_publish"] = "Save and publish"
    assert as_editor.post(change_url(claim), data).status_code == 302
    claim.refresh_from_db()
    assert claim.visibility == Claim.Visibility.PUBLISHED


def test_a_contributor_is_not_offered_to_publish(as_contributor, claim):
    draft(claim)
    assert 'name="_publish"' not in as_contributor.get(change_url(claim)).content.decode()


def test_the_reader_page_of_a_draft_is_previewed_for_editors_only(as_editor, client, outsider, claim):
    draft(claim)
    assert client.get(claim.get_absolute_url()).status_code == 404
    preview = as_editor.get(preview_url(claim))
    html = preview.content.decode()
    assert preview.status_code == 200 and "This claim is a draft" in html and claim.text in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'type="application/ld+json"' not in html
    client.force_login(outsider)
    assert client.get(preview_url(claim)).status_code == 403


def test_view_on_site_of_a_draft_is_its_preview(as_editor, claim):
    draft(claim)
    assert f'href="{preview_url(claim)}"' in as_editor.get(change_url(claim)).content.decode()


def test_up_to_fills_the_upper_bound_from_the_value(as_editor, claim):
    data = form_data(as_editor.get(change_url(claim)))
    add_inline(
        data,
        "quantities",
        position="0",
        measure="capacity",
        value="4.5",
        unit="GW",
        qualifier="up_to",
        as_stated="jusqu’à 4,5 gigawatts",
    )
    data["correction_reason"] = "The capacity the passage states."
    assert as_editor.post(change_url(claim), data).status_code == 302
    quantity = claim.quantities.get()
    assert (quantity.value, quantity.upper_bound, quantity.lower_bound) == (Decimal("4.5"), Decimal("4.5"), None)


def test_a_passage_typed_with_a_straight_apostrophe_is_stored_as_the_article_has_it(as_editor, claim, article):
    passage = "jusqu’à 4,5 gigawatts"
    assert passage in article.text
    data = form_data(as_editor.get(change_url(claim)))
    data.update(text="jusqu'à 4,5 gigawatts", start="", correction_reason="The passage that states the capacity.")
    assert as_editor.post(change_url(claim), data).status_code == 302
    claim.refresh_from_db()
    assert claim.text == passage and article.text[claim.start : claim.end] == passage
