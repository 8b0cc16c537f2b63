"""A claim's page: the words as stated and in English, amounts and dates written for people, uncertainty,
attribution, verdict and evidence, what was known when, the ClaimReview it embeds, drafts kept out, and a
fixed number of queries however much it shows."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from claims.services import claims as claim_services
from tests.factories import ArticleFactory, CitationFactory, ClaimFactory, change_status
from tests.helpers.seed_article import WHEN_ARTICLE
from tests.web.html import json_ld_of, json_ld_scripts


def test_the_claim_page_shows_the_words_as_stated_in_their_language_and_in_english(client, newsroom):
    html = client.get(newsroom["claims"]["amount"].get_absolute_url()).content.decode()
    assert '<blockquote lang="fr"' in html
    assert "<p>D’un montant astronomique de 300 milliards de dollars sur 5 ans</p>" in html
    assert "An astronomical amount of 300 billion dollars over 5 years" in html
    # The sentence around it, with the passage marked.
    assert (
        '<p class="in-context" lang="fr"><mark>D’un montant astronomique de 300 milliards de dollars sur 5 ans</mark>'
        ", cet accord vise à alimenter le projet Stargate, l’infrastructure colossale qui doit soutenir la "
        "prochaine génération d’intelligence artificielle.</p>"
    ) in html


def test_the_claim_page_writes_amounts_and_dates_for_people(client, newsroom):
    amount = client.get(newsroom["claims"]["amount"].get_absolute_url()).content.decode()
    # The money amount and the term it runs over are one phrase, with both passages as stated.
    assert (
        "<li>Contract value and term: <strong>about $300 billion over about 5 years</strong> "
        '<span class="as-stated-inline">(“<span lang="fr">300 milliards de dollars</span>”, '
        '“<span lang="fr">sur 5 ans</span>”)</span></li>'
    ) in amount
    assert "Term:" not in amount and "Contract value:" not in amount
    capacity = client.get(newsroom["claims"]["capacity"].get_absolute_url()).content.decode()
    assert "Data centre capacity: <strong>up to 4.5 GW</strong>" in capacity
    announced = client.get(newsroom["claims"]["announced"].get_absolute_url()).content.decode()
    assert "Announced: <strong>early 2025</strong>" in announced
    start = client.get(newsroom["claims"]["start"].get_absolute_url()).content.decode()
    assert 'Starts: <strong><time datetime="2027">2027</time></strong>' in start
    assert 'to be checked again on <time datetime="2027-06-01">1 June 2027</time>' in start


def test_the_claim_page_shows_uncertainty_attribution_verdict_and_evidence(client, newsroom):
    html = client.get(newsroom["claims"]["amount"].get_absolute_url()).content.decode()
    assert 'Approximation (“about”, “nearly”): “<span lang="fr">sur 5 ans</span>”' in html
    # article -> The Wall Street Journal -> people familiar with the matter, in that order.
    chain = html[html.index('<ol class="chain">') : html.index("</ol>", html.index('<ol class="chain">'))]
    assert chain.index("published by Le blog IA") < chain.index("The Wall Street Journal")
    assert chain.index("The Wall Street Journal") < chain.index("people familiar with the matter")
    # The verdict is written, with its symbol, and its rationale.
    assert '<span class="status-symbol" aria-hidden="true">✓</span> Accurate' in html
    assert "OpenAI&#x27;s own post confirmed a partnership exceeding $300 billion over five years." in html
    # Citations grouped by stance, with their dates, archived copies and how they were read.
    supports = html.index("Supports the claim (2)")
    context = html.index("Gives context (1)")
    assert supports < html.index("Oracle, OpenAI Sign $300 Billion Cloud Deal") < context
    assert supports < html.index("expand Stargate with five new AI datacenter sites") < context
    assert context < html.index("OpenAI and Oracle reportedly ink historic cloud computing deal")
    assert '<time datetime="2025-09-10">10 September 2025</time>' in html
    assert 'href="https://archive.ph/fUGqA"' in html
    assert "Text read in a copy (archive, syndication, mirror): text read in the archived copy." in html
    assert "Address only: cited by others, text not read: primary address; text read in a syndicated copy." in html
    assert "Contradicts the claim" not in html


def test_the_claim_page_tells_what_was_known_when(client, newsroom):
    html = client.get(newsroom["claims"]["amount"].get_absolute_url()).content.decode()
    timeline = html[html.index('<ol class="timeline"') :]
    newest = timeline.index("23 September 2025")
    oldest = timeline.index("11 September 2025")
    assert newest < oldest  # newest first
    assert "Reported by the WSJ from anonymous sources; unconfirmed." in timeline[oldest:]
    assert 'Relied on: <a href="#citation-' in timeline[newest:oldest]
    # Back-filled changes say when they were recorded.
    assert "Recorded on" in timeline


def test_the_claim_page_says_what_the_verdict_was_on_the_articles_date(client, newsroom):
    html = client.get(newsroom["claims"]["amount"].get_absolute_url()).content.decode()
    verdict = html[html.index('<section class="verdict') : html.index("</section>")]
    line = re.search(r'<p class="meta on-article-date">(.*?)</p>', verdict, re.S).group(1)
    assert line == (
        'On <time datetime="2025-09-11">11 September 2025</time>, the article\'s date: '
        '<span class="status status-in_review"><span class="status-symbol" aria-hidden="true">…</span> '
        "In review</span>."
    )
    assert '<span class="visually-hidden">Verdict: </span>' in verdict  # and the verdict now: Accurate
    assert "</span> Accurate</span>" in verdict


def test_the_claim_page_says_when_the_verdict_already_held_on_the_articles_date(client, newsroom):
    claim = ClaimFactory(article=newsroom["article"], text="C’est officiel", slug="official", published=True)
    source = CitationFactory(claim=claim, url="https://example.org/official")
    change_status(claim, "accurate", "Announced that day.", citations=[source], effective_at=WHEN_ARTICLE)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert (
        '<p class="meta on-article-date">Already “Accurate” on the article\'s date, '
        '<time datetime="2025-09-11">11 September 2025</time>.</p>'
    ) in html
    # A claim never reviewed has nothing to compare.
    never = client.get(newsroom["claims"]["announced"].get_absolute_url()).content.decode()
    assert "on-article-date" not in never


def test_the_claim_page_embeds_a_claimreview_that_matches_the_page(client, newsroom):
    claim = newsroom["claims"]["amount"]
    html = client.get(claim.get_absolute_url()).content.decode()
    review = json_ld_of(html)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == "http://testserver/claims/amount/"
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == canonical
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert review["claimReviewed"] == claim.text
    assert f"<p>{review['claimReviewed']}</p>" in html
    rating = review["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Accurate",
    }
    assert f"</span> {rating['alternateName']}</span>" in html
    assert review["author"] == {"@type": "Organization", "name": "factcheck", "url": "http://testserver"}
    assert review["datePublished"] == "2025-09-23"
    assert f'Since <time datetime="{review["datePublished"]}">23 September 2025</time>' in html
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["inLanguage"] == "fr"
    assert item["author"] == {"@type": "Organization", "name": "The Wall Street Journal"}
    assert item["datePublished"] == "2025-09-11"
    assert item["appearance"]["@type"] == "NewsArticle"
    assert item["appearance"]["headline"] == newsroom["article"].title
    assert item["appearance"]["datePublished"] == "2025-09-11"
    assert item["appearance"]["publisher"] == {
        "@type": "Organization",
        "name": "Le blog IA",
        "url": "https://example.org/",
    }
    assert newsroom["article"].title in html
    assert "og:title" in html and "og:description" in html


@pytest.mark.parametrize("slug", ["capacity", "announced"])  # in review; never reviewed (unverified)
def test_a_claim_whose_status_rates_nothing_embeds_no_claimreview(client, newsroom, slug):
    html = client.get(newsroom["claims"][slug].get_absolute_url()).content.decode()
    assert json_ld_scripts(html) == []
    assert "ClaimReview" not in html
    assert '<h1 id="claim-heading">' in html  # the page itself is all there


def test_a_claim_loses_its_claimreview_when_its_verdict_stops_rating(client, newsroom):
    claim = newsroom["claims"]["broadcom"]
    assert json_ld_of(client.get(claim.get_absolute_url()).content.decode())["reviewRating"]["ratingValue"] == 2
    change_status(claim, "retracted", "Recorded twice.")
    assert json_ld_scripts(client.get(claim.get_absolute_url()).content.decode()) == []


def test_json_ld_cannot_be_closed_by_the_text_it_carries(client, newsroom):
    claim = newsroom["claims"]["start"]
    claim_services.claim_update(
        claim=claim,
        by=None,
        expected_version=claim.version,
        data={"text_en": "</script><script>alert(1)</script>"},
        reason="A rendering that tries to close the script element.",
    )
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld_of(html)["itemReviewed"]["name"] == "</script><script>alert(1)</script>"


def test_drafts_are_404_on_their_page_and_absent_everywhere(client, newsroom):
    draft = newsroom["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("claims:claim-detail", kwargs={"slug": "no-such-claim"})).status_code == 404
    for url in (
        reverse("claims:home"),
        reverse("claims:claim-list"),
        f"{reverse('claims:claim-list')}?q=Stargate+massif",
        newsroom["article"].get_absolute_url(),
        reverse("claims:changes"),
        reverse("claims:changes-feed"),
        reverse("claims:sitemap"),
    ):
        html = client.get(url).content.decode()
        assert "draft-stargate" not in html, url
        assert "DRAFT-ONLY REASON" not in html, url
    # Its passage is not marked in the article either.
    article_html = client.get(newsroom["article"].get_absolute_url()).content.decode()
    assert "<mark" not in article_html.split("Project Stargate est un plan massif")[0][-60:]


@pytest.mark.parametrize("citations", [1, 10])
def test_the_claim_page_runs_the_same_queries_however_much_it_shows(client, db, django_assert_num_queries, citations):
    article = ArticleFactory()
    claim = ClaimFactory(
        article=article, text="ce partenariat démarre en 2027", slug="start", attributed_to=None, published=True
    )
    sources = [
        CitationFactory(claim=claim, url=f"https://example.org/report-{n}", published_on=dt.date(2025, 9, 1))
        for n in range(citations)
    ]
    for n in range(citations):
        change_status(claim, "accurate", f"Confirmed again ({n}).", citations=sources[: n + 1])
    # The claim with status, article, publisher and source; history with statuses; the citations each
    # change relied on; citations; quantities; dates; entities; its corrections and its article's.
    with django_assert_num_queries(8):
        assert client.get(claim.get_absolute_url()).status_code == 200


def test_a_verdict_confirmed_again_says_so_instead_of_a_change_to_itself(client, newsroom):
    claim = newsroom["claims"]["amount"]
    source = claim.citations.first()
    change_status(claim, "accurate", "Re-checked after the September post: still accurate.", citations=[source])
    html = client.get(claim.get_absolute_url()).content.decode()
    newest = html[html.index('<ol class="timeline"') :].split("</li>")[0]
    assert '</span> Accurate</span> <span class="meta">(confirmed again)</span>' in newest
    assert "changed to" not in newest
    changes = client.get(reverse("claims:changes")).content.decode()
    assert "(confirmed again)" in changes
