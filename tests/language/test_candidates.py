"""Candidate claims: which passages are proposed, what they carry, their uncertainty and checkability."""

import datetime as dt
import json
from pathlib import Path

import pytest

from claims.choices import ClaimCheckability, ClaimUncertainty
from claims.language.amounts import QUALIFIERS, UNITS, find_amounts
from claims.language.attribution import KnownSource, find_attributions
from claims.language.candidates import DEFAULT_MIN_SCORE, UNCERTAINTY_ORDER, find_candidates
from claims.language.dates import PRECISIONS, find_dates
from claims.language.hedges import find_hedges
from claims.rules.validation import MAX_AMOUNT, check_date_parts, check_quantity

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_TEXT = (ROOT / "fixtures/articles/openai-oracle-stargate.txt").read_text(encoding="utf-8")
PUBLISHED = dt.date(2025, 9, 11)
SOURCES = (KnownSource("wsj", ("The Wall Street Journal",)), KnownSource("broadcom", ("Broadcom",)))


def _corpus():
    articles = [("fr", PUBLISHED, SHIPPED_TEXT)]
    for path in sorted((ROOT / "bench/intake_corpus").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / doc["article"]).read_text(encoding="utf-8")
        articles.append((doc["language"], dt.date.fromisoformat(doc["published_on"]), text))
    return articles


@pytest.fixture(scope="module")
def shipped():
    return find_candidates(SHIPPED_TEXT, language="fr", published_on=PUBLISHED, sources=SOURCES)


def _by_start(candidates, prefix):
    matches = [c for c in candidates if c.text.startswith(prefix)]
    assert len(matches) == 1, [c.text[:60] for c in candidates]
    return matches[0]


def test_a_sentence_joining_two_claims_is_split_at_et(shipped):
    left = _by_start(shipped, "Selon le Wall Street Journal")
    right = _by_start(shipped, "prévoit jusqu’à 4,5 gigawatts")
    assert left.text == "Selon le Wall Street Journal, ce partenariat démarre en 2027"
    assert [(d.as_stated, d.role, d.value) for d in left.dates] == [("en 2027", "starts", "2027")]
    assert left.attribution.source_key == "wsj" and left.attribution.source_name == "Wall Street Journal"
    assert (left.uncertainty, left.uncertainty_as_stated) == ("attribution", "Selon")
    assert (left.checkability, left.recheck_on) == ("checkable_later", dt.date(2028, 1, 1))
    assert [(a.as_stated, a.unit, a.qualifier) for a in right.amounts] == [("jusqu’à 4,5 gigawatts", "GW", "up_to")]
    assert right.attribution == left.attribution  # the attribution covers both clauses
    assert (right.uncertainty, right.uncertainty_as_stated) == ("bound", "jusqu’à")
    assert right.checkability == "checkable_now" and right.recheck_on is None


def test_a_reported_contract(shipped):
    candidate = _by_start(shipped, "En parallèle, OpenAI préparerait")
    assert (candidate.uncertainty, candidate.uncertainty_as_stated) == ("reported", "préparerait")
    (amount,) = candidate.amounts
    assert (amount.as_stated, str(amount.value), amount.unit, amount.measure) == (
        "10 milliards de dollars", "10000000000", "USD", "contract value",
    )  # fmt: skip
    assert any(r.startswith("states an amount (10 milliards de dollars)") for r in candidate.reasons)
    assert any(r.startswith("names an organisation or person") and "Broadcom" in r for r in candidate.reasons)


def test_doubt_and_superlatives_are_check_worthy(shipped):
    doubt = _by_start(shipped, "Enfin, des incertitudes subsistent")
    assert (doubt.uncertainty, doubt.uncertainty_as_stated) == ("doubt", "des incertitudes subsistent")
    record = _by_start(shipped, "C’est officiel : OpenAI a signé")
    assert any(r.startswith("record or superlative") for r in record.reasons)


def test_headings_opinion_and_questions_are_left_out(shipped):
    texts = [c.text for c in shipped]
    assert not any(t.startswith(("Project Stargate:", "Défis et controverses", "Si l’accord marque")) for t in texts)
    assert not any(t.startswith(("Avec ce partenariat", "Le projet Stargate ne se contente")) for t in texts)
    question = find_candidates(
        "Qui peut encore croire aux promesses\u202f? Personne.", language="fr", published_on=PUBLISHED
    )
    assert question == []


def test_all_sentences_with_min_score_zero():
    text = "Titre\n\nOracle a signé un contrat de 300 milliards de dollars. Est-ce raisonnable ?"
    candidates = find_candidates(text, language="fr", published_on=PUBLISHED, min_score=0)
    assert [c.text for c in candidates] == [
        "Titre",
        "Oracle a signé un contrat de 300 milliards de dollars.",
        "Est-ce raisonnable ?",
    ]
    assert "heading" in candidates[0].reasons and "question" in candidates[2].reasons
    assert candidates[1].score > DEFAULT_MIN_SCORE > candidates[0].score


@pytest.mark.parametrize(
    ("text", "language", "checkability", "recheck_on"),
    [
        ("L’usine entrera en production au premier trimestre 2027.", "fr", "checkable_later", dt.date(2027, 4, 1)),
        ("Le chantier démarrera mi-2026.", "fr", "checkable_later", dt.date(2026, 9, 1)),
        ("The plant is expected to create 1,200 jobs.", "en", "checkable_later", dt.date(2026, 9, 11)),
        ("The plant created 1,200 jobs in 2024.", "en", "checkable_now", None),
        ("Frankly, it could all go wrong.", "en", "not_checkable", None),
        ("Le pari est audacieux et il pourrait échouer.", "fr", "not_checkable", None),
    ],
)
def test_checkability(text, language, checkability, recheck_on):
    (candidate,) = find_candidates(text, language=language, published_on=PUBLISHED, min_score=0)
    assert (candidate.checkability, candidate.recheck_on) == (checkability, recheck_on)


def test_a_forecast_made_on_29_february_is_rechecked_on_28_february():
    (candidate,) = find_candidates(
        "The plant will create 1,200 jobs.", language="en", published_on=dt.date(2024, 2, 29)
    )
    assert candidate.recheck_on == dt.date(2025, 2, 28)


def test_english_article_sentence_with_two_claims():
    text = (
        "Several developers have walked away from contracts in the past two years, and one rival project, "
        "the 900 MW Cray Sands scheme, was cancelled in July."
    )
    left, right = find_candidates(text, language="en", published_on=dt.date(2025, 11, 4))
    assert left.text == "Several developers have walked away from contracts in the past two years"
    assert right.text.startswith("one rival project") and right.text.endswith("in July.")
    assert [d.value for d in right.dates] == ["2025-07"]
    assert [a.as_stated for a in right.amounts] == ["900 MW"]


def test_a_list_of_names_is_not_split():
    text = "Annoncé début 2025 avec SoftBank et MGX, Project Stargate est un plan de 500 milliards de dollars."
    (candidate,) = find_candidates(text, language="fr", published_on=PUBLISHED)
    assert candidate.text == text


def test_no_comment_boilerplate_is_left_out():
    text = "Halvern declined to comment. Voltaria n’a pas souhaité commenter ces informations."
    assert find_candidates(text, language="en", published_on=PUBLISHED) == []
    assert find_candidates(text, language="fr", published_on=PUBLISHED) == []


def test_attribution_alone_does_not_make_a_claim():
    assert find_candidates("Northwake insists its numbers add up.", language="en", published_on=PUBLISHED) == []


def test_unknown_language_is_read_as_english():
    (candidate,) = find_candidates("The plant created 1,200 jobs in 2024.", language="de", published_on=PUBLISHED)
    assert candidate.amounts[0].unit == "jobs"


@pytest.mark.parametrize(("language", "published_on", "text"), _corpus())
def test_every_offset_is_exact_and_every_value_is_storable(language, published_on, text):
    candidates = find_candidates(text, language=language, published_on=published_on, min_score=0)
    assert candidates
    for c in candidates:
        assert c.text == text[c.start : c.end] and c.text.strip() == c.text
        assert 0 <= c.score <= 1 and c.reasons
        assert c.uncertainty in ClaimUncertainty.values
        assert (c.uncertainty == ClaimUncertainty.NONE) == (c.uncertainty_as_stated == "")
        assert c.checkability in ClaimCheckability.values
        assert (c.checkability == ClaimCheckability.CHECKABLE_LATER) == (c.recheck_on is not None)
        for item in (*c.amounts, *c.dates, *c.hedges):
            assert text[item.start : item.end] == item.as_stated
    for amount in find_amounts(text, language):
        assert amount.as_stated == text[amount.start : amount.end]
        assert amount.unit in UNITS and amount.qualifier in QUALIFIERS and amount.value <= MAX_AMOUNT
        # The database's own rules: non-negative, bounds around the value, the bound each qualifier needs.
        check_quantity(
            value=amount.value,
            unit=amount.unit,
            lower_bound=amount.lower_bound,
            upper_bound=amount.upper_bound,
            qualifier=amount.qualifier,
        )
    for date in find_dates(text, language, reference=published_on):
        assert date.as_stated == text[date.start : date.end] and date.precision in PRECISIONS
        assert 1800 <= date.year <= 2200
        check_date_parts(date.precision, date.year, date.month, date.day)
    for attribution in find_attributions(text, language):
        assert attribution.as_stated == text[attribution.start : attribution.end]
    for hedge in find_hedges(text, language):
        assert hedge.as_stated == text[hedge.start : hedge.end]


def test_uncertainty_order_ranks_every_uncertainty_of_the_database_once():
    assert sorted(UNCERTAINTY_ORDER) == sorted(set(ClaimUncertainty.values) - {ClaimUncertainty.NONE})
