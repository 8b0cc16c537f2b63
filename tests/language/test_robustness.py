"""Any text, however odd: no extractor raises, and every offset points at the words it reports."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.language.amounts import find_amounts
from claims.language.attribution import KnownSource, find_attributions
from claims.language.candidates import find_candidates
from claims.language.dates import find_dates
from claims.language.detect import detect_language
from claims.language.hedges import find_hedges
from claims.language.sentences import split_sentences


def _pieces(spec: str) -> list[str]:
    return spec.split("|")


# Pieces that reach the interesting paths: numbers, units, qualifiers, months, cues, typography.
PIECES = _pieces(
    "300 milliards de dollars|4,5|1,200|2\u202f000|$4.2bn|£2m|€3.5 million|77 %|+77\u00a0%|jusqu’à|jusqu'à|"
    "environ|près de|au moins|plus de|moins de|up to|about|at least|more than|less than|between|entre|et|and|"
    "à|to|-|GW|MW|TWh|gigawatts|emplois|jobs|people|homes|ans|years|five-year|trois cents millions|"
    "une quarantaine de|a million|le 12 mars|en 2027|d’ici 2030|by 2028|début 2025|mi-2026|fin 2030|Q3 2025|"
    "H2 2026|T3|au premier trimestre|second half of|September 10, 2025|mercredi|on Monday|l'an prochain|"
    "next year|cette année|May|mars|Selon le Wall Street Journal|d'après|according to|said|a indiqué|"
    "the company said|people familiar with the matter|préparerait|pourrait|aurait signé|s’apprêterait|could|"
    'may|reportedly|is expected to|des incertitudes subsistent|M.|U.S.|etc.|«|»|“|”|"|(|)|—|…|...|?|!|.|,|:|;|'
    "\n|\n\n| |\u00a0|\u202f|’|'|OpenAI|Oracle|0|9|2025|1er"
)

texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=40).map(" ".join)
SOURCES = (KnownSource("wsj", ("The Wall Street Journal",)), KnownSource("oracle", ("Oracle",)))
REFERENCE = dt.date(2025, 9, 11)


def _exact(text, items):
    for item in items:
        assert text[item.start : item.end] == item.as_stated


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, language=st.sampled_from(["fr", "en"]))
def test_offsets_are_exact_on_any_text(text, language):
    for start, end in split_sentences(text, language):
        assert 0 <= start < end <= len(text)
    _exact(text, find_amounts(text, language))
    _exact(text, find_dates(text, language, reference=REFERENCE))
    _exact(text, find_attributions(text, language, sources=SOURCES))
    _exact(text, find_hedges(text, language))
    for candidate in find_candidates(text, language=language, published_on=REFERENCE, sources=SOURCES, min_score=0):
        assert text[candidate.start : candidate.end] == candidate.text
        _exact(text, candidate.amounts + candidate.dates + candidate.hedges)


@settings(max_examples=30, deadline=None, database=None)
@given(text=texts)
def test_detection_never_raises(text):
    assert detect_language(text) is None or isinstance(detect_language(text), str)
