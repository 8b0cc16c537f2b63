"""Template helpers for the reader pages: status symbols, amounts and dates for people, JSON-LD."""

from __future__ import annotations

import json

from django import template
from django.utils.safestring import SafeString, mark_safe

from claims import formatting
from claims.models import DateMention, Quantity, VerificationStatus

register = template.Library()

# A symbol beside every written status, so that colour is never the only signal. Symbols from the
# common Unicode blocks, which the system fonts of phones and desktops carry.
STATUS_SYMBOLS = {
    "unverified": "?",
    "in_review": "…",
    "accurate": "✓",
    "mostly_accurate": "≈",
    "misleading": "!",
    "inaccurate": "✗",
    "unverifiable_yet": "◷",
    "not_checkable": "∅",
    "retracted": "⊘",
}
NORMALIZED_SYMBOLS = {"true": "✓", "false": "✗", "mixture": "!", "other": "•"}


@register.filter
def status_symbol(status: VerificationStatus) -> str:
    return STATUS_SYMBOLS.get(status.code) or NORMALIZED_SYMBOLS.get(status.normalized, "•")


@register.filter
def quantity_for_people(quantity: Quantity) -> str:
    return formatting.describe_quantity(quantity)


@register.filter
def date_for_people(mention: DateMention) -> str:
    return formatting.describe_date(mention)


@register.filter
def date_for_machines(mention: DateMention) -> str:
    return formatting.html_datetime(mention)


@register.filter
def json_ld(data) -> SafeString:
    """JSON for a <script type="application/ld+json">: '<', '>' and '&' escaped, so no text in the data
    can close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 -- escaped above for the script context
