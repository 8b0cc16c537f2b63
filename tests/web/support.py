"""What the reader-page tests share (no tests here): the claims a list shows, and articles with many claims
for the tests that show a page's queries do not grow with them."""

from __future__ import annotations

import datetime as dt

from claims.models import Article, Claim, Source
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, change_status


def listed(response) -> list[str]:
    """The claim pages linked from the list's results, in order."""
    page = response.context["page"]
    return [claim.slug for claim in page] if page is not None else []


def reload(claim: Claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


def many_claims(count: int, *, with_history: bool = True) -> Article:
    """An article with `count` published claims, each with a source, an entity and (by default) a verdict."""
    text = " ".join(f"Sentence {n} says something." for n in range(count))
    article = ArticleFactory(slug=f"many-{count}", text=text)
    source = SourceFactory(slug=f"src-{count}", name="A source", kind=Source.Kind.OUTLET)
    for n in range(count):
        claim = ClaimFactory(
            article=article,
            text=f"Sentence {n} says something.",
            slug=f"many-{count}-{n}",
            attributed_to=source,
            published=True,
        )
        claim.entities.add(source)
        if with_history:
            change_status(claim, "in_review", f"Checking claim {n}.")
    return article


def many_articles(count: int, *, claims_each: int = 1) -> list[Article]:
    """`count` articles a day apart (the last the newest), each with `claims_each` published claims."""
    articles = []
    for n in range(count):
        sentences = [f"Article {n} claim {k}." for k in range(claims_each)]
        article = ArticleFactory(
            slug=f"article-{n}",
            title=f"Article {n:03d}",
            text=" ".join(sentences),
            published_on=dt.date(2024, 1, 1) + dt.timedelta(days=n),
        )
        for k, sentence in enumerate(sentences):
            ClaimFactory(article=article, text=sentence, slug=f"article-{n}-claim-{k}", published=True)
        articles.append(article)
    return articles
