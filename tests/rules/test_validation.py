"""rules.validation as the models' `clean()` applies it: each mistake is named on its field (bounds against
the value, finite amounts, calendar dates, a passage found in its article's text at its offsets)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim, DateMention, Quantity


class TestQuantities:
    def test_clean_names_the_field_for_each_mistake(self, claim):
        q = Quantity(
            claim=claim,
            measure="capacity",
            value=Decimal("4.5"),
            unit="GW",
            qualifier="up_to",
            lower_bound=Decimal("5"),
            as_stated="4,5 GW",
        )
        with pytest.raises(ValidationError) as exc:
            q.full_clean()
        assert set(exc.value.message_dict) == {"lower_bound", "upper_bound"}

    @pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
    def test_clean_refuses_non_finite_amounts(self, claim, amount):
        q = Quantity(claim=claim, measure="m", value=amount, unit="USD", as_stated="x")
        with pytest.raises(ValidationError) as exc:
            q.full_clean()
        assert "value" in exc.value.message_dict


class TestDates:
    def test_clean_refuses_the_thirtieth_of_february(self, claim):
        d = DateMention(claim=claim, role="event", precision="day", year=2025, month=2, day=30, as_stated="30 février")
        with pytest.raises(ValidationError) as exc:
            d.full_clean()
        assert "day" in exc.value.message_dict


class TestPassages:
    def test_clean_refuses_a_passage_not_in_the_article(self, claim):
        claim.text = "OpenAI a racheté Oracle"
        with pytest.raises(ValidationError) as exc:
            claim.full_clean()
        assert "text" in exc.value.message_dict
        assert "does not occur" in exc.value.message_dict["text"][0]

    def test_clean_fixes_a_stale_offset_for_an_unambiguous_passage(self, claim):
        claim.start = 0
        claim.full_clean()
        assert claim.article.text[claim.start : claim.end] == claim.text

    def test_clean_refuses_an_offset_that_misses_a_repeated_passage(self, article):
        article.text = "Oracle. Oracle."
        article.save()
        c = Claim(article=article, slug="twice", text="Oracle", start=3, end=9)
        with pytest.raises(ValidationError) as exc:
            c.full_clean()
        assert "more than once" in exc.value.message_dict["text"][0]
