"""The models and the database under them. Every rule that must always hold is a database constraint: these
tests write around the model's validation (plain .create / raw update) and expect the database itself to
refuse. The status history is append-only, and neither a claim with history nor a citation the history relied
on can be deleted. (What `clean()` says about each mistake is rules.validation's: tests/rules/.)"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import ProtectedError

from claims.models import Article, Citation, Claim, DateMention, Quantity, StatusChange
from claims.services.status import claim_change_status
from tests.helpers.record import lock_the_record


def refused(callable_, *args, **kwargs):
    """Run a write that the database must refuse; the surrounding test transaction stays usable."""
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_(*args, **kwargs)


def quantity(claim, **overrides):
    fields = dict(
        claim=claim, measure="contract value", value=Decimal("300000000000"), unit="USD", as_stated="300 milliards"
    )
    fields.update(overrides)
    return Quantity.objects.create(**fields)


def date_mention(claim, **overrides):
    fields = dict(claim=claim, role="starts", precision="year", year=2027, as_stated="en 2027")
    fields.update(overrides)
    return DateMention.objects.create(**fields)


class TestQuantityConstraints:
    def test_it_stores_a_well_formed_up_to_quantity(self, claim):
        q = quantity(claim, value=Decimal("4.5"), unit="GW", qualifier="up_to", upper_bound=Decimal("4.5"))
        assert q.pk is not None

    def test_it_rejects_a_lower_bound_above_the_value(self, claim):
        refused(quantity, claim, lower_bound=Decimal("400000000000"))

    def test_it_rejects_an_upper_bound_below_the_value(self, claim):
        refused(quantity, claim, upper_bound=Decimal("1"))

    def test_it_rejects_an_unknown_unit(self, claim):
        refused(quantity, claim, unit="XYZ")

    def test_it_rejects_up_to_without_an_upper_bound(self, claim):
        refused(quantity, claim, qualifier="up_to")

    def test_it_rejects_at_least_without_a_lower_bound(self, claim):
        refused(quantity, claim, qualifier="at_least")

    def test_it_rejects_a_negative_amount(self, claim):
        refused(quantity, claim, value=Decimal("-1"))

    def test_it_rejects_an_amount_above_the_ceiling(self, claim):
        # PostgreSQL's numeric(20, 4) overflows (DataError) before the check constraint is reached.
        with pytest.raises((IntegrityError, DataError)), transaction.atomic():
            quantity(claim, value=Decimal("99999999999999999"))


class TestDateConstraints:
    @pytest.mark.parametrize(
        "precision,month,day",
        [("day", 9, 11), ("month", 9, None), ("quarter", 7, None), ("half", 7, None), ("early_year", None, None)],
    )
    def test_it_stores_each_precision_with_its_parts(self, claim, precision, month, day):
        assert date_mention(claim, precision=precision, month=month, day=day).pk

    def test_it_rejects_a_day_precision_date_without_a_day(self, claim):
        refused(date_mention, claim, precision="day", month=9, day=None)

    def test_it_rejects_early_2025_stored_as_the_first_of_january(self, claim):
        refused(date_mention, claim, precision="early_year", month=1, day=1)

    def test_it_rejects_a_quarter_that_does_not_start_a_quarter(self, claim):
        refused(date_mention, claim, precision="quarter", month=2)

    def test_it_rejects_a_month_thirteen(self, claim):
        refused(date_mention, claim, precision="month", month=13)

    def test_value_is_written_at_its_precision(self, claim):
        assert date_mention(claim, precision="quarter", year=2025, month=7).value == "2025-Q3"
        assert date_mention(claim, precision="half", year=2026, month=7).value == "2026-H2"
        assert date_mention(claim, precision="early_year", year=2025).value == "2025"
        assert date_mention(claim, precision="day", year=2025, month=1, day=21).value == "2025-01-21"

    def test_last_day_covers_the_whole_period(self, claim):
        assert date_mention(claim, precision="quarter", year=2025, month=10).last_day == dt.date(2025, 12, 31)
        assert date_mention(claim, precision="month", year=2024, month=2).last_day == dt.date(2024, 2, 29)


class TestClaimConstraints:
    def test_it_rejects_an_empty_passage(self, claim):
        refused(Claim.objects.filter(pk=claim.pk).update, end=claim.start)

    def test_it_rejects_an_uncertainty_kind_without_its_words(self, claim):
        refused(Claim.objects.filter(pk=claim.pk).update, uncertainty_as_stated="")

    def test_it_rejects_words_of_uncertainty_without_a_kind(self, claim):
        refused(Claim.objects.filter(pk=claim.pk).update, uncertainty="none")

    def test_it_rejects_a_claim_checkable_later_without_a_recheck_date(self, claim):
        refused(Claim.objects.filter(pk=claim.pk).update, checkability="checkable_later", recheck_on=None)

    def test_it_rejects_an_unknown_status(self, claim):
        # The status is a foreign key to the scale: an unknown code has nothing to point at.
        # Both databases check foreign keys at commit (Django makes them deferred), so ask for it now.
        with pytest.raises(IntegrityError), transaction.atomic():
            Claim.objects.filter(pk=claim.pk).update(status_id="probably_true")
            connection.check_constraints(table_names=["claims_claim"])

    def test_it_rejects_an_unknown_visibility(self, claim):
        refused(Claim.objects.filter(pk=claim.pk).update, visibility="secret")


class TestCitationConstraints:
    @pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/x"])
    def test_it_rejects_non_http_addresses(self, claim, url):
        refused(Citation.objects.create, claim=claim, url=url, title="t", publisher="p", stance="supports")

    def test_it_rejects_a_quote_for_an_address_nobody_read(self, claim):
        refused(
            Citation.objects.create,
            claim=claim,
            url="https://openai.com/index/five-new-stargate-sites/",
            title="t",
            publisher="OpenAI",
            stance="supports",
            access="address_only",
            quote="words nobody read",
        )

    def test_it_rejects_the_same_address_twice_for_one_claim(self, citation):
        refused(
            Citation.objects.create, claim=citation.claim, url=citation.url, title="t", publisher="p", stance="context"
        )

    def test_it_rejects_an_access_date_before_publication(self, claim):
        refused(
            Citation.objects.create,
            claim=claim,
            url="https://example.org/a",
            title="t",
            publisher="p",
            stance="context",
            published_on=dt.date(2025, 9, 10),
            accessed_on=dt.date(2025, 9, 1),
        )


class TestArticleConstraints:
    def test_it_rejects_a_language_that_is_not_a_language_tag(self, db):
        refused(
            Article.objects.create, slug="a", title="t", language="French", published_on=dt.date(2025, 1, 1), text="x"
        )

    def test_it_rejects_an_empty_text(self, db):
        refused(Article.objects.create, slug="a", title="t", language="fr", published_on=dt.date(2025, 1, 1), text="")


class TestHistoryIsAppendOnly:
    @pytest.fixture
    def change(self, claim, citation, editor):
        return claim_change_status(
            claim=claim, to_status="accurate", rationale="The Decoder reports it.", by=editor, citations=[citation]
        )

    def test_the_model_refuses_to_update_a_row(self, change):
        change.rationale = "rewritten"
        with pytest.raises(TypeError):
            change.save()

    def test_the_queryset_refuses_bulk_updates_and_deletes(self, change):
        with pytest.raises(TypeError):
            StatusChange.objects.filter(pk=change.pk).update(rationale="rewritten")
        with pytest.raises(TypeError):
            StatusChange.objects.filter(pk=change.pk).delete()

    def test_the_database_refuses_an_update_whatever_the_path(self, change):
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE claims_statuschange SET rationale = 'rewritten' WHERE id = %s", [change.pk])
        change.refresh_from_db()
        assert change.rationale == "The Decoder reports it."

    def test_the_database_refuses_to_unlink_a_citation_from_a_change(self, change):
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE claims_statuschangecitation SET citation_id = citation_id WHERE status_change_id = %s",
                [change.pk],
            )

    def test_the_database_refuses_a_raw_delete(self, change):
        lock_the_record()
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM claims_statuschange WHERE id = %s", [change.pk])
        assert StatusChange.objects.filter(pk=change.pk).exists()

    def test_a_claim_with_history_cannot_be_deleted(self, change):
        with pytest.raises(ProtectedError):
            change.claim.delete()
        assert Claim.objects.filter(pk=change.claim_id).exists()


# --- a claim with history is never deleted, only retracted (tests/services/test_status.py) -------------------


def test_a_claim_with_history_cannot_be_deleted(claim, editor):
    claim_change_status(claim=claim, to_status="in_review", rationale="Checking.", by=editor, expected_version=1)

    with pytest.raises(ProtectedError):
        claim.delete()
    with pytest.raises(TypeError, match="append-only"):
        StatusChange.objects.filter(claim=claim).delete()

    assert Claim.objects.filter(pk=claim.pk).exists()
    assert StatusChange.objects.filter(claim=claim).count() == 1


def test_deleting_a_claim_with_history_behind_the_orms_back_breaks_its_foreign_key(claim, editor):
    claim_change_status(claim=claim, to_status="in_review", rationale="Checking.", by=editor, expected_version=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM claims_claim WHERE id = %s", [claim.pk])
        connection.check_constraints(table_names=["claims_statuschange"])

    assert StatusChange.objects.filter(claim=claim).count() == 1


def test_deleting_history_rows_is_refused_even_in_raw_sql(claim, editor):
    change = claim_change_status(
        claim=claim, to_status="in_review", rationale="Checking.", by=editor, expected_version=1
    )
    lock_the_record()

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM claims_statuschange WHERE id = %s", [change.pk])

    assert StatusChange.objects.filter(pk=change.pk).exists()


def test_history_rows_cannot_be_updated_even_in_raw_sql(claim, editor):
    change = claim_change_status(
        claim=claim, to_status="in_review", rationale="Checking.", by=editor, expected_version=1
    )

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE claims_statuschange SET rationale = 'rewritten' WHERE id = %s", [change.pk])

    assert StatusChange.objects.get(pk=change.pk).rationale == "Checking."


def test_citations_used_by_history_cannot_be_deleted(claim, citation, editor):
    claim_change_status(claim=claim, to_status="accurate", rationale="x", by=editor, citations=[citation])
    with pytest.raises(ProtectedError):
        citation.delete()
    assert Citation.objects.filter(pk=citation.pk).exists()
