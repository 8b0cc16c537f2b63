"""Reader pages: public, read-only, published claims only (drafts answer 404, never 403).

Views are thin: claims.selectors fetches, claims.formatting words things for people, templates show.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.views.decorators.http import require_safe

from claims import formatting, revision, selectors
from claims.claimreview import claim_review, current_status_change, has_claim_review, site_base_url
from claims.models import Citation, Claim, VerificationStatus
from claims.templatetags.claims_pages import status_symbol

CLAIMS_PER_PAGE = 20
CHANGES_PER_PAGE = 50


def absolute(request: HttpRequest, path: str) -> str:
    return site_base_url(request) + path


# --- home ------------------------------------------------------------------------------------------


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # Queries: the data revision, the latest claims; once per revision also the statuses, the status
    # counts and the articles (aggregates over every published claim).
    token = revision.current_token()
    all_statuses = selectors.cached_statuses(token)
    counts = selectors.cached_status_counts(selectors.ClaimFilters(), token)
    latest = list(selectors.claim_list(selectors.ClaimFilters())[:5])
    articles = revision.cached("home-articles", token, (), lambda: list(selectors.articles_with_claims()[:10]))
    return render(
        request,
        "claims/home.html",
        {
            "statuses": [(status, counts.get(status.code, 0)) for status in all_statuses],
            "total": sum(counts.values()),
            "latest": latest,
            "articles": articles,
            "canonical_url": absolute(request, reverse("claims:home")),
        },
    )


# --- the claim list --------------------------------------------------------------------------------


class ClaimFilterForm(forms.Form):
    """The list's filters, read from the address so that every filtered list is a shareable link."""

    q = forms.CharField(
        label="Search the claims",
        required=False,
        max_length=200,
        strip=True,
        help_text="Every word must appear; capitals and accents do not matter; a word also finds longer words "
        "it begins (“gigawatt” finds “gigawatts”).",
    )
    status = forms.ChoiceField(label="Verification status", required=False)
    article = forms.ChoiceField(label="Article", required=False)
    entity = forms.ChoiceField(label="About", required=False)
    source = forms.ChoiceField(label="Attributed to", required=False)
    uncertainty = forms.ChoiceField(
        label="Stated uncertainty", required=False, choices=[("", "Any"), *Claim.Uncertainty.choices]
    )
    checkability = forms.ChoiceField(
        label="Checkability", required=False, choices=[("", "Any"), *Claim.Checkability.choices]
    )

    # Said under a choice list that leaves some out: where to find the others.
    LEFT_OUT = {
        "article": f"The {selectors.FILTER_CHOICES} articles with the most published claims. Every claim links to "
        "its article, whose page lists all of its claims.",
        "entity": f"The {selectors.FILTER_CHOICES} names that come up most. A claim's page links to the claims "
        "about each name it mentions.",
        "source": f"The {selectors.FILTER_CHOICES} sources claims are most often attributed to. A claim's page "
        "links to the claims attributed to its source.",
    }

    def __init__(self, data, *, statuses: list[VerificationStatus], choices: dict[str, selectors.FilterChoices]):
        super().__init__(data)
        self.fields["status"].choices = [("", "Any"), *((s.code, s.label) for s in statuses)]
        for name in selectors.FILTER_KINDS:
            self.fields[name].choices = [("", "Any"), *choices[name].options]
            if choices[name].left_out:
                self.fields[name].help_text = self.LEFT_OUT[name]

    def filters(self) -> selectors.ClaimFilters:
        data = self.cleaned_data
        return selectors.ClaimFilters(
            status=data["status"],
            article=data["article"],
            entity=data["entity"],
            source=data["source"],
            uncertainty=data["uncertainty"],
            checkability=data["checkability"],
            query=data["q"],
        )


@require_safe
def claim_list(request: HttpRequest) -> HttpResponse:
    # Queries (pinned in tests): the data revision, then the page. Cached under the revision, so run once
    # per change of data: the statuses, the 3 filter choice lists (and a selected value outside them), the
    # status counts for these filters.
    token = revision.current_token()
    all_statuses = selectors.cached_statuses(token)
    selected = {name: request.GET.get(name, "") for name in selectors.FILTER_KINDS}
    form = ClaimFilterForm(request.GET, statuses=all_statuses, choices=selectors.filter_choices(token, selected))
    if not form.is_valid():
        # A filter that names nothing we have: say which, and show no claims rather than all of them.
        response = render(
            request,
            "claims/claim_list.html",
            {"form": form, "page": None, "statuses": [], "active": True, "nav": "claims"},
            status=400,
        )
        return response
    filters = form.filters()
    counts = selectors.cached_status_counts(filters, token)
    # The status select says how many claims each choice would show.
    form.fields["status"].choices = [
        ("", "Any"),
        *((s.code, f"{s.label} ({counts.get(s.code, 0)})") for s in all_statuses),
    ]
    paginator = Paginator(selectors.claim_list(filters), CLAIMS_PER_PAGE)
    # The status counts already hold the total (they apply every other filter): no second COUNT(*).
    paginator.count = counts.get(filters.status, 0) if filters.status else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "claims/claim_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "statuses": [(s, counts.get(s.code, 0)) for s in all_statuses],
            "active": any(value for value in form.cleaned_data.values()),
            "canonical_url": absolute(request, reverse("claims:claim-list")),
            "nav": "claims",
        },
    )


# --- one claim -------------------------------------------------------------------------------------


@require_safe
def claim_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Queries: the claim with status, article, publisher and source; history; history citations;
    # citations; quantities; dates; entities (claims.selectors.claim_for_page).
    claim = selectors.claim_for_page(slug)
    canonical_url = absolute(request, claim.get_absolute_url())
    citations = list(claim.citations.all())
    by_stance = [
        (stance, label, [c for c in citations if c.stance == stance]) for stance, label in Citation.Stance.choices
    ]
    history = list(claim.history.all())
    current = current_status_change(claim)
    # What was known when the article came out, from the history already fetched; a claim never
    # reviewed has nothing to compare.
    on_article_date = claim.status_on(claim.article.published_on) if history else None
    # JSON-LD only for a rated status: ClaimReview's reviewRating needs a value.
    review = claim_review(claim, base_url=site_base_url(request)) if has_claim_review(claim) else None
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "context": formatting.sentence_in_context(claim),
            "amounts": formatting.describe_amounts(claim.quantities.all()),
            "citations_by_stance": [group for group in by_stance if group[2]],
            "history": list(reversed(history)),
            "current_change": current,
            "on_article_date": on_article_date,
            "claim_review": review,
            "canonical_url": canonical_url,
            "og_description": f"{status_symbol(claim.status)} {claim.status.label}. {claim.rationale}".strip()[:300],
            "nav": "claims",
        },
    )


# --- an article ------------------------------------------------------------------------------------


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Queries: the article with its publisher; its published claims with their statuses.
    article, claims = selectors.article_for_page(slug)
    numbered = sorted(claims, key=lambda c: (c.start, c.end))
    reference = get_template("claims/_claim_reference.html")

    def render_reference(claim: Claim, number: int) -> str:
        return reference.render({"claim": claim, "number": number})

    legend: dict[str, VerificationStatus] = {}
    for claim in numbered:
        legend.setdefault(claim.status_id, claim.status)
    return render(
        request,
        "claims/article_detail.html",
        {
            "article": article,
            "claims": numbered,
            "annotated": formatting.annotate_article(article.text, claims, reference=render_reference),
            "legend": sorted(legend.values(), key=lambda s: (s.order, s.code)),
            "canonical_url": absolute(request, article.get_absolute_url()),
        },
    )


# --- the corrections log ---------------------------------------------------------------------------


@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    # Queries: the count, the page of changes with their claims, articles and statuses.
    page = Paginator(selectors.public_changes(), CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/changes.html",
        {"page": page, "canonical_url": absolute(request, reverse("claims:changes")), "nav": "changes"},
    )


# --- small documents -------------------------------------------------------------------------------


@require_safe
def status_styles(request: HttpRequest) -> HttpResponse:
    """The statuses' colours as CSS classes. The colours are data (editors may reword the scale), and the
    Content-Security-Policy forbids inline styles, so they are served as a stylesheet of this site."""
    rules = []
    for status in selectors.statuses():
        tint = formatting.tint(status.color, 0.85)
        rules.append(
            f".status-{status.code} {{ --status-colour: {status.color}; "
            f"--status-text: {formatting.text_colour_on(status.color)}; --status-tint: {tint}; }}"
        )
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {absolute(request, reverse('claims:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
