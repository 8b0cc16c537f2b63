"""Forms behind the editors' admin: the claim form that refuses a stale edit, and the status form.

Both carry the version the editor opened the claim at, so that a change made meanwhile by someone else is
refused with a message saying what the claim is now, instead of being silently overwritten.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet

from claims.models import Article, Citation, Claim, Quantity, Source, VerificationStatus
from claims.rules import validation, workflow
from claims.services.claims import EDITABLE_FIELDS
from claims.services.status import TransitionNotAllowed
from claims.services.versions import StaleVersion

# Django 6 will assume https for an address typed without a scheme; choose it now.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def formfield(field: models.Field, **kwargs) -> forms.Field | None:
    """A model form's field, with the URL_FIELDS choices (for model forms declared here, not by an admin)."""
    return field.formfield(**{**URL_FIELDS.get(type(field), {}), **kwargs})


MAX_PAGE_BYTES = 5_000_000
CORRECTION_NEEDED = "Say why you correct this published claim (readers see it)."
# The claim form's fields whose change is a correction on the record (claims.services.record.CLAIM_FIELDS): not
# the visibility, the slug or the re-check date.
ON_RECORD = {
    "article",
    "text",
    "start",
    "text_en",
    "summary",
    "entities",
    "attributed_to",
    "attribution_as_stated",
    "attribution_basis",
    "uncertainty",
    "uncertainty_as_stated",
    "checkability",
}


def correction_given(data) -> bool:
    """Whether the submitted claim form says why it corrects the claim."""
    return bool((data.get("correction_reason") or "").strip())


class CorrectionFormSet(BaseInlineFormSet):
    """The inline rows of a published claim (its amounts, dates, citations): changing any of them is a
    correction on the public record, which needs its reason (the claim form's "Why this correction")."""

    def clean(self):
        super().clean()
        if self.instance.pk and self.instance.is_published and self.has_changed() and not correction_given(self.data):
            raise ValidationError(CORRECTION_NEEDED)


def stale_message(*, expected: int, current: Claim) -> str:
    """The stale-edit message, plus when the claim last changed: what the editor needs to decide."""
    when = current.updated_at.strftime("%Y-%m-%d %H:%M UTC") if current.updated_at else "just now"
    return f"{StaleVersion(expected=expected, current=current)} Last saved {when}."


class CitationChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        # SQLite raises OverflowError (which Django does not catch) for an id beyond 64 bits.
        for pk in value:
            if str(pk).isascii() and str(pk).isdigit() and int(pk) >= 2**63:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)

    def label_from_instance(self, obj: Citation) -> str:
        date = f", {obj.published_on:%Y-%m-%d}" if obj.published_on else ""
        return f"{obj.publisher}: {obj.title}{date} ({obj.get_stance_display()})"


class ClaimAdminForm(forms.ModelForm):
    opened_version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        help_text="The version this form was opened at; a save from an older version is refused.",
    )

    # The status, changed from the claim's own page in the same save (after the citations added below are
    # stored, so that a verdict may rely on them); the status page does the same on its own.
    new_status = forms.ModelChoiceField(
        queryset=VerificationStatus.objects.none(),
        required=False,
        label="New status",
        empty_label="Keep the current status",
        help_text="Only the statuses your role may set from here are offered.",
    )
    status_rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        required=False,
        label="Why",
        help_text="Required with a new status: shown in the public corrections log.",
    )
    status_citations = CitationChoiceField(
        queryset=Citation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Citations relied on",
    )
    rely_on_new_citations = forms.BooleanField(
        required=False,
        label="Also rely on the citations added in this save",
        help_text="A verdict of true, false or mixture must rely on at least one citation.",
    )

    correction_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        required=False,
        label="Why this correction",
        help_text="Required for a published claim: when what it says or rests on changes, readers see the "
        "correction with this reason on its page and in the corrections log.",
    )

    # The person editing, set by ClaimAdmin.get_form on the form class it makes for each request.
    user = None

    class Meta:
        model = Claim
        # What an edit may change (claims.services.claims.EDITABLE_FIELDS) and the entities; never status or version.
        fields = (*EDITABLE_FIELDS, "entities")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].required = True
            self.fields["opened_version"].initial = self.instance.version
            current = self.instance.status
            statuses = VerificationStatus.objects.all()
            offered = workflow.offered_statuses(self.user, current=current, statuses=statuses) if self.user else []
            self.fields["new_status"].queryset = VerificationStatus.objects.filter(pk__in=[s.pk for s in offered])
            self.fields["status_citations"].queryset = self.instance.citations.all()
            if not self.instance.citations.exists():
                self.fields[
                    "status_citations"
                ].help_text = (
                    "This claim has no citation yet: add one under Citations below and tick the box that follows."
                )
        else:
            for name in ("new_status", "status_rationale", "status_citations", "rely_on_new_citations"):
                del self.fields[name]  # a new claim starts unverified; its status changes once it is saved
        if not (self.instance.pk and self.instance.is_published):
            del self.fields["correction_reason"]  # a draft changes freely: nothing of it is on the record
        if "start" in self.fields:
            # Editors quote the passage; the offset is found for them unless the passage occurs twice.
            self.fields["start"].required = False
            self.fields["start"].help_text = (
                "Character offset of the passage in the article. Leave empty to use its first occurrence; "
                "give it only when the passage occurs more than once."
            )

    def full_clean(self):
        super().full_clean()
        # A malformed id ("abc", 2**63) is a field error, but redrawing its autocomplete box would look the
        # raw value up in the database and fail; redraw those boxes empty, the error stays on the field.
        bad = [name for name in ("article", "attributed_to", "entities") if name in (self._errors or {})]
        if bad:
            self.data = self.data.copy()
            for name in bad:
                self.data.pop(self.add_prefix(name), None)

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article")
        text = cleaned.get("text")
        if "start" in self.fields and cleaned.get("start") is None and article is not None and text:
            try:
                cleaned["start"], _ = validation.locate_passage(article.text, text)
            except ValidationError:
                # Keep a number so that the model's clean() reports the missing passage on `text`.
                cleaned["start"] = 0
        if self.instance.pk:
            self._refuse_stale_version(cleaned.get("opened_version"))
            self._check_status_change(cleaned)
            if "visibility" in self.changed_data and (
                refused := workflow.unpublish_error(
                    published=self.initial.get("visibility") == Claim.Visibility.PUBLISHED,
                    status=self.instance.status,
                    visibility=cleaned.get("visibility"),
                )
            ):
                self.add_error("visibility", refused)
            on_record = set(self.changed_data) & ON_RECORD
            if self.instance.is_published and on_record and not correction_given(self.data):
                # Asked before anything is saved, as the inline rows ask (CorrectionFormSet): a refusal once the
                # rows are written would lose the editor's edits.
                self.add_error("correction_reason", CORRECTION_NEEDED)
        return cleaned

    def _check_status_change(self, cleaned: dict) -> None:
        """The status change asked for with this save, judged by the workflow before anything is saved, so
        that a refusal keeps every edit on the page (the service judges again when it writes)."""
        status = cleaned.get("new_status")
        if status is None:
            return
        if not (cleaned.get("status_rationale") or "").strip():
            self.add_error("status_rationale", "Give the reason for this change: it is shown in the public log.")
        cited = len(cleaned.get("status_citations") or ()) + (
            self.new_citations() if cleaned.get("rely_on_new_citations") else 0
        )
        if refused := workflow.citation_error(status, cited):
            self.add_error("status_citations", refused)

    def new_citations(self) -> int:
        """How many citations the inline below adds in this save (read from the submitted rows)."""
        prefix = "citations"
        try:
            total = int(self.data.get(f"{prefix}-TOTAL_FORMS", 0))
            initial = int(self.data.get(f"{prefix}-INITIAL_FORMS", 0))
        except ValueError:
            return 0
        return sum(
            1
            for i in range(initial, total)
            if (self.data.get(f"{prefix}-{i}-url") or "").strip() and not self.data.get(f"{prefix}-{i}-DELETE")
        )

    def _refuse_stale_version(self, opened: int | None) -> None:
        """Refuse before anything is saved, inlines included. Inside the admin's transaction the row is
        locked (PostgreSQL; SQLite's IMMEDIATE transaction already holds the write lock), so the version
        cannot move between this check and the save; claims.services.claims.claim_update checks again."""
        if opened is None:
            return  # the field's own "required" error names it
        # The claim row alone: with a join, a form that waited for the lock would re-check the join against
        # the claim's new status and find no row (see claims.services.versions.lock_claim).
        current = Claim.objects.all()
        if transaction.get_connection().in_atomic_block:
            current = current.select_for_update()
        current = current.get(pk=self.instance.pk)
        if current.version != opened:
            raise ValidationError(stale_message(expected=opened, current=current), code="stale")


class StatusChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: VerificationStatus) -> str:
        # The description says when each status applies: editors choose by meaning, not by name.
        return f"{obj.label}: {obj.description}"


class ClaimStatusForm(forms.Form):
    """The new status, why, and on which citations; only the statuses the user's role may set are offered."""

    status = StatusChoiceField(
        queryset=VerificationStatus.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        label="New status",
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text="Why: required for every change, shown in the public corrections log.",
    )
    citations = CitationChoiceField(
        queryset=Citation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Citations relied on",
        help_text="A verdict of true, false or mixture must rely on at least one of the claim's citations.",
    )
    opened_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, claim: Claim, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim
        # What the workflow lets this role set from where the claim stands; the service refuses the rest.
        offered = workflow.offered_statuses(user, current=claim.status, statuses=VerificationStatus.objects.all())
        allowed = [status.pk for status in offered]
        self.fields["status"].queryset = VerificationStatus.objects.filter(pk__in=allowed)
        if not allowed:
            self.fields[
                "status"
            ].help_text = (
                f"This claim's verdict is \u201c{claim.status.label}\u201d: verdicts are set and changed by editors."
            )
        self.fields["citations"].queryset = claim.citations.all()
        self.fields["opened_version"].initial = claim.version

    def add_service_error(self, exc: Exception) -> None:
        """Turn what claims.services.status.claim_change_status raised into errors on the fields they concern."""
        if isinstance(exc, ValidationError):
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
            else:
                self.add_error(None, exc.messages)
        elif isinstance(exc, PermissionDenied | TransitionNotAllowed):
            self.add_error("status", str(exc))
        elif isinstance(exc, StaleVersion):
            self.add_error(None, stale_message(expected=exc.expected, current=exc.current))
        else:  # pragma: no cover - the caller passes only the service's documented errors
            raise exc


class ArticleIntakeForm(forms.Form):
    """A new article for the workbench: its text pasted, or a saved page uploaded."""

    title = forms.CharField(
        max_length=500, required=False, help_text="Taken from the page when one is uploaded and this is left empty."
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        required=False,
        strip=False,
        help_text="The article's text as published, paragraphs separated by a blank line.",
    )
    page = forms.FileField(
        required=False,
        label="Or a saved page",
        help_text="A web page saved as HTML: its main text is extracted (menus, scripts and comments left out).",
    )
    published_on = forms.DateField(required=False, help_text="YYYY-MM-DD; taken from the page when left empty.")
    language = forms.ChoiceField(
        required=False,
        choices=[("", "Detect it"), ("fr", "French"), ("en", "English")],
        help_text="Candidate claims are found with French or English rules.",
    )
    publisher = forms.ModelChoiceField(queryset=None, required=False, help_text="Leave empty when unsure; never guess.")
    url = forms.URLField(required=False, max_length=1000, assume_scheme="https", help_text="The article's address.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publisher"].queryset = Source.objects.filter(kind=Source.Kind.OUTLET).order_by("name")

    def clean_page(self) -> str:
        """The uploaded page as text; a file that is not UTF-8 text is refused here, naming the field."""
        upload = self.cleaned_data.get("page")
        if not upload:
            return ""
        raw = upload.read(MAX_PAGE_BYTES + 1)
        if len(raw) > MAX_PAGE_BYTES:
            raise ValidationError(f"A saved page is at most {MAX_PAGE_BYTES // 1_000_000} MB.")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError("This file is not a page saved as UTF-8 text (HTML).") from None


class QuantityInlineForm(forms.ModelForm):
    """A quantity row of the claim form: a bound its qualifier needs is the value itself unless given ("up to
    4.5 GW" is a value of 4.5 and an upper bound of 4.5), so nobody types the number twice."""

    class Meta:
        model = Quantity
        fields = ("position", "measure", "value", "unit", "qualifier", "lower_bound", "upper_bound", "as_stated")

    def clean(self):
        cleaned = super().clean()
        value, qualifier = cleaned.get("value"), cleaned.get("qualifier")
        if value is not None:
            if (
                qualifier in (Quantity.Qualifier.UP_TO, Quantity.Qualifier.LESS_THAN)
                and cleaned.get("upper_bound") is None
            ):
                cleaned["upper_bound"] = value
            if (
                qualifier in (Quantity.Qualifier.AT_LEAST, Quantity.Qualifier.MORE_THAN)
                and cleaned.get("lower_bound") is None
            ):
                cleaned["lower_bound"] = value
        return cleaned


class ArticleAdminForm(forms.ModelForm):
    """An article's change form: an article a published claim quotes is corrected with a reason, on the record."""

    correction_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        required=False,
        label="Why this correction",
        help_text="Required once a published claim quotes the article: readers see the correction and this reason.",
    )

    class Meta:
        model = Article
        fields = ("slug", "title", "publisher", "language", "published_on", "url", "text")
        formfield_callback = formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_record = bool(self.instance.pk and self.instance.claims.published().exists())
        if not self.on_record:
            del self.fields["correction_reason"]

    def clean(self):
        cleaned = super().clean()
        if self.on_record and self.has_changed() and not (cleaned.get("correction_reason") or "").strip():
            self.add_error("correction_reason", "Say why you correct this article (readers see it).")
        return cleaned
