"""Words for people (web.wording): amounts, a money amount with its duration, dates at their precision, and
status colours that keep their text readable."""

from decimal import Decimal

import pytest
from django.urls import reverse

from claims.models import DateMention, Quantity, VerificationStatus
from claims.web import wording as formatting


def test_every_status_colour_carries_readable_text(client, db):
    css = client.get(reverse("claims:status-styles")).content.decode()
    for status in VerificationStatus.objects.all():
        text = formatting.text_colour_on(status.color)
        assert f".status-{status.code} {{ --status-colour: {status.color}; --status-text: {text};" in css
        assert formatting.contrast_ratio(status.color, text) >= 4.5, status.code
        # The tint behind marked passages keeps body text at AA too.
        assert formatting.contrast_ratio(formatting.tint(status.color, 0.85), "#1b1f24") >= 4.5, status.code


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (dict(value="4.5", upper_bound="4.5", unit="GW", qualifier="up_to"), "up to 4.5 GW"),
        (dict(value="300000000000", unit="USD", qualifier="approximately"), "about $300 billion"),
        (dict(value="5", unit="year", qualifier="approximately"), "about 5 years"),
        (dict(value="1", unit="year", qualifier="exact"), "1 year"),
        (dict(value="77", unit="%", qualifier="exact"), "77%"),
        (dict(value="100000", lower_bound="100000", unit="jobs", qualifier="more_than"), "more than 100,000 jobs"),
        (dict(value="25000", lower_bound="25000", unit="jobs", qualifier="at_least"), "at least 25,000 jobs"),
        (dict(value="455000000000", unit="USD", qualifier="exact"), "$455 billion"),
        (dict(value="1500000000000", unit="EUR", qualifier="exact"), "€1.5 trillion"),
        (dict(value="360.5", upper_bound="360.5", unit="MW", qualifier="up_to"), "up to 360.5 MW"),
        (
            dict(value="10", lower_bound="8", upper_bound="12", unit="GW", qualifier="approximately"),
            "about 10 GW (between 8 GW and 12 GW)",
        ),
    ],
)
def test_amounts_are_written_for_people(fields, expected):
    fields = {k: Decimal(v) if k in ("value", "lower_bound", "upper_bound") else v for k, v in fields.items()}
    assert formatting.describe_quantity(Quantity(measure="m", as_stated="s", **fields)) == expected


def quantity(measure: str, value: str, unit: str, qualifier: str = "exact", **bounds) -> Quantity:
    bounds = {name: Decimal(bound) for name, bound in bounds.items()}
    return Quantity(measure=measure, value=Decimal(value), unit=unit, qualifier=qualifier, as_stated=measure, **bounds)


@pytest.mark.parametrize(
    ("quantities", "expected"),
    [
        (
            [quantity("term", "5", "year", "approximately"), quantity("value", "300000000000", "USD", "approximately")],
            [("value and term", "about $300 billion over about 5 years")],  # in the money amount's place
        ),
        (
            [
                quantity("order", "10000000000", "USD"),
                quantity("delivery", "18", "month", "less_than", upper_bound="18"),
            ],
            [("order and delivery", "$10 billion over less than 18 months")],
        ),
        (
            [
                quantity("capacity", "4.5", "GW", "up_to", upper_bound="4.5"),
                quantity("investment", "500000000000", "USD", "up_to", upper_bound="500000000000"),
                quantity("period", "4", "year", "at_least", lower_bound="4"),
            ],
            [("capacity", "up to 4.5 GW"), ("investment and period", "up to $500 billion over at least 4 years")],
        ),
        (
            [
                quantity("value", "300000000000", "USD"),
                quantity("value", "280000000000", "EUR"),
                quantity("t", "5", "year"),
            ],
            [("value", "$300 billion"), ("value", "€280 billion"), ("t", "5 years")],  # which amount? not guessed
        ),
        (
            [quantity("value", "300000000000", "USD"), quantity("build", "2", "year"), quantity("run", "5", "year")],
            [("value", "$300 billion"), ("build", "2 years"), ("run", "5 years")],
        ),
        (
            [quantity("annual revenue", "30000000000", "USD"), quantity("term", "5", "year")],
            [("annual revenue", "$30 billion"), ("term", "5 years")],  # a yearly amount is not a total
        ),
        (
            [quantity("value", "1000000", "EUR"), quantity("notice", "90", "day")],
            [("value", "€1 million"), ("notice", "90 days")],  # days: a deadline more often than a span
        ),
        ([quantity("term", "1", "year")], [("term", "1 year")]),
        ([], []),
    ],
)
def test_a_money_amount_and_its_duration_are_one_phrase(quantities, expected):
    amounts = formatting.describe_amounts(quantities)
    assert [(amount.measure, amount.text) for amount in amounts] == expected
    # Every quantity is worded exactly once.
    assert sorted(id(q) for amount in amounts for q in amount.quantities) == sorted(id(q) for q in quantities)


@pytest.mark.parametrize(
    ("precision", "month", "day", "expected", "machine"),
    [
        ("day", 1, 21, "21 January 2025", "2025-01-21"),
        ("month", 9, None, "September 2025", "2025-09"),
        ("quarter", 7, None, "Q3 2025", ""),
        ("half", 7, None, "second half of 2025", ""),
        ("early_year", None, None, "early 2025", ""),
        ("mid_year", None, None, "mid-2025", ""),
        ("late_year", None, None, "late 2025", ""),
        ("year", None, None, "2025", "2025"),
    ],
)
def test_dates_are_written_at_their_precision(precision, month, day, expected, machine):
    mention = DateMention(precision=precision, year=2025, month=month, day=day, role="event", as_stated="x")
    assert formatting.describe_date(mention) == expected
    assert formatting.html_datetime(mention) == machine
