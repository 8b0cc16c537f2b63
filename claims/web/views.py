"""Reader pages: public, read-only, published claims only (drafts answer 404, never 403).

Views are thin: claims.selectors.pages fetches, claims.web.wording words things for people, templates show.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.views.decorators.http import require_safe

from claims.models import Citation, Claim, VerificationStatus
from claims.selectors import pages as selectors
from claims.selectors import revision
from claims.selectors.claim_filters import ClaimFilters
from claims.selectors.claimreview import claim_review, current_status_change, has_claim_review
from claims.selectors.links import absolute_url, site_base_url
from claims.web import wording
from claims.web.forms import ClaimFilterForm

CLAIMS_PER_PAGE = 20
CHANGES_PER_PAGE = 50


# --- home ------------------------------------------------------------------------------------------


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # Queries: the data revision, the latest claims; once per revision also the statuses, the status
    # counts and the articles (aggregates over every published claim).
    token = revision.current_token()
    all_statuses = selectors.cached_statuses(token)
    counts = selectors.cached_status_counts(ClaimFilters(), token)
    latest = list(selectors.claim_list(ClaimFilters())[:5])
    articles = revision.cached("home-articles", token, (), lambda: list(selectors.articles_with_claims()[:10]))
    return render(
        request,
        "claims/home.html",
        {
            "statuses": [(status, counts.get(status.code, 0)) for status in all_statuses],
            "total": sum(counts.values()),
            "latest": latest,
            "articles": articles,
            "canonical_url": absolute_url(request, reverse("claims:home")),
        },
    )


# --- the claim list --------------------------------------------------------------------------------


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
    paginator.count = (
        sum(counts.get(code, 0) for code in filters.statuses) if filters.statuses else sum(counts.values())
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "claims/claim_list.html",
        {
            "form": form,
            "filters": filters,
            "selected_status": form.cleaned_data["status"],
            "page": page,
            "statuses": [(s, counts.get(s.code, 0)) for s in all_statuses],
            "active": any(value for value in form.cleaned_data.values()),
            "canonical_url": absolute_url(request, reverse("claims:claim-list")),
            "nav": "claims",
        },
    )


# --- one claim -------------------------------------------------------------------------------------


@require_safe
def claim_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Queries: the claim with status, article, publisher and source; history; history citations;
    # citations; quantities; dates; entities (claims.selectors.pages.claim_for_page); its corrections.
    return render_claim_page(request, selectors.claim_for_page(slug))


def render_claim_page(request: HttpRequest, claim: Claim, *, preview: bool = False) -> HttpResponse:
    """A claim's reader page; with `preview`, a draft's as it will read once published (the editors' admin
    shows it, marked as a preview and kept out of search engines)."""
    citations = list(claim.citations.all())
    for citation in citations:
        # The corrections of a superseded citation, from the list already read (no query per citation).
        citation.corrected_by = [later for later in citations if later.corrects_id == citation.pk]
    by_stance = [
        (stance, label, [c for c in citations if c.stance == stance]) for stance, label in Citation.Stance.choices
    ]
    history = list(claim.history.all())
    # The page's timeline: status changes when they took effect, corrections when they were made.
    timeline = sorted(
        [("status", change.effective_at, change) for change in history]
        + [("revision", revision.recorded_at, revision) for revision in selectors.revisions_of(claim)],
        key=lambda entry: entry[1],
        reverse=True,
    )
    # What was known when the article came out, from the history already fetched; a claim never
    # reviewed has nothing to compare.
    on_article_date = claim.status_on(claim.article.published_on) if history else None
    # JSON-LD only for a rated, published status: ClaimReview's reviewRating needs a value.
    review = claim_review(claim, base_url=site_base_url(request)) if has_claim_review(claim) and not preview else None
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "context": wording.sentence_in_context(claim),
            "amounts": wording.describe_amounts(claim.quantities.all()),
            "citations_by_stance": [group for group in by_stance if group[2]],
            "history": list(reversed(history)),
            "timeline": timeline,
            "retracted": claim.status_id == "retracted",
            "current_change": current_status_change(claim),
            "on_article_date": on_article_date,
            "claim_review": review,
            "canonical_url": absolute_url(request, claim.get_absolute_url()),
            "og_description": wording.share_description(claim),
            "nav": "claims",
            "preview": preview,
        },
    )


# --- an article ------------------------------------------------------------------------------------


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Queries: the article with its publisher; its published claims with their statuses; its corrections.
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
            "annotated": wording.annotate_article(article.text, claims, reference=render_reference),
            "legend": sorted(legend.values(), key=lambda s: (s.order, s.code)),
            "corrections": selectors.article_corrections(article),
            "canonical_url": absolute_url(request, article.get_absolute_url()),
        },
    )


# --- the corrections log ---------------------------------------------------------------------------


@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    # Queries: the count, the page's keys, its status changes and its corrections with what they name.
    page = Paginator(selectors.CorrectionsLog(), CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/changes.html",
        {"page": page, "canonical_url": absolute_url(request, reverse("claims:changes")), "nav": "changes"},
    )


# --- small documents -------------------------------------------------------------------------------


@require_safe
def status_styles(request: HttpRequest) -> HttpResponse:
    """The statuses' colours as CSS classes. The colours are data (editors may reword the scale), and the
    Content-Security-Policy forbids inline styles, so they are served as a stylesheet of this site."""
    rules = []
    for status in selectors.statuses():
        tint = wording.tint(status.color, 0.85)
        rules.append(
            f".status-{status.code} {{ --status-colour: {status.color}; "
            f"--status-text: {wording.text_colour_on(status.color)}; --status-tint: {tint}; }}"
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
        f"Sitemap: {absolute_url(request, reverse('claims:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
