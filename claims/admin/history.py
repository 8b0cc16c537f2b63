"""The status history in the editors' admin: the public corrections log, viewable, never written here (not
even by superusers)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join

from claims.models import Citation, Claim, StatusChange


def history_rows(claim: Claim):
    """A claim's status changes, oldest first, in three queries whatever their number."""
    return (
        StatusChange.objects.filter(claim=claim)
        .select_related("from_status", "to_status", "changed_by")
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.order_by("published_on", "id")))
        .order_by("claim_version")
    )


def render_history(claim: Claim | None) -> str:
    rows = history_rows(claim) if claim is not None and claim.pk else []
    return render_to_string("admin/claims/claim/_history.html", {"history": rows})


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    """The public corrections log: viewable, never written here (not even by superusers)."""

    list_display = ("claim", "from_status", "to_status", "changed_by", "effective_at", "claim_version")
    list_select_related = ("claim", "from_status", "to_status", "changed_by")
    list_filter = ("to_status", "effective_at")
    search_fields = ("rationale", "claim__text", "claim__summary")
    date_hierarchy = "effective_at"
    fields = (
        "claim",
        "from_status",
        "to_status",
        "changed_by",
        "effective_at",
        "recorded_at",
        "claim_version",
        "rationale",
        "cited",
    )
    readonly_fields = fields

    @admin.display(description="citations relied on")
    def cited(self, obj: StatusChange) -> str:
        items = format_html_join("", "<li>{}</li>", ((str(c),) for c in obj.citations.all()))
        return format_html("<ul>{}</ul>", items) if items else "none"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
