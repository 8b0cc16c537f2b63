"""The claims in the editors' admin: the list, the change form with its quantities, dates and citations,
and the status page.

Every write goes through claims.services: the claim's own fields through `claim_update` / `claim_create`
(which refuse a stale version), its quantities, dates and citations through `claim_children_save`, its
status through `claim_change_status` on a page of its own, re-check scheduling through
`claims_mark_for_recheck`.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from claims.admin import workbench
from claims.admin.forms import (
    URL_FIELDS,
    ClaimAdminForm,
    ClaimStatusForm,
    CorrectionFormSet,
    QuantityInlineForm,
    stale_message,
)
from claims.admin.history import render_history
from claims.models import Citation, Claim, DateMention, PendingVerdict, Quantity, VerificationStatus
from claims.rules import workflow
from claims.selectors.pages import claim_for_preview
from claims.services import citations as citation_services
from claims.services import record
from claims.services.claims import (
    EDITABLE_FIELDS,
    claim_children_save,
    claim_create,
    claim_update,
    claims_mark_for_recheck,
)
from claims.services.status import (
    TransitionNotAllowed,
    claim_change_status,
    verdict_send_back,
    verdict_sign_off,
)
from claims.services.versions import StaleVersion
from claims.web.views import render_claim_page


def awaiting_message(status: VerificationStatus) -> str:
    return (
        f"Verdict \u201c{status.label}\u201d given: it becomes public once another editor signs it off "
        "(on this claim's page, or from their queue)."
    )


def status_badge(status: VerificationStatus) -> str:
    # The colour only decorates: the written label carries the meaning (colour-blind readers, screen readers).
    return format_html(
        '<span aria-hidden="true" style="color: {}">&#9632;</span> <span class="claim-status">{}</span>',
        status.color,
        status.label,
    )


# --- Claims -------------------------------------------------------------------------------------------


class QuantityInline(admin.TabularInline):
    model = Quantity
    form = QuantityInlineForm
    formset = CorrectionFormSet
    extra = 0
    fields = ("position", "measure", "value", "unit", "qualifier", "lower_bound", "upper_bound", "as_stated")


class DateMentionInline(admin.TabularInline):
    model = DateMention
    formset = CorrectionFormSet
    extra = 0
    fields = ("position", "role", "precision", "year", "month", "day", "as_stated")


class CitationFormSet(CorrectionFormSet):
    def clean(self):
        # Django's inline refuses the delete too (the history PROTECTs its citations, and
        # BaseModelFormSet.clean() raises it), but in terms of database rows: say first, as the service
        # would on saving, which change relied on the citation and what to do instead.
        doomed = [form.instance for form in self.forms if self._should_delete_form(form)]
        if errors := citation_services.removal_errors(doomed):
            raise ValidationError(errors)
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
        (
            "Verification",
            {
                "fields": (
                    "status_display",
                    "rationale",
                    "new_status",
                    "status_rationale",
                    "status_citations",
                    "rely_on_new_citations",
                    "visibility",
                    "correction_reason",
                    "version",
                )
            },
        ),
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
            count = claims_mark_for_recheck(claims=queryset, by=request.user)
        except (ValidationError, PermissionDenied, StaleVersion) as exc:
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # the class is made for this request: its status choices are this user's
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not obj.is_published:
            fieldsets = [
                (name, {**options, "fields": tuple(f for f in options["fields"] if f != "correction_reason")})
                for name, options in fieldsets
            ]
        if obj is None:  # a new claim starts unverified: no status to change yet
            status_fields = {
                "new_status",
                "status_rationale",
                "status_citations",
                "rely_on_new_citations",
                "correction_reason",
            }
            return [
                (name, {**options, "fields": tuple(f for f in options["fields"] if f not in status_fields)})
                for name, options in fieldsets
            ]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        # A claim that carries a verdict is corrected by editors (claims.services.record): contributors see it
        # read-only instead of filling a form the service would refuse.
        if obj is not None and obj.status.is_verdict and not request.user.has_perm("claims.set_verdict"):
            return False
        return super().has_change_permission(request, obj)

    def view_on_site(self, obj: Claim) -> str:
        # A draft has no public page yet: "View on site" shows its preview instead of a 404.
        if obj.is_published:
            return obj.get_absolute_url()
        return reverse("admin:claims_claim_preview", args=[obj.pk])

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not workflow.can_publish(request.user):
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
        if "_publish" in request.POST:
            obj.visibility = Claim.Visibility.PUBLISHED  # "Save and publish": the service checks the role
        if change:
            # The claim as stored before this save, for the correction's record once its rows are written too.
            form.record_before = record.snapshot(obj)
            claim_update(
                claim=obj, by=request.user, expected_version=form.cleaned_data["opened_version"], revision=False
            )
            return
        created = claim_create(by=request.user, **{name: getattr(obj, name) for name in EDITABLE_FIELDS})
        # The inline formsets and save_m2m hold `obj`: give it the stored row's identity and values.
        for field in Claim._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding = False
        obj._state.db = created._state.db

    def save_related(self, request, form, formsets, change):
        # The entities with the claim's form; the inlines' rows through the service, which checks each as the
        # API and the claims-file loader would (the admin's transaction holds them together).
        form.save_m2m()
        added_citations: list[Citation] = []
        for formset in formsets:
            saved = formset.save(commit=False)  # lists the new, changed and deleted rows; writes nothing
            claim_children_save(claim=form.instance, saved=saved, deleted=formset.deleted_objects)
            added_citations += [row for row in formset.new_objects if isinstance(row, Citation)]
        if change:
            reason = form.cleaned_data.get("correction_reason")
            record.record(claim=form.instance, before=form.record_before, by=request.user, reason=reason)
        status = form.cleaned_data.get("new_status")
        if status is not None:
            relied_on = list(form.cleaned_data.get("status_citations") or ())
            if form.cleaned_data.get("rely_on_new_citations"):
                relied_on += added_citations
            before = form.instance.status.label
            outcome = claim_change_status(
                claim=form.instance,
                to_status=status,
                rationale=form.cleaned_data["status_rationale"],
                by=request.user,
                citations=relied_on,
                expected_version=form.instance.version,
            )
            if isinstance(outcome, PendingVerdict):
                self.log_change(request, form.instance, f"Verdict given, awaiting sign-off: {status.label}")
                self.message_user(request, awaiting_message(status), messages.WARNING)
            else:
                self.log_change(request, form.instance, f"Status: {before} \u2192 {status.label}")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        pending = None
        # Only an id a bigint column can hold: the admin answers anything else itself (404 or a redirect).
        if object_id and str(object_id).isascii() and str(object_id).isdigit() and len(str(object_id)) <= 18:
            pending = (
                PendingVerdict.objects.filter(claim_id=object_id, state=PendingVerdict.State.AWAITING)
                .select_related("to_status", "proposed_by")
                .first()
            )
        extra_context = {
            **(extra_context or {}),
            "can_publish": workflow.can_publish(request.user),
            "pending_verdict": pending,
            "can_sign_off": pending is not None
            and request.user.has_perm("claims.set_verdict")
            and pending.proposed_by_id != request.user.pk,
        }
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion as exc:
            # Reached only if the version moved after the form's own check; the admin's transaction
            # has rolled back the claim and its inlines alike.
            self.message_user(request, stale_message(expected=exc.expected, current=exc.current), messages.ERROR)
        except (ValidationError, TransitionNotAllowed) as exc:
            # Reached only if a rule moved after the form's own checks; the admin's transaction has rolled
            # back the claim, its inlines and any status change alike.
            detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.message_user(request, "Nothing was saved: " + detail, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        has_history = claim is not None and claim.history.exists()
        return super().delete_view(request, object_id, {**(extra_context or {}), "claim_has_history": has_history})

    # --- status page ---

    def get_urls(self):
        def named(route: str, view, name: str):
            return path(
                route, self.admin_site.admin_view(view), name=f"{self.opts.app_label}_{self.opts.model_name}_{name}"
            )

        return [
            named("queue/", lambda request: workbench.queue_view(self, request), "queue"),
            named("<path:object_id>/status/", self.status_view, "status"),
            named("<path:object_id>/preview/", self.preview_view, "preview"),
            named("<path:object_id>/sign-off/", self.sign_off_view, "sign_off"),
            *super().get_urls(),
        ]

    def sign_off_view(self, request, object_id):
        """An editor other than its author signs off the verdict awaiting it (it becomes public) or sends it
        back with a note; POST only, from the claim's page."""
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not request.user.has_perm("claims.set_verdict"):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        here = reverse("admin:claims_claim_change", args=[claim.pk])
        pending = claim.pending_verdicts.filter(state=PendingVerdict.State.AWAITING).first()
        if pending is None:
            self.message_user(request, "No verdict on this claim awaits sign-off.", messages.ERROR)
            return HttpResponseRedirect(here)
        try:
            if request.POST.get("decision") == "send_back":
                verdict_send_back(pending=pending, by=request.user, note=request.POST.get("note", ""))
                self.log_change(request, claim, f"Verdict sent back: {pending.to_status.label}")
                self.message_user(request, "Verdict sent back to its author with your note.", messages.SUCCESS)
            else:
                verdict_sign_off(pending=pending, by=request.user)
                self.log_change(request, claim, f"Verdict signed off: {pending.to_status.label}")
                self.message_user(
                    request, f"\u201c{pending.to_status.label}\u201d signed off: it is public.", messages.SUCCESS
                )
        except (ValidationError, PermissionDenied, StaleVersion, TransitionNotAllowed) as exc:
            detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.message_user(request, f"Nothing was done: {detail}", messages.ERROR)
        return HttpResponseRedirect(here)

    def preview_view(self, request, object_id):
        """The claim's reader page as it is or will be published: drafts included, for those who may see them."""
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        return render_claim_page(request, claim_for_preview(claim.pk), preview=True)

    def status_view(self, request, object_id):
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        # The role's permission, not has_change_permission(claim): a contributor opening the status page of a
        # claim that carries a verdict is told that verdicts are changed by editors.
        may_change = super().has_change_permission(request, claim)
        if not may_change or not workflow.may_change_some_status(request.user):
            raise PermissionDenied
        if request.method == "POST":
            form = ClaimStatusForm(request.POST, claim=claim, user=request.user)
            if form.is_valid():
                before = claim.status
                try:
                    change = claim_change_status(
                        claim=claim,
                        to_status=form.cleaned_data["status"],
                        rationale=form.cleaned_data["rationale"],
                        citations=form.cleaned_data["citations"],
                        by=request.user,
                        expected_version=form.cleaned_data["opened_version"],
                    )
                except (ValidationError, PermissionDenied, StaleVersion, TransitionNotAllowed) as exc:
                    form.add_service_error(exc)
                    claim.refresh_from_db()  # show what the claim is now beside the refused form
                else:
                    if isinstance(change, PendingVerdict):
                        self.log_change(request, claim, f"Verdict given, awaiting sign-off: {change.to_status.label}")
                        self.message_user(request, awaiting_message(change.to_status), messages.WARNING)
                        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
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
