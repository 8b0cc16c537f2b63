"""A claim's citations: added, edited and removed here only, because the status history relies on them.

A citation a status change relied on is never removed nor edited in place: the public history keeps its
sources as they were read (the database refuses the removal too: StatusChangeCitation PROTECTs it). An edit
of such a citation adds its correction, a new citation that `corrects` it, and marks it superseded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import CITATION_FIELDS, Citation, Claim, StatusChange


def removal_errors(citations: Iterable[Citation]) -> list[str]:
    """Why each of `citations` cannot be removed: one message per status change that relied on it."""
    doomed = {citation.pk: citation for citation in citations if citation.pk is not None}
    if not doomed:
        return []
    relied_on = (
        StatusChange.objects.filter(citations__in=list(doomed))
        .values_list("citations__pk", "to_status__label", "effective_at")
        .order_by("effective_at", "id")
    )
    return [
        f"Citation {pk} (\u201c{doomed[pk]}\u201d) cannot be removed: the change to \u201c{label}\u201d of "
        f"{when:%Y-%m-%d} relied on it, and the history keeps its sources. Add a newer citation instead."
        for pk, label, when in relied_on
    ]


def citations_delete(*, claim: Claim, citations: Iterable[Citation]) -> None:
    citations = list(citations)
    if any(citation.claim_id != claim.pk for citation in citations):
        raise ValidationError({"citations": "Only this claim's own citations can be removed here."})
    if errors := removal_errors(citations):
        raise ValidationError({"citations": errors})
    Citation.objects.filter(pk__in=[citation.pk for citation in citations]).delete()


def citation_save(citation: Citation) -> Citation:
    """Store a citation built or edited by the caller, after the model's own checks (the address's scheme
    among them); the database checks its constraints and the one-address-per-claim rule on write. An edit of
    a citation the history relied on is stored as its correction instead, which is returned."""
    if citation.pk is not None:
        stored = Citation.objects.get(pk=citation.pk)
        if stored.superseded_at is not None:
            raise ValidationError({"citations": f"Citation {citation.pk} was superseded: edit its correction."})
        if all(getattr(stored, name) == getattr(citation, name) for name in CITATION_FIELDS):
            return citation
        if StatusChange.objects.filter(citations=stored).exists():
            Citation.objects.filter(pk=stored.pk).update(superseded_at=timezone.now())
            values = {name: getattr(citation, name) for name in CITATION_FIELDS}
            citation = Citation(claim_id=stored.claim_id, corrects=stored, **values)
    citation.full_clean(exclude=["claim"], validate_unique=False, validate_constraints=False)
    citation.save()
    return citation


def citation_create(*, claim: Claim, **fields: Any) -> Citation:
    return citation_save(Citation(claim=claim, **fields))


def citation_update(*, citation: Citation, **fields: Any) -> Citation:
    """Apply `fields`; a citation the history relied on gets a correction instead (returned), and stays."""
    for name, value in fields.items():
        setattr(citation, name, value)
    return citation_save(citation)


@transaction.atomic
def claim_replace_citations(*, claim: Claim, items: Iterable[Mapping[str, Any]]) -> None:
    """The claim's citations become `items`: an item with the `id` of one of the claim's citations edits it,
    one without adds a citation, and a stored citation left out is removed (unless the history relies on it)."""
    items = list(items)
    # Superseded citations stay on the record whatever the list says; the list speaks of the current ones.
    everything = list(claim.citations.all())
    stored = {citation.pk: citation for citation in everything if citation.superseded_at is None}
    superseded = {citation.pk for citation in everything if citation.superseded_at is not None}
    items = [item for item in items if item.get("id") not in superseded]
    urls = [item["url"] for item in items]
    if len(set(urls)) != len(urls):
        raise ValidationError({"citations": "Each address can be cited once per claim."})
    kept = {item["id"] for item in items if "id" in item}
    stray = sorted(kept - set(stored))
    if stray:
        raise ValidationError({"citations": [f"Citation {pk} is not one of this claim's citations." for pk in stray]})
    citations_delete(claim=claim, citations=[citation for pk, citation in stored.items() if pk not in kept])
    for item in items:
        fields = {name: value for name, value in item.items() if name != "id"}
        if "id" in item:
            citation_update(citation=stored[item["id"]], **fields)
        else:
            citation_create(claim=claim, **fields)
