"""The reader list's filter form: read from the address, so that every filtered list is a shareable link."""

from __future__ import annotations

from django import forms

from claims.models import Claim, VerificationStatus
from claims.selectors import pages as selectors
from claims.selectors.claim_filters import ClaimFilters


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

    def filters(self) -> ClaimFilters:
        """The filters as claims.selectors.claim_filters applies them (the list and the API share it)."""
        data = self.cleaned_data
        return ClaimFilters(
            statuses=(data["status"],) if data["status"] else (),
            article_slug=data["article"],
            entity_slug=data["entity"],
            attributed_to_slug=data["source"],
            uncertainty=(data["uncertainty"],) if data["uncertainty"] else (),
            checkability=(data["checkability"],) if data["checkability"] else (),
            query=data["q"],
        )
