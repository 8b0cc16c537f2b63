"""The claims list: published claims only, most recently changed first; filters and search combined in the
address, each status with its count; bounded choice lists; pagination; a 400 naming a bad filter; and a
fixed number of queries whatever the number of claims."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from claims.models import Article, Source
from tests.factories import ArticleFactory, ClaimFactory, change_status
from tests.web.html import options_of
from tests.web.support import listed, many_articles, many_claims


def test_the_list_shows_published_claims_only_the_most_recently_changed_first(client, newsroom):
    response = client.get(reverse("claims:claim-list"))
    assert response.status_code == 200
    slugs = listed(response)
    assert set(slugs) == set(newsroom["claims"])
    assert "draft-stargate" not in response.content.decode()
    # A new change puts its claim on top.
    change_status(newsroom["claims"]["announced"], "in_review", "Looking at the January announcement.")
    assert listed(client.get(reverse("claims:claim-list")))[0] == "announced"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=accurate", {"amount", "start"}),
        ("status=accurate&source=wsj-pages", {"amount", "start"}),
        ("status=accurate&entity=oracle", {"amount"}),
        ("entity=openai", {"amount", "broadcom"}),
        ("entity=openai&uncertainty=reported", {"broadcom"}),
        ("checkability=checkable_later", {"start"}),
        ("checkability=checkable_later&status=misleading", set()),
        ("article=openai-oracle&uncertainty=bound", {"capacity"}),
        ("q=gigawatts", {"capacity"}),
        ("q=milliards&status=misleading", {"broadcom"}),
        ("q=Demarre&source=wsj-pages", {"start"}),
        ("q=demarre", {"start", "capacity"}),
        ("q=500+milliards", set()),  # only the draft says so
    ],
)
def test_filters_and_search_combine_in_the_address(client, newsroom, query, expected):
    response = client.get(f"{reverse('claims:claim-list')}?{query}")
    assert response.status_code == 200
    assert set(listed(response)) == expected
    assert response.context["page"].paginator.count == len(expected)


def test_each_status_shows_its_count_with_the_other_filters_applied(client, newsroom):
    response = client.get(f"{reverse('claims:claim-list')}?entity=openai&status=accurate")
    counts = {status.code: count for status, count in response.context["statuses"]}
    # About OpenAI: one accurate, one misleading, whatever the status filter says.
    assert counts["accurate"] == 1
    assert counts["misleading"] == 1
    assert counts["in_review"] == 0  # the draft in review is not counted
    html = response.content.decode()
    # The status choices say how many each would show; the facet links keep the other filters.
    assert ">Misleading (1)</option>" in html
    assert "?entity=openai&amp;status=misleading" in html


def test_a_filter_naming_nothing_we_have_is_a_400_that_names_the_field(client, newsroom):
    for query, label in (
        ("status=nope", "Verification status"),
        ("entity=nobody", "About"),
        ("uncertainty=maybe", "Stated uncertainty"),
        ("q=" + "x" * 201, "Search the claims"),
        ("q=Broadcom%00", "Search the claims"),
    ):
        response = client.get(f"{reverse('claims:claim-list')}?{query}")
        assert response.status_code == 400, query
        html = response.content.decode()
        assert f'<p class="error" id="id_{query.split("=")[0]}-error">{label}:' in html, query
        assert listed(response) == []


def test_hostile_search_words_never_fail(client, newsroom):
    for query in ('"', "NEAR(a b", "') OR 1=1 --", "*", "a:*&!b", "%22Broadcom%22+OR"):
        response = client.get(f"{reverse('claims:claim-list')}?q={query}")
        assert response.status_code == 200, query
    assert listed(client.get(f"{reverse('claims:claim-list')}?q=%22Broadcom%22")) == ["broadcom"]


def test_the_list_is_paginated_and_pages_keep_the_filters(client, db):
    article = ArticleFactory(text=" ".join(f"Claim number {n}." for n in range(45)))
    for n in range(45):
        ClaimFactory(
            article=article, text=f"Claim number {n}.", slug=f"claim-{n}", summary=f"Numbered claim {n}", published=True
        )
    first = client.get(f"{reverse('claims:claim-list')}?q=number&checkability=checkable_now")
    assert first.context["page"].paginator.num_pages == 3
    assert len(listed(first)) == 20
    assert "?q=number&amp;checkability=checkable_now&amp;page=2" in first.content.decode()
    second = client.get(f"{reverse('claims:claim-list')}?q=number&checkability=checkable_now&page=2")
    assert not set(listed(first)) & set(listed(second))
    # A page number out of range or not a number gives a page, never an error.
    assert client.get(f"{reverse('claims:claim-list')}?page=999").context["page"].number == 3
    assert client.get(f"{reverse('claims:claim-list')}?page=abc").context["page"].number == 1


@pytest.mark.parametrize(("claims", "articles"), [(3, 3), (30, 60)])
def test_the_list_runs_the_same_queries_whatever_the_number_of_claims_and_articles(
    client, db, django_assert_num_queries, claims, articles
):
    many_claims(claims)
    many_articles(articles)
    url = f"{reverse('claims:claim-list')}?q=says&status=in_review"
    # Cold, the first request after a change of data: 1 the data revision; 2 the statuses; 3-5 the most
    # claimed articles, entities and sources (the filter choices); 6 the status counts for these filters
    # (which also give the total); 7 the page, with status, article and source joined.
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(listed(response)) == min(claims, 20)
    # Warm, the same filters again: 1 the data revision; 2 the page. Every aggregate comes from the cache.
    with django_assert_num_queries(2):
        again = client.get(url)
    assert listed(again) == listed(response)
    assert again.content == response.content
    # Another page, or no status filter, with the same other filters: the same counts, still warm.
    for other in ("?q=says&status=in_review&page=2", "?q=says"):
        with django_assert_num_queries(2):
            assert len(listed(client.get(f"{reverse('claims:claim-list')}{other}"))) > 0


def test_a_selected_article_outside_the_choices_costs_one_query_once(client, db, django_assert_num_queries):
    oldest = many_articles(60)[0]  # one claim each: the 50 newest are listed
    url = f"{reverse('claims:claim-list')}?article={oldest.slug}"
    # 1 the data revision; 2 the statuses; 3-5 the filter choices; 6 the selected article, which is not
    # among them; 7 the status counts; 8 the page.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert listed(response) == ["article-0-claim-0"]
    with django_assert_num_queries(2):  # the data revision; the page
        client.get(url)


def test_the_list_reflects_a_change_at_once(client, newsroom):
    url = f"{reverse('claims:claim-list')}?entity=openai"
    counts = {status.code: n for status, n in client.get(url).context["statuses"]}
    assert (counts["accurate"], counts["misleading"], counts["retracted"]) == (1, 1, 0)
    change_status(newsroom["claims"]["broadcom"], "retracted", "Recorded twice.")
    counts = {status.code: n for status, n in client.get(url).context["statuses"]}
    assert (counts["accurate"], counts["misleading"], counts["retracted"]) == (1, 0, 1)
    Source.objects.filter(slug="openai").update(name="OpenAI Inc.")  # a write outside the claims table
    assert "OpenAI Inc.</option>" in client.get(url).content.decode()


def test_each_choice_list_holds_the_fifty_with_the_most_claims_in_reading_order(client, db):
    articles = many_articles(57)
    for article in articles[:3]:  # the three oldest have a second published claim
        text = f"{article.text} Another claim."
        Article.objects.filter(pk=article.pk).update(text=text)
        article.text = text
        ClaimFactory(article=article, text="Another claim.", slug=f"{article.slug}-another", published=True)
    drafts = ArticleFactory(slug="drafts", title="Drafts only", text="A. B. C.", published_on=dt.date(2030, 1, 1))
    for n, passage in enumerate(("A.", "B.", "C.")):
        ClaimFactory(article=drafts, text=passage, slug=f"draft-{n}")

    html = client.get(reverse("claims:claim-list")).content.decode()

    options = options_of(html, "article")
    assert options[0] == ("", "Any")
    listed_slugs = [value for value, _ in options[1:]]
    # The three with two claims, then the 47 newest with one; newest first, as a reader scans them.
    expected = [a.slug for a in articles[-47:]][::-1] + ["article-2", "article-1", "article-0"]
    assert listed_slugs == expected
    assert "drafts" not in listed_slugs  # draft claims do not count
    assert "The 50 articles with the most published claims." in html
    assert len(html) < 60_000
    # Said only where something is left out: every source and entity is listed here.
    assert "names that come up most" not in html and "most often attributed" not in html

    # One outside them, selected, is listed too, in its place; a slug nobody has is still refused.
    selected = client.get(f"{reverse('claims:claim-list')}?article=article-5").content.decode()
    slugs = [value for value, _ in options_of(selected, "article")[1:]]
    assert slugs.index("article-5") == len(slugs) - 4  # after the newest, before the three oldest
    assert '<option value="article-5" selected>Article 005</option>' in selected
    assert client.get(f"{reverse('claims:claim-list')}?article=nobody").status_code == 400
    assert client.get(f"{reverse('claims:claim-list')}?article=drafts").status_code == 400


def test_entities_and_sources_are_bounded_too_and_say_where_the_others_are(client, db):
    article = ArticleFactory(slug="names", text=" ".join(f"Name {n} said it." for n in range(52)))
    for n in range(52):
        person = Source.objects.create(slug=f"person-{n:02d}", name=f"Person {n:02d}", kind=Source.Kind.PERSON)
        claim = ClaimFactory(
            article=article, text=f"Name {n} said it.", slug=f"said-{n}", attributed_to=person, published=True
        )
        claim.entities.add(person)
    html = client.get(reverse("claims:claim-list")).content.decode()
    for name in ("entity", "source"):
        values = [value for value, _ in options_of(html, name)[1:]]
        assert values == [f"person-{n:02d}" for n in range(50)], name  # ties go to the first names
    assert "The 50 names that come up most. A claim&#x27;s page links to the claims about each name" in html
    assert "The 50 sources claims are most often attributed to." in html
    # The help text is tied to its select for screen readers.
    assert re.search(r'<select name="entity"[^>]*aria-describedby="id_entity_helptext"', html)
    assert 'id="id_entity_helptext"' in html
    # The claim pages carry the way in: its source's and its names' filtered lists.
    claim_page = client.get(reverse("claims:claim-detail", kwargs={"slug": "said-51"})).content.decode()
    assert 'href="/claims/?source=person-51"' in claim_page
    assert 'href="/claims/?entity=person-51"' in claim_page
    assert listed(client.get("/claims/?source=person-51")) == ["said-51"]
