"""An article's page: every published claim marked where it stands, the text word for word around the marks
(overlapping passages included), escaped, 404 without published claims, in a fixed number of queries."""

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.factories import SEED_TEXT, ArticleFactory, ClaimFactory
from tests.web.html import article_text_on_page, assert_well_formed
from tests.web.support import many_claims, reload


def test_the_article_page_marks_every_published_claim_where_it_stands(client, newsroom):
    response = client.get(newsroom["article"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for claim in newsroom["claims"].values():
        claim = reload(claim)
        assert f'<a class="claim-ref status-{claim.status_id}" href="{claim.get_absolute_url()}">' in html
    # The status is written beside its symbol, not only coloured.
    assert '<span aria-hidden="true">!</span> Misleading</a>' in html
    # The article's own details and a legend of the statuses used.
    assert '<dt>Publisher</dt><dd><a href="https://example.org/">Le blog IA</a></dd>' in html
    assert '<time datetime="2025-09-11">11 September 2025</time>' in html
    assert "<dt>Language</dt><dd>fr</dd>" in html
    legend = html[html.index('class="legend"') : html.index('class="article-text"')]
    for label in ("Accurate", "In review", "Misleading", "Unverified"):
        assert f"</span> {label}</span>" in legend
    assert "Retracted" not in legend


def test_the_article_text_survives_the_marks_word_for_word(client, newsroom):
    html = client.get(newsroom["article"].get_absolute_url()).content.decode()
    assert_well_formed(html)
    assert article_text_on_page(html) == SEED_TEXT
    # The overlapping passages nest: "démarre en 2027" is inside both.
    assert (
        '<mark class="claim status-accurate" data-claim="2">'
        '<mark class="claim status-in_review" data-claim="3">démarre en 2027</mark></mark>'
    ) in html


@pytest.mark.parametrize(
    "passages",
    [
        ["ce partenariat démarre en 2027", "démarre en 2027 et prévoit"],  # crossing
        ["ce partenariat démarre en 2027 et prévoit", "démarre en 2027"],  # one inside the other
        ["démarre en 2027", "démarre en 2027"],  # the same words twice
        ["C’est officiel", "C’est", "officiel"],  # at the very start, with adjacent passages
        ["plusieurs grandes villes.\n\nEn parallèle, OpenAI", "En parallèle"],  # across a paragraph break
        ["États-Unis.", "aux États-Unis"],  # at the very end
    ],
)
def test_overlapping_passages_never_break_the_html(client, db, passages):
    article = ArticleFactory()
    for n, passage in enumerate(passages):
        start = article.text.index(passage)
        Claim.objects.create(
            article=article,
            slug=f"passage-{n}",
            text=passage,
            start=start,
            end=start + len(passage),
            visibility=Claim.Visibility.PUBLISHED,
        )
    html = client.get(article.get_absolute_url()).content.decode()
    assert_well_formed(html)
    assert article_text_on_page(html) == SEED_TEXT
    for n in range(len(passages)):
        assert f'href="/claims/passage-{n}/"' in html


def test_the_article_text_is_escaped(client, db):
    article = ArticleFactory(slug="escaped", text="Il a écrit <script>alert('x')</script> & autre chose.")
    ClaimFactory(article=article, text="<script>alert('x')</script>", slug="script", published=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_an_article_without_published_claims_is_404(client, newsroom):
    lonely = ArticleFactory(slug="lonely")
    ClaimFactory(article=lonely, text="C’est officiel", slug="lonely-draft")
    assert client.get(lonely.get_absolute_url()).status_code == 404
    assert client.get(reverse("claims:article-detail", kwargs={"slug": "nope"})).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_article_page_runs_the_same_queries_for_3_or_30_claims(client, db, django_assert_num_queries, count):
    article = many_claims(count, with_history=False)
    # The article with its publisher; its published claims with their statuses; its corrections.
    with django_assert_num_queries(3):
        html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="claim-ref ') == count
