"""Who may do what through the API.

Who sees drafts: users holding `claims.view_claim` (the contributors and editors groups) can read a draft
claim at claims/{id}/ and its history, edit it, and list drafts with `?visibility=draft` (or `all`).
Everyone else, including staff without a group, gets 404 for a draft. Which statuses a role may set is the
workflow's rule (claims.rules.workflow), judged by the status service.
"""

from __future__ import annotations

from rest_framework import permissions

from claims.rules import workflow


def can_see_drafts(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("claims.view_claim"))


class ClaimPermission(permissions.BasePermission):
    """Reads: anyone. Create: claims.add_claim. Edit: claims.change_claim. Status: a status permission.
    A verdict awaiting sign-off: seen by the editorial roles, decided on by editors. Anonymous writers get 401."""

    def has_permission(self, request, view):
        user = request.user
        if getattr(view, "action", None) == "sign_off":
            # A verdict awaiting sign-off is not public: the editorial roles see it, editors decide on it.
            if not (user and user.is_authenticated):
                return False
            if request.method in permissions.SAFE_METHODS:
                return workflow.may_change_some_status(user)
            return user.has_perm("claims.set_verdict")
        if request.method in permissions.SAFE_METHODS:
            return True
        if not (user and user.is_authenticated):
            return False
        if view.action is None:
            return True  # a method this address lacks: the 405 says more than a 403
        if view.action == "change_status":
            return workflow.may_change_some_status(user)
        if view.action == "create":
            return user.has_perm("claims.add_claim")
        return user.has_perm("claims.change_claim")
