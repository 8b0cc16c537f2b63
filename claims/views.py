"""Reader pages: public, read-only, published claims only."""

from django.shortcuts import get_object_or_404, render

from claims.models import Article, Claim


def home(request):
    claims = Claim.objects.published().select_related("status", "article").order_by("-updated_at")[:20]
    return render(request, "claims/home.html", {"claims": claims})


def claim_detail(request, slug):
    claim = get_object_or_404(Claim.objects.published().select_related("status", "article"), slug=slug)
    return render(request, "claims/claim_detail.html", {"claim": claim})


def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    return render(request, "claims/article_detail.html", {"article": article})
