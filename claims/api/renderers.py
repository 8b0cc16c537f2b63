"""CSV for spreadsheets: one row per claim, the main (first) quantity and date as columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from rest_framework import renderers
from rest_framework.renderers import BaseRenderer

from claims.api.serializers import claim_children
from claims.models import Claim

COLUMNS = [
    "id",
    "url",
    "article_id",
    "article_title",
    "language",
    "text",
    "text_en",
    "summary",
    "attributed_to",
    "attribution_as_stated",
    "uncertainty",
    "uncertainty_as_stated",
    "checkability",
    "recheck_on",
    "status",
    "status_label",
    "rationale",
    "quantity_measure",
    "quantity_value",
    "quantity_unit",
    "quantity_lower_bound",
    "quantity_upper_bound",
    "quantity_qualifier",
    "quantity_as_stated",
    "date_role",
    "date_value",
    "date_precision",
    "date_as_stated",
    "citations",
    "updated_at",
    "version",
]

# A cell a spreadsheet would read as a formula (OWASP "CSV injection"); the apostrophe makes it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def claim_row(claim: Claim, page_url: str) -> list[str]:
    quantities = claim_children(claim, "quantities")
    dates = claim_children(claim, "dates")
    quantity = quantities[0] if quantities else None
    date = dates[0] if dates else None
    values = [
        claim.pk,
        page_url,
        claim.article_id,
        claim.article.title,
        claim.article.language,
        claim.text,
        claim.text_en,
        claim.summary,
        claim.attributed_to.name if claim.attributed_to else "",
        claim.attribution_as_stated,
        claim.uncertainty,
        claim.uncertainty_as_stated,
        claim.checkability,
        claim.recheck_on.isoformat() if claim.recheck_on else "",
        claim.status_id,
        claim.status.label,
        claim.rationale,
        quantity.measure if quantity else "",
        quantity.value if quantity else "",
        quantity.unit if quantity else "",
        quantity.lower_bound if quantity else "",
        quantity.upper_bound if quantity else "",
        quantity.qualifier if quantity else "",
        quantity.as_stated if quantity else "",
        date.role if date else "",
        date.value if date else "",
        date.precision if date else "",
        date.as_stated if date else "",
        len(claim_children(claim, "citations")),
        claim.updated_at.isoformat(),
        claim.version,
    ]
    return [safe_cell(value) for value in values]


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """The header then each row, as text lines (streamed: an export may hold every claim)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # A byte order mark, so that spreadsheet programs read the file as UTF-8 and not as a local code page.
    yield "\ufeff"
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


class CSVRenderer(BaseRenderer):
    """Chosen with ?format=csv (or Accept: text/csv); the claims list streams its rows itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Never reached with data: the list streams its rows, and errors are answered in JSON.
        return b""


class JSONRenderer(renderers.JSONRenderer):
    """DRF's renderer, readable UTF-8 output; a lone surrogate echoed back from the request (in an unknown
    field's name, an invalid choice...) cannot be encoded as UTF-8, so such a body is written with ASCII
    escapes instead of failing with a 500."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            self.ensure_ascii = True
            return super().render(data, accepted_media_type, renderer_context)
