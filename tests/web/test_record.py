"""What readers see of the record: a correction on the claim's timeline with each field before and after, in
the corrections log and its Atom feed; a correction of the article on the article's page; a retracted claim's
page kept with a notice; a superseded citation kept, pointing to its correction; the same queries whatever
the record holds."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from claims.models import CITATION_FIELDS, Article, Citation
from claims.services.articles import article_update
from claims.services.claims import claim_update
from tests.factories import change_status
from tests.web.html import assert_well_formed
from tests.web.support import reload

ATOM = "{http://www.w3.org/2005/Atom}"


def correct_rendering(claim, editor):
    claim = reload(claim)
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        data={"text_en": "the partnership begins in 2027"},
        reason="A closer rendering of “démarre”.",
    )
    return claim


def test_a_correction_is_on_the_claims_timeline_with_each_field_before_and_after(client, claim, editor):
    correct_rendering(claim, editor)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert_well_formed(html)
    timeline = html[html.index('<ol class="timeline"') :]
    assert "<strong>Corrected</strong>" in timeline
    assert "A closer rendering of “démarre”." in timeline
    assert "English rendering read “the partnership starts in 2027”; now “the partnership begins in 2027”." in timeline


def test_a_correction_is_in_the_corrections_log_and_its_feed(client, claim, editor):
    correct_rendering(claim, editor)
    revision = claim.revisions.get()
    html = client.get(reverse("claims:changes")).content.decode()
    assert f'href="{claim.get_absolute_url()}#correction-{revision.pk}"' in html
    assert "<strong>Corrected:</strong> English rendering." in html and "A closer rendering" in html

    feed = ElementTree.fromstring(client.get(reverse("claims:changes-feed")).content)  # noqa: S314
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == f"http://testserver{claim.get_absolute_url()}#correction-{revision.pk}"
    assert entry.findtext(f"{ATOM}title").endswith(": corrected (English rendering)")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text" and summary.text.startswith("A closer rendering of “démarre”.")
    assert "now “the partnership begins in 2027”" in summary.text


def test_a_correction_of_the_article_is_on_its_page_and_on_its_claims(client, claim, editor):
    article = Article.objects.get(pk=claim.article_id)
    article_update(article=article, by=editor, reason="The outlet's own title.", title="OpenAI et Oracle, un contrat")
    page = client.get(article.get_absolute_url()).content.decode()
    assert_well_formed(page)
    corrections = page[page.index('id="corrections-heading"') :]
    assert "Article title read “OpenAI et Oracle”; now “OpenAI et Oracle, un contrat”." in corrections
    assert "<strong>Corrected (the article)</strong>" in client.get(claim.get_absolute_url()).content.decode()


def test_an_article_nobody_corrected_has_no_corrections_section(client, claim):
    assert "corrections-heading" not in client.get(claim.article.get_absolute_url()).content.decode()


def test_a_retracted_claims_page_stays_with_a_notice_and_its_history(client, claim, citation):
    change_status(claim, "accurate", "Two reports agree.", citations=[citation])
    change_status(claim, "retracted", "The passage was recorded twice; see the claim on the start date.")
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    notice = html[html.index('class="retraction-notice"') :].split("</p>")[0]
    assert "<strong>Retracted</strong>" in notice and "recorded twice" in notice
    assert "Two reports agree." in html  # the verdict it replaced stays on the timeline
    log = client.get(reverse("claims:changes")).content.decode()
    assert "The passage was recorded twice" in log


def test_a_superseded_citation_is_kept_and_points_to_its_correction(client, claim, citation, editor):
    change_status(claim, "accurate", "Two reports agree.", citations=[citation])
    claim = reload(claim)
    fields = {name: getattr(citation, name) for name in CITATION_FIELDS}
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        citations=[{"id": citation.pk, **fields, "quote": "The contract begins in 2027."}],
        reason="The quote as the page reads it.",
    )
    correction = Citation.objects.get(corrects=citation)
    html = client.get(claim.get_absolute_url()).content.decode()
    old = html[html.index(f'<li id="citation-{citation.pk}" class="superseded">') :].split("</li>")[0]
    assert "Superseded on" in old and f'<a href="#citation-{correction.pk}">see it</a>' in old
    new = html[html.index(f'<li id="citation-{correction.pk}">') :].split("</li>")[0]
    assert f'Corrects <a href="#citation-{citation.pk}">an earlier citation</a>' in new
    # The timeline names the one citation that changed, not the whole list.
    timeline = html[html.index('<ol class="timeline"') :]
    assert (
        "Citations: “The Decoder: OpenAI signs $300 billion cloud contract with Oracle, according to WSJ "
        "&lt;https://the-decoder.com/"
    ) in timeline
    assert "quoting “The five-year contract begins in 2027”" in timeline
    assert "replaced by" in timeline and "quoting “The contract begins in 2027.”" in timeline


@pytest.mark.parametrize("corrections", [1, 5])
def test_the_claim_page_runs_the_same_queries_however_many_corrections(
    client, claim, citation, editor, django_assert_num_queries, corrections
):
    change_status(claim, "accurate", "Two reports agree.", citations=[citation])
    for n in range(corrections):
        current = reload(claim)
        quote = f"The contract begins in 2027 ({n})."
        kept = current.citations.get(superseded_at__isnull=True)
        fields = {name: getattr(kept, name) for name in CITATION_FIELDS}
        claim_update(
            claim=current,
            by=editor,
            expected_version=current.version,
            data={"summary": f"Starts in 2027 ({n})"},
            citations=[{"id": kept.pk, **fields, "quote": quote}],
            reason=f"Correction {n}.",
        )
    with django_assert_num_queries(8):
        assert client.get(claim.get_absolute_url()).status_code == 200
