"""Language detection."""

import pytest

from claims.language.detect import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selon le Wall Street Journal, ce partenariat démarre en 2027 et prévoit jusqu’à 4,5 gigawatts.", "fr"),
        ("La métropole a annoncé que la ligne coûterait finalement 612 millions d'euros.", "fr"),
        ("The company said on Monday it would build a $4.2bn plant in the county.", "en"),
        ("Northwake Renewables has secured financing for its offshore wind farm.", "en"),
        ("Die Firma hat heute einen neuen Vertrag mit der Stadt unterschrieben.", "de"),
    ],
)
def test_detects(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "OpenAI", "2027", "$4.2bn 2027", "Oracle MGX"])
def test_too_short_to_judge(text):
    assert detect_language(text) is None
