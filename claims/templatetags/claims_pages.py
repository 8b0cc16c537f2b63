"""Template helpers for the reader pages: claims.web.wording's words for statuses, amounts and dates;
JSON-LD."""

from __future__ import annotations

import json

from django import template
from django.utils.safestring import SafeString, mark_safe

from claims.models import DateMention, Quantity, VerificationStatus
from claims.web import wording

register = template.Library()


@register.filter
def status_symbol(status: VerificationStatus) -> str:
    return wording.status_symbol(status)


@register.filter
def quantity_for_people(quantity: Quantity) -> str:
    return wording.describe_quantity(quantity)


@register.filter
def date_for_people(mention: DateMention) -> str:
    return wording.describe_date(mention)


@register.filter
def date_for_machines(mention: DateMention) -> str:
    return wording.html_datetime(mention)


@register.filter
def json_ld(data) -> SafeString:
    """JSON for a <script type="application/ld+json">: '<', '>' and '&' escaped, so no text in the data
    can close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 -- escaped above for the script context


@register.filter
def correction_in_words(change: dict) -> str:
    return wording.describe_correction(change)
