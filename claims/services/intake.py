"""A new article in: its text pasted or extracted from a saved HTML page, its language detected when not
given, stored with its candidate claims found (claims.services.candidates), all in one transaction.

Intake reads French and English (the languages claims.language has rules for). Nothing is fetched here:
a page is read from what the caller hands over.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from claims.language.detect import detect_language
from claims.models import MAX_ARTICLE_TEXT, Article, Source
from claims.services.articles import article_create
from claims.services.candidates import article_find_candidates

SUPPORTED_LANGUAGES = {"fr": "French", "en": "English"}
# A saved page is mostly markup: room for an article at its longest, and not for a whole site.
MAX_HTML_CHARACTERS = 5_000_000


def text_from_html(html: str) -> dict[str, Any]:
    """The main text of a saved page (trafilatura: navigation, scripts, comments and boilerplate left out),
    paragraphs separated by blank lines, with the title, date, address and site name the page declares."""
    import trafilatura  # loaded on first use: its import pulls lxml and its language data

    text = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=False) or ""
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata else ""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline is the article's title, not its first paragraph
    return {
        "text": "\n\n".join(paragraphs),
        "title": title,
        "published_on": _date(metadata.date) if metadata else None,
        "url": (metadata.url or "") if metadata else "",
        "site_name": (metadata.sitename or "") if metadata else "",
    }


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _check_text(value: str, field: str) -> str:
    if "\x00" in value:
        raise ValidationError({field: "This holds NUL characters: it is not text (a binary file?)."})
    controls = sum(1 for char in value if unicodedata.category(char) == "Cc" and char not in "\n\r\t")
    if controls > len(value) // 100:
        raise ValidationError({field: "This holds control characters: it is not text (a binary file?)."})
    return value


def unique_article_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "article"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def article_intake(
    *,
    by,
    title: str = "",
    published_on: dt.date | None = None,
    text: str = "",
    html: str = "",
    language: str = "",
    publisher: Source | None = None,
    url: str = "",
) -> Article:
    """Store a new article from its text (or a saved page's HTML) and find its candidate claims.

    From a page, a title, date and address left empty are taken from what the page declares. The language is
    detected when not given; intake refuses a language it has no rules for, naming the field.
    """
    if bool(text and text.strip()) == bool(html and html.strip()):
        field = "text" if not html else "html"
        raise ValidationError({field: "Paste the article's text, or give a saved page's HTML: one of the two."})
    if html:
        if len(html) > MAX_HTML_CHARACTERS:
            raise ValidationError({"html": f"A saved page is at most {MAX_HTML_CHARACTERS:,} characters."})
        page = text_from_html(_check_text(html, "html"))
        if not page["text"]:
            raise ValidationError({"html": "No article text was found in this page."})
        text = page["text"]
        title = title or page["title"]
        published_on = published_on or page["published_on"]
        url = url or page["url"]
    text = _check_text(text, "text").strip()
    if len(text) > MAX_ARTICLE_TEXT:
        raise ValidationError({"text": f"An article's text is at most {MAX_ARTICLE_TEXT:,} characters."})
    if not (title or "").strip():
        raise ValidationError({"title": "Give the article's title."})
    if published_on is None:
        raise ValidationError({"published_on": "Give the date the article was published."})
    language = (language or "").strip().lower()
    if not language:
        language = detect_language(text) or ""
        if language not in SUPPORTED_LANGUAGES:
            raise ValidationError(
                {"language": "Could not tell the language of this text as French or English: give it (fr or en)."}
            )
    elif language not in SUPPORTED_LANGUAGES:
        names = ", ".join(f"{code} ({name})" for code, name in SUPPORTED_LANGUAGES.items())
        raise ValidationError({"language": f"Intake reads {names}; \u201c{language}\u201d is not one of them."})
    article = article_create(
        slug=unique_article_slug(title),
        title=title.strip(),
        publisher=publisher,
        language=language,
        published_on=published_on,
        url=url or "",
        text=text,
        created_by=by if getattr(by, "pk", None) else None,
    )
    article_find_candidates(article=article)
    return article
