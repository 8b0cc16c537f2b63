"""The editors' admin.

Every write with a rule goes through claims.services: a claim's own fields through `claim_update` /
`claim_create` (which refuse a stale version), its status through `claim_change_status` on a page of its
own, re-check scheduling through `claims_mark_for_recheck`. The status history and the status scale are
read-only here: the history is append-only, the scale is staff-only (superusers).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from claims import services
from claims.admin_forms import ClaimAdminForm, ClaimStatusForm, stale_message
from claims.models import (
    Article,
    Citation,
    Claim,
    DateMention,
    Quantity,
    Source,
    StatusChange,
    VerificationStatus,
)

# Django 6 will assume https for an address typed without a scheme; choose it now.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


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


def status_badge(status: VerificationStatus) -> str:
    # The colour only decorates: the written label carries the meaning (colour-blind readers, screen readers).
    return format_html(
        '<span aria-hidden="true" style="color: {}">&#9632;</span> <span class="claim-status">{}</span>',
        status.color,
        status.label,
    )


# --- Sources and articles -------------------------------------------------------------------------------


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug", "url")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = URL_FIELDS


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "language", "published_on", "claim_count")
    list_filter = ("language", "publisher")
    list_select_related = ("publisher",)
    search_fields = ("title", "text", "url")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("publisher",)
    date_hierarchy = "published_on"
    formfield_overrides = URL_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_total

    def get_readonly_fields(self, request, obj=None):
        # Claims point into the text by character offsets: once one exists, editing the text would
        # silently move every highlight. Correct a text by recording a new article.
        if obj is not None and obj.claims.exists():
            return ("text",)
        return ()


# --- Claims -------------------------------------------------------------------------------------------


class QuantityInline(admin.TabularInline):
    model = Quantity
    extra = 0
    fields = ("position", "measure", "value", "unit", "qualifier", "lower_bound", "upper_bound", "as_stated")


class DateMentionInline(admin.TabularInline):
    model = DateMention
    extra = 0
    fields = ("position", "role", "precision", "year", "month", "day", "as_stated")


class CitationFormSet(BaseInlineFormSet):
    def clean(self):
        # Django's inline refuses the delete too (the history PROTECTs its citations, and
        # BaseModelFormSet.clean() raises it), but in terms of database rows: say first which change relied
        # on the citation and what to do instead.
        doomed = {form.instance.pk: form.instance for form in self.forms if self._should_delete_form(form)}
        doomed.pop(None, None)
        relied_on = StatusChange.objects.filter(citations__in=doomed.values()).values_list(
            "citations__pk", "to_status__label", "effective_at"
        )
        if relied_on:
            raise ValidationError(
                [
                    f"\u201c{doomed[pk]}\u201d cannot be deleted: the change to \u201c{label}\u201d of "
                    f"{when:%Y-%m-%d} relied on it, and the history keeps its sources. Add a newer citation instead."
                    for pk, label, when in relied_on
                ]
            )
        super().clean()


class CitationInline(admin.StackedInline):
    model = Citation
    formset = CitationFormSet
    formfield_overrides = URL_FIELDS
    extra = 0
    fields = (
        ("url", "archived_url"),
        ("title", "publisher"),
        ("published_on", "accessed_on"),
        ("stance", "is_primary"),
        ("access", "access_note"),
        "quote",
    )


class RecheckDueFilter(admin.SimpleListFilter):
    title = "re-check"
    parameter_name = "recheck"

    def lookups(self, request, model_admin):
        return (
            ("due", "Due today or earlier"),
            ("scheduled", "Scheduled later"),
            ("none", "No re-check date"),
        )

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.recheck_due(today)
        if self.value() == "scheduled":
            return queryset.filter(recheck_on__gt=today)
        if self.value() == "none":
            return queryset.filter(recheck_on__isnull=True)
        return queryset


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimAdminForm
    inlines = (QuantityInline, DateMentionInline, CitationInline)
    list_display = (
        "claim_title",
        "status_label",
        "article",
        "attributed_to",
        "recheck_on",
        "visibility",
        "updated_at",
    )
    # One query for the rows whatever their number: every column reads a joined table, none a related set.
    list_select_related = ("status", "article", "attributed_to")
    list_filter = (
        "status",
        "article",
        ("attributed_to", admin.RelatedOnlyFieldListFilter),
        ("entities", admin.RelatedOnlyFieldListFilter),
        "uncertainty",
        "checkability",
        RecheckDueFilter,
        "visibility",
    )
    search_fields = ("text", "text_en", "summary")
    autocomplete_fields = ("article", "attributed_to", "entities")
    prepopulated_fields = {"slug": ("summary",)}
    actions = ("mark_for_recheck",)
    fieldsets = (
        (None, {"fields": ("article", "text", ("start", "end"), "text_en", "summary", "slug", "opened_version")}),
        (
            "What it is about and who said it",
            {"fields": ("entities", "attributed_to", "attribution_as_stated", "attribution_basis")},
        ),
        (
            "Stated uncertainty and checkability",
            {"fields": (("uncertainty", "uncertainty_as_stated"), ("checkability", "recheck_on"))},
        ),
        ("Verification", {"fields": ("status_display", "rationale", "visibility", "version")}),
        ("Status history", {"fields": ("history_table",)}),
    )
    readonly_fields = (
        "end",
        "status_display",
        "rationale",
        "version",
        "history_table",
    )

    # --- list ---

    @admin.display(description="claim", ordering="summary")
    def claim_title(self, obj: Claim) -> str:
        return str(obj)

    @admin.display(description="status", ordering="status__order")
    def status_label(self, obj: Claim) -> str:
        return status_badge(obj.status)

    @admin.action(description="Mark for re-check today", permissions=["change"])
    def mark_for_recheck(self, request, queryset):
        try:
            count = services.claims_mark_for_recheck(claims=queryset, by=request.user)
        except (ValidationError, PermissionDenied, services.StaleVersion) as exc:
            # The service is one transaction: nothing was scheduled.
            detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.message_user(request, f"No claim was marked for re-check: {detail}", messages.ERROR)
            return
        self.message_user(
            request, f"{count} claim{'s' if count != 1 else ''} marked for re-check on {timezone.localdate():%Y-%m-%d}."
        )

    # --- change form ---

    def get_queryset(self, request):
        # The change form, the status page and the delete page show the status label too. The list's joins
        # must be named here as well: the changelist skips list_select_related once a queryset has any.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not services.user_can_publish(request.user):
            readonly.append("visibility")  # contributors' claims stay drafts until an editor publishes them
        return readonly

    @admin.display(description="status")
    def status_display(self, obj: Claim) -> str:
        if not obj.pk:
            return "Unverified: a new claim starts here; change its status once it is saved."
        link = reverse("admin:claims_claim_status", args=[obj.pk])
        return format_html('{} &nbsp; <a class="button" href="{}">Change status</a>', status_badge(obj.status), link)

    @admin.display(description="history")
    def history_table(self, obj: Claim) -> str:
        return render_history(obj)

    def save_model(self, request, obj, form, change):
        if change:
            services.claim_update(claim=obj, by=request.user, expected_version=form.cleaned_data["opened_version"])
            return
        created = services.claim_create(
            by=request.user, **{name: getattr(obj, name) for name in services.EDITABLE_FIELDS}
        )
        # The inline formsets and save_m2m hold `obj`: give it the stored row's identity and values.
        for field in Claim._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding = False
        obj._state.db = created._state.db

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleVersion as exc:
            # Reached only if the version moved after the form's own check; the admin's transaction
            # has rolled back the claim and its inlines alike.
            self.message_user(request, stale_message(expected=exc.expected, current=exc.current), messages.ERROR)
        except ValidationError as exc:
            self.message_user(request, "Nothing was saved: " + "; ".join(exc.messages), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        has_history = claim is not None and claim.history.exists()
        return super().delete_view(request, object_id, {**(extra_context or {}), "claim_has_history": has_history})

    # --- status page ---

    def get_urls(self):
        status_url = path(
            "<path:object_id>/status/",
            self.admin_site.admin_view(self.status_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_status",
        )
        return [status_url, *super().get_urls()]

    def status_view(self, request, object_id):
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, claim) or not (
            request.user.has_perm("claims.set_review_status") or request.user.has_perm("claims.set_verdict")
        ):
            raise PermissionDenied
        if request.method == "POST":
            form = ClaimStatusForm(request.POST, claim=claim, user=request.user)
            if form.is_valid():
                before = claim.status
                try:
                    change = services.claim_change_status(
                        claim=claim,
                        to_status=form.cleaned_data["status"],
                        rationale=form.cleaned_data["rationale"],
                        citations=form.cleaned_data["citations"],
                        by=request.user,
                        expected_version=form.cleaned_data["opened_version"],
                    )
                except (
                    ValidationError,
                    PermissionDenied,
                    services.StaleVersion,
                    services.TransitionNotAllowed,
                ) as exc:
                    form.add_service_error(exc)
                    claim.refresh_from_db()  # show what the claim is now beside the refused form
                else:
                    self.log_change(request, claim, f"Status: {before.label} \u2192 {change.to_status.label}")
                    self.message_user(
                        request,
                        f"Status changed from \u201c{before.label}\u201d to \u201c{change.to_status.label}\u201d "
                        f"(version {change.claim_version}).",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        else:
            form = ClaimStatusForm(claim=claim, user=request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change the status of \u201c{claim}\u201d",
            "subtitle": None,
            "opts": self.opts,
            "original": claim,
            "form": form,
            "status_badge": status_badge(claim.status),
            "history_table": render_history(claim),
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/claims/claim/status_change.html", context)


# --- Read-only tables ---------------------------------------------------------------------------------


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


@admin.register(VerificationStatus)
class VerificationStatusAdmin(admin.ModelAdmin):
    """The scale is staff-only: history rows and published verdicts point at its codes."""

    list_display = ("label", "code", "normalized", "is_verdict", "rating_value", "order")
    ordering = ("order",)

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        # The code is the identifier history rows and the API use: fixed once created.
        return ("code",) if obj is not None else ()
