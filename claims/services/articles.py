"""Articles and sources: who published what, and who claims are attributed to or are about.

An article's text is what its claims point into by character offsets. It stays editable until one of its
claims is published: each draft's passage is then found again in the new text (its offsets move with it),
and the article's candidates are found again. Once a claim is published, readers rely on the words it
quotes, so the text is locked (the admin shows it read-only).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Article, Claim, Source
from claims.rules.validation import locate_passage
from claims.services import record
from claims.services.candidates import article_find_candidates
from claims.services.claims import claim_update

ARTICLE_FIELDS = ("slug", "title", "publisher", "language", "published_on", "url", "text", "created_by")
SOURCE_FIELDS = ("slug", "name", "kind", "url", "description")
TEXT_LOCKED = (
    "A published claim quotes this text, so it cannot change: readers rely on the words it quotes. "
    "Record the corrected text as a new article."
)


def article_text_locked(article: Article) -> bool:
    """Whether the article's text can no longer change: a published claim quotes it."""
    return article.pk is not None and article.claims.published().exists()


def _anchored_again(text: str, claims: list[Claim]) -> dict[int, tuple[int, int]]:
    """Where each claim's passage stands in `text` (the occurrence nearest its old place), or a
    ValidationError on `text` naming every claim whose passage is no longer there."""
    moved: dict[int, tuple[int, int]] = {}
    lost: list[str] = []
    for claim in claims:
        occurrences = []
        at = text.find(claim.text)
        while at != -1:
            occurrences.append(at)
            at = text.find(claim.text, at + 1)
        if not occurrences:
            try:
                occurrences = [locate_passage(text, claim.text)[0]]
            except ValidationError:
                lost.append(f"\u201c{claim}\u201d ({claim.text[:60]}\u2026)")
                continue
        start = min(occurrences, key=lambda offset: abs(offset - claim.start))
        moved[claim.pk] = (start, start + len(claim.text))
    if lost:
        raise ValidationError(
            {
                "text": "These draft claims quote words the new text no longer has; edit or delete them first: "
                + "; ".join(lost)
            }
        )
    return moved


@transaction.atomic
def article_create(**fields: Any) -> Article:
    return _save(Article(), ARTICLE_FIELDS, fields)


@transaction.atomic
def article_update(*, article: Article, by=None, reason: str | None = None, **fields: Any) -> Article:
    """Apply `fields` (or the edits `article` already carries, as an admin form leaves them) and save. A new
    text moves every draft claim's passage with it and finds the candidates again; it is refused once a
    claim is published, or when a draft's passage is no longer in it. An article a published claim quotes is
    corrected by editors, with `reason`, on the public record (claims.services.record)."""
    before = record.article_snapshot(article)
    _apply(article, ARTICLE_FIELDS, fields)
    stored_text = Article.objects.filter(pk=article.pk).values_list("text", flat=True).first()
    if stored_text is None or article.text == stored_text:
        _save(article, ARTICLE_FIELDS, {})
        record.record_article(article=article, before=before, by=by, reason=reason)
        return article
    if article_text_locked(article):
        raise ValidationError({"text": TEXT_LOCKED})
    drafts = list(Claim.objects.select_for_update().filter(article=article).order_by("pk"))
    moved = _anchored_again(article.text, drafts)
    _save(article, ARTICLE_FIELDS, {})
    for claim in drafts:
        claim.article = article  # the new text, which the claim's own checks read
        start, end = moved[claim.pk]
        if (start, end) != (claim.start, claim.end):
            claim_update(claim=claim, by=by, expected_version=claim.version, data={"start": start, "end": end})
    article_find_candidates(article=article)
    return article


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
