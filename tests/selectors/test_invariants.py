"""The cross-table invariants: clean on anything the services write, and each kind of corruption is named.

Corruptions are made the way a bug or a careless restore would make them: direct ORM updates that bypass the
services, history rows inserted by hand, rows pointing at nothing. History rows cannot be updated (the
database refuses), so broken history is always built by inserting rows.
"""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F, ForeignKey, Max

from claims.models import Citation, Claim, Quantity, Source, StatusChange, StatusChangeCitation
from claims.selectors import invariants
from claims.services.claims import claim_update
from claims.services.status import claim_change_status
from tests.factories import ClaimFactory
from tests.helpers.seed_article import BROADCOM_PASSAGE

pytestmark = pytest.mark.django_db


class _RolledBack(Exception):
    pass


@contextmanager
def rolled_back():
    """Run a corruption inside a savepoint that is always rolled back: rows pointing at nothing may exist
    inside a transaction (the foreign keys are checked at commit) but must not outlive the test."""
    try:
        with transaction.atomic():
            yield
            raise _RolledBack
    except _RolledBack:
        pass


def rules(report: invariants.Report) -> set[str]:
    return {violation.rule for violation in report.violations}


def second_claim(article) -> Claim:
    """The Broadcom order, a draft never reviewed."""
    return ClaimFactory(
        article=article,
        slug="broadcom-10-billion",
        text=BROADCOM_PASSAGE,
        uncertainty=Claim.Uncertainty.REPORTED,
        uncertainty_as_stated="préparerait",
    )


def in_review(claim, editor) -> StatusChange:
    return claim_change_status(
        claim=claim,
        to_status="in_review",
        rationale="Checking the start date.",
        by=editor,
        expected_version=claim.version,
    )


def one_hour_later(change: StatusChange) -> dt.datetime:
    return change.effective_at + dt.timedelta(hours=1)


def append_row(claim, *, from_status, to_status, version, effective_at) -> StatusChange:
    """Insert a history row by hand and make the claim agree with it, as a buggy writer would."""
    row = StatusChange.objects.create(
        claim=claim,
        from_status_id=from_status,
        to_status_id=to_status,
        effective_at=effective_at,
        rationale="Written by hand.",
        claim_version=version,
    )
    Claim.objects.filter(pk=claim.pk).update(
        status_id=to_status, version=max(version, Claim.objects.get(pk=claim.pk).version)
    )
    return row


def test_a_database_written_by_the_services_has_no_violations(claim, citation, editor, article):
    untouched = second_claim(article)
    in_review(claim, editor)
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        data={"summary": "Starts in 2027"},
        reason="A clearer title.",
    )
    claim_change_status(
        claim=claim,
        to_status="accurate",
        rationale="The partnership's start in 2027 is reported by the WSJ and its syndications.",
        by=editor,
        citations=[citation],
        expected_version=claim.version,
    )

    report = invariants.check()

    assert report.violations == []
    assert report.claims_checked == 2
    assert untouched.status_id == "unverified"


def test_it_reports_a_status_that_differs_from_the_last_change(claim, editor):
    in_review(claim, editor)
    Claim.objects.filter(pk=claim.pk).update(status_id="accurate")

    report = invariants.check()

    assert rules(report) == {"status"}
    assert report.violations[0].claim_id == claim.pk
    assert "“accurate”" in report.violations[0].message
    assert "“in_review”" in report.violations[0].message


def test_it_reports_a_claim_without_history_that_is_not_unverified(claim):
    Claim.objects.filter(pk=claim.pk).update(status_id="accurate")

    report = invariants.check()

    assert rules(report) == {"status"}
    assert "no history" in report.violations[0].message


def test_it_reports_a_version_below_the_version_of_its_last_change(claim, editor):
    in_review(claim, editor)
    Claim.objects.filter(pk=claim.pk).update(version=1)

    report = invariants.check()

    assert rules(report) == {"version"}
    assert report.violations[0].message == "version 1 is below version 2 of its last change."


def test_a_version_above_the_last_change_is_fine_because_edits_raise_it_without_history(claim, editor):
    in_review(claim, editor)
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        data={"summary": "Starts in 2027"},
        reason="A clearer title.",
    )

    assert Claim.objects.get(pk=claim.pk).version == 3
    assert invariants.check().ok


def test_it_reports_history_versions_recorded_out_of_order(claim, editor):
    first = in_review(claim, editor)
    append_row(claim, from_status="in_review", to_status="not_checkable", version=1, effective_at=one_hour_later(first))
    # The row of the highest version (2) still says in_review, and so does the claim.
    Claim.objects.filter(pk=claim.pk).update(status_id="in_review")

    report = invariants.check()

    assert rules(report) == {"history-order"}


def test_it_reports_a_change_that_does_not_start_where_the_previous_one_ended(claim, editor):
    first = in_review(claim, editor)
    append_row(claim, from_status="accurate", to_status="not_checkable", version=3, effective_at=one_hour_later(first))

    report = invariants.check()

    assert rules(report) == {"history-chain"}
    assert "starts from “accurate”" in report.violations[0].message


def test_it_reports_a_first_change_that_does_not_start_from_unverified(claim):
    append_row(
        claim,
        from_status="in_review",
        to_status="not_checkable",
        version=2,
        effective_at=dt.datetime(2025, 9, 12, tzinfo=dt.UTC),
    )

    report = invariants.check()

    assert rules(report) == {"history-chain"}
    assert "first change" in report.violations[0].message


def test_it_reports_a_change_taking_effect_before_the_previous_one(claim, editor):
    first = in_review(claim, editor)
    append_row(
        claim,
        from_status="in_review",
        to_status="not_checkable",
        version=3,
        effective_at=first.effective_at - dt.timedelta(days=1),
    )

    report = invariants.check()

    assert rules(report) == {"history-time"}


def test_it_reports_a_change_relying_on_another_claims_citation(claim, citation, editor, article):
    other = second_claim(article)
    change = in_review(other, editor)
    StatusChangeCitation.objects.create(status_change=change, citation=citation)

    report = invariants.check()

    assert rules(report) == {"citation"}
    assert report.violations[0].claim_id == other.pk
    assert f"citation {citation.pk} of claim {claim.pk}" in report.violations[0].message


def test_it_reports_a_passage_moved_off_its_offsets(claim):
    Claim.objects.filter(pk=claim.pk).update(start=F("start") + 1, end=F("end") + 1)

    report = invariants.check()

    assert rules(report) == {"passage"}
    assert report.violations[0].claim_id == claim.pk


def test_it_reports_every_passage_of_an_article_whose_text_was_rewritten(claim, article):
    other = second_claim(article)
    type(article).objects.filter(pk=article.pk).update(text="Un tout autre texte.")

    report = invariants.check()

    assert rules(report) == {"passage"}
    assert {violation.claim_id for violation in report.violations} == {claim.pk, other.pk}


def _missing_pk(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1000


@pytest.mark.parametrize("kind", ["quantity", "history", "entity"])
def test_it_reports_orphan_rows(claim, editor, wsj, kind):
    missing_claim = _missing_pk(Claim)
    with rolled_back():
        if kind == "quantity":
            Quantity.objects.create(
                claim_id=missing_claim, measure="capacity", value=4.5, unit="GW", as_stated="4,5 gigawatts"
            )
            expected = f"claims.Quantity {Quantity.objects.get(claim_id=missing_claim).pk} points to claims.Claim"
        elif kind == "history":
            StatusChange.objects.create(
                claim_id=missing_claim,
                from_status_id="unverified",
                to_status_id="in_review",
                effective_at=dt.datetime(2025, 9, 12, tzinfo=dt.UTC),
                rationale="Written by hand.",
                claim_version=2,
            )
            expected = "points to claims.Claim"
        else:
            Claim.entities.through.objects.create(claim=claim, source_id=_missing_pk(Source))
            expected = "points to claims.Source"
        report = invariants.check()

    assert rules(report) == {"orphan"}
    assert expected in report.violations[0].message


def test_the_command_prints_a_one_line_summary_when_all_holds(claim, editor, capsys):
    in_review(claim, editor)

    call_command("check_invariants")

    assert capsys.readouterr().out.strip() == "1 claims checked, 0 violations"


def test_the_command_lists_the_violations_and_fails(claim, editor, capsys):
    in_review(claim, editor)
    Claim.objects.filter(pk=claim.pk).update(status_id="accurate", version=1)

    with pytest.raises(CommandError, match=r"^1 claims checked, 2 violations$"):
        call_command("check_invariants")

    out = capsys.readouterr().out
    assert f"[status] claim {claim.pk}: " in out
    assert f"[version] claim {claim.pk}: " in out


def test_the_check_costs_a_fixed_number_of_queries(claim, citation, editor, article, django_assert_num_queries):
    in_review(claim, editor)
    second_claim(article)
    Citation.objects.create(
        claim=claim, url="https://archive.ph/fUGqA", title="Archived copy", publisher="archive.ph", stance="supports"
    )
    models_with_foreign_keys = sum(
        1
        for model in invariants.apps.get_app_config("claims").get_models(include_auto_created=True)
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey)
    )
    # One query per foreign key (orphans), then: claims, their articles' texts, the history, the status
    # changes' citations.
    with django_assert_num_queries(models_with_foreign_keys + 4):
        invariants.check()
