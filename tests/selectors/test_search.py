"""Full-text search over claims. Every test runs unchanged on SQLite (FTS5) and on PostgreSQL (GIN
index), so passing on both shows the same data gives the same results."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.models import Claim
from claims.selectors.search import MAX_WORDS, fold_words, query_words, search_claims
from claims.services.claims import claim_update
from tests.factories import ArticleFactory, ClaimFactory


@pytest.fixture
def claims(db):
    article = ArticleFactory()
    return {
        "amount": ClaimFactory(
            article=article,
            text="D’un montant astronomique de 300 milliards de dollars sur 5 ans",
            slug="amount",
            published=True,
            text_en="An astronomical amount of 300 billion dollars over 5 years",
            summary="$300 billion over five years",
        ),
        "start": ClaimFactory(
            article=article,
            text="ce partenariat démarre en 2027 et prévoit jusqu’à 4,5 gigawatts de capacité",
            slug="start",
            published=True,
            text_en="the partnership starts in 2027 and provides for up to 4.5 gigawatts of capacity",
        ),
        "broadcom": ClaimFactory(
            article=article,
            text="OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom",
            slug="broadcom",
            published=True,
            text_en="OpenAI is reportedly preparing a 10 billion dollar contract with Broadcom",
            summary="A $10 billion Broadcom contract",
        ),
        "stargate": ClaimFactory(
            article=article,
            text="Project Stargate est un plan massif de 500 milliards de dollars d’investissements dans des "
            "infrastructures IA basées aux États-Unis",
            slug="stargate",
            published=True,
            text_en="Project Stargate is a massive 500 billion dollar plan of AI infrastructure in the United States",
        ),
    }


def found(query: str) -> set[str]:
    return set(search_claims(Claim.objects.all(), query).values_list("slug", flat=True))


def test_a_word_as_stated_finds_the_claims_that_contain_it(claims):
    assert found("Broadcom") == {"broadcom"}
    assert found("milliards") == {"amount", "broadcom", "stargate"}


def test_a_word_of_the_english_rendering_or_the_summary_finds_its_claim(claims):
    assert found("partnership") == {"start"}
    assert found("astronomical") == {"amount"}
    assert found("five") == {"amount"}  # only in the summary


def test_several_words_must_all_occur_in_any_of_the_fields(claims):
    assert found("contrat Broadcom") == {"broadcom"}
    assert found("milliards United") == {"stargate"}  # one word as stated, one in English
    assert found("Broadcom Stargate") == set()


def test_case_and_diacritics_do_not_matter_either_way(claims):
    for query in ("démarre", "demarre", "DÉMARRE", "Demarré"):
        assert found(query) == {"start"}, query
    assert found("etats-unis") == {"stargate"}
    assert found("ÉTATS") == {"stargate"}
    assert found("basees") == {"stargate"}


def test_a_word_finds_the_longer_words_it_begins(claims):
    assert found("gigawatt") == {"start"}
    assert found("milliard") == {"amount", "broadcom", "stargate"}
    assert found("infrastructure") == {"stargate"}  # "infrastructures"
    assert found("watts") == set()  # a prefix, never the middle of a word


def test_apostrophes_and_decimal_commas_separate_words_like_the_text_does(claims):
    # Typographic and typewriter apostrophes are the same separator: "jusqu’à" is "jusqu" + "à".
    assert found("jusqu’à") == {"start"}
    assert found("jusqu'a") == {"start"}
    assert found("4,5 gigawatts") == {"start"}
    assert found("4.5 gigawatts") == {"start"}


def test_a_query_without_words_returns_the_queryset_unchanged(claims):
    queryset = Claim.objects.filter(slug__in=["amount", "start"])
    for query in ("", "   ", "\t\n", "''", "-- ; */", None):
        assert search_claims(queryset, query) is queryset


EVERY = {"amount", "start", "broadcom", "stargate"}


@pytest.mark.parametrize(
    "query,expected",
    [
        ('"', EVERY),  # no word at all: the queryset unchanged
        ('"Broadcom', {"broadcom"}),
        ("Broadcom\"'", {"broadcom"}),
        ("NEAR(Broadcom contrat)", set()),  # "near" is a word every claim lacks
        ("Broadcom OR Oracle", set()),
        ("NOT Broadcom", set()),
        ("text_en:Broadcom", set()),  # the words "text", "en" and "broadcom"
        ("^Broadcom*", {"broadcom"}),
        ("Broadcom\x00", {"broadcom"}),
        ("\x00", EVERY),
        ("'); DROP TABLE claims_claim; --", set()),
        ("Broadcom & | ! <-> :* ()", {"broadcom"}),
        ("a" * 5000, set()),
        ("é" * 200 + " Broadcom", set()),  # the long word, cut to 64 letters, begins no word
    ],
)
def test_hostile_input_is_read_as_plain_words_and_never_raises(claims, query, expected):
    assert set(claims) == EVERY
    assert found(query) == expected
    assert Claim.objects.count() == len(EVERY)  # nothing in a query ran as SQL


def test_operators_are_words_not_syntax(claims):
    # "OR" is the word "or" (a prefix of nothing in these claims), not a disjunction.
    assert found("Broadcom OR Oracle") == set()
    assert found("Broadcom NOT") == set()
    assert query_words("NEAR(Broadcom, 2)") == ["near", "broadcom", "2"]


def test_query_words_fold_and_cut_as_documented():
    assert query_words("L’Été 2027 : jusqu’à 4,5 GW !") == ["l", "ete", "2027", "jusqu", "a", "4", "5", "gw"]
    assert query_words("ÉTATS-UNIS états_unis") == ["etats", "unis"]
    assert query_words("x\x00y") == ["x", "y"]
    assert len(query_words(" ".join(f"w{i}" for i in range(100)))) == MAX_WORDS


def test_the_result_is_a_queryset_that_combines_with_filters_and_counts(claims):
    drafted = ClaimFactory(article=claims["broadcom"].article, text="Selon le Wall Street Journal", slug="draft")
    assert drafted.pk
    result = search_claims(Claim.objects.published(), "Wall Street Broadcom")
    assert result.count() == 0
    assert search_claims(Claim.objects.all(), "Wall Street").get().slug == "draft"
    assert list(
        search_claims(Claim.objects.published(), "milliards").order_by("slug").values_list("slug", flat=True)
    ) == [
        "amount",
        "broadcom",
        "stargate",
    ]


def test_the_index_follows_edits_and_deletions(claims, editor):
    claim = claims["amount"]
    claim_update(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        data={"text_en": "A colossal sum", "summary": "Colossal"},
        reason="A plainer rendering.",
    )
    assert found("colossal") == {"amount"}
    assert found("astronomical") == set()
    assert found("astronomique") == {"amount"}  # the words as stated are unchanged
    claims["broadcom"].delete()  # never reviewed, so it has no history protecting it
    assert found("Broadcom") == set()


def test_the_database_cuts_and_folds_words_as_the_query_does(db):
    """The index's own words for a text full of traps equal the query's words for the same text."""
    text = "L’ÉTÉ «Œuvre» Ångström naïve façade—São-Paulo 4,5GW $300bn Straße İstanbul Ωμέγα Ёлка ĳssel ſ µ"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT lexeme FROM unnest(claims_search_document(%s, '', ''))", [text])
        else:
            cursor.execute(
                "CREATE VIRTUAL TABLE temp.fold_probe USING fts5(a, tokenize='unicode61 remove_diacritics 2')"
            )
            cursor.execute("CREATE VIRTUAL TABLE temp.fold_probe_words USING fts5vocab(temp, fold_probe, 'row')")
            cursor.execute("INSERT INTO temp.fold_probe(a) VALUES (%s)", [text])
            cursor.execute("SELECT term FROM temp.fold_probe_words")
        database_words = {row[0] for row in cursor.fetchall()}
    assert database_words == set(fold_words(text))
    assert len(database_words) > MAX_WORDS


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only")
def test_postgresql_answers_the_search_from_the_gin_index(claims):
    queryset = search_claims(Claim.objects.all(), "Broadcom")
    with connection.cursor() as cursor:
        # With four rows a sequential scan (or a walk of another index, filtering each row) is cheaper;
        # forbid both, leaving the bitmap scan that a GIN index serves, to show the index matches the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()
    assert "claims_claim_search_document" in plan
