"""Sentence splitting: exact offsets, abbreviations, decimals, quotes, ellipses, paragraphs, headings."""

import pytest

from claims.language.sentences import split_sentences


def _split(text, language="fr"):
    spans = split_sentences(text, language)
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "M. Dupont a signé. Le contrat vaut 4,5 milliards. Il démarre en 2027.",
            "fr",
            ["M. Dupont a signé.", "Le contrat vaut 4,5 milliards.", "Il démarre en 2027."],
        ),
        ("Mr. Smith agreed. Dr. Jones did not.", "en", ["Mr. Smith agreed.", "Dr. Jones did not."]),
        (
            "The U.S. Department of Energy said so. In the U.S. The company grew.",
            "en",
            ["The U.S. Department of Energy said so.", "In the U.S.", "The company grew."],
        ),
        ("Revenue rose 4.5% to $2.9bn. Shares fell.", "en", ["Revenue rose 4.5% to $2.9bn.", "Shares fell."]),
        (
            "Il vend des pommes, des poires, etc. et des fraises. Fin.",
            "fr",
            ["Il vend des pommes, des poires, etc. et des fraises.", "Fin."],
        ),
        ("Il vend des pommes, etc. Le lendemain, rien.", "fr", ["Il vend des pommes, etc.", "Le lendemain, rien."]),
        (
            "« C’est historique. Nous sommes prêts », a déclaré M. Martin. Puis il est parti.",
            "fr",
            ["« C’est historique. Nous sommes prêts », a déclaré M. Martin.", "Puis il est parti."],
        ),
        (
            "«\u202fC’est fini\u202f!\u202f» Le public applaudit.",
            "fr",
            ["«\u202fC’est fini\u202f!\u202f»", "Le public applaudit."],
        ),
        ("Attendez… Voilà. Et puis... non, rien. Bon.", "fr", ["Attendez…", "Voilà.", "Et puis... non, rien.", "Bon."]),
        ("Est-ce la fin\u202f? Non.", "fr", ["Est-ce la fin\u202f?", "Non."]),
        (
            '"We have heard big promises before," said Ray. "I will believe it." Then he left.',
            "en",
            ['"We have heard big promises before," said Ray.', '"I will believe it."', "Then he left."],
        ),
        ("Sept. 10 was the day. It rained.", "en", ["Sept. 10 was the day.", "It rained."]),
        ("J. Smith and U.K. officials met. The end.", "en", ["J. Smith and U.K. officials met.", "The end."]),
        ("Acme Inc. The company grew.", "en", ["Acme Inc.", "The company grew."]),
        ("Acme Inc. Holdings grew.", "en", ["Acme Inc. Holdings grew."]),
    ],
)
def test_split(text, language, expected):
    assert _split(text, language) == expected


def test_a_blank_line_always_ends_a_sentence():
    assert _split("Une phrase sans point\n\nUne autre phrase.") == ["Une phrase sans point", "Une autre phrase."]


def test_a_heading_line_is_its_own_sentence():
    text = "Project Stargate: de la science-fiction à la réalité\nAnnoncé début 2025, le projet avance."
    assert _split(text) == [
        "Project Stargate: de la science-fiction à la réalité",
        "Annoncé début 2025, le projet avance.",
    ]


def test_a_hard_wrapped_line_is_joined():
    text = "Le contrat porte sur\nplusieurs années. Il est signé."
    assert _split(text) == ["Le contrat porte sur\nplusieurs années.", "Il est signé."]


def test_offsets_with_no_break_spaces_and_leading_space():
    text = "  Le taux atteint 11,4\u202f% fin 2024. Il recule.  "
    spans = split_sentences(text, "fr")
    assert [text[s:e] for s, e in spans] == ["Le taux atteint 11,4\u202f% fin 2024.", "Il recule."]
    assert spans[0][0] == 2


def test_shipped_article():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "fixtures/articles/openai-oracle-stargate.txt").read_text(
        encoding="utf-8"
    )
    sentences = _split(text)
    assert len(sentences) == 19
    assert sentences[5] == "Project Stargate: de la science-fiction à la réalité"
    assert sentences[2].startswith("Selon le Wall Street Journal") and sentences[2].endswith("grandes villes.")


def test_empty_text():
    assert split_sentences("", "fr") == []
    assert split_sentences(" \n\n ", "en") == []
