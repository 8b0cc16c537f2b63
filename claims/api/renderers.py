"""CSV for spreadsheets: one row per claim, the main (first) quantity and date as columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from rest_framework import renderers
from rest_framework.renderers import BaseRenderer

from claims.models import QUANTITY_FIELDS, Claim
from claims.selectors.api import children_of


def _first(relation: str, field: str):
    """A column of the claim's first (main) quantity or date; empty when it has none."""

    def cell(claim: Claim, page_url: str):
        rows = getattr(children_of(claim), relation)
        return getattr(rows[0], field) if rows else ""

    return cell


# The columns, in order, each with how its cell is read from a claim (and the claim page's address).
COLUMNS: dict[str, Callable[[Claim, str], object]] = {
    "id": lambda claim, url: claim.pk,
    "url": lambda claim, url: url,
    "article_id": lambda claim, url: claim.article_id,
    "article_title": lambda claim, url: claim.article.title,
    "language": lambda claim, url: claim.article.language,
    "text": lambda claim, url: claim.text,
    "text_en": lambda claim, url: claim.text_en,
    "summary": lambda claim, url: claim.summary,
    "attributed_to": lambda claim, url: claim.attributed_to.name if claim.attributed_to else "",
    "attribution_as_stated": lambda claim, url: claim.attribution_as_stated,
    "uncertainty": lambda claim, url: claim.uncertainty,
    "uncertainty_as_stated": lambda claim, url: claim.uncertainty_as_stated,
    "checkability": lambda claim, url: claim.checkability,
    "recheck_on": lambda claim, url: claim.recheck_on.isoformat() if claim.recheck_on else "",
    "status": lambda claim, url: claim.status_id,
    "status_label": lambda claim, url: claim.status.label,
    "rationale": lambda claim, url: claim.rationale,
    **{f"quantity_{name}": _first("quantities", name) for name in QUANTITY_FIELDS},
    **{f"date_{name}": _first("dates", name) for name in ("role", "value", "precision", "as_stated")},
    "citations": lambda claim, url: len(children_of(claim).citations),
    "updated_at": lambda claim, url: claim.updated_at.isoformat(),
    "version": lambda claim, url: claim.version,
}

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
    return [safe_cell(cell(claim, page_url)) for cell in COLUMNS.values()]


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """The header then each row, as text lines (streamed: an export may hold every claim)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # A byte order mark, so that spreadsheet programs read the file as UTF-8 and not as a local code page.
    yield "\ufeff"
    writer.writerow(list(COLUMNS))
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
