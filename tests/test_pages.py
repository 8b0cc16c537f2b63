"""The public reader pages: the claim list, a claim, an article with its claims highlighted, the
corrections log and its feed, the sitemap, robots.txt and the home page."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Article, Citation, Claim, DateMention, Quantity, Source, VerificationStatus
from claims.selectors import pages as selectors
from claims.services import claims as claim_services
from claims.services import status as status_services
from claims.web import wording as formatting

# Passages of the seed article, verbatim.
SEED_TEXT = (
    "C’est officiel : OpenAI a signé avec Oracle l’un des plus gros contrats de cloud computing de l’histoire. "
    "D’un montant astronomique de 300 milliards de dollars sur 5 ans, cet accord vise à alimenter le projet "
    "Stargate, l’infrastructure colossale qui doit soutenir la prochaine génération d’intelligence artificielle.\n\n"
    "Selon le Wall Street Journal, ce partenariat démarre en 2027 et prévoit jusqu’à 4,5 gigawatts de capacité "
    "data center — l’équivalent énergétique de plusieurs grandes villes.\n\n"
    "En parallèle, OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom pour concevoir "
    "ses propres puces IA.\n\n"
    "Annoncé début 2025 avec SoftBank et MGX, Project Stargate est un plan massif de 500 milliards de dollars "
    "d’investissements dans des infrastructures IA basées aux États-Unis."
)


def make_article(*, slug="openai-oracle", text=SEED_TEXT, publisher=None, **fields) -> Article:
    defaults = dict(
        title="OpenAI signe un contrat record de 300 milliards de dollars avec Oracle pour le Project Stargate",
        language="fr",
        published_on=dt.date(2025, 9, 11),
    )
    defaults.update(fields)
    return Article.objects.create(slug=slug, text=text, publisher=publisher, **defaults)


def make_claim(article: Article, passage: str, *, slug: str, published: bool = True, **fields) -> Claim:
    """A claim on `passage`, which must occur in the article's text (its first occurrence is used)."""
    start = article.text.index(passage)
    return Claim.objects.create(
        article=article,
        slug=slug,
        text=passage,
        start=start,
        end=start + len(passage),
        visibility=Claim.Visibility.PUBLISHED if published else Claim.Visibility.DRAFT,
        **fields,
    )


def cite(claim: Claim, url: str, *, stance=Citation.Stance.SUPPORTS, **fields) -> Citation:
    defaults = dict(title=f"Report on {claim.slug}", publisher="The Decoder")
    defaults.update(fields)
    return Citation.objects.create(claim=claim, url=url, stance=stance, **defaults)


def set_status(claim: Claim, code: str, rationale: str, *, citations=(), effective_at=None):
    """Change a claim's status as the system does (fixtures, imports), through the service."""
    return status_services.claim_change_status(
        claim=claim,
        to_status=code,
        rationale=rationale,
        by=None,
        citations=citations,
        effective_at=effective_at or timezone.now(),
    )


@pytest.fixture
def outlet(db):
    return Source.objects.create(slug="wsj-pages", name="The Wall Street Journal", kind=Source.Kind.OUTLET)


# --- a newsroom's worth of claims ------------------------------------------------------------------

WHEN_ARTICLE = dt.datetime(2025, 9, 11, 9, 0, tzinfo=dt.UTC)
WHEN_CONFIRMED = dt.datetime(2025, 9, 23, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def newsroom(db, outlet):
    return build_newsroom(outlet)


def build_newsroom(outlet: Source) -> dict:
    """The seed article with five published claims (two overlapping) and one draft."""
    publisher = Source.objects.create(
        slug="blog-ia", name="Le blog IA", kind=Source.Kind.OUTLET, url="https://example.org/"
    )
    openai = Source.objects.create(slug="openai", name="OpenAI", kind=Source.Kind.COMPANY)
    oracle = Source.objects.create(slug="oracle", name="Oracle", kind=Source.Kind.COMPANY)
    broadcom = Source.objects.create(slug="broadcom", name="Broadcom", kind=Source.Kind.COMPANY)
    article = make_article(publisher=publisher)

    amount = make_claim(
        article,
        "D’un montant astronomique de 300 milliards de dollars sur 5 ans",
        slug="amount",
        text_en="An astronomical amount of 300 billion dollars over 5 years",
        summary="OpenAI's Oracle contract is worth $300 billion over five years",
        attributed_to=outlet,
        attribution_as_stated="Selon le Wall Street Journal",
        attribution_basis="people familiar with the matter",
        uncertainty=Claim.Uncertainty.APPROXIMATION,
        uncertainty_as_stated="sur 5 ans",
    )
    amount.entities.set([openai, oracle])
    Quantity.objects.create(
        claim=amount,
        measure="contract value",
        value=Decimal("300000000000"),
        unit="USD",
        qualifier=Quantity.Qualifier.APPROXIMATELY,
        as_stated="300 milliards de dollars",
    )
    Quantity.objects.create(
        claim=amount,
        position=1,
        measure="term",
        value=Decimal("5"),
        unit="year",
        qualifier=Quantity.Qualifier.APPROXIMATELY,
        as_stated="sur 5 ans",
    )
    wsj_report = cite(
        amount,
        "https://www.wsj.com/business/openai-oracle-sign-300-billion-computing-deal-among-biggest-in-history-ff27c8fe",
        title="Oracle, OpenAI Sign $300 Billion Cloud Deal",
        publisher="The Wall Street Journal",
        published_on=dt.date(2025, 9, 10),
        archived_url="https://archive.ph/fUGqA",
        access=Citation.Access.READ_IN_COPY,
        access_note="text read in the archived copy",
        quote="OpenAI signed a contract with Oracle to purchase $300 billion in computing power over roughly "
        "five years, people familiar with the matter said",
        is_primary=True,
    )
    openai_post = cite(
        amount,
        "https://openai.com/index/five-new-stargate-sites/",
        title="OpenAI, Oracle, and SoftBank expand Stargate with five new AI datacenter sites",
        publisher="OpenAI",
        published_on=dt.date(2025, 9, 23),
        access=Citation.Access.ADDRESS_ONLY,
        access_note="primary address; text read in a syndicated copy",
    )
    cite(
        amount,
        "https://genixplay.com/openai-and-oracle-reportedly-ink-historic-cloud-computing-deal",
        stance=Citation.Stance.CONTEXT,
        title="OpenAI and Oracle reportedly ink historic cloud computing deal",
        publisher="genixplay",
        quote="Oracle declined to comment. OpenAI did not respond",
    )
    set_status(
        amount, "in_review", "Reported by the WSJ from anonymous sources; unconfirmed.", effective_at=WHEN_ARTICLE
    )
    set_status(
        amount,
        "accurate",
        "OpenAI's own post confirmed a partnership exceeding $300 billion over five years.",
        citations=[wsj_report, openai_post],
        effective_at=WHEN_CONFIRMED,
    )

    start = make_claim(
        article,
        "ce partenariat démarre en 2027",
        slug="start",
        text_en="the partnership starts in 2027",
        attributed_to=outlet,
        attribution_as_stated="Selon le Wall Street Journal",
        uncertainty=Claim.Uncertainty.ATTRIBUTION,
        uncertainty_as_stated="Selon",
        checkability=Claim.Checkability.CHECKABLE_LATER,
        recheck_on=dt.date(2027, 6, 1),
    )
    DateMention.objects.create(
        claim=start, role=DateMention.Role.STARTS, precision=DateMention.Precision.YEAR, year=2027, as_stated="2027"
    )
    start_report = cite(
        start,
        "https://the-decoder.com/openai-signs-300-billion-cloud-contract-with-oracle-according-to-wsj/",
        title="OpenAI signs $300 billion cloud contract with Oracle, according to WSJ",
        quote="The five-year contract begins in 2027",
    )
    set_status(start, "accurate", "Reported by several outlets citing the WSJ.", citations=[start_report])

    # Overlaps "start": both passages share "démarre en 2027".
    capacity = make_claim(
        article,
        "démarre en 2027 et prévoit jusqu’à 4,5 gigawatts de capacité",
        slug="capacity",
        text_en="starts in 2027 and provides for up to 4.5 gigawatts of capacity",
        uncertainty=Claim.Uncertainty.BOUND,
        uncertainty_as_stated="jusqu’à",
    )
    Quantity.objects.create(
        claim=capacity,
        measure="data centre capacity",
        value=Decimal("4.5"),
        upper_bound=Decimal("4.5"),
        unit="GW",
        qualifier=Quantity.Qualifier.UP_TO,
        as_stated="jusqu’à 4,5 gigawatts",
    )
    set_status(capacity, "in_review", "Checking OpenAI's July announcement.")

    chips = make_claim(
        article,
        "OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom",
        slug="broadcom",
        text_en="OpenAI is reportedly preparing a $10 billion contract with Broadcom",
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
    )
    chips.entities.set([openai, broadcom])
    denial = cite(
        chips,
        "https://newsio.com/2025/10/13/broadcoms-chip-president-says-mystery-10-billion-customer-isnt-openai",
        stance=Citation.Stance.REFUTES,
        title="Broadcom's chip president says mystery $10 billion customer isn't OpenAI",
        publisher="CNBC (mirrored copy)",
        published_on=dt.date(2025, 10, 13),
    )
    set_status(chips, "misleading", "Broadcom later said the $10 billion order was not OpenAI's.", citations=[denial])

    announced = make_claim(
        article,
        "Annoncé début 2025 avec SoftBank et MGX",
        slug="announced",
        text_en="Announced early 2025 with SoftBank and MGX",
    )
    DateMention.objects.create(
        claim=announced,
        role=DateMention.Role.ANNOUNCED,
        precision=DateMention.Precision.EARLY_YEAR,
        year=2025,
        as_stated="début 2025",
    )

    draft = make_claim(
        article,
        "Project Stargate est un plan massif de 500 milliards de dollars",
        slug="draft-stargate",
        published=False,
        text_en="Project Stargate is a massive $500 billion plan",
    )
    set_status(draft, "in_review", "DRAFT-ONLY REASON: still being checked.")
    return {
        "article": article,
        "publisher": publisher,
        "claims": {c.slug: c for c in (amount, start, capacity, chips, announced)},
        "draft": draft,
        "entities": {"openai": openai, "oracle": oracle, "broadcom": broadcom},
    }


def listed(response) -> list[str]:
    """The claim pages linked from the list's results, in order."""
    page = response.context["page"]
    return [claim.slug for claim in page] if page is not None else []


def reload(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


class WellFormed(HTMLParser):
    """Fails on any end tag that does not close the innermost open element (crossed or stray tags)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def assert_well_formed(html: str) -> None:
    parser = WellFormed()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"


class TextOf(HTMLParser):
    """The text inside the first element with a given class, skipping elements with another class."""

    def __init__(self, container: str, skip: str):
        super().__init__()
        self.container, self.skip = container, skip
        self.depth = 0  # inside the container
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            if tag not in WellFormed.VOID:
                self.depth += 1
                if self.skipping or self.skip in classes:
                    self.skipping += 1
            if tag == "br" and not self.skipping:
                self.parts.append("\n")
        elif self.container in classes:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.skipping:
                self.skipping -= 1
            if tag == "p" and self.depth:
                self.parts.append("\n\n")

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.parts.append(data)


def article_text_on_page(html: str) -> str:
    parser = TextOf("article-text", skip="claim-ref")
    parser.feed(html)
    return "".join(parser.parts).strip()


def json_ld_scripts(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)


def _schema_org_offline(url, options=None):
    """pyld's document loader, offline: schema.org's context reduced to its vocabulary."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


def json_ld_of(html: str) -> dict:
    """The page's one JSON-LD document, read as JSON and checked for its schema.org structure; read as
    JSON-LD too when pyld is installed (it is not a dependency of the project)."""
    scripts = json_ld_scripts(html)
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD documents on the page"
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    assert isinstance(data["@type"], str)
    for value in (data["reviewRating"], data["author"], data["itemReviewed"]):
        assert isinstance(value.get("@type"), str), value
    try:
        from pyld import jsonld
    except ImportError:
        return data
    [expanded] = jsonld.expand(data, {"documentLoader": _schema_org_offline})
    vocab = "https://schema.org/"
    assert expanded["@type"] == [f"{vocab}{data['@type']}"]
    [rating] = expanded[f"{vocab}reviewRating"]
    assert rating["@type"] == [f"{vocab}Rating"]
    for name in ("ratingValue", "bestRating", "worstRating", "alternateName"):
        assert [{"@value": data["reviewRating"][name]}] == rating[f"{vocab}{name}"], name
    [item] = expanded[f"{vocab}itemReviewed"]
    assert item["@type"] == [f"{vocab}Claim"]
    return data


# --- the home page ---------------------------------------------------------------------------------


def test_the_home_page_says_what_the_site_is_and_leads_to_every_page(client, newsroom):
    response = client.get(reverse("claims:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "checks each one against" in html
    for name in ("claims:claim-list", "claims:changes", "claims:changes-feed"):
        assert f'href="{reverse(name)}"' in html
    assert f'href="{newsroom["article"].get_absolute_url()}"' in html
    # Counts only published claims: five, one of them accurate twice over? No: two accurate.
    assert "5 published claims, by verdict" in html
    assert response.context["statuses"][[s.code for s, _ in response.context["statuses"]].index("accurate")][1] == 2
    assert "draft-stargate" not in html


# --- the claim list --------------------------------------------------------------------------------


def test_the_list_shows_published_claims_only_the_most_recently_changed_first(client, newsroom):
    response = client.get(reverse("claims:claim-list"))
    assert response.status_code == 200
    slugs = listed(response)
    assert set(slugs) == set(newsroom["claims"])
    assert "draft-stargate" not in response.content.decode()
    # A new change puts its claim on top.
    set_status(newsroom["claims"]["announced"], "in_review", "Looking at the January announcement.")
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
    article = make_article(text=" ".join(f"Claim number {n}." for n in range(45)))
    for n in range(45):
        make_claim(article, f"Claim number {n}.", slug=f"claim-{n}", summary=f"Numbered claim {n}")
    first = client.get(f"{reverse('claims:claim-list')}?q=number&checkability=checkable_now")
    assert first.context["page"].paginator.num_pages == 3
    assert len(listed(first)) == 20
    assert "?q=number&amp;checkability=checkable_now&amp;page=2" in first.content.decode()
    second = client.get(f"{reverse('claims:claim-list')}?q=number&checkability=checkable_now&page=2")
    assert not set(listed(first)) & set(listed(second))
    # A page number out of range or not a number gives a page, never an error.
    assert client.get(f"{reverse('claims:claim-list')}?page=999").context["page"].number == 3
    assert client.get(f"{reverse('claims:claim-list')}?page=abc").context["page"].number == 1


def many_claims(count: int, *, with_history: bool = True) -> Article:
    """An article with `count` published claims, each with a source, an entity and (by default) a verdict."""
    text = " ".join(f"Sentence {n} says something." for n in range(count))
    article = make_article(slug=f"many-{count}", text=text)
    source = Source.objects.create(slug=f"src-{count}", name="A source", kind=Source.Kind.OUTLET)
    for n in range(count):
        claim = make_claim(article, f"Sentence {n} says something.", slug=f"many-{count}-{n}", attributed_to=source)
        claim.entities.add(source)
        if with_history:
            set_status(claim, "in_review", f"Checking claim {n}.")
    return article


def many_articles(count: int, *, claims_each: int = 1) -> list[Article]:
    """`count` articles a day apart (the last the newest), each with `claims_each` published claims."""
    articles = []
    for n in range(count):
        sentences = [f"Article {n} claim {k}." for k in range(claims_each)]
        article = make_article(
            slug=f"article-{n}",
            title=f"Article {n:03d}",
            text=" ".join(sentences),
            published_on=dt.date(2024, 1, 1) + dt.timedelta(days=n),
        )
        for k, sentence in enumerate(sentences):
            make_claim(article, sentence, slug=f"article-{n}-claim-{k}")
        articles.append(article)
    return articles


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
    set_status(newsroom["claims"]["broadcom"], "retracted", "Recorded twice.")
    counts = {status.code: n for status, n in client.get(url).context["statuses"]}
    assert (counts["accurate"], counts["misleading"], counts["retracted"]) == (1, 0, 1)
    Source.objects.filter(slug="openai").update(name="OpenAI Inc.")  # a write outside the claims table
    assert "OpenAI Inc.</option>" in client.get(url).content.decode()


def options_of(html: str, name: str) -> list[tuple[str, str]]:
    """(value, text) of each <option> of the <select name=...>, in order."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_each_choice_list_holds_the_fifty_with_the_most_claims_in_reading_order(client, db):
    articles = many_articles(57)
    for article in articles[:3]:  # the three oldest have a second published claim
        text = f"{article.text} Another claim."
        Article.objects.filter(pk=article.pk).update(text=text)
        article.text = text
        make_claim(article, "Another claim.", slug=f"{article.slug}-another")
    drafts = make_article(slug="drafts", title="Drafts only", text="A. B. C.", published_on=dt.date(2030, 1, 1))
    for n, passage in enumerate(("A.", "B.", "C.")):
        make_claim(drafts, passage, slug=f"draft-{n}", published=False)

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
    article = make_article(slug="names", text=" ".join(f"Name {n} said it." for n in range(52)))
    for n in range(52):
        person = Source.objects.create(slug=f"person-{n:02d}", name=f"Person {n:02d}", kind=Source.Kind.PERSON)
        claim = make_claim(article, f"Name {n} said it.", slug=f"said-{n}", attributed_to=person)
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


@pytest.mark.parametrize("count", [3, 30])
def test_the_home_page_runs_the_same_queries_for_3_or_30_claims(client, db, django_assert_num_queries, count):
    many_claims(count)
    # the data revision; statuses; status counts; latest claims; articles with their claim counts
    with django_assert_num_queries(5):
        assert client.get(reverse("claims:home")).status_code == 200
    # again, with nothing changed: the revision and the latest claims; the aggregates come from the cache
    with django_assert_num_queries(2):
        assert client.get(reverse("claims:home")).status_code == 200


# --- one claim -------------------------------------------------------------------------------------


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


def test_a_claim_knows_its_status_at_the_end_of_any_day(newsroom, django_assert_num_queries):
    amount = newsroom["claims"]["amount"]  # in review at 09:00 on 11 September, accurate on 23 September
    late = dt.datetime(2025, 9, 30, 23, 30, tzinfo=dt.UTC)
    set_status(amount, "misleading", "Late-night denial.", citations=[amount.citations.first()], effective_at=late)
    with django_assert_num_queries(7):
        claim = selectors.claim_for_page("amount")
    with django_assert_num_queries(0):  # the history is prefetched with its statuses
        on = {day: claim.status_on(dt.date(2025, 9, day)).code for day in (10, 11, 22, 23, 29, 30)}
    assert on == {
        10: "unverified",  # before the first change: what it left
        11: "in_review",
        22: "in_review",
        23: "accurate",
        29: "accurate",
        30: "misleading",  # a change at 23:30 is in force at the end of its day
    }
    never = make_claim(newsroom["article"], "C’est officiel", slug="never-reviewed")
    assert never.status_on(dt.date(2025, 9, 11)).code == "unverified"


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
    claim = make_claim(newsroom["article"], "C’est officiel", slug="official")
    source = cite(claim, "https://example.org/official")
    set_status(claim, "accurate", "Announced that day.", citations=[source], effective_at=WHEN_ARTICLE)
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
    set_status(claim, "retracted", "Recorded twice.")
    assert json_ld_scripts(client.get(claim.get_absolute_url()).content.decode()) == []


def test_json_ld_cannot_be_closed_by_the_text_it_carries(client, newsroom):
    claim = newsroom["claims"]["start"]
    claim_services.claim_update(
        claim=claim, by=None, expected_version=claim.version, data={"text_en": "</script><script>alert(1)</script>"}
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
    article = make_article()
    claim = make_claim(article, "ce partenariat démarre en 2027", slug="start", attributed_to=None)
    sources = [
        cite(claim, f"https://example.org/report-{n}", published_on=dt.date(2025, 9, 1)) for n in range(citations)
    ]
    for n in range(citations):
        set_status(claim, "accurate", f"Confirmed again ({n}).", citations=sources[: n + 1])
    # The claim with status, article, publisher and source; history with statuses; the citations each
    # change relied on; citations; quantities; dates; entities.
    with django_assert_num_queries(7):
        assert client.get(claim.get_absolute_url()).status_code == 200


# --- an article ------------------------------------------------------------------------------------


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
    article = make_article()
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
    article = make_article(slug="escaped", text="Il a écrit <script>alert('x')</script> & autre chose.")
    make_claim(article, "<script>alert('x')</script>", slug="script")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_an_article_without_published_claims_is_404(client, newsroom):
    lonely = make_article(slug="lonely")
    make_claim(lonely, "C’est officiel", slug="lonely-draft", published=False)
    assert client.get(lonely.get_absolute_url()).status_code == 404
    assert client.get(reverse("claims:article-detail", kwargs={"slug": "nope"})).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_article_page_runs_the_same_queries_for_3_or_30_claims(client, db, django_assert_num_queries, count):
    article = many_claims(count, with_history=False)
    # The article with its publisher; its published claims with their statuses.
    with django_assert_num_queries(2):
        html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="claim-ref ') == count


# --- the corrections log, its feed, the sitemap, robots.txt ----------------------------------------


def test_the_corrections_log_lists_every_public_change_newest_first(client, newsroom):
    response = client.get(reverse("claims:changes"))
    html = response.content.decode()
    changes = list(response.context["page"])
    assert len(changes) == 5  # amount twice, start, capacity, broadcom; not the draft
    assert [c.effective_at for c in changes] == sorted((c.effective_at for c in changes), reverse=True)
    assert "DRAFT-ONLY REASON" not in html
    assert "Reported by the WSJ from anonymous sources; unconfirmed." in html
    assert f'href="{newsroom["claims"]["amount"].get_absolute_url()}#change-2"' in html


def test_the_corrections_log_is_paginated(client, db):
    many_claims(60)
    first = client.get(reverse("claims:changes"))
    assert len(first.context["page"]) == 50
    assert len(client.get(f"{reverse('claims:changes')}?page=2").context["page"]) == 10


@pytest.mark.parametrize("count", [3, 30])
def test_the_corrections_log_runs_the_same_queries_for_3_or_30_changes(client, db, django_assert_num_queries, count):
    many_claims(count)
    # The count; the page of changes with claims, articles and statuses.
    with django_assert_num_queries(2):
        assert client.get(reverse("claims:changes")).status_code == 200


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_atom_feed_is_valid_xml_with_one_entry_per_public_change(client, newsroom, django_assert_num_queries):
    with django_assert_num_queries(1):  # the changes with their claims and statuses
        response = client.get(reverse("claims:changes-feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 -- our own response
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert "OpenAI's Oracle contract is worth $300 billion over five years: In review \u2192 Accurate" in titles
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert "http://testserver/claims/amount/#change-3" in links
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == 5
    assert b"DRAFT-ONLY" not in response.content


def test_the_sitemap_is_valid_xml_listing_public_pages_only(client, newsroom):
    lonely = make_article(slug="lonely")
    make_claim(lonely, "C’est officiel", slug="lonely-draft", published=False)
    response = client.get(reverse("claims:sitemap"))
    root = ElementTree.fromstring(response.content)  # noqa: S314 -- our own response
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = {url.findtext(f"{namespace}loc") for url in root.findall(f"{namespace}url")}
    expected_claims = {f"http://testserver/claims/{slug}/" for slug in newsroom["claims"]}
    assert expected_claims <= locations
    assert "http://testserver/articles/openai-oracle/" in locations
    assert {"http://testserver/", "http://testserver/claims/", "http://testserver/changes/"} <= locations
    assert not any("draft" in location or "lonely" in location for location in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_every_status_colour_carries_readable_text(client, db):
    css = client.get(reverse("claims:status-styles")).content.decode()
    for status in VerificationStatus.objects.all():
        text = formatting.text_colour_on(status.color)
        assert f".status-{status.code} {{ --status-colour: {status.color}; --status-text: {text};" in css
        assert formatting.contrast_ratio(status.color, text) >= 4.5, status.code
        # The tint behind marked passages keeps body text at AA too.
        assert formatting.contrast_ratio(formatting.tint(status.color, 0.85), "#1b1f24") >= 4.5, status.code


def test_pages_only_answer_reads(client, newsroom):
    for url in (reverse("claims:claim-list"), newsroom["claims"]["amount"].get_absolute_url()):
        assert client.post(url).status_code == 405


# --- words for people ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (dict(value="4.5", upper_bound="4.5", unit="GW", qualifier="up_to"), "up to 4.5 GW"),
        (dict(value="300000000000", unit="USD", qualifier="approximately"), "about $300 billion"),
        (dict(value="5", unit="year", qualifier="approximately"), "about 5 years"),
        (dict(value="1", unit="year", qualifier="exact"), "1 year"),
        (dict(value="77", unit="%", qualifier="exact"), "77%"),
        (dict(value="100000", lower_bound="100000", unit="jobs", qualifier="more_than"), "more than 100,000 jobs"),
        (dict(value="25000", lower_bound="25000", unit="jobs", qualifier="at_least"), "at least 25,000 jobs"),
        (dict(value="455000000000", unit="USD", qualifier="exact"), "$455 billion"),
        (dict(value="1500000000000", unit="EUR", qualifier="exact"), "€1.5 trillion"),
        (dict(value="360.5", upper_bound="360.5", unit="MW", qualifier="up_to"), "up to 360.5 MW"),
        (
            dict(value="10", lower_bound="8", upper_bound="12", unit="GW", qualifier="approximately"),
            "about 10 GW (between 8 GW and 12 GW)",
        ),
    ],
)
def test_amounts_are_written_for_people(fields, expected):
    fields = {k: Decimal(v) if k in ("value", "lower_bound", "upper_bound") else v for k, v in fields.items()}
    assert formatting.describe_quantity(Quantity(measure="m", as_stated="s", **fields)) == expected


def quantity(measure: str, value: str, unit: str, qualifier: str = "exact", **bounds) -> Quantity:
    bounds = {name: Decimal(bound) for name, bound in bounds.items()}
    return Quantity(measure=measure, value=Decimal(value), unit=unit, qualifier=qualifier, as_stated=measure, **bounds)


@pytest.mark.parametrize(
    ("quantities", "expected"),
    [
        (
            [quantity("term", "5", "year", "approximately"), quantity("value", "300000000000", "USD", "approximately")],
            [("value and term", "about $300 billion over about 5 years")],  # in the money amount's place
        ),
        (
            [
                quantity("order", "10000000000", "USD"),
                quantity("delivery", "18", "month", "less_than", upper_bound="18"),
            ],
            [("order and delivery", "$10 billion over less than 18 months")],
        ),
        (
            [
                quantity("capacity", "4.5", "GW", "up_to", upper_bound="4.5"),
                quantity("investment", "500000000000", "USD", "up_to", upper_bound="500000000000"),
                quantity("period", "4", "year", "at_least", lower_bound="4"),
            ],
            [("capacity", "up to 4.5 GW"), ("investment and period", "up to $500 billion over at least 4 years")],
        ),
        (
            [
                quantity("value", "300000000000", "USD"),
                quantity("value", "280000000000", "EUR"),
                quantity("t", "5", "year"),
            ],
            [("value", "$300 billion"), ("value", "€280 billion"), ("t", "5 years")],  # which amount? not guessed
        ),
        (
            [quantity("value", "300000000000", "USD"), quantity("build", "2", "year"), quantity("run", "5", "year")],
            [("value", "$300 billion"), ("build", "2 years"), ("run", "5 years")],
        ),
        (
            [quantity("annual revenue", "30000000000", "USD"), quantity("term", "5", "year")],
            [("annual revenue", "$30 billion"), ("term", "5 years")],  # a yearly amount is not a total
        ),
        (
            [quantity("value", "1000000", "EUR"), quantity("notice", "90", "day")],
            [("value", "€1 million"), ("notice", "90 days")],  # days: a deadline more often than a span
        ),
        ([quantity("term", "1", "year")], [("term", "1 year")]),
        ([], []),
    ],
)
def test_a_money_amount_and_its_duration_are_one_phrase(quantities, expected):
    amounts = formatting.describe_amounts(quantities)
    assert [(amount.measure, amount.text) for amount in amounts] == expected
    # Every quantity is worded exactly once.
    assert sorted(id(q) for amount in amounts for q in amount.quantities) == sorted(id(q) for q in quantities)


@pytest.mark.parametrize(
    ("precision", "month", "day", "expected", "machine"),
    [
        ("day", 1, 21, "21 January 2025", "2025-01-21"),
        ("month", 9, None, "September 2025", "2025-09"),
        ("quarter", 7, None, "Q3 2025", ""),
        ("half", 7, None, "second half of 2025", ""),
        ("early_year", None, None, "early 2025", ""),
        ("mid_year", None, None, "mid-2025", ""),
        ("late_year", None, None, "late 2025", ""),
        ("year", None, None, "2025", "2025"),
    ],
)
def test_dates_are_written_at_their_precision(precision, month, day, expected, machine):
    mention = DateMention(precision=precision, year=2025, month=month, day=day, role="event", as_stated="x")
    assert formatting.describe_date(mention) == expected
    assert formatting.html_datetime(mention) == machine


def test_a_verdict_confirmed_again_says_so_instead_of_a_change_to_itself(client, newsroom):
    claim = newsroom["claims"]["amount"]
    source = claim.citations.first()
    set_status(claim, "accurate", "Re-checked after the September post: still accurate.", citations=[source])
    html = client.get(claim.get_absolute_url()).content.decode()
    newest = html[html.index('<ol class="timeline"') :].split("</li>")[0]
    assert '</span> Accurate</span> <span class="meta">(confirmed again)</span>' in newest
    assert "changed to" not in newest
    changes = client.get(reverse("claims:changes")).content.decode()
    assert "(confirmed again)" in changes
