"""Dates, phrase by phrase, in French and in English: precision, parts, role, span of days, and the
year chosen for dates stated without one."""

import datetime as dt

import pytest

from claims.language.dates import PRECISIONS, ROLES, find_dates

REFERENCE = dt.date(2025, 9, 11)  # the shipped article's publication day, a Thursday

# (text, as_stated, precision, year, month, day, role)
FRENCH = [
    ("Annoncé début 2025 avec SoftBank", "début 2025", "early_year", 2025, None, None, "announced"),
    ("au premier trimestre 2028", "au premier trimestre 2028", "quarter", 2028, 1, None, "period"),
    ("fin 2030", "fin 2030", "late_year", 2030, None, None, "period"),
    ("mi-2026", "mi-2026", "mid_year", 2026, None, None, "period"),
    ("vers la mi-2027", "vers la mi-2027", "mid_year", 2027, None, None, "period"),
    ("d'ici 2030", "d'ici 2030", "year", 2030, None, None, "ends"),
    ("d’ici 2030", "d’ici 2030", "year", 2030, None, None, "ends"),
    ("jusqu'en 2030", "jusqu'en 2030", "year", 2030, None, None, "ends"),
    ("le 12 mars 2025", "le 12 mars 2025", "day", 2025, 3, 12, "event"),
    ("en février 2026", "en février 2026", "month", 2026, 2, None, "event"),
    ("en 2027", "en 2027", "year", 2027, None, None, "period"),
    ("ce partenariat démarre en 2027", "en 2027", "year", 2027, None, None, "starts"),
    ("à partir de 2029", "à partir de 2029", "year", 2029, None, None, "starts"),
    ("au troisième trimestre 2025", "au troisième trimestre 2025", "quarter", 2025, 7, None, "period"),
    ("au troisième trimestre", "au troisième trimestre", "quarter", 2025, 7, None, "period"),
    ("T3 2025", "T3 2025", "quarter", 2025, 7, None, "period"),
    ("au second semestre 2026", "au second semestre 2026", "half", 2026, 7, None, "period"),
    ("cette année", "cette année", "year", 2025, None, None, "period"),
    ("l'an prochain", "l'an prochain", "year", 2026, None, None, "period"),
    ("l’année prochaine", "l’année prochaine", "year", 2026, None, None, "period"),
    ("l'an dernier", "l'an dernier", "year", 2024, None, None, "period"),
    ("jusqu'à la fin de l’année", "jusqu'à la fin de l’année", "late_year", 2025, None, None, "ends"),
    ("en début d'année", "en début d'année", "early_year", 2025, None, None, "period"),
    ("au 1er janvier 2026", "au 1er janvier 2026", "day", 2026, 1, 1, "event"),
    ("dès septembre", "dès septembre", "month", 2025, 9, None, "starts"),
    ("de 2025 à 2030", "de 2025", "year", 2025, None, None, "starts"),
    ("12/03/2025", "12/03/2025", "day", 2025, 3, 12, "event"),
    ("courant 2026", "courant 2026", "year", 2026, None, None, "period"),
    ("le mois prochain", "le mois prochain", "month", 2025, 10, None, "event"),
    ("hier", "hier", "day", 2025, 9, 10, "event"),
    ("Voltaria a confirmé mercredi le choix", "mercredi", "day", 2025, 9, 10, "announced"),
    ("fondée en 2019", "en 2019", "year", 2019, None, None, "period"),
]

ENGLISH = [
    ("second half of 2026", "second half of 2026", "half", 2026, 7, None, "period"),
    ("in the second half of 2026", "in the second half of 2026", "half", 2026, 7, None, "period"),
    ("H2 2026", "H2 2026", "half", 2026, 7, None, "period"),
    ("by 2028", "by 2028", "year", 2028, None, None, "ends"),
    ("until 2040", "until 2040", "year", 2040, None, None, "ends"),
    ("in February", "in February", "month", 2026, 2, None, "event"),
    ("September 10, 2025", "September 10, 2025", "day", 2025, 9, 10, "event"),
    ("10 September 2025", "10 September 2025", "day", 2025, 9, 10, "event"),
    ("on September 10th, 2024", "on September 10th, 2024", "day", 2024, 9, 10, "event"),
    ("Q3 2025", "Q3 2025", "quarter", 2025, 7, None, "period"),
    ("in Q1 2027", "in Q1 2027", "quarter", 2027, 1, None, "period"),
    ("the fourth quarter of 2025", "the fourth quarter of 2025", "quarter", 2025, 10, None, "period"),
    ("next year", "next year", "year", 2026, None, None, "period"),
    ("last year", "last year", "year", 2024, None, None, "period"),
    ("this year", "this year", "year", 2025, None, None, "period"),
    ("in early 2023", "in early 2023", "early_year", 2023, None, None, "period"),
    ("late 2030", "late 2030", "late_year", 2030, None, None, "period"),
    ("by mid-2026", "by mid-2026", "mid_year", 2026, None, None, "ends"),
    ("by the end of the year", "by the end of the year", "late_year", 2025, None, None, "ends"),
    ("by the end of 2029", "by the end of 2029", "late_year", 2029, None, None, "ends"),
    ("the company said on Monday", "on Monday", "day", 2025, 9, 8, "announced"),
    ("in May 2026", "in May 2026", "month", 2026, 5, None, "event"),
    ("since January", "since January", "month", 2025, 1, None, "starts"),
    ("construction will start in March", "in March", "month", 2026, 3, None, "starts"),
    ("lawmakers approved it in March", "in March", "month", 2025, 3, None, "event"),
    ("between 2025 and 2030", "between 2025", "year", 2025, None, None, "starts"),
    ("2025-03-12", "2025-03-12", "day", 2025, 3, 12, "event"),
    ("the plant was announced in 2024", "in 2024", "year", 2024, None, None, "announced"),
]


def _check(text, language, as_stated, precision, year, month, day, role):
    dates = find_dates(text, language, reference=REFERENCE)
    assert dates, text
    date = dates[0]
    assert date.as_stated == as_stated == text[date.start : date.end]
    assert (date.precision, date.year, date.month, date.day) == (precision, year, month, day)
    assert date.role == role


@pytest.mark.parametrize(("text", "as_stated", "precision", "year", "month", "day", "role"), FRENCH)
def test_french_date(text, as_stated, precision, year, month, day, role):
    _check(text, "fr", as_stated, precision, year, month, day, role)


@pytest.mark.parametrize(("text", "as_stated", "precision", "year", "month", "day", "role"), ENGLISH)
def test_english_date(text, as_stated, precision, year, month, day, role):
    _check(text, "en", as_stated, precision, year, month, day, role)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("300 milliards de dollars", "fr"),
        ("2 000 emplois", "fr"),
        ("pour 2000 emplois", "fr"),
        ("le 31 février", "fr"),
        ("mars est une planète", "fr"),
        ("the company may build", "en"),
        ("$2,027 million", "en"),
        ("in the second half", "en"),
        ("1,200 jobs", "en"),
    ],
)
def test_phrase_without_date(text, language):
    assert find_dates(text, language, reference=REFERENCE) == []


def test_a_range_gives_a_start_and_an_end():
    start, end = find_dates("de 2025 à 2030", "fr", reference=REFERENCE)
    assert (start.year, start.role, end.year, end.role, end.as_stated) == (2025, "starts", 2030, "ends", "2030")


@pytest.mark.parametrize(
    ("text", "language", "reference", "value"),
    [
        # Nearest: 12 March 2026 is 182 days after 11 September 2025, 12 March 2025 is 183 days before.
        ("le 12 mars", "fr", dt.date(2025, 9, 11), "2026-03-12"),
        ("le 12 mars", "fr", dt.date(2025, 6, 1), "2025-03-12"),
        ("Le conseil a voté le 12 mars.", "fr", dt.date(2025, 9, 11), "2025-03-12"),
        ("Le chantier démarrera le 12 mars.", "fr", dt.date(2025, 1, 5), "2025-03-12"),
        ("in February", "en", dt.date(2025, 11, 4), "2026-02"),
        ("Sales fell in February", "en", dt.date(2025, 11, 4), "2025-02"),
        ("The fund will train technicians starting in September", "en", dt.date(2025, 11, 4), "2026-09"),
        ("au troisième trimestre", "fr", dt.date(2025, 6, 20), "2025-Q3"),
        ("le 29 février", "fr", dt.date(2025, 1, 1), "2024-02-29"),
        ("the report came out on Tuesday", "en", dt.date(2025, 11, 4), "2025-11-04"),
        ("talks resume next Tuesday", "en", dt.date(2025, 11, 4), "2025-11-11"),
        ("lundi prochain", "fr", dt.date(2025, 9, 11), "2025-09-15"),
    ],
)
def test_year_and_day_chosen_from_the_reference(text, language, reference, value):
    (date,) = find_dates(text, language, reference=reference)
    assert date.value == value


@pytest.mark.parametrize(
    ("text", "language", "first", "last"),
    [
        ("début 2025", "fr", "2025-01-01", "2025-04-30"),
        ("mi-2026", "fr", "2026-05-01", "2026-08-31"),
        ("fin 2030", "fr", "2030-09-01", "2030-12-31"),
        ("H2 2026", "en", "2026-07-01", "2026-12-31"),
        ("Q1 2028", "en", "2028-01-01", "2028-03-31"),
        ("en février 2028", "fr", "2028-02-01", "2028-02-29"),
        ("en 2027", "fr", "2027-01-01", "2027-12-31"),
        ("le 12 mars 2025", "fr", "2025-03-12", "2025-03-12"),
    ],
)
def test_span_of_days(text, language, first, last):
    (date,) = find_dates(text, language, reference=REFERENCE)
    assert (date.first_day.isoformat(), date.last_day.isoformat()) == (first, last)


def test_parts_match_precision_for_every_date_found():
    text = (
        "Annoncé début 2025, le projet démarre au premier trimestre 2028, au second semestre 2026, en février "
        "2026, le 12 mars 2025, mi-2026, fin 2030, en 2027, cette année, le 3 juin."
    )
    dates = find_dates(text, "fr", reference=REFERENCE)
    assert len(dates) == 10
    for date in dates:
        assert date.precision in PRECISIONS and date.role in ROLES
        assert date.as_stated == text[date.start : date.end]
        if date.precision == "day":
            assert date.month and date.day
        elif date.precision == "month":
            assert date.month and date.day is None
        elif date.precision == "quarter":
            assert date.month in (1, 4, 7, 10) and date.day is None
        elif date.precision == "half":
            assert date.month in (1, 7) and date.day is None
        else:
            assert date.month is None and date.day is None
        assert date.first_day <= date.last_day


def test_value_format():
    values = [
        d.value
        for d in find_dates("Q3 2025, H2 2026, le 3 juin 2025, en mai 2025, fin 2030", "fr", reference=REFERENCE)
    ]
    assert values == ["2025-Q3", "2026-H2", "2025-06-03", "2025-05", "2030"]
