"""sitemap.xml: the reader pages of published claims and of the articles that have them."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from claims.models import Article, Claim
from claims.selectors import pages as selectors


class ClaimSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return selectors.published_claims().only("slug", "updated_at").order_by("-updated_at", "id")

    def lastmod(self, item: Claim):
        return item.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        with_claims = Exists(selectors.published_claims().filter(article=OuterRef("pk")))
        return Article.objects.filter(with_claims).only("slug").order_by("-published_on", "id")

    def location(self, item: Article) -> str:
        return item.get_absolute_url()


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["claims:home", "claims:claim-list", "claims:changes"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "claims": ClaimSitemap, "articles": ArticleSitemap}
