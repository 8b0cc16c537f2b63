"""Concurrent editors: several writers start from the same version at the same instant; exactly one wins.

Each writer is a thread with its own database connection, released together by a barrier. On PostgreSQL
the losers wait on the row lock the winner holds and then see the new version. (On a SQLite file, with
BEGIN IMMEDIATE, see settings, they queue on the database write lock instead; that is raced by the soak test,
as SQLite's in-memory test database cannot make a writer wait.) Each race is run many times, and
every round counts lost updates: a writer told it succeeded whose change is not what the database holds.
"""

import datetime as dt
import threading
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token

from claims.models import Claim, StatusChange
from claims.services.claims import claim_update, claims_mark_for_recheck
from claims.services.status import claim_change_status, verdict_sign_off
from claims.services.versions import StaleVersion

THREADS = 8
ROUNDS = 20
# Generous: a round takes milliseconds; the timeout only stops a deadlocked test from hanging CI.
BARRIER_TIMEOUT = 60


def race_test(test):
    """Mark a race: real transactions (each thread commits), PostgreSQL only.

    A committing test ends with a flush that empties the statuses and groups migrations ship:
    serialized_rollback, and shipped_rows (tests/conftest.py) where that falls short, give each race its own.
    """
    test = pytest.mark.django_db(transaction=True, serialized_rollback=True)(test)
    test = pytest.mark.usefixtures("shipped_rows")(test)
    test = pytest.mark.postgres_only(test)
    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "SQLite's test database lives in shared-cache memory, where a second writer gets 'database table "
            "is locked' at once instead of waiting; the file database that SQLite deployments use queues "
            "writers and is raced by the soak test (tests/deploy/test_soak.py)"
        ),
    )(test)


@dataclass
class Outcome:
    kind: str  # "won", "stale" or "error"
    value: object = None


@dataclass
class Tally:
    races: int = 0
    lost_updates: int = 0
    outcomes: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        return f"{self.races} races of {THREADS} writers, {dict(self.outcomes)}, {self.lost_updates} lost updates"


def race(write) -> list[Outcome]:
    """Run write(i) in THREADS threads started together; each thread opens and closes its own connection."""
    barrier = threading.Barrier(THREADS)
    outcomes: list[Outcome | None] = [None] * THREADS

    def run(i: int) -> None:
        try:
            prepared = write(i)  # reads what the writer saw, before the start line
            barrier.wait(timeout=BARRIER_TIMEOUT)
            outcomes[i] = Outcome("won", prepared())
        except StaleVersion as exc:
            outcomes[i] = Outcome("stale", exc)
        except Exception as exc:  # reported by the assertions below, with the exception itself
            outcomes[i] = Outcome("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=BARRIER_TIMEOUT * 2)
    assert not any(thread.is_alive() for thread in threads), "a writer is stuck"
    return outcomes


def next_status(current: str) -> str:
    # Two statuses an editor may alternate between without citations, so every round is a legal change.
    return "not_checkable" if current == "in_review" else "in_review"


def status_writer(claim_id: int, version: int, target: str, editor):
    def write(i: int):
        seen = Claim.objects.get(pk=claim_id)
        return lambda: claim_change_status(
            claim=seen, to_status=target, rationale=f"writer {i}", by=editor, expected_version=version
        )

    return write


def edit_writer(claim_id: int, version: int, editor):
    def write(i: int):
        seen = Claim.objects.get(pk=claim_id)
        return lambda: claim_update(
            claim=seen, by=editor, expected_version=version, data={"summary": f"edit {i}"}, reason=f"Title {i}."
        )

    return write


def assert_no_errors(outcomes: list[Outcome]) -> None:
    errors = [outcome.value for outcome in outcomes if outcome.kind == "error"]
    assert errors == [], errors


def assert_one_winner(outcomes: list[Outcome]) -> int:
    assert_no_errors(outcomes)
    winners = [i for i, outcome in enumerate(outcomes) if outcome.kind == "won"]
    assert len(winners) == 1, [outcome.kind for outcome in outcomes]
    return winners[0]


@race_test
def test_status_changes_from_one_version_let_exactly_one_writer_win(claim, editor):
    tally = Tally()
    for _ in range(ROUNDS):
        before = Claim.objects.get(pk=claim.pk)
        history_before = StatusChange.objects.filter(claim=claim).count()
        target = next_status(before.status_id)

        outcomes = race(status_writer(claim.pk, before.version, target, editor))

        tally.races += 1
        tally.outcomes.update(outcome.kind for outcome in outcomes)
        winner = assert_one_winner(outcomes)
        after = Claim.objects.get(pk=claim.pk)
        new_rows = list(StatusChange.objects.filter(claim=claim, claim_version__gt=before.version))
        # The winner's change is the one stored, and it is the only one.
        if not (
            len(new_rows) == 1
            and new_rows[0].pk == outcomes[winner].value.pk
            and new_rows[0].rationale == f"writer {winner}"
            and new_rows[0].from_status_id == before.status_id
            and after.status_id == target
            and after.rationale == f"writer {winner}"
        ):
            tally.lost_updates += 1
        assert StatusChange.objects.filter(claim=claim).count() == history_before + 1
        assert after.version == before.version + 1
        for outcome in outcomes:
            if outcome.kind == "stale":
                assert outcome.value.expected == before.version
                assert outcome.value.current.version == before.version + 1

    print(f"\nstatus changes: {tally}")
    assert tally.lost_updates == 0
    assert tally.outcomes == {"won": ROUNDS, "stale": ROUNDS * (THREADS - 1)}
    assert StatusChange.objects.filter(claim=claim).count() == ROUNDS


@race_test
def test_edits_from_one_version_let_exactly_one_writer_win_and_keep_its_words(claim, editor):
    tally = Tally()
    for _ in range(ROUNDS):
        before = Claim.objects.get(pk=claim.pk)

        outcomes = race(edit_writer(claim.pk, before.version, editor))

        tally.races += 1
        tally.outcomes.update(outcome.kind for outcome in outcomes)
        winner = assert_one_winner(outcomes)
        after = Claim.objects.get(pk=claim.pk)
        if after.summary != f"edit {winner}":
            tally.lost_updates += 1
        assert after.version == before.version + 1
        # Edits leave the status and its history alone.
        assert after.status_id == before.status_id

    print(f"\nedits: {tally}")
    assert tally.lost_updates == 0
    assert tally.outcomes == {"won": ROUNDS, "stale": ROUNDS * (THREADS - 1)}
    assert not StatusChange.objects.filter(claim=claim).exists()


@race_test
def test_an_edit_racing_a_status_change_cannot_undo_it(claim, editor):
    """Half the writers edit the text, half change the status: one of them wins, and an edit that wins never
    writes back the status it read."""
    tally = Tally()
    for _ in range(ROUNDS):
        before = Claim.objects.get(pk=claim.pk)
        history_before = StatusChange.objects.filter(claim=claim).count()
        target = next_status(before.status_id)
        change = status_writer(claim.pk, before.version, target, editor)
        edit = edit_writer(claim.pk, before.version, editor)

        outcomes = race(lambda i, change=change, edit=edit: (change if i % 2 else edit)(i))

        tally.races += 1
        tally.outcomes.update(outcome.kind for outcome in outcomes)
        winner = assert_one_winner(outcomes)
        after = Claim.objects.get(pk=claim.pk)
        history_after = StatusChange.objects.filter(claim=claim).count()
        if winner % 2:  # a status change won
            kept = after.status_id == target and history_after == history_before + 1 and after.summary == before.summary
        else:
            kept = (
                after.summary == f"edit {winner}"
                and after.status_id == before.status_id
                and history_after == history_before
            )
        tally.lost_updates += not kept
        assert after.version == before.version + 1

    print(f"\nedits against status changes: {tally}")
    assert tally.lost_updates == 0
    assert tally.outcomes["won"] == ROUNDS


@race_test
def test_api_status_posts_from_one_version_get_one_200_and_the_rest_409(claim, editor):
    """The same race through HTTP: what a newsroom's scripts see."""
    token = Token.objects.create(user=editor).key
    tally = Tally()
    for _ in range(ROUNDS // 2):
        before = Claim.objects.get(pk=claim.pk)
        target = next_status(before.status_id)

        def write(i: int, version=before.version, target=target):
            client = Client(HTTP_AUTHORIZATION=f"Token {token}")
            return lambda: client.post(
                f"/api/v1/claims/{claim.pk}/status/",
                {"status": target, "rationale": f"writer {i}", "version": version},
                content_type="application/json",
            )

        outcomes = race(write)

        tally.races += 1
        assert_no_errors(outcomes)
        codes = sorted(outcome.value.status_code for outcome in outcomes)
        tally.outcomes.update(codes)
        assert codes == [200] + [409] * (THREADS - 1), codes
        winner = next(i for i, outcome in enumerate(outcomes) if outcome.value.status_code == 200)
        after = Claim.objects.get(pk=claim.pk)
        new_rows = list(StatusChange.objects.filter(claim=claim, claim_version__gt=before.version))
        tally.lost_updates += not (
            [row.rationale for row in new_rows] == [f"writer {winner}"] and after.version == before.version + 1
        )

    print(f"\nAPI status changes: {tally}")
    assert tally.lost_updates == 0
    assert StatusChange.objects.filter(claim=claim).count() == ROUNDS // 2


@race_test
def test_editors_signing_off_one_verdict_at_once_make_it_public_once(claim, editor, settings):
    """Two-person sign-off under a race: every other editor signs off the same verdict at the same instant;
    one status change is written, with one of them on it, and the rest are told it was already signed off."""
    settings.FACTCHECK_SIGNOFF_REQUIRED = True
    editors = Group.objects.get(name="editors")
    signers = []
    for i in range(THREADS):
        signer = get_user_model().objects.create_user(username=f"signer-{i}", is_staff=True)
        signer.groups.add(editors)
        signers.append(signer)
    tally = Tally()
    for n in range(ROUNDS // 2):
        pending = claim_change_status(
            claim=Claim.objects.get(pk=claim.pk), to_status="not_checkable", rationale=f"Round {n}.", by=editor
        )
        history_before = StatusChange.objects.filter(claim=claim).count()

        def sign(i: int, pending=pending):
            return lambda: verdict_sign_off(pending=pending, by=signers[i])

        outcomes = race(sign)

        tally.races += 1
        kinds = [outcome.kind for outcome in outcomes]
        tally.outcomes.update(kinds)
        assert kinds.count("won") == 1, kinds
        refused = [outcome.value for outcome in outcomes if outcome.kind == "error"]
        assert all("already signed off" in " ".join(exc.messages) for exc in refused), refused
        winner = kinds.index("won")
        rows = list(StatusChange.objects.filter(claim=claim).order_by("claim_version"))
        tally.lost_updates += not (
            len(rows) == history_before + 1
            and rows[-1].signed_off_by == signers[winner]
            and rows[-1].changed_by == editor
            and rows[-1].rationale == f"Round {n}."
        )

    print(f"\nsign-offs: {tally}")
    assert tally.lost_updates == 0
    assert StatusChange.objects.filter(claim=claim).count() == ROUNDS // 2


@pytest.mark.django_db
def test_marking_for_recheck_does_not_undo_an_edit_made_since_the_claim_was_read(claim, editor):
    read_earlier = Claim.objects.get(pk=claim.pk)
    claim_update(
        claim=Claim.objects.get(pk=claim.pk),
        by=editor,
        expected_version=claim.version,
        data={"summary": "Newer"},
        reason="A clearer title.",
    )

    claims_mark_for_recheck(claims=[read_earlier], by=editor, on=dt.date(2027, 1, 15))

    stored = Claim.objects.get(pk=claim.pk)
    assert stored.recheck_on == dt.date(2027, 1, 15)
    assert stored.summary == "Newer"
