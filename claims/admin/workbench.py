"""The editors' workbench: one page per article to take its candidate claims in (accept, adjust, dismiss,
add one from a passage), each person's queue, and the reader page of a draft before it is published.

Views only: every write is a call to claims.services.candidates; what the pages show comes from
claims.selectors.workbench and claims.selectors.similar.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from claims.models import Article, Candidate, Claim
from claims.selectors import revision
from claims.selectors.similar import similar_claims
from claims.selectors.workbench import candidates_of, queue_for, sources_proposed
from claims.services.candidates import (
    article_find_candidates,
    candidate_accept,
    candidate_dismiss,
    candidate_for_passage,
)
from claims.web.wording import annotate_article

ACTIONS = ("accept", "accept_and_edit", "dismiss", "adjust", "add", "find")


class PassageForm(forms.Form):
    passage = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        max_length=5000,
        help_text="Select the words in the text above, or paste them: quotes and apostrophes may differ from "
        "the article's; the article's own characters are kept.",
    )


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=500, help_text="Why this passage is not worth a claim.")


def workbench_view(model_admin, request, object_id):
    article = get_object_or_404(Article.objects.select_related("publisher"), pk=object_id)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    errors: dict[int | None, object] = {}
    if request.method == "POST":
        response = _act(model_admin, request, article, errors)
        if response is not None:
            return response
    candidates = list(candidates_of(article))
    sources = sources_proposed(candidates)
    token = revision.current_token()
    numbers = {candidate.pk: number for number, candidate in enumerate(candidates, 1)}

    def similar(candidate: Candidate):
        return revision.cached(
            "candidate-similar",
            token,
            (candidate.pk, True),
            lambda: similar_claims(
                text=candidate.text,
                language=article.language,
                claims=Claim.objects.all(),
                reference=article.published_on,
                exclude=(candidate.claim_id,) if candidate.claim_id else (),
            ),
        )

    def reference(candidate: Candidate, number: int) -> str:
        return format_html('<a class="candidate-ref" href="#candidate-{}">{}</a>', number, number)

    cards = [
        {
            "candidate": candidate,
            "number": numbers[candidate.pk],
            "attributed_to": sources.get(candidate.proposal.get("attributed_to")),
            "entities": [sources[pk] for pk in candidate.proposal.get("entities", []) if pk in sources],
            "similar": similar(candidate) if candidate.status == Candidate.Status.OPEN else [],
            "adjust_form": errors.get(candidate.pk)
            or PassageForm(initial={"passage": candidate.text}, prefix=f"c{candidate.pk}"),
            "dismiss_form": DismissForm(prefix=f"d{candidate.pk}"),
        }
        for candidate in candidates
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Workbench: {article}",
        "subtitle": None,
        "opts": model_admin.opts,
        "original": article,
        "article": article,
        "annotated": annotate_article(
            article.text, candidates, reference=reference, mark_class=lambda c: f"candidate candidate-{c.status}"
        ),
        "cards": cards,
        "open_count": sum(1 for c in candidates if c.status == Candidate.Status.OPEN),
        "add_form": errors.get(None) or PassageForm(prefix="new"),
        "can_accept": request.user.has_perm("claims.add_claim"),
        "can_decide": request.user.has_perm("claims.change_article"),
        "has_view_permission": True,
    }
    return TemplateResponse(request, "admin/claims/article/workbench.html", context)


def _act(model_admin, request, article: Article, errors: dict):
    action = request.POST.get("action")
    if action not in ACTIONS:
        messages.error(request, "Nothing was done: choose an action on a candidate.")
        return HttpResponseRedirect(request.path)
    needed = "claims.add_claim" if action.startswith("accept") else "claims.change_article"
    if not request.user.has_perm(needed):
        raise PermissionDenied
    here = reverse("admin:claims_article_workbench", args=[article.pk])
    if action == "find":
        article_find_candidates(article=article)
        messages.success(request, "Candidates found again; decisions already taken are kept.")
        return HttpResponseRedirect(here)
    candidate = None
    if action != "add":
        candidate = Candidate.objects.filter(article=article, pk=request.POST.get("candidate") or 0).first()
        if candidate is None:
            messages.error(request, "Nothing was done: that candidate is not one of this article's.")
            return HttpResponseRedirect(here)
    try:
        if action in ("accept", "accept_and_edit"):
            claim = candidate_accept(candidate=candidate, by=request.user)
            edit = reverse("admin:claims_claim_change", args=[claim.pk])
            if action == "accept_and_edit":
                return HttpResponseRedirect(edit)
            messages.success(request, format_html('Draft claim made: <a href="{}">{}</a>.', edit, claim))
        elif action == "dismiss":
            reason = request.POST.get(f"d{candidate.pk}-reason", "")
            candidate_dismiss(candidate=candidate, by=request.user, reason=reason)
            messages.success(request, "Candidate dismissed; the reason is kept.")
        else:
            prefix = "new" if action == "add" else f"c{candidate.pk}"
            form = PassageForm(request.POST, prefix=prefix)
            if not form.is_valid():
                errors[candidate.pk if candidate else None] = form
                return None
            try:
                candidate = candidate_for_passage(
                    article=article, passage=form.cleaned_data["passage"], by=request.user, candidate=candidate
                )
            except ValidationError as exc:
                form.add_error("passage", exc.messages)
                errors[candidate.pk if candidate else None] = form
                return None
            messages.success(request, "Candidate passage set; what it states was read again.")
            return HttpResponseRedirect(f"{here}#candidate-{candidate.pk}")
    except ValidationError as exc:
        messages.error(request, "Nothing was done: " + " ".join(exc.messages))
    return HttpResponseRedirect(f"{here}#candidate-{candidate.pk}" if candidate else here)


def queue_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Your queue",
        "subtitle": None,
        "opts": model_admin.opts,
        "queue": queue_for(request.user),
        "can_publish": request.user.has_perm("claims.publish_claim"),
        "has_view_permission": True,
    }
    return TemplateResponse(request, "admin/claims/claim/queue.html", context)
