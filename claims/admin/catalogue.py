"""Sources, articles and the verification scale in the editors' admin. Writes go through
claims.services.articles; the scale is staff-only (superusers): history rows and verdicts point at its codes."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims.admin import workbench
from claims.admin.forms import URL_FIELDS, ArticleAdminForm, ArticleIntakeForm
from claims.models import Article, Source, VerificationStatus
from claims.services.articles import (
    ARTICLE_FIELDS,
    SOURCE_FIELDS,
    article_create,
    article_text_locked,
    article_update,
    source_create,
    source_update,
)
from claims.services.intake import article_intake


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug", "url")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = URL_FIELDS

    def save_model(self, request, obj, form, change):
        if change:
            source_update(source=obj)
        else:
            _take_identity(obj, source_create(**_values(obj, SOURCE_FIELDS)))


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "language", "published_on", "claim_count", "workbench_link")
    list_filter = ("language", "publisher")
    list_select_related = ("publisher",)
    search_fields = ("title", "text", "url")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("publisher",)
    date_hierarchy = "published_on"
    formfield_overrides = URL_FIELDS
    form = ArticleAdminForm

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_total

    @admin.display(description="candidates")
    def workbench_link(self, obj: Article) -> str:
        return format_html('<a href="{}">Workbench</a>', reverse("admin:claims_article_workbench", args=[obj.pk]))

    def get_urls(self):
        workbench_url = path(
            "<path:object_id>/workbench/",
            self.admin_site.admin_view(lambda request, object_id: workbench.workbench_view(self, request, object_id)),
            name="claims_article_workbench",
        )
        return [workbench_url, *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        """Taking an article in: its text pasted or its page uploaded, its candidate claims found, then its
        workbench. Nothing is stored unless all of it is."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleIntakeForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                article = article_intake(
                    by=request.user,
                    title=data["title"],
                    text=data["text"],
                    html=data["page"],
                    published_on=data["published_on"],
                    language=data["language"],
                    publisher=data["publisher"],
                    url=data["url"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    field = "page" if field == "html" else field  # the service's name for the uploaded page
                    form.add_error(field if field in form.fields else None, errors)
            else:
                self.log_addition(request, article, "Taken in with its candidate claims")
                count = article.candidates.count()
                self.message_user(
                    request, f"\u201c{article}\u201d taken in: {count} candidate claims found.", messages.SUCCESS
                )
                return HttpResponseRedirect(reverse("admin:claims_article_workbench", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Take in an article",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/claims/article/intake.html", context)

    def get_readonly_fields(self, request, obj=None):
        # Once a claim quoting it is published, readers rely on the words: correct a text by recording a new
        # article. Until then the service moves the drafts' passages with the text.
        if obj is not None and article_text_locked(obj):
            return ("text",)
        return ()

    def has_change_permission(self, request, obj=None):
        # An article a published claim quotes is corrected by editors (claims.services.record).
        if obj is not None and not request.user.has_perm("claims.publish_claim") and obj.claims.published().exists():
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            article_update(article=obj, by=request.user, reason=form.cleaned_data.get("correction_reason"))
        else:
            _take_identity(obj, article_create(**_values(obj, ARTICLE_FIELDS)))


def _values(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


def _take_identity(obj, created) -> None:
    """Give the form's instance the stored row's identity, as Django's own save_model leaves it."""
    obj.pk = created.pk
    obj._state.adding = False
    obj._state.db = created._state.db


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
