"""Every write that carries a business rule goes through here: the admin, the API and the management
commands call these functions, never the status or version fields directly.

Concurrency: each write is a compare-and-swap on `Claim.version` inside a transaction
(`UPDATE ... WHERE id = %s AND version = %s`). On PostgreSQL the row lock taken by that UPDATE makes a
concurrent writer wait and then find the version changed; on SQLite the UPDATE takes the database write
lock. Either way exactly one of two writers from the same version wins and the other gets StaleVersion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import MAX_RATIONALE, Citation, Claim, StatusChange, StatusChangeCitation, VerificationStatus

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


class StaleVersion(Exception):
    """The claim changed since the version the caller saw."""

    def __init__(self, *, expected: int, current: Claim):
        self.expected = expected
        self.current = current
        super().__init__(
            f"This claim was changed by someone else since you opened it (you saw version {expected}, "
            f"it is now version {current.version}, status \u201c{current.status.label}\u201d). "
            "Reload it and apply your change again."
        )


class TransitionNotAllowed(Exception):
    """The requested status change breaks the workflow's rules."""


def user_can_set_status(user, status: VerificationStatus, *, current: VerificationStatus | None = None) -> bool:
    """Verdicts are for editors, both setting one and leaving one: contributors may only move a claim that
    has no verdict in and out of review. `current` is the claim's status now; without it only the target
    is judged (a form listing what a role may ever set)."""
    if user is None:  # management commands and fixtures act as the system
        return True
    if status.is_verdict or (current is not None and current.is_verdict):
        return user.has_perm("claims.set_verdict")
    return user.has_perm("claims.set_review_status") or user.has_perm("claims.set_verdict")


def user_can_publish(user) -> bool:
    return user is None or user.has_perm("claims.publish_claim")


def _check_transition(claim: Claim, to_status: VerificationStatus) -> None:
    if to_status.code == "unverified":
        raise TransitionNotAllowed(
            "A claim cannot go back to \u201cunverified\u201d; use \u201cin review\u201d instead."
        )
    if to_status.pk == claim.status_id and not to_status.is_verdict:
        raise TransitionNotAllowed(f"The claim is already \u201c{to_status.label}\u201d.")


def _bump_version(claim_id: int, expected_version: int | None) -> int:
    """Compare-and-swap the version; return the new one or raise StaleVersion."""
    with transaction.atomic():
        # Lock the claim row alone: joining the status would lock the shared status row too (writers on
        # different claims then deadlock) and, after waiting, re-check the join and find no row.
        current = Claim.objects.select_for_update().get(pk=claim_id)
        if expected_version is None:
            expected_version = current.version
        updated = Claim.objects.filter(pk=claim_id, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now()
        )
        if updated != 1:
            current.refresh_from_db()
            raise StaleVersion(expected=expected_version, current=current)
        return expected_version + 1


@transaction.atomic
def claim_change_status(
    *,
    claim: Claim,
    to_status: VerificationStatus | str,
    rationale: str,
    by,
    citations: Iterable[Citation] = (),
    expected_version: int | None = None,
    effective_at: dt.datetime | None = None,
) -> StatusChange:
    """Change a claim's status and write its history row, all or nothing.

    `expected_version` is the version the caller saw (None only for commands acting as the system).
    `effective_at` back-dates a change to when it became known (fixtures, imports); it defaults to now.
    """
    if isinstance(to_status, str):
        try:
            to_status = VerificationStatus.objects.get(pk=to_status)
        except VerificationStatus.DoesNotExist:
            raise ValidationError({"status": f"Unknown status \u201c{to_status}\u201d."}) from None
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValidationError({"rationale": "Give the reason for this change: it is shown in the public log."})
    if len(rationale) > MAX_RATIONALE:
        raise ValidationError({"rationale": f"Keep the rationale under {MAX_RATIONALE:,} characters."})
    if not user_can_set_status(by, to_status):
        raise PermissionDenied(
            f"Your role may not set \u201c{to_status.label}\u201d: verdicts are set by editors."
            if to_status.is_verdict
            else "Your role may not change a claim's status."
        )

    locked = Claim.objects.select_for_update().get(pk=claim.pk)  # the claim row only; see _bump_version
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(expected=expected_version, current=locked)
    # Judged on the locked row, not on the caller's copy: leaving a verdict, like setting one, is for
    # editors, or a contributor's "in review" would take a published verdict off the public page.
    current = VerificationStatus.objects.get(pk=locked.status_id)
    if not user_can_set_status(by, to_status, current=current):
        raise PermissionDenied(
            f"Your role may not change a claim rated \u201c{current.label}\u201d: verdicts are changed by editors."
        )
    _check_transition(locked, to_status)

    citations = list(citations)
    foreign = [c for c in citations if c.claim_id != locked.pk]
    if foreign:
        raise ValidationError({"citations": "Cite only this claim's own citations."})
    if to_status.is_verdict and to_status.normalized != VerificationStatus.Normalized.OTHER and not citations:
        raise ValidationError(
            {"citations": f"A \u201c{to_status.label}\u201d verdict must rely on at least one citation."}
        )

    now = timezone.now()
    effective_at = effective_at or now
    if effective_at > now:
        raise ValidationError({"effective_at": "A change cannot take effect in the future."})
    last = StatusChange.objects.filter(claim=locked).order_by("-claim_version").first()
    if last is not None and effective_at < last.effective_at:
        raise ValidationError(
            {
                "effective_at": f"The previous change took effect on {last.effective_at:%Y-%m-%d %H:%M}; "
                "a new one cannot take effect before it."
            }
        )

    new_version = _bump_version(locked.pk, locked.version)
    change = StatusChange.objects.create(
        claim=locked,
        from_status_id=locked.status_id,
        to_status=to_status,
        changed_by=by,
        effective_at=effective_at,
        rationale=rationale,
        claim_version=new_version,
    )
    StatusChangeCitation.objects.bulk_create(StatusChangeCitation(status_change=change, citation=c) for c in citations)
    Claim.objects.filter(pk=locked.pk).update(status=to_status, rationale=rationale)

    claim.status = to_status
    claim.rationale = rationale
    claim.version = new_version
    return change


@transaction.atomic
def claim_update(*, claim: Claim, by, expected_version: int | None, data: dict[str, Any] | None = None) -> Claim:
    """Save edits to a claim's own fields, refusing a stale version.

    `claim` may already carry the edits (an admin form's instance); `data` applies more. Only
    EDITABLE_FIELDS are written, so a stale in-memory status can never overwrite a newer one.
    """
    for name, value in (data or {}).items():
        if name not in EDITABLE_FIELDS:
            raise ValidationError({name: "This field cannot be changed here."})
        setattr(claim, name, value)
    stored = Claim.objects.filter(pk=claim.pk).values_list("visibility", flat=True).first()
    if stored is not None and stored != claim.visibility and not user_can_publish(by):
        raise PermissionDenied("Only editors may publish or unpublish a claim.")
    claim.full_clean(exclude=["status", "version", "entities"])
    claim.version = _bump_version(claim.pk, expected_version)
    claim.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
    return claim


@transaction.atomic
def claim_create(*, by, entities: Iterable = (), **fields: Any) -> Claim:
    """Create a claim; it starts unverified, and as a draft unless an editor publishes it."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set here."))
    claim = Claim(created_by=by if getattr(by, "pk", None) else None, **fields)
    if claim.visibility == Claim.Visibility.PUBLISHED and not user_can_publish(by):
        raise PermissionDenied("Only editors may publish a claim.")
    claim.full_clean(exclude=["status", "version", "entities"])
    claim.save()
    claim.entities.set(entities)
    return claim


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
