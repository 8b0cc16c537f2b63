"""Sources, articles and the verification scale in the editors' admin. Writes go through
claims.services.articles; the scale is staff-only (superusers): history rows and verdicts point at its codes."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count

from claims.admin.forms import URL_FIELDS
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
        if obj is not None and article_text_locked(obj):
            return ("text",)
        return ()

    def save_model(self, request, obj, form, change):
        if change:
            article_update(article=obj)
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
