"""Articles and sources: who published what, and who claims are attributed to or are about.

An article's text is what its claims point into by character offsets: once a claim exists, changing the
text would silently move every highlight, so it is refused here (the admin shows the text read-only then).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Article, Source

ARTICLE_FIELDS = ("slug", "title", "publisher", "language", "published_on", "url", "text")
SOURCE_FIELDS = ("slug", "name", "kind", "url", "description")
TEXT_LOCKED = "The stored article already has claims pointing into its text; its text cannot change."


def article_text_locked(article: Article) -> bool:
    """Whether the article's text can no longer change: some claim points into it."""
    return article.pk is not None and article.claims.exists()


@transaction.atomic
def article_create(**fields: Any) -> Article:
    return _save(Article(), ARTICLE_FIELDS, fields)


@transaction.atomic
def article_update(*, article: Article, **fields: Any) -> Article:
    """Apply `fields` (or the edits `article` already carries, as an admin form leaves them) and save."""
    _apply(article, ARTICLE_FIELDS, fields)
    stored_text = Article.objects.filter(pk=article.pk).values_list("text", flat=True).first()
    if stored_text is not None and article.text != stored_text and article_text_locked(article):
        raise ValidationError({"text": TEXT_LOCKED})
    return _save(article, ARTICLE_FIELDS, {})


@transaction.atomic
def source_create(**fields: Any) -> Source:
    return _save(Source(), SOURCE_FIELDS, fields)


@transaction.atomic
def source_update(*, source: Source, **fields: Any) -> Source:
    """Apply `fields` (or the edits `source` already carries) and save."""
    return _save(source, SOURCE_FIELDS, fields)


def _apply(instance, allowed, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set here."))
    for name, value in fields.items():
        setattr(instance, name, value)


def _save(instance, allowed, fields: dict[str, Any]):
    _apply(instance, allowed, fields)
    instance.full_clean()
    instance.save()
    return instance
