"""A claim's own fields, its entities, its quantities and dates, and re-check scheduling.

Every write to a claim raises its version (claims.services.versions), so an edit made from an older version
is refused instead of overwriting; a claim's children are written in the same transaction as the claim
write that carries them, so one version covers the whole edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from claims.models import Citation, Claim, DateMention, Quantity
from claims.rules import workflow
from claims.services import citations as citation_services
from claims.services import record
from claims.services.versions import bump_version

# Fields an edit may change. Status, rationale and version belong to claim_change_status; visibility to
# editors only (checked below).
EDITABLE_FIELDS = (
    "article",
    "slug",
    "text",
    "start",
    "end",
    "text_en",
    "summary",
    "attributed_to",
    "attribution_as_stated",
    "attribution_basis",
    "uncertainty",
    "uncertainty_as_stated",
    "checkability",
    "recheck_on",
    "visibility",
)
# What the models' clean() must not be asked about here: the status and version are the services' own, and
# many-to-many links are set after the row exists.
_NOT_CLEANED = ["status", "version", "entities"]


@transaction.atomic
def claim_create(
    *,
    by,
    entities: Iterable = (),
    quantities: Iterable[Mapping[str, Any]] = (),
    dates: Iterable[Mapping[str, Any]] = (),
    citations: Iterable[Mapping[str, Any]] = (),
    **fields: Any,
) -> Claim:
    """Create a claim with its children; it starts unverified, and as a draft unless an editor publishes it."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set here."))
    if not fields.get("slug"):
        fields["slug"] = unique_claim_slug(fields.get("text_en") or fields.get("summary") or fields.get("text") or "")
    claim = Claim(created_by=by if getattr(by, "pk", None) else None, **fields)
    if claim.visibility == Claim.Visibility.PUBLISHED and not workflow.can_publish(by):
        raise PermissionDenied("Only editors may publish a claim.")
    claim.full_clean(exclude=_NOT_CLEANED)
    claim.save()
    claim.entities.set(entities)
    # A new claim has no children yet: only lists that hold something cost a write.
    if quantities := list(quantities):
        claim_set_quantities(claim=claim, items=quantities)
    if dates := list(dates):
        claim_set_dates(claim=claim, items=dates)
    if citations := list(citations):
        citation_services.claim_replace_citations(claim=claim, items=citations)
    return claim


@transaction.atomic
def claim_update(
    *,
    claim: Claim,
    by,
    expected_version: int | None,
    data: Mapping[str, Any] | None = None,
    entities: Iterable | None = None,
    quantities: Iterable[Mapping[str, Any]] | None = None,
    dates: Iterable[Mapping[str, Any]] | None = None,
    citations: Iterable[Mapping[str, Any]] | None = None,
    reason: str | None = None,
    revision: bool = True,
) -> Claim:
    """Save edits to a claim's own fields and, for each list given, replace that list; refuse a stale version.

    `claim` may already carry the edits (an admin form's instance); `data` applies more. Only EDITABLE_FIELDS
    are written, so a stale in-memory status can never overwrite a newer one. A list left as None is kept.
    A published claim's correction is a revision on the public record, with `reason` (claims.services.record);
    `revision=False` leaves recording it to a caller that writes the children afterwards (the admin).
    A claim that carries a verdict is not unpublished: it is retracted (a status change, with its reason).
    """
    before = record.snapshot(claim) if revision else None
    for name, value in (data or {}).items():
        if name not in EDITABLE_FIELDS:
            raise ValidationError({name: "This field cannot be changed here."})
        setattr(claim, name, value)
    stored = Claim.objects.select_related("status").only("visibility", "status").filter(pk=claim.pk).first()
    if stored is not None and stored.visibility != claim.visibility:
        if not workflow.can_publish(by):
            raise PermissionDenied("Only editors may publish or unpublish a claim.")
        if refused := workflow.unpublish_error(
            published=stored.is_published, status=stored.status, visibility=claim.visibility
        ):
            raise ValidationError({"visibility": refused})
    claim.full_clean(exclude=_NOT_CLEANED)
    claim.version = bump_version(claim.pk, expected_version)
    claim.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
    if entities is not None:
        claim.entities.set(entities)
    if quantities is not None:
        claim_set_quantities(claim=claim, items=quantities)
    if dates is not None:
        claim_set_dates(claim=claim, items=dates)
    if citations is not None:
        citation_services.claim_replace_citations(claim=claim, items=citations)
    if before is not None:
        record.record(claim=claim, before=before, by=by, reason=reason)
    return claim


def unique_claim_slug(text: str) -> str:
    """A slug made from `text` that no claim has yet ("claim" when the text gives none)."""
    base = slugify(text)[:100].strip("-") or "claim"
    slug, n = base, 1
    while Claim.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def claim_set_quantities(*, claim: Claim, items: Iterable[Mapping[str, Any]]) -> None:
    """The claim's quantities become `items`, in that order (the first is the main one)."""
    _replace_in_order(claim, Quantity, "quantities", items)


def claim_set_dates(*, claim: Claim, items: Iterable[Mapping[str, Any]]) -> None:
    """The claim's dates become `items` (role, precision, year, month, day, as_stated), in that order."""
    _replace_in_order(claim, DateMention, "dates", items)


def _replace_in_order(claim: Claim, model: type[models.Model], relation: str, items) -> None:
    """Quantities and dates have no natural key: the list, in order, is the claim's list. Row i of the stored
    list takes item i; only rows that differ are written, so giving the stored list again writes nothing."""
    stored = list(getattr(claim, relation).order_by("position", "id"))
    items = list(items)
    for position, item in enumerate(items):
        row = stored[position] if position < len(stored) else model(claim=claim)
        wanted = {"position": position, **item}
        if row.pk and all(getattr(row, name) == value for name, value in wanted.items()):
            continue
        for name, value in wanted.items():
            setattr(row, name, value)
        _save_child(row)
    for row in stored[len(items) :]:
        row.delete()


def claim_children_save(*, claim: Claim, saved: Iterable[models.Model] = (), deleted: Iterable[models.Model] = ()):
    """Write rows of a claim's quantities, dates and citations as an editor left them (the admin's inline
    forms): `deleted` first, so that an address freed by a deletion can be taken by a new row."""
    deleted, saved = list(deleted), list(saved)
    citation_services.citations_delete(claim=claim, citations=[row for row in deleted if isinstance(row, Citation)])
    for row in deleted:
        if not isinstance(row, Citation):
            row.delete()
    for row in saved:
        if row.claim_id != claim.pk:
            raise ValidationError({"claim": "A row of another claim cannot be saved here."})
        if isinstance(row, Citation):
            citation_services.citation_save(row)
        else:
            _save_child(row)


def _save_child(row: models.Model) -> None:
    # The field checks and cross-field rules (bounds, date parts) in Python; the check constraints and the
    # uniqueness the database enforces on write, so they are not asked again one query each.
    row.full_clean(exclude=["claim"], validate_unique=False, validate_constraints=False)
    row.save()


@transaction.atomic
def claims_mark_for_recheck(*, claims: Iterable[Claim], by, on: dt.date | None = None) -> int:
    """Schedule claims for a re-check on `on` (today by default); each write bumps its version."""
    on = on or timezone.localdate()
    claims = list(claims)
    # Re-read the rows under lock: the objects passed in may predate another editor's change, and an edit
    # writes every editable field, so saving them as given would silently undo that change. All rows are
    # locked before the first write, in id order: a writer holds the data revision's row from its first
    # write on (migration 0005), so taking a claim's lock after writing could deadlock with another writer.
    locked = {c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=[c.pk for c in claims]).order_by("pk")}
    count = 0
    for claim in claims:
        fresh = locked[claim.pk]
        fresh.recheck_on = on
        claim_update(claim=fresh, by=by, expected_version=fresh.version)
        claim.recheck_on, claim.version = fresh.recheck_on, fresh.version
        count += 1
    return count
