"""A claim's status: the one function that changes it, with its public history row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import MAX_RATIONALE, Citation, Claim, StatusChange, StatusChangeCitation, VerificationStatus
from claims.rules import workflow
from claims.services.versions import StaleVersion, bump_version, lock_claim


class TransitionNotAllowed(Exception):
    """The requested status change breaks the workflow's rules."""


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
    `effective_at` back-dates a change to when it became known (fixtures, claims files); it defaults to now.
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
    if not workflow.can_set_status(by, to_status):
        raise PermissionDenied(
            f"Your role may not set \u201c{to_status.label}\u201d: verdicts are set by editors."
            if to_status.is_verdict
            else "Your role may not change a claim's status."
        )

    locked = lock_claim(claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(expected=expected_version, current=locked)
    # Judged on the locked row, not on the caller's copy: leaving a verdict, like setting one, is for
    # editors, or a contributor's "in review" would take a published verdict off the public page.
    current = VerificationStatus.objects.get(pk=locked.status_id)
    if not workflow.can_set_status(by, to_status, current=current):
        raise PermissionDenied(
            f"Your role may not change a claim rated \u201c{current.label}\u201d: verdicts are changed by editors."
        )
    if refused := workflow.transition_error(current=locked.status_id, target=to_status):
        raise TransitionNotAllowed(refused)

    citations = list(citations)
    if any(c.claim_id != locked.pk for c in citations):
        raise ValidationError({"citations": "Cite only this claim's own citations."})
    if refused := workflow.citation_error(to_status, len(citations)):
        raise ValidationError({"citations": refused})

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

    new_version = bump_version(locked.pk, locked.version)
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
