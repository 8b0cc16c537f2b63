"""A claim's status: the one function that changes it, with its public history row, and the two-person
sign-off of verdicts.

With sign-off required (settings.FACTCHECK_SIGNOFF_REQUIRED), a verdict an editor gives is kept as a
PendingVerdict, not public, until a second editor signs it off: the status change is then written with both
of them on it (changed_by, signed_off_by). Commands and fixtures acting as the system (`by` None) write at
once. Statuses that are not verdicts ("in review") never wait.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import (
    MAX_RATIONALE,
    Citation,
    Claim,
    PendingVerdict,
    StatusChange,
    StatusChangeCitation,
    VerificationStatus,
)
from claims.rules import validation, workflow
from claims.services.versions import StaleVersion, bump_version, lock_claim


class TransitionNotAllowed(Exception):
    """The requested status change breaks the workflow's rules."""


def sign_off_required(to_status: VerificationStatus, by) -> bool:
    """Whether a change to `to_status` by `by` waits for a second editor."""
    return bool(settings.FACTCHECK_SIGNOFF_REQUIRED) and to_status.is_verdict and by is not None


def _words(text: str, field: str, missing: str) -> str:
    text = validation.visible_text(text or "", field)
    if not text:
        raise ValidationError({field: missing})
    if len(text) > MAX_RATIONALE:
        raise ValidationError({field: f"Keep it under {MAX_RATIONALE:,} characters."})
    return text


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
) -> StatusChange | PendingVerdict:
    """Change a claim's status and write its history row, all or nothing; or, for a verdict that needs
    sign-off, keep it for a second editor (the PendingVerdict is returned, nothing public changes).

    `expected_version` is the version the caller saw (None only for commands acting as the system).
    `effective_at` back-dates a change to when it became known (fixtures, claims files); it defaults to now.
    """
    if isinstance(to_status, str):
        try:
            to_status = VerificationStatus.objects.get(pk=to_status)
        except VerificationStatus.DoesNotExist:
            raise ValidationError({"status": f"Unknown status \u201c{to_status}\u201d."}) from None
    rationale = _words(rationale, "rationale", "Give the reason for this change: it is shown in the public log.")
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
    if PendingVerdict.objects.filter(claim=locked, state=PendingVerdict.State.AWAITING).exists():
        raise ValidationError(
            {"status": "A verdict on this claim awaits sign-off: an editor signs it off or sends it back first."}
        )

    if sign_off_required(to_status, by):
        pending = PendingVerdict.objects.create(
            claim=locked, to_status=to_status, rationale=rationale, claim_version=locked.version, proposed_by=by
        )
        pending.citations.set(citations)
        return pending
    return _write_change(
        locked,
        to_status=to_status,
        rationale=rationale,
        by=by,
        citations=citations,
        effective_at=effective_at,
        caller=claim,
    )


def _write_change(
    locked: Claim,
    *,
    to_status: VerificationStatus,
    rationale: str,
    by,
    citations: list[Citation],
    effective_at: dt.datetime | None,
    caller: Claim,
    signed_off_by=None,
) -> StatusChange:
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
        signed_off_by=signed_off_by,
        signed_off_at=now if signed_off_by is not None else None,
    )
    StatusChangeCitation.objects.bulk_create(StatusChangeCitation(status_change=change, citation=c) for c in citations)
    Claim.objects.filter(pk=locked.pk).update(status=to_status, rationale=rationale)

    caller.status = to_status
    caller.rationale = rationale
    caller.version = new_version
    return change


def _awaiting(pending: PendingVerdict) -> PendingVerdict:
    pending = PendingVerdict.objects.select_for_update().select_related("to_status").get(pk=pending.pk)
    if pending.state != PendingVerdict.State.AWAITING:
        raise ValidationError({"verdict": f"This verdict was already {pending.get_state_display().lower()}."})
    return pending


@transaction.atomic
def verdict_sign_off(*, pending: PendingVerdict, by) -> StatusChange:
    """Make an awaiting verdict public: the status change is written with the editor who gave it and `by`,
    who signs it off. Nobody signs off their own verdict, nor one given on an older version of the claim."""
    pending = _awaiting(pending)
    if by is None or by.pk == pending.proposed_by_id:
        raise PermissionDenied("Nobody signs off their own verdict: another editor does.")
    locked = lock_claim(pending.claim_id)
    current = VerificationStatus.objects.get(pk=locked.status_id)
    if not workflow.can_set_status(by, pending.to_status, current=current):
        raise PermissionDenied("Verdicts are signed off by editors.")
    if locked.version != pending.claim_version:
        raise ValidationError(
            {
                "verdict": f"The claim changed since this verdict was given (version {pending.claim_version}, now "
                f"{locked.version}): send it back, and give it again on the claim as it is."
            }
        )
    change = _write_change(
        locked,
        to_status=pending.to_status,
        rationale=pending.rationale,
        by=pending.proposed_by,
        citations=list(pending.citations.all()),
        effective_at=None,
        caller=locked,
        signed_off_by=by,
    )
    pending.state = PendingVerdict.State.SIGNED_OFF
    pending.decided_by, pending.decided_at, pending.status_change = by, change.signed_off_at, change
    pending.save(update_fields=["state", "decided_by", "decided_at", "status_change"])
    return change


@transaction.atomic
def verdict_send_back(*, pending: PendingVerdict, by, note: str) -> PendingVerdict:
    """Return an awaiting verdict to the editor who gave it, saying why; nothing public changes."""
    note = _words(note, "note", "Say why the verdict is sent back: the editor who gave it reads it.")
    pending = _awaiting(pending)
    if by is None or by.pk == pending.proposed_by_id:
        raise PermissionDenied("A verdict is sent back by another editor than the one who gave it.")
    if not by.has_perm("claims.set_verdict"):
        raise PermissionDenied("Verdicts are signed off or sent back by editors.")
    pending.state = PendingVerdict.State.SENT_BACK
    pending.decided_by, pending.decided_at, pending.note = by, timezone.now(), note
    pending.save(update_fields=["state", "decided_by", "decided_at", "note"])
    return pending
