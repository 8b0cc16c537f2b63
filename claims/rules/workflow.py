"""The verification workflow: where a claim starts, where its status may go, who may move it, and what a
verdict must rest on. One copy, used by the status service (claims.services.status), the admin's status
form, the claims-file reader, the synthetic data and the invariants audit.

A status is anything with `code`, `label`, `is_verdict` and `normalized` (a VerificationStatus row): the
scale is data, so these rules speak of its attributes, never of a fixed list of codes beyond the one every
claim starts in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from claims.choices import VerificationStatusNormalized

# Every claim starts here, and never comes back: "in review" is how a claim is reopened.
INITIAL_STATUS = "unverified"


class Status(Protocol):
    code: str
    label: str
    is_verdict: bool
    normalized: str


def transition_error(*, current: str, target: Status) -> str | None:
    """Why a claim whose status code is `current` cannot move to `target`, or None if it may. A verdict may
    be given again (confirmed with new evidence); a non-verdict status set twice in a row changes nothing."""
    if target.code == INITIAL_STATUS:
        return f"A claim cannot go back to \u201c{INITIAL_STATUS}\u201d; use \u201cin review\u201d instead."
    if target.code == current and not target.is_verdict:
        return f"The claim is already \u201c{target.label}\u201d."
    return None


def needs_citation(status: Status) -> bool:
    """A verdict that says true, false or mixture must rely on at least one of the claim's citations."""
    return status.is_verdict and status.normalized != VerificationStatusNormalized.OTHER


def citation_error(status: Status, cited: int) -> str | None:
    """Why a change to `status` relying on `cited` citations is refused, or None."""
    if needs_citation(status) and not cited:
        return f"A \u201c{status.label}\u201d verdict must rely on at least one citation."
    return None


def can_set_status(user, status: Status, *, current: Status | None = None) -> bool:
    """Verdicts are for editors, both setting one and leaving one: contributors may only move a claim that
    has no verdict in and out of review. `current` is the claim's status now; without it only the target is
    judged (what a role may ever set). `user` None is the system (commands, fixtures)."""
    if user is None:
        return True
    if status.is_verdict or (current is not None and current.is_verdict):
        return user.has_perm("claims.set_verdict")
    return user.has_perm("claims.set_review_status") or user.has_perm("claims.set_verdict")


def may_change_some_status(user) -> bool:
    """Whether the user's role lets them change any status at all (the status page and action are theirs)."""
    return user.has_perm("claims.set_review_status") or user.has_perm("claims.set_verdict")


def can_publish(user) -> bool:
    """Publishing and unpublishing are for editors; `user` None is the system."""
    return user is None or user.has_perm("claims.publish_claim")


def unpublish_error(*, published: bool, status: Status, visibility: str) -> str | None:
    """Why a claim published with `status` cannot be given `visibility`, or None. A claim that carries a
    verdict is never unpublished: it is retracted (a public status change with its reason), so that readers
    and syncing clients see what happened."""
    if published and status.is_verdict and visibility != "published":
        return (
            f"This claim is published with the verdict \u201c{status.label}\u201d: it is not unpublished, it is "
            "retracted (the status \u201cretracted\u201d, with the reason), so that readers and syncing clients "
            "see what happened."
        )
    return None


def offered_statuses(user, *, current: Status, statuses: Iterable[Status]) -> list[Status]:
    """The statuses a form may offer this user for a claim at `current`: those the role may set from there
    and that the workflow allows (never back to the initial status, never the same non-verdict again)."""
    return [
        status
        for status in statuses
        if can_set_status(user, status, current=current)
        and transition_error(current=current.code, target=status) is None
    ]
