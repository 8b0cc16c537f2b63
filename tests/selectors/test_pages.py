"""The reader pages' selectors: a claim fetched for its page in a fixed number of queries, with a history
that says its status at the end of any day."""

import datetime as dt

from claims.selectors import pages as selectors
from tests.factories import ClaimFactory, change_status


def test_a_claim_knows_its_status_at_the_end_of_any_day(newsroom, django_assert_num_queries):
    amount = newsroom["claims"]["amount"]  # in review at 09:00 on 11 September, accurate on 23 September
    late = dt.datetime(2025, 9, 30, 23, 30, tzinfo=dt.UTC)
    change_status(amount, "misleading", "Late-night denial.", citations=[amount.citations.first()], effective_at=late)
    with django_assert_num_queries(7):
        claim = selectors.claim_for_page("amount")
    with django_assert_num_queries(0):  # the history is prefetched with its statuses
        on = {day: claim.status_on(dt.date(2025, 9, day)).code for day in (10, 11, 22, 23, 29, 30)}
    assert on == {
        10: "unverified",  # before the first change: what it left
        11: "in_review",
        22: "in_review",
        23: "accurate",
        29: "accurate",
        30: "misleading",  # a change at 23:30 is in force at the end of its day
    }
    never = ClaimFactory(article=newsroom["article"], text="C’est officiel", slug="never-reviewed", published=True)
    assert never.status_on(dt.date(2025, 9, 11)).code == "unverified"
