"""The fixtures that ship with the app: the seed article and its claims, checked against the article's text,
the seed file and the reference sheet (where the sheet is present, as in CI)."""

import datetime as dt
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import Max

from claims.bulk.claims_file.loader import load_claims
from claims.models import Article, Citation, Claim, DateMention, Quantity, StatusChange

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
SEED_FILE = FIXTURES / "000_openai_oracle_stargate.json"
SHEET = REPO.parent / "shared" / "reference" / "article-claims-sources.md"
SEED_ARTICLE = REPO.parent / "shared" / "seeds" / "000_fe2c85f6eb524c41.txt"
ARTICLE_DAY = dt.date(2025, 9, 11)


def reference_text(path: Path, what: str) -> str:
    """A reference file from ../shared/. Missing: a failure under CI (which always lays shared/ beside the
    clone, so a missing file there means the checks below would pass without checking anything), a skip
    with the reason elsewhere."""
    if path.exists():
        return path.read_text(encoding="utf-8")
    message = f"{what} not found at {path}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}: CI must check against it, not skip")
    pytest.skip(f"{message}: not checked here")


def sheet_text() -> str:
    return reference_text(SHEET, "Reference sheet (citation addresses and quotes)")


def status_on(claim: Claim, day: dt.date) -> str:
    """The claim's status at the end of `day` (UTC), read from its history: what was known then."""
    end_of_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    last = claim.history.filter(effective_at__lt=end_of_day).order_by("-claim_version").first()
    return last.to_status_id if last else "unverified"


def addresses(citation: Citation) -> list[str]:
    """Every address a citation shows: its own, its archived copy's, and any copy named in its note."""
    found = [citation.url] + ([citation.archived_url] if citation.archived_url else [])
    return found + re.findall(r"https?://[^\s)]+", citation.access_note)


def full_dump() -> dict[str, list[dict]]:
    """Every row of every table, ordered by primary key."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """Load the fixtures once for this module, inside a transaction rolled back at its end: validation runs
    one query per check constraint, and loading the whole article for every test would take minutes."""
    with django_db_blocker.unblock(), transaction.atomic():
        results = load_claims([FIXTURES])
        yield results
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    # Each test runs in a savepoint inside the module's transaction (pytest-django's `db`).
    return _seeded_once, Article.objects.get(slug="openai-oracle-stargate")


def test_the_fixtures_load_the_seed_article_with_at_least_thirteen_published_claims(seeded):
    results, article = seeded
    assert [r.file for r in results] == [str(SEED_FILE)]
    assert article.title == (
        "OpenAI signe un contrat record de 300 milliards de dollars avec Oracle pour le Project Stargate"
    )
    assert (article.language, article.published_on, article.publisher, article.url) == ("fr", ARTICLE_DAY, None, "")
    claims = article.claims.all()
    assert claims.count() >= 13
    assert set(claims.values_list("visibility", flat=True)) == {Claim.Visibility.PUBLISHED}
    assert results[0].claims == results[0].claims_new == claims.count()


def test_the_article_text_is_the_seed_body_verbatim(seeded):
    _, article = seeded
    assert article.text.startswith("C\u2019est officiel : OpenAI a sign\u00e9 avec Oracle")
    assert article.text.endswith("la course \u00e0 l\u2019intelligence artificielle.")
    seed = reference_text(SEED_ARTICLE, "Seed article (the text compared)")
    assert article.text in seed
    assert seed.endswith(article.text)


def test_every_claim_passage_stands_at_its_offsets(seeded):
    _, article = seeded
    for claim in article.claims.all():
        assert article.text[claim.start : claim.end] == claim.text, claim.slug


def test_every_hedge_attribution_and_stated_amount_is_worded_as_in_the_article(seeded):
    _, article = seeded
    for claim in article.claims.all():
        for words in (claim.uncertainty_as_stated, claim.attribution_as_stated):
            assert words in article.text, (claim.slug, words)
    for row in [*Quantity.objects.all(), *DateMention.objects.all()]:
        assert row.as_stated in row.claim.text, (row.claim.slug, row.as_stated)


def test_the_quantities_and_dates_carry_the_stated_units_bounds_and_precision(seeded):
    # The amount's claim carries the term too, so that its page reads "about $300 billion over about 5 years".
    deal = Claim.objects.get(slug="oracle-openai-contract-300-billion")
    assert deal.text.endswith("300 milliards de dollars sur 5 ans")
    assert [(q.measure, q.value, q.unit, q.qualifier, q.as_stated) for q in deal.quantities.order_by("position")] == [
        ("contract value", 300_000_000_000, "USD", "approximately", "300 milliards de dollars"),
        ("contract term", 5, "year", "approximately", "5 ans"),
    ]
    term = Quantity.objects.get(claim__slug="oracle-openai-contract-five-years")
    assert (term.value, term.unit, term.qualifier) == (5, "year", "approximately")
    capacity = Quantity.objects.get(claim__slug="oracle-openai-up-to-4-5-gigawatts")
    assert (capacity.unit, capacity.qualifier, capacity.upper_bound, capacity.lower_bound) == (
        "GW",
        "up_to",
        capacity.value,
        None,
    )
    assert str(capacity.value.normalize()) == "4.5"
    announced = DateMention.objects.get(claim__slug="stargate-announced-early-2025-softbank-mgx")
    assert (announced.precision, announced.value, announced.as_stated) == ("early_year", "2025", "d\u00e9but 2025")
    starts = DateMention.objects.get(claim__slug="oracle-openai-partnership-starts-2027")
    assert (starts.role, starts.precision, starts.value) == ("starts", "year", "2027")


def test_the_wsj_paragraph_is_attributed_to_the_wsj_and_its_anonymous_sources(seeded):
    amount = Claim.objects.get(slug="oracle-openai-contract-300-billion")
    assert amount.attributed_to.slug == "wsj"
    assert amount.attribution_basis == "people familiar with the matter"
    starts = Claim.objects.get(slug="oracle-openai-partnership-starts-2027")
    assert (starts.attributed_to.slug, starts.attribution_as_stated) == ("wsj", "Selon le Wall Street Journal")
    assert starts.checkability == Claim.Checkability.CHECKABLE_LATER and starts.recheck_on


def test_every_citation_address_is_in_the_reference_sheet(seeded):
    sheet = sheet_text()
    for citation in Citation.objects.select_related("claim"):
        for address in addresses(citation):
            assert address in sheet, (citation.claim.slug, address)


def test_every_citation_title_and_date_comes_from_the_reference_sheet(seeded):
    sheet = sheet_text()
    for citation in Citation.objects.all():
        # A headline the sheet does not give is described, and says so; it is never rebuilt from an address.
        assert citation.title in sheet or citation.title.endswith("(title not recorded)"), citation.title
        if citation.published_on:
            assert citation.published_on.isoformat() in sheet, (citation.url, citation.published_on)


def test_every_quoted_passage_is_word_for_word_in_the_reference_sheet(seeded):
    sheet = sheet_text()
    quoted = Citation.objects.exclude(quote="")
    assert quoted.count() >= 30
    for citation in quoted:
        for passage in citation.quote.split("\n"):
            assert passage in sheet, (citation.claim.slug, passage)


def test_pages_known_only_by_address_carry_no_quote_and_copies_say_where_they_were_read(seeded):
    assert not Citation.objects.filter(access=Citation.Access.ADDRESS_ONLY).exclude(quote="").exists()
    assert Citation.objects.filter(access=Citation.Access.ADDRESS_ONLY).count() >= 7
    for citation in Citation.objects.filter(access=Citation.Access.READ_IN_COPY):
        assert citation.access_note, citation.url
    openai_post = Citation.objects.filter(url="https://openai.com/index/five-new-stargate-sites/").first()
    assert openai_post.access == Citation.Access.READ_IN_COPY
    assert "it-online.co.za" in openai_post.access_note


def test_every_status_change_relies_only_on_evidence_published_by_then(seeded):
    for change in StatusChange.objects.prefetch_related("citations"):
        for citation in change.citations.all():
            assert citation.published_on is None or citation.published_on <= change.effective_at.date(), (
                change.claim.slug,
                citation.url,
            )


def test_the_broadcom_order_was_reported_then_denied_then_given_to_another_customer(seeded):
    claim = Claim.objects.get(slug="openai-broadcom-10-billion-contract")
    steps = [(c.effective_at.date(), c.to_status_id) for c in claim.history.order_by("claim_version")]
    # Reported on 2025-09-05, but rated from the article's date: the claim did not exist before it.
    assert steps == [
        (ARTICLE_DAY, "unverifiable_yet"),
        (dt.date(2025, 10, 13), "misleading"),
        (dt.date(2025, 12, 11), "misleading"),
    ]
    assert claim.uncertainty == Claim.Uncertainty.REPORTED and claim.uncertainty_as_stated == "pr\u00e9parerait"
    last = claim.history.order_by("claim_version").last()
    assert "Anthropic" in last.rationale
    assert {c.url for c in last.citations.all()} >= {
        "https://www.cnbc.com/2025/12/11/broadcom-reveals-its-mystery-10-billion-customer-is-anthropic.html"
    }


@pytest.mark.parametrize(
    ("slug", "on_article_day", "now"),
    [
        ("oracle-openai-contract-300-billion", "unverifiable_yet", "accurate"),
        ("oracle-openai-one-of-largest-cloud-contracts", "unverifiable_yet", "accurate"),
        ("openai-broadcom-10-billion-contract", "unverifiable_yet", "misleading"),
        # Claim 9: everything that qualifies it was known by 2025-09-11, so the verdict does not move.
        ("ellison-richest-person", "mostly_accurate", "mostly_accurate"),
    ],
)
def test_the_history_says_what_was_known_on_the_article_date_and_what_is_known_now(seeded, slug, on_article_day, now):
    claim = Claim.objects.get(slug=slug)
    assert status_on(claim, ARTICLE_DAY) == on_article_day
    assert claim.status_id == now == status_on(claim, dt.date.today())


def test_each_part_of_the_energy_sentence_gets_its_own_checkability_and_verdict(seeded):
    energy, renewables, antitrust = (
        Claim.objects.get(slug=slug)
        for slug in (
            "stargate-gigawatts-energy-footprint",
            "stargate-needs-renewable-investment",
            "oracle-openai-antitrust-attention",
        )
    )
    assert (energy.checkability, energy.status_id) == ("checkable_now", "accurate")
    assert (renewables.checkability, renewables.status_id) == ("not_checkable", "not_checkable")
    assert (antitrust.checkability, antitrust.status_id) == ("checkable_later", "unverifiable_yet")
    assert antitrust.recheck_on and (antitrust.uncertainty, antitrust.uncertainty_as_stated) == (
        "speculation",
        "pourrait",
    )


def test_no_history_step_takes_effect_before_its_article_was_published(seeded):
    changes = StatusChange.objects.select_related("claim__article")
    assert changes.count() >= 30
    for change in changes:
        published = dt.datetime.combine(change.claim.article.published_on, dt.time(), tzinfo=dt.UTC)
        assert change.effective_at >= published, (change.claim.slug, change.claim_version, change.effective_at)
    first_steps = {c.history.order_by("claim_version").first().effective_at.date() for c in Claim.objects.all()}
    assert min(first_steps) == ARTICLE_DAY


def test_every_step_relying_on_an_undated_page_says_so_and_a_verdict_on_one_is_dated_or_provisional(seeded):
    relying_on_undated = 0
    for change in StatusChange.objects.select_related("to_status").prefetch_related("citations"):
        cited = list(change.citations.all())
        undated = [c.url for c in cited if c.published_on is None]
        if not undated:
            continue
        relying_on_undated += 1
        assert "undated" in change.rationale, (change.claim.slug, change.claim_version, undated)
        if change.to_status.normalized in ("true", "false", "mixture"):
            dated = [c for c in cited if c.published_on and c.published_on <= change.effective_at.date()]
            assert dated or "provisional" in change.rationale.lower(), (change.claim.slug, change.claim_version)
    assert relying_on_undated >= 10
    # The start in 2027 is known on the article's date only from undated secondary reports.
    starts = Claim.objects.get(slug="oracle-openai-partnership-starts-2027").history.get()
    assert starts.rationale.startswith("Provisional")


def test_the_stargate_link_is_read_from_the_same_undated_page_on_the_article_date_as_elsewhere(seeded):
    techspot = "https://www.techspot.com/news/109418-openai-turns-oracle-historic-300-billion-cloud-partnership.html"
    claim = Claim.objects.get(slug="oracle-openai-contract-for-stargate")
    first, confirmed = claim.history.order_by("claim_version")
    assert (first.effective_at.date(), first.to_status_id) == (ARTICLE_DAY, "unverifiable_yet")
    assert techspot in {c.url for c in first.citations.all()}
    assert (confirmed.effective_at.date(), confirmed.to_status_id) == (dt.date(2025, 9, 23), "accurate")
    assert {c.url for c in confirmed.citations.all()} == {"https://openai.com/index/five-new-stargate-sites/"}
    # Every step citing that page cites it on the article's date, not later.
    days = {s.effective_at.date() for s in StatusChange.objects.filter(citations__url=techspot)}
    assert days == {ARTICLE_DAY}


def test_a_page_with_no_recorded_passage_is_context_and_no_step_relies_on_it(seeded):
    fortune = Citation.objects.get(url__startswith="https://fortune.com/2025/01/21/stargate-ai-")
    assert (fortune.quote, fortune.stance) == ("", Citation.Stance.CONTEXT)
    assert not StatusChange.objects.filter(citations=fortune).exists()


def test_mirrored_copies_name_the_original_publisher_and_the_host(seeded):
    mirrors = Citation.objects.filter(access_note__startswith="mirrored copy of")
    assert {urlsplit(c.url).hostname for c in mirrors} == {
        "trades.jamespan.tech",
        "cosmopolitancanada.com",
        "newsio.com",
    }
    for citation in mirrors:
        host = urlsplit(citation.url).hostname.removeprefix("www.")
        assert citation.publisher.endswith(f" (mirrored at {host})"), (citation.claim.slug, citation.publisher)
    assert set(Citation.objects.filter(url__contains="trades.jamespan.tech").values_list("publisher", flat=True)) == {
        "Barron\u2019s (mirrored at trades.jamespan.tech)"
    }


def test_the_stepped_broadcom_rationales_cite_what_they_say(seeded):
    first = Claim.objects.get(slug="openai-broadcom-10-billion-contract").history.order_by("claim_version").first()
    # Only TechSpot's undated page names OpenAI as the buyer; the dated Reuters report does not name it.
    assert {c.url for c in first.citations.all()} == {
        "https://www.channelnewsasia.com/business/openai-set-start-mass-production-its-own-ai-chips-broadcom-2026-ft-reports-5333796",
        "https://www.techspot.com/news/109363-openai-turns-broadcom-10-billion-custom-ai-chips.html",
    }
    assert "An undated TechSpot page" in first.rationale and "2025-09-05" in first.rationale


def test_every_true_false_or_mixture_verdict_relies_on_a_citation_and_every_change_has_a_rationale(seeded):
    for change in StatusChange.objects.select_related("to_status").prefetch_related("citations"):
        assert change.rationale.strip()
        if change.to_status.normalized != "other":
            assert change.citations.exists(), change.claim.slug


def test_loading_the_fixtures_twice_changes_nothing(seeded):
    before = full_dump()
    versions = dict(Claim.objects.values_list("slug", "version"))
    history = StatusChange.objects.count()

    results = load_claims([FIXTURES])

    assert full_dump() == before
    assert dict(Claim.objects.values_list("slug", "version")) == versions
    assert StatusChange.objects.count() == history
    assert [r.changed for r in results] == [False]
    assert results[0].summary().endswith(": nothing changed")


def test_each_claim_version_counts_its_status_changes(seeded):
    # A new claim starts at version 1 and every status change raises it by one.
    for claim in Claim.objects.annotate(last=Max("history__claim_version")):
        assert claim.version == claim.last == 1 + claim.history.count(), claim.slug


def test_the_fixture_file_is_well_formed_json_with_one_article():
    document = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    assert document["format"] == "factcheck.claims/1"
    assert document["article"]["publisher"] is None
    assert {c["article"] for c in document["claims"]} == {document["article"]["slug"]}


def test_a_missing_reference_file_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must check against it"):
        reference_text(tmp_path / "gone.md", "Reference sheet")


def test_a_missing_reference_file_skips_with_its_reason_elsewhere(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="gone.md"):
        reference_text(tmp_path / "gone.md", "Reference sheet")


def test_the_reference_files_are_there_under_ci():
    if os.environ.get("CI", "").lower() != "true":
        pytest.skip("checked under CI, where ../shared/ is always laid beside the clone")
    assert SHEET.exists() and SEED_ARTICLE.exists()
