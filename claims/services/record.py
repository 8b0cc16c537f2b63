"""What is on the public record once a claim is published: every change to what it says or rests on is a
revision, with who made it, when, why (a reason is required) and each field before and after; a claim that
carries a verdict is corrected by editors only.

The services call snapshot() before they write and record() after, in the same transaction, so a refused
revision (no reason, the wrong role) leaves nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import MAX_RATIONALE, Article, Claim, Revision
from claims.rules import validation, workflow

# What a claim says or rests on, as its revisions name it; the values are the words readers see.
CLAIM_FIELDS: dict[str, str] = {
    "article": "Article",
    "text": "Words as stated",
    "text_en": "English rendering",
    "summary": "Title",
    "entities": "About",
    "attributed_to": "Attributed to",
    "attribution_as_stated": "Attribution as stated",
    "attribution_basis": "How the source knew",
    "uncertainty": "Uncertainty",
    "checkability": "Checkability",
    "quantities": "Amounts",
    "dates": "Dates",
    "citations": "Citations",
}
ARTICLE_FIELDS: dict[str, str] = {
    "title": "Article title",
    "publisher": "Publisher",
    "published_on": "Publication date",
    "url": "Address",
    "language": "Language",
}


def _quantity(q) -> str:
    bounds = "".join(
        f", {name} {value.normalize():f}"
        for name, value in (("from", q.lower_bound), ("to", q.upper_bound))
        if value is not None
    )
    amount = f"{q.value.normalize():f} {q.unit}"
    return f"{q.measure}: \u201c{q.as_stated}\u201d = {amount} ({q.get_qualifier_display()}{bounds})"


def _citation(c) -> str:
    # Every field of the citation (models.CITATION_FIELDS): a change to any of them is on the record.
    parts = [f"{c.publisher}: {c.title} <{c.url}>"]
    parts += [f"published {c.published_on:%Y-%m-%d}"] if c.published_on else []
    parts += [c.get_stance_display() + (", primary source" if c.is_primary else "")]
    parts += [f"quoting \u201c{c.quote}\u201d"] if c.quote else []
    parts += [c.get_access_display() + (f": {c.access_note}" if c.access_note else "")]
    parts += [f"read on {c.accessed_on:%Y-%m-%d}"] if c.accessed_on else []
    parts += [f"archived at <{c.archived_url}>"] if c.archived_url else []
    return ", ".join(parts)


# The claim's lists: a revision names the items removed and added, not the whole list before and after.
LIST_FIELDS = ("quantities", "dates", "citations")


_CLAIM_VALUES: dict[str, Callable[[Claim], str | list[str]]] = {
    "article": lambda c: c.article.title,
    "text": lambda c: f"\u201c{c.text}\u201d (characters {c.start}\u2013{c.end})",
    "text_en": lambda c: c.text_en,
    "summary": lambda c: c.summary,
    "entities": lambda c: ", ".join(sorted(s.name for s in c.entities.all())),
    "attributed_to": lambda c: c.attributed_to.name if c.attributed_to_id else "",
    "attribution_as_stated": lambda c: c.attribution_as_stated,
    "attribution_basis": lambda c: c.attribution_basis,
    "uncertainty": lambda c: (
        c.get_uncertainty_display() + (f": \u201c{c.uncertainty_as_stated}\u201d" if c.uncertainty_as_stated else "")
    ),
    # The re-check date is scheduling, not what the claim says: editors move it without a correction.
    "checkability": lambda c: c.get_checkability_display(),
    "quantities": lambda c: [_quantity(q) for q in c.quantities.order_by("position", "id")],
    "dates": lambda c: [f"{d.role}: \u201c{d.as_stated}\u201d ({d.value})" for d in c.dates.order_by("position", "id")],
    # A superseded citation stays on the claim for its history; its correction is what the claim rests on now.
    "citations": lambda c: [
        _citation(x) for x in c.citations.filter(superseded_at__isnull=True).order_by("published_on", "id")
    ],
}


def _change(name: str, label: str, before, after) -> dict[str, str] | None:
    """One field's change as the revision keeps it, or None when it did not change. A list's change names the
    items removed (`before`) and added (`after`), marked `"kind": "items"`."""
    if before == after:
        return None
    if name not in LIST_FIELDS:
        return {"field": name, "label": label, "before": before, "after": after}
    removed = [item for item in before if item not in after]
    added = [item for item in after if item not in before]
    if not removed and not added:  # the same items in another order: the first quantity or date is the main one
        removed, added = before, after
    return {"field": name, "label": label, "before": "; ".join(removed), "after": "; ".join(added), "kind": "items"}


def snapshot(claim: Claim) -> dict[str, Any]:
    """The claim as stored, in words, with whether it is published and what it is rated: what a later
    record() compares with."""
    stored = Claim.objects.select_related("article", "attributed_to", "status").get(pk=claim.pk)
    return {
        "published": stored.is_published,
        "status": stored.status,
        "values": {name: value(stored) for name, value in _CLAIM_VALUES.items()},
    }


def reason_or_error(reason: str | None) -> str:
    text = validation.visible_text(reason or "", "reason")
    if not text:
        raise ValidationError({"reason": "Say why this published claim is corrected: readers see the reason."})
    if len(text) > MAX_RATIONALE:
        raise ValidationError({"reason": f"Keep the reason under {MAX_RATIONALE:,} characters."})
    return text


def record(*, claim: Claim, before: dict[str, Any], by, reason: str | None) -> Revision | None:
    """The revision that turned `before` into the claim as stored now, when the claim was published; nothing
    for a draft, or when nothing on the record changed. Refuses a missing reason, and a contributor's
    correction of a claim that carries a verdict."""
    if not before["published"]:
        return None
    after = snapshot(claim)["values"]
    changes = [
        change
        for name, label in CLAIM_FIELDS.items()
        if (change := _change(name, label, before["values"][name], after[name])) is not None
    ]
    if not changes:
        return None
    rated = before["status"]
    if rated.is_verdict and not workflow.can_set_status(by, rated, current=rated):
        raise PermissionDenied(
            f"This claim is rated \u201c{rated.label}\u201d: what it says or rests on is corrected by editors. "
            "Tell an editor what to correct."
        )
    stored = Claim.objects.only("version", "article_id").get(pk=claim.pk)
    return Revision.objects.create(
        claim_id=claim.pk,
        article_id=stored.article_id,
        claim_version=stored.version,
        changed_by=by if getattr(by, "pk", None) else None,
        reason=reason_or_error(reason),
        changes=changes,
    )


def article_snapshot(article: Article) -> dict[str, str]:
    stored = Article.objects.select_related("publisher").get(pk=article.pk)
    return {
        "title": stored.title,
        "publisher": stored.publisher.name if stored.publisher_id else "",
        "published_on": stored.published_on.isoformat(),
        "url": stored.url,
        "language": stored.language,
    }


def record_article(*, article: Article, before: dict[str, str], by, reason: str | None) -> Revision | None:
    """The revision of an article a published claim quotes; nothing for an article still being worked on.
    Such an article is corrected by editors only."""
    if not article.claims.published().exists():
        return None
    after = article_snapshot(article)
    changes = [
        {"field": name, "label": label, "before": before[name], "after": after[name]}
        for name, label in ARTICLE_FIELDS.items()
        if before[name] != after[name]
    ]
    if not changes:
        return None
    if not workflow.can_publish(by):
        raise PermissionDenied("Published claims quote this article: it is corrected by editors.")
    return Revision.objects.create(
        article_id=article.pk,
        changed_by=by if getattr(by, "pk", None) else None,
        reason=reason_or_error(reason),
        changes=changes,
    )
