"""seed_synthetic writes consistent synthetic claims in bulk: every passage where its offsets say, every
history a valid chain ending in the claim's status and version, the same data for the same seed."""

import re
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from claims.bulk.synthetic.seed import seed_claims
from claims.models import (
    Article,
    Citation,
    Claim,
    DateMention,
    Quantity,
    Source,
    StatusChange,
    StatusChangeCitation,
    VerificationStatus,
)
from claims.rules.validation import check_date_parts, check_quantity

N = 200


@pytest.fixture
def seeded(db):
    out = StringIO()
    call_command("seed_synthetic", claims=N, seed=7, batch=64, stdout=out)
    return out.getvalue()


def _snapshot() -> list[tuple]:
    """Everything a seed decides, without primary keys (PostgreSQL sequences move on after a rollback)."""
    rows = []
    claims = Claim.objects.select_related("article", "attributed_to").order_by("slug")
    for claim in claims.prefetch_related("quantities", "dates", "citations", "history__changed_by"):
        rows.append(
            (
                claim.slug,
                claim.article.slug,
                claim.article.text,
                claim.text,
                claim.start,
                claim.status_id,
                claim.version,
                claim.visibility,
                claim.attributed_to.slug if claim.attributed_to else None,
                tuple((q.measure, q.value, q.unit, q.qualifier, q.as_stated) for q in claim.quantities.all()),
                tuple((d.role, d.precision, d.year, d.month, d.day, d.as_stated) for d in claim.dates.all()),
                tuple(sorted((c.url, c.stance, c.access, c.quote) for c in claim.citations.all())),
                tuple(
                    (h.from_status_id, h.to_status_id, h.effective_at, h.rationale, h.changed_by.username)
                    for h in claim.history.all()
                ),
            )
        )
    return rows


def test_it_writes_the_requested_number_of_claims_and_what_hangs_from_them(seeded):
    assert Claim.objects.count() == N
    assert Article.objects.exists()
    assert Source.objects.filter(kind=Source.Kind.OUTLET).exists()
    assert Quantity.objects.count() >= N // 2
    assert DateMention.objects.exists()
    assert Citation.objects.count() >= N
    assert StatusChangeCitation.objects.exists()
    assert Claim.entities.through.objects.count() >= N
    # Every claim has between one and five history rows.
    per_claim = defaultdict(int)
    for claim_id in StatusChange.objects.values_list("claim_id", flat=True):
        per_claim[claim_id] += 1
    assert set(per_claim) == set(Claim.objects.values_list("id", flat=True))
    assert set(per_claim.values()) <= {1, 2, 3, 4, 5}
    assert len(set(per_claim.values())) >= 3  # a realistic mix, not one length for all


def test_it_prints_progress_per_batch_and_a_summary(seeded):
    *progress, summary = seeded.strip().splitlines()
    # A line per batch of about 64 claims (whole articles), counting up to 200.
    assert len(progress) >= 3
    bars = [
        re.fullmatch(r"\[(#*)(\.*)\] +(\d+)%  (\d+)/200 claims, \d+ s(, about \d+ s left)?", line) for line in progress
    ]
    done = [int(bar[4]) for bar in bars]
    assert done == sorted(done) and done[0] >= 64 and done[-1] == N
    # The bar fills in proportion: full, with nothing left to wait for, at the end.
    assert [len(bar[1]) + len(bar[2]) for bar in bars] == [30] * len(bars)
    assert bars[-1][1] == "#" * 30 and bars[-1][3] == "100" and bars[-1][5] is None
    assert all(abs(len(bar[1]) - 30 * int(bar[4]) / N) <= 1 for bar in bars)
    assert summary.startswith("Wrote ") and f"{N} claims" in summary


def test_about_nine_in_ten_claims_are_published(seeded):
    published = Claim.objects.published().count()
    assert 0.8 * N <= published <= 0.97 * N


def test_every_claim_is_the_exact_passage_of_its_article_at_its_offsets(seeded):
    for claim in Claim.objects.select_related("article"):
        assert claim.article.text[claim.start : claim.end] == claim.text
        # The field and cross-field rules the admin and the API apply (the constraints ran on insert).
        claim.clean_fields(exclude=["status", "entities"])
        claim.clean()


def test_every_history_is_a_chain_that_ends_in_the_claims_status_and_version(seeded):
    claims = {c.pk: c for c in Claim.objects.all()}
    history = defaultdict(list)
    for change in StatusChange.objects.order_by("claim_id", "claim_version").prefetch_related("citations"):
        history[change.claim_id].append(change)
    verdicts = {s.code: s for s in VerificationStatus.objects.all()}
    for claim_id, changes in history.items():
        claim = claims[claim_id]
        previous_status, previous_version, previous_at = "unverified", 1, None
        for change in changes:
            assert change.from_status_id == previous_status
            assert change.claim_version == previous_version + 1
            assert previous_at is None or change.effective_at > previous_at
            assert change.rationale.strip()
            assert change.to_status_id != "unverified"
            to_status = verdicts[change.to_status_id]
            if not to_status.is_verdict:
                assert change.to_status_id != change.from_status_id
            cited = list(change.citations.all())
            assert all(citation.claim_id == claim_id for citation in cited)
            if to_status.is_verdict and to_status.normalized != VerificationStatus.Normalized.OTHER:
                assert cited, f"a {to_status.code} verdict relies on at least one citation"
            previous_status, previous_version, previous_at = (
                change.to_status_id,
                change.claim_version,
                change.effective_at,
            )
        assert claim.status_id == changes[-1].to_status_id
        assert claim.version == changes[-1].claim_version
        assert claim.rationale == changes[-1].rationale
        assert claim.updated_at == changes[-1].effective_at


def test_quantities_dates_and_citations_pass_the_shared_validation(seeded):
    for quantity in Quantity.objects.all():
        check_quantity(
            value=quantity.value,
            unit=quantity.unit,
            lower_bound=quantity.lower_bound,
            upper_bound=quantity.upper_bound,
            qualifier=quantity.qualifier,
        )
    for date in DateMention.objects.all():
        check_date_parts(date.precision, date.year, date.month, date.day)
        assert date.as_stated
    for citation in Citation.objects.all():
        citation.clean_fields()
        citation.clean()
        assert citation.url.split("/")[2].endswith(".example")  # reserved domain: visibly synthetic


def test_the_same_seed_gives_the_same_data_whatever_the_batch_size(db):
    with transaction.atomic():
        seed_claims(claims=120, seed=11, batch=1000)
        first = _snapshot()
        transaction.set_rollback(True)
    assert not Claim.objects.exists()
    with transaction.atomic():
        seed_claims(claims=120, seed=11, batch=17)
        second = _snapshot()
        transaction.set_rollback(True)
    with transaction.atomic():
        seed_claims(claims=120, seed=12, batch=1000)
        other = _snapshot()
        transaction.set_rollback(True)
    assert len(first) == 120
    assert first == second
    assert [row[2:] for row in first] != [row[2:] for row in other]


def test_two_seeds_can_share_a_database_but_one_seed_cannot_be_written_twice(seeded):
    call_command("seed_synthetic", claims=10, seed=8, stdout=StringIO())
    assert Claim.objects.count() == N + 10
    with pytest.raises(CommandError, match="already in this database"):
        call_command("seed_synthetic", claims=10, seed=7, stdout=StringIO())
    assert Claim.objects.count() == N + 10


def test_it_refuses_a_claim_count_below_one(db):
    with pytest.raises(CommandError, match="--claims"):
        call_command("seed_synthetic", claims=0, stdout=StringIO())
    assert not Claim.objects.exists()
