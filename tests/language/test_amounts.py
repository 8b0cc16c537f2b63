"""Amounts, phrase by phrase, in French and in English: value, unit, qualifier, bounds and the phrase
as stated; and the phrases that must give no amount."""

from decimal import Decimal

import pytest

from claims.language.amounts import QUALIFIERS, UNITS, find_amounts

NNBSP = "\u202f"
NBSP = "\u00a0"

# (text, as_stated, value, unit, qualifier, lower, upper)
FRENCH = [
    ("300 milliards de dollars", "300 milliards de dollars", "300000000000", "USD", "exact", None, None),
    ("4,5 gigawatts", "4,5 gigawatts", "4.5", "GW", "exact", None, None),
    ("prévoit jusqu’à 4,5 gigawatts de capacité", "jusqu’à 4,5 gigawatts", "4.5", "GW", "up_to", None, "4.5"),
    ("jusqu'à 4,5 gigawatts", "jusqu'à 4,5 gigawatts", "4.5", "GW", "up_to", None, "4.5"),
    ("77 %", "77 %", "77", "%", "exact", None, None),
    ("(+77 % de revenus cloud cette année)", "+77 %", "77", "%", "exact", None, None),
    (f"+77{NNBSP}%", f"+77{NNBSP}%", "77", "%", "exact", None, None),
    ("trois cents millions", "trois cents millions", "300000000", "count", "exact", None, None),
    ("trois cents millions d'euros", "trois cents millions d'euros", "300000000", "EUR", "exact", None, None),
    ("trois cents millions de dollars", "trois cents millions de dollars", "300000000", "USD", "exact", None, None),
    ("environ 10 milliards d’euros", "environ 10 milliards d’euros", "10000000000", "EUR", "approximately", None, None),
    ("près de 500 emplois", "près de 500 emplois", "500", "jobs", "approximately", None, None),
    (
        "plus de 500 millions de dollars",
        "plus de 500 millions de dollars",
        "500000000",
        "USD",
        "more_than",
        "500000000",
        None,
    ),
    (
        "au moins 400 millions d’euros",
        "au moins 400 millions d’euros",
        "400000000",
        "EUR",
        "at_least",
        "400000000",
        None,
    ),
    (
        "une rallonge d'au moins 40 millions d'euros",
        "au moins 40 millions d'euros",
        "40000000",
        "EUR",
        "at_least",
        "40000000",
        None,
    ),
    ("moins de 15 fermetures", "moins de 15 fermetures", "15", "count", "less_than", None, "15"),
    ("moins de 200 salariés", "moins de 200 salariés", "200", "people", "less_than", None, "200"),
    ("10 milliards de dollars", "10 milliards de dollars", "10000000000", "USD", "exact", None, None),
    ("5 ans", "5 ans", "5", "year", "exact", None, None),
    ("sur 5 ans", "5 ans", "5", "year", "exact", None, None),
    ("une commande de cinq ans", "cinq ans", "5", "year", "exact", None, None),
    (f"2{NNBSP}000 emplois", f"2{NNBSP}000 emplois", "2000", "jobs", "exact", None, None),
    (f"2{NBSP}000 emplois", f"2{NBSP}000 emplois", "2000", "jobs", "exact", None, None),
    ("2 000 emplois", "2 000 emplois", "2000", "jobs", "exact", None, None),
    ("2\u2009000 emplois", "2\u2009000 emplois", "2000", "jobs", "exact", None, None),
    ("4,5 GW", "4,5 GW", "4.5", "GW", "exact", None, None),
    ("500 MW", "500 MW", "500", "MW", "exact", None, None),
    ("jusqu’à 120 MW en pointe", "jusqu’à 120 MW", "120", "MW", "up_to", None, "120"),
    ("12 TWh", "12 TWh", "12", "TWh", "exact", None, None),
    ("16 gigawattheures", "16 gigawattheures", "16", "GWh", "exact", None, None),
    ("800 mégawattheures", "800 mégawattheures", "800", "MWh", "exact", None, None),
    ("3 points de pourcentage", "3 points de pourcentage", "3", "pp", "exact", None, None),
    ("25 points de base", "25 points de base", "0.25", "pp", "exact", None, None),
    ("une hausse de 0,4 point du taux", "0,4 point", "0.4", "pp", "exact", None, None),
    ("1,2 milliard d’euros", "1,2 milliard d’euros", "1200000000", "EUR", "exact", None, None),
    ("un milliard de dollars", "un milliard de dollars", "1000000000", "USD", "exact", None, None),
    ("environ 38 M€", "environ 38 M€", "38000000", "EUR", "approximately", None, None),
    ("5 Md€", "5 Md€", "5000000000", "EUR", "exact", None, None),
    ("3 millions de livres sterling", "3 millions de livres sterling", "3000000", "GBP", "exact", None, None),
    ("20 milliards de yens", "20 milliards de yens", "20000000000", "JPY", "exact", None, None),
    ("900 millions de yuans", "900 millions de yuans", "900000000", "CNY", "exact", None, None),
    ("2 billions de dollars", "2 billions de dollars", "2000000000000", "USD", "exact", None, None),
    ("une quarantaine de boutiques", "une quarantaine de boutiques", "40", "count", "approximately", None, None),
    ("une centaine d'agents", "une centaine d'agents", "100", "people", "approximately", None, None),
    ("un an de retard", "un an", "1", "year", "exact", None, None),
    ("pendant six mois", "six mois", "6", "month", "exact", None, None),
    ("six semaines", "six semaines", "42", "day", "exact", None, None),
    ("90 000 foyers", "90 000 foyers", "90000", "homes", "exact", None, None),
    ("environ 65 000 voyageurs par jour", "environ 65 000 voyageurs", "65000", "people", "approximately", None, None),
    ("les 28 rames commandées", "28 rames", "28", "count", "exact", None, None),
    ("22 stations", "22 stations", "22", "count", "exact", None, None),
    (
        "entre 3 et 5 milliards d'euros",
        "entre 3 et 5 milliards d'euros",
        "3000000000",
        "EUR",
        "at_least",
        "3000000000",
        "5000000000",
    ),
    ("3 à 5 GW", "3 à 5 GW", "3", "GW", "at_least", "3", "5"),
    ("près de 140 000, dont la moitié", "près de 140 000", "140000", "count", "approximately", None, None),
    ("pas moins de 300 emplois", "pas moins de 300 emplois", "300", "jobs", "at_least", "300", None),
]

ENGLISH = [
    ("$4.2bn", "$4.2bn", "4200000000", "USD", "exact", None, None),
    ("a $4.2bn plant", "$4.2bn", "4200000000", "USD", "exact", None, None),
    ("1,200 jobs", "1,200 jobs", "1200", "jobs", "exact", None, None),
    ("about $300 billion", "about $300 billion", "300000000000", "USD", "approximately", None, None),
    ("roughly 2 GW", "roughly 2 GW", "2", "GW", "approximately", None, None),
    ("more than 1,000 people", "more than 1,000 people", "1000", "people", "more_than", "1000", None),
    ("at least 5%", "at least 5%", "5", "%", "at_least", "5", None),
    ("less than 3 percent", "less than 3 percent", "3", "%", "less_than", None, "3"),
    ("€3.5 million", "€3.5 million", "3500000", "EUR", "exact", None, None),
    ("£2m", "£2m", "2000000", "GBP", "exact", None, None),
    ("1.5 trillion dollars", "1.5 trillion dollars", "1500000000000", "USD", "exact", None, None),
    ("a five-year deal", "five-year", "5", "year", "exact", None, None),
    ("a 5-year contract", "5-year", "5", "year", "exact", None, None),
    ("over five years", "five years", "5", "year", "exact", None, None),
    ("up to 180 megawatts", "up to 180 megawatts", "180", "MW", "up_to", None, "180"),
    ("about 300 construction workers", "about 300 construction workers", "300", "people", "approximately", None, None),
    ("1.1 million homes", "1.1 million homes", "1100000", "homes", "exact", None, None),
    ("a reported ¥48bn", "¥48bn", "48000000000", "JPY", "exact", None, None),
    ("about 900 million yuan", "about 900 million yuan", "900000000", "CNY", "approximately", None, None),
    ("9 percentage points", "9 percentage points", "9", "pp", "exact", None, None),
    ("more than a year", "more than a year", "1", "year", "more_than", "1", None),
    ("74 turbines", "74 turbines", "74", "count", "exact", None, None),
    ("the 900 MW Cray Sands scheme", "900 MW", "900", "MW", "exact", None, None),
    ("$45m", "$45m", "45000000", "USD", "exact", None, None),
    ("as much as $600 million", "as much as $600 million", "600000000", "USD", "up_to", None, "600000000"),
    ("about 350 permanent roles", "about 350 permanent roles", "350", "jobs", "approximately", None, None),
    ("fifteen-year", "fifteen-year", "15", "year", "exact", None, None),
    ("twelve hundred jobs", "twelve hundred jobs", "1200", "jobs", "exact", None, None),
    ("between $3bn and $5bn", "between $3bn and $5bn", "3000000000", "USD", "at_least", "3000000000", "5000000000"),
    ("US$300 million", "US$300 million", "300000000", "USD", "exact", None, None),
    ("a 500-megawatt plant", "500-megawatt", "500", "MW", "exact", None, None),
    ("a million people", "a million people", "1000000", "people", "exact", None, None),
    ("2 million pounds", "2 million pounds", "2000000", "GBP", "exact", None, None),
    ("some 500 jobs", "some 500 jobs", "500", "jobs", "approximately", None, None),
    ("no more than 10%", "no more than 10%", "10", "%", "up_to", None, "10"),
    ("25 basis points", "25 basis points", "0.25", "pp", "exact", None, None),
    ("2.5m people", "2.5m people", "2500000", "people", "exact", None, None),
    ("ten years", "ten years", "10", "year", "exact", None, None),
    ("nearly 40 percent", "nearly 40 percent", "40", "%", "approximately", None, None),
    ("12 TWh", "12 TWh", "12", "TWh", "exact", None, None),
    ("500 MW", "500 MW", "500", "MW", "exact", None, None),
    ("fewer than 200 employees", "fewer than 200 employees", "200", "people", "less_than", None, "200"),
]

NOTHING_FR = [
    "des milliers d'emplois",
    "des millions de personnes",
    "en 2027",
    "démarre en 2027",
    "le 12 mars",
    "le 12 mars 2025",
    "au premier trimestre 2028",
    "T3 2025",
    "il y a 5 ans",
    "âgé de 45 ans",
    "14 kilomètres",
    "45 hectares",
    "moins de 400 000 mètres cubes",
    "deux usines",
    "les deux entreprises",
    "500 millions de dollars canadiens",
    "le 3e trimestre",
    "au 1er janvier 2026",
    "trois fois moins cher",
    "un contrat",
    "5 000 kWh",
]

NOTHING_EN = [
    "thousands of jobs",
    "millions of dollars",
    "in 2027",
    "by 2028",
    "Q1",
    "Q3 2025",
    "H2 2026",
    "September 10, 2025",
    "10 September 2025",
    "five years ago",
    "a 5-year-old boy",
    "two people briefed on the deal",
    "three production lines",
    "2 million gallons of water",
    "250 metres tall",
    "200 pounds of steel",
    "500 million Canadian dollars",
    "C$5m",
    "the 1990s",
    "one of the largest",
    "COVID-19",
    "the A380",
]


def _check(text, language, as_stated, value, unit, qualifier, lower, upper):
    amounts = find_amounts(text, language)
    assert len(amounts) == 1, amounts
    amount = amounts[0]
    assert amount.as_stated == as_stated == text[amount.start : amount.end]
    assert amount.value == Decimal(value)
    assert (amount.unit, amount.qualifier) == (unit, qualifier)
    assert amount.lower_bound == (Decimal(lower) if lower else None)
    assert amount.upper_bound == (Decimal(upper) if upper else None)


@pytest.mark.parametrize(("text", "as_stated", "value", "unit", "qualifier", "lower", "upper"), FRENCH)
def test_french_amount(text, as_stated, value, unit, qualifier, lower, upper):
    _check(text, "fr", as_stated, value, unit, qualifier, lower, upper)


@pytest.mark.parametrize(("text", "as_stated", "value", "unit", "qualifier", "lower", "upper"), ENGLISH)
def test_english_amount(text, as_stated, value, unit, qualifier, lower, upper):
    _check(text, "en", as_stated, value, unit, qualifier, lower, upper)


@pytest.mark.parametrize("text", NOTHING_FR)
def test_french_phrase_without_amount(text):
    assert find_amounts(text, "fr") == []


@pytest.mark.parametrize("text", NOTHING_EN)
def test_english_phrase_without_amount(text):
    assert find_amounts(text, "en") == []


def test_four_comma_five_reads_by_language():
    assert find_amounts("4,5 GW", "fr")[0].value == Decimal("4.5")
    assert find_amounts("1,200 jobs", "en")[0].value == Decimal("1200")


@pytest.mark.parametrize(
    ("text", "language", "measure"),
    [
        ("un contrat de 300 milliards de dollars", "fr", "contract value"),
        ("un plan de 500 milliards de dollars d’investissements", "fr", "investment"),
        ("(+77 % de revenus cloud cette année)", "fr", "revenue growth"),
        ("jusqu’à 4,5 gigawatts de capacité data center", "fr", "data center capacity"),
        ("une commande ferme de cinq ans", "fr", "term"),
        ("sur 5 ans", "fr", "term"),
        ("a five-year power purchase agreement", "en", "term"),
        ("a 25% stake", "en", "stake"),
        ("1,200 jobs", "en", "jobs"),
        ("a €3.5 million grant", "en", "subsidy"),
        ("avec un an de retard", "fr", "delay"),
        ("1 500 salariés", "fr", "employees"),
        ("300 dollars", "en", "amount"),
    ],
)
def test_measure(text, language, measure):
    assert find_amounts(text, language)[0].measure == measure


def test_every_amount_satisfies_the_database_rules():
    text = (
        "Jusqu’à 4,5 GW, plus de 500 millions de dollars, au moins 3 %, moins de 200 salariés, environ 10 "
        "milliards d’euros, entre 3 et 5 milliards d'euros, 25 points de base, six semaines."
    )
    amounts = find_amounts(text, "fr")
    assert len(amounts) == 8
    for amount in amounts:
        assert amount.unit in UNITS and amount.qualifier in QUALIFIERS
        assert amount.value >= 0
        if amount.qualifier in ("up_to", "less_than"):
            assert amount.upper_bound is not None and amount.upper_bound >= amount.value
        if amount.qualifier in ("at_least", "more_than"):
            assert amount.lower_bound is not None and amount.lower_bound <= amount.value
        if amount.upper_bound is not None:
            assert amount.upper_bound >= amount.value
        assert amount.measure


def test_offsets_in_a_longer_text():
    text = "OpenAI préparerait aussi un contrat à 10 milliards de dollars avec Broadcom."
    (amount,) = find_amounts(text, "fr")
    assert text[amount.start : amount.end] == "10 milliards de dollars"
    assert amount.value == Decimal("10000000000")
