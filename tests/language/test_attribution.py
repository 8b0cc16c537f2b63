"""Attributions, phrase by phrase, in French and in English, and matching to known sources."""

import pytest

from claims.language.attribution import KnownSource, find_attributions, match_source

SOURCES = (
    KnownSource("wsj", ("The Wall Street Journal", "Wall Street Journal", "WSJ")),
    KnownSource("reuters", ("Reuters",)),
    KnownSource("oracle", ("Oracle",)),
    KnownSource("sam-altman", ("Sam Altman",)),
    KnownSource("bloomberg", ("Bloomberg",)),
    KnownSource("ecolorve", ("L’Écho de la Lorve",)),
)

# (text, as_stated, source_name, basis, source_key)
FRENCH = [
    (
        "Selon le Wall Street Journal, ce partenariat démarre en 2027.",
        "Selon le Wall Street Journal",
        "Wall Street Journal",
        "",
        "wsj",
    ),
    ("D'après Reuters, le contrat est signé.", "D'après Reuters", "Reuters", "", "reuters"),
    ("d’après Reuters, le contrat est signé.", "d’après Reuters", "Reuters", "", "reuters"),
    ("« Nous sommes prêts », a indiqué Sam Altman.", "a indiqué Sam Altman", "Sam Altman", "", "sam-altman"),
    ("Le contrat est signé, a déclaré le PDG d'Oracle.", "a déclaré le PDG d'Oracle", "le PDG d'Oracle", "", "oracle"),
    ("Le contrat est signé, a affirmé Oracle.", "a affirmé Oracle", "Oracle", "", "oracle"),
    ("Le groupe, rapporte Reuters, vendrait.", "rapporte Reuters", "Reuters", "", "reuters"),
    (
        "selon des sources proches du dossier, le groupe vendrait.",
        "selon des sources proches du dossier",
        None,
        "des sources proches du dossier",
        None,
    ),
    ("OpenAI a indiqué que le contrat était signé.", "OpenAI a indiqué", "OpenAI", "", None),
    (
        "Le Wall Street Journal affirme que le contrat est signé.",
        "Le Wall Street Journal affirme",
        "Wall Street Journal",
        "",
        "wsj",
    ),
    (
        "L’investissement atteint 1,2 milliard, a indiqué la directrice générale de l’entreprise, Hélène Marchetti.",
        "a indiqué la directrice générale de l’entreprise, Hélène Marchetti",
        "Hélène Marchetti",
        "",
        None,
    ),
    (
        "D’après le quotidien régional L’Écho de la Lorve, la société lèverait des fonds.",
        "D’après le quotidien régional L’Écho de la Lorve",
        "L’Écho de la Lorve",
        "",
        "ecolorve",
    ),
    (
        "Le taux reculerait, estime le cabinet Orvane Conseil dans une étude.",
        "estime le cabinet Orvane Conseil",
        "Orvane Conseil",
        "",
        None,
    ),
    ("C’est, selon lui, le plus gros investissement.", "selon lui", "lui", "", None),
    (
        "Selon l'étude d'impact, la ligne transportera 65 000 voyageurs.",
        "Selon l'étude d'impact",
        "l'étude d'impact",
        "",
        None,
    ),
]

ENGLISH = [
    (
        "According to people familiar with the matter, the company is negotiating.",
        "According to people familiar with the matter",
        None,
        "people familiar with the matter",
        None,
    ),
    ("Corvane will build a plant, the company said on Monday.", "the company said", "the company", "", None),
    ("Bloomberg reported that the deal was done.", "Bloomberg reported", "Bloomberg", "", "bloomberg"),
    ("The deal was done, Bloomberg reported.", "Bloomberg reported", "Bloomberg", "", "bloomberg"),
    (
        "The deal is worth $300bn, according to The Wall Street Journal.",
        "according to The Wall Street Journal",
        "Wall Street Journal",
        "",
        "wsj",
    ),
    ("Sam Altman told Reuters the deal was done.", "Sam Altman told", "Sam Altman", "", "sam-altman"),
    (
        "Oracle's chief executive said it was done.",
        "Oracle's chief executive said",
        "Oracle's chief executive",
        "",
        "oracle",
    ),
    (
        "Its chief executive, Dana Whitcombe, told analysts in July that it grows.",
        "Its chief executive, Dana Whitcombe, told",
        "Dana Whitcombe",
        "",
        None,
    ),
    ('"We have heard it before," said Ray Dunleavy, who runs a store.', "said Ray Dunleavy", "Ray Dunleavy", "", None),
    ("The wastewater plant may need an expansion, officials said.", "officials said", "officials", "", None),
    (
        "Two people briefed on the talks said the price was high.",
        "Two people briefed on the talks said",
        None,
        "Two people briefed on the talks",
        None,
    ),
    (
        "A person familiar with the matter said the talks stalled.",
        "A person familiar with the matter said",
        None,
        "A person familiar with the matter",
        None,
    ),
    (
        "The Journal reported, citing people familiar with the matter, that talks stalled.",
        "The Journal reported",
        "Journal",
        "people familiar with the matter",
        None,
    ),
    ("On Monday Corvane said it would.", "Corvane said", "Corvane", "", None),
    (
        "Sources close to the company said it would sell.",
        "Sources close to the company said",
        None,
        "Sources close to the company",
        None,
    ),
]


def _check(text, language, as_stated, source_name, basis, key):
    attributions = find_attributions(text, language, sources=SOURCES)
    assert len(attributions) == 1, attributions
    a = attributions[0]
    assert a.as_stated == as_stated == text[a.start : a.end]
    assert (a.source_name, a.basis, a.source_key) == (source_name, basis, key)


@pytest.mark.parametrize(("text", "as_stated", "source_name", "basis", "key"), FRENCH)
def test_french_attribution(text, as_stated, source_name, basis, key):
    _check(text, "fr", as_stated, source_name, basis, key)


@pytest.mark.parametrize(("text", "as_stated", "source_name", "basis", "key"), ENGLISH)
def test_english_attribution(text, as_stated, source_name, basis, key):
    _check(text, "en", as_stated, source_name, basis, key)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le prix varie selon les cas.", "fr"),
        ("Le groupe a annoncé un contrat record.", "fr"),
        ("Le contrat sera signé en 2027.", "fr"),
        ("Revenue rose 22% last year.", "en"),
        ("The plant will open in 2027.", "en"),
    ],
)
def test_no_attribution(text, language):
    assert find_attributions(text, language, sources=SOURCES) == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Wall Street Journal", "wsj"),
        ("the Wall Street Journal", "wsj"),
        ("le Wall Street Journal", "wsj"),
        ("WALL STREET JOURNAL", "wsj"),
        ("Wall Stret Journal", "wsj"),  # a typo: rapidfuzz ratio 97
        ("WSJ", "wsj"),
        ("l'Écho de la Lorve", "ecolorve"),
        ("L'Echo de la Lorve", "ecolorve"),
        ("Oracle", "oracle"),
        ("Journal", None),  # part of a name is a weak guess
        ("Wall Street", None),
        ("Oracl", None),  # names under 8 letters are matched exactly or not at all
        ("Reuter", None),
        ("Blomberg", "bloomberg"),
        ("Financial Times", None),
        ("", None),
        (None, None),
    ],
)
def test_match_source(name, key):
    assert match_source(name, SOURCES) == key


def test_ambiguous_fuzzy_match_is_no_match():
    sources = (KnownSource("a", ("Northwake Energy",)), KnownSource("b", ("Northwake Energie",)))
    assert match_source("Northwake Energi", sources) is None
    assert match_source("Northwake Energy", sources) == "a"
