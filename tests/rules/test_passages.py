"""A passage is found in its article through the typographic variants a copy from another tab or a keyboard
brings (straight or curly apostrophes and quotes, guillemets, no-break spaces), and stored with the
article's own characters."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from claims.rules.validation import locate_passage

TEXT = (
    "Selon le Wall Street Journal, ce partenariat démarre en 2027 et prévoit jusqu’à 4,5 gigawatts.\n\n"
    "Larry Ellison a déclaré\u00a0: «\u202fc’est un contrat historique\u202f». Le contrat démarre en 2027."
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("jusqu’à 4,5 gigawatts", "jusqu’à 4,5 gigawatts"),
        ("jusqu'à 4,5 gigawatts", "jusqu’à 4,5 gigawatts"),
        ("jusqu`à 4,5 gigawatts", "jusqu’à 4,5 gigawatts"),
        ('déclaré : "c\'est un contrat historique"', "déclaré\u00a0: «\u202fc’est un contrat historique\u202f»"),
        ("déclaré\u00a0: « c'est un contrat historique »", "déclaré\u00a0: «\u202fc’est un contrat historique\u202f»"),
        ("Selon le  Wall Street\u00a0Journal", "Selon le Wall Street Journal"),
        ("  prévoit jusqu'à 4,5 gigawatts ", "prévoit jusqu’à 4,5 gigawatts"),
    ],
)
def test_a_passage_typed_with_other_quotes_or_spaces_is_found_and_stored_as_the_article_has_it(typed, stored):
    start, end = locate_passage(TEXT, typed)
    assert TEXT[start:end] == stored


def test_an_exact_passage_is_found_where_it_stands():
    start, end = locate_passage(TEXT, "ce partenariat démarre en 2027")
    assert TEXT[start:end] == "ce partenariat démarre en 2027" and start == TEXT.index("ce partenariat")


def test_a_passage_that_is_not_there_is_refused_whatever_its_quotes():
    with pytest.raises(ValidationError, match="does not occur"):
        locate_passage(TEXT, "jusqu'à 5 gigawatts")


def test_a_passage_of_blanks_is_refused():
    with pytest.raises(ValidationError, match="cannot be empty"):
        locate_passage(TEXT, " \u00a0 ")


def test_a_repeated_passage_needs_the_offset_of_one_of_its_occurrences():
    second = TEXT.rindex("démarre en 2027")
    assert locate_passage(TEXT, "démarre en 2027", second) == (second, second + len("démarre en 2027"))
    with pytest.raises(ValidationError, match="more than once"):
        locate_passage(TEXT, "démarre en 2027", 3)


def test_a_stale_offset_of_a_passage_found_once_is_corrected():
    start, end = locate_passage(TEXT, "jusqu'à 4,5 gigawatts", 0)
    assert TEXT[start:end] == "jusqu’à 4,5 gigawatts"
