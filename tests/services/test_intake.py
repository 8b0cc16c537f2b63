"""Taking an article in: its text or its saved page, its language, its candidate claims stored with what a
claim of each would hold; bad input refused naming the field, with nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims.models import Article, Candidate, Claim, Quantity, Source
from claims.services.intake import article_intake
from tests.factories import SEED_TEXT, SourceFactory

DAY = dt.date(2025, 9, 11)
PAGE = """<!doctype html><html lang="fr"><head><title>OpenAI et Oracle</title>
<meta property="article:published_time" content="2025-09-11T08:00:00Z">
<link rel="canonical" href="https://news.example/openai-oracle"></head>
<body><nav>Accueil Économie Tech</nav><script>document.write("ne pas lire")</script>
<article><h1>OpenAI et Oracle</h1>{paragraphs}</article><footer>Tous droits réservés</footer></body></html>"""


def page_of(text: str) -> str:
    return PAGE.format(paragraphs="".join(f"<p>{p}</p>" for p in text.split("\n\n")))


def test_a_pasted_article_is_stored_with_its_language_detected_and_its_candidates_found(editor):
    article = article_intake(by=editor, title="OpenAI et Oracle", published_on=DAY, text=SEED_TEXT)
    assert article.language == "fr" and article.text == SEED_TEXT and article.created_by == editor
    candidates = list(article.candidates.order_by("start"))
    assert len(candidates) >= 5
    assert all(SEED_TEXT[c.start : c.end] == c.text and c.status == Candidate.Status.OPEN for c in candidates)
    money = next(c for c in candidates if "300 milliards" in c.text)
    assert money.proposal["quantities"][0] == {
        "measure": "contract value",
        "value": "300000000000",
        "unit": "USD",
        "lower_bound": None,
        "upper_bound": None,
        "qualifier": "exact",
        "as_stated": "300 milliards de dollars",
    }
    assert any("amount" in reason for reason in money.reasons) and Decimal("0") < money.score <= 1


def test_a_bound_a_date_an_attribution_and_a_hedge_are_proposed_as_a_claim_holds_them(editor):
    wsj = SourceFactory(slug="wsj", name="The Wall Street Journal")
    article = article_intake(by=editor, title="OpenAI et Oracle", published_on=DAY, text=SEED_TEXT)
    starts = next(c for c in article.candidates.all() if "démarre en 2027" in c.text)
    assert starts.proposal["dates"] == [
        {"role": "starts", "precision": "year", "year": 2027, "month": None, "day": None, "as_stated": "en 2027"}
    ]
    assert starts.proposal["attribution_as_stated"] == "Selon le Wall Street Journal"
    assert starts.proposal["attributed_to"] == wsj.pk
    assert starts.proposal["checkability"] == "checkable_later" and starts.proposal["recheck_on"] == "2028-01-01"
    capacity = next(c for c in article.candidates.all() if "4,5 gigawatts" in c.text)
    (quantity,) = capacity.proposal["quantities"]
    assert (quantity["qualifier"], quantity["value"], quantity["upper_bound"]) == ("up_to", "4.5", "4.5")
    assert (capacity.proposal["uncertainty"], capacity.proposal["uncertainty_as_stated"]) == ("bound", "jusqu’à")
    broadcom = next(c for c in article.candidates.all() if "Broadcom" in c.text)
    assert (broadcom.proposal["uncertainty"], broadcom.proposal["uncertainty_as_stated"]) == ("reported", "préparerait")


def test_known_sources_named_in_a_passage_are_proposed_as_what_it_is_about(editor):
    openai = SourceFactory(slug="openai", name="OpenAI", kind=Source.Kind.COMPANY)
    oracle = SourceFactory(slug="oracle", name="Oracle", kind=Source.Kind.COMPANY)
    SourceFactory(slug="wsj", name="The Wall Street Journal")
    article = article_intake(by=editor, title="OpenAI et Oracle", published_on=DAY, text=SEED_TEXT)
    first = article.candidates.order_by("start").first()
    assert "OpenAI a signé avec Oracle" in first.text
    assert first.proposal["entities"] == sorted([openai.pk, oracle.pk])


def test_a_saved_page_gives_its_main_text_title_date_and_address(editor):
    article = article_intake(by=editor, html=page_of(SEED_TEXT))
    assert article.text == SEED_TEXT  # no menu, no script, no footer, no repeated headline
    assert (article.title, article.published_on, article.url) == (
        "OpenAI et Oracle",
        DAY,
        "https://news.example/openai-oracle",
    )
    assert article.candidates.exists()


def test_an_english_article_is_read_with_english_rules(editor):
    text = (
        "Northwind Energy said on Tuesday it would invest up to $4.2bn in a battery plant by 2028.\n\n"
        "The plant is expected to employ 1,200 people, according to people familiar with the matter."
    )
    article = article_intake(by=editor, title="Northwind plant", published_on=DAY, text=text)
    assert article.language == "en"
    invest = next(c for c in article.candidates.all() if "$4.2bn" in c.text)
    assert invest.proposal["quantities"][0]["value"] == "4200000000"
    assert invest.proposal["quantities"][0]["qualifier"] == "up_to"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"text": ""}, "text", "Paste the article's text"),
        ({"text": "   \n "}, "text", "Paste the article's text"),
        ({"text": SEED_TEXT, "html": "<p>x</p>"}, "html", "one of the two"),
        ({"text": "x" * 200_001}, "text", "at most 200,000"),
        ({"text": "Un texte\x00binaire"}, "text", "NUL"),
        ({"html": "<html>\x01\x02\x03\x04\x05\x06\x07\x08</html>" * 3}, "html", "control characters"),
        ({"html": "<html><body><script>alert(1)</script></body></html>"}, "html", "No article text"),
        ({"text": SEED_TEXT, "language": "de"}, "language", "not one of them"),
        ({"text": "12 34 56 78 90"}, "language", "Could not tell"),
        ({"text": SEED_TEXT, "title": ""}, "title", "title"),
        ({"text": SEED_TEXT, "published_on": None}, "published_on", "date"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(editor, fields, field, message):
    arguments = {"title": "OpenAI et Oracle", "published_on": DAY, **fields}
    with pytest.raises(ValidationError) as refused:
        article_intake(by=editor, **arguments)
    assert field in refused.value.message_dict
    assert message in " ".join(refused.value.message_dict[field])
    assert not Article.objects.exists() and not Candidate.objects.exists()


def test_titles_make_unique_slugs(editor):
    first = article_intake(by=editor, title="OpenAI et Oracle", published_on=DAY, text=SEED_TEXT)
    second = article_intake(by=editor, title="OpenAI et Oracle", published_on=DAY, text=SEED_TEXT)
    assert (first.slug, second.slug) == ("openai-et-oracle", "openai-et-oracle-2")


def test_every_proposed_quantity_and_date_is_one_the_database_accepts(editor):
    article = article_intake(by=editor, title="OpenAI et Oracle", published_on=DAY, text=SEED_TEXT)
    for candidate in article.candidates.all():
        for item in candidate.proposal["quantities"]:
            values = {
                k: Decimal(v) if k in ("value", "lower_bound", "upper_bound") and v else v for k, v in item.items()
            }
            Quantity(claim=Claim(pk=1), **values).full_clean(exclude=["claim"])
