"""A CSV cell a spreadsheet would run as a formula is exported as text (a leading apostrophe): one starting
with =, +, - or @, and one starting with a TAB or a carriage return, which spreadsheets skip before reading
the formula behind them."""

from __future__ import annotations

import csv
import io

import pytest

from claims.api.renderers import safe_cell
from tests.api.support import API
from tests.factories import ClaimFactory

FORMULAS = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", '\t=HYPERLINK("http://x")', "\r=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("formula", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def test_a_cell_that_would_run_as_a_formula_is_made_text(formula):
    assert safe_cell(formula) == "'" + formula


@pytest.mark.parametrize("text", ["Accurate", "1 + 1", "a\tb", "", None, 42])
def test_other_cells_are_left_as_they_are(text):
    assert safe_cell(text) == ("" if text is None else str(text))


@pytest.mark.parametrize("leading", ["\t", "\r"], ids=["tab", "carriage-return"])
def test_the_export_makes_a_summary_starting_with_a_tab_or_a_carriage_return_text(db, client, article, leading):
    summary = f'{leading}=HYPERLINK("http://attacker.example", "Sources")'
    claim = ClaimFactory(article=article, published=True, summary=summary)

    response = client.get(f"{API}claims/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}

    assert rows[str(claim.pk)]["summary"] == "'" + summary
