"""Small helpers shared by the extractors: which rules a language gets, character classes for the
typography of pasted news text, regex templates (`rx`, `alternation`, `whole_words`), word lists,
accent folding for matching names, sentence bounds around a position, and overlap resolution between
found spans."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import regex

# Pasted articles mix straight and typographic apostrophes; French puts (narrow) no-break spaces
# before % ; : ? ! » and inside large numbers. Patterns use these classes instead of normalizing the
# text, so that match offsets are offsets into the caller's text.
APOS = "['’ʼ]"
HSPACE = r"[^\S\n]"  # any horizontal white space, no-break ones included; never a line break

# What ends a sentence or a clause for the extractors that look around a figure or a date; the
# sentence splitter has finer rules, but these only need "not past the previous full stop".
SENTENCE_EDGES = ".!?;\n"
_SENTENCE_EDGE = regex.compile("[" + regex.escape(SENTENCE_EDGES) + "]")

T = TypeVar("T")


def rules_language(language: str) -> str:
    """The rule set a language is read with: French for "fr", English for any other (see docs/intake.md)."""
    return "fr" if language == "fr" else "en"


def words(text: str) -> list[str]:
    """The words of a whitespace-separated list: long word lists read better as one string."""
    return text.split()


def alternation(choices: Iterable[str]) -> str:
    """Alternatives for a regex, longest first so that "millions" is tried before "million"."""
    return "|".join(sorted((regex.escape(w) for w in choices), key=len, reverse=True))


def whole_words(pattern: str) -> regex.Pattern:
    """`pattern` compiled case-insensitively, matching only where no letter or digit touches either end."""
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + pattern + r")(?![\p{L}\p{N}])", regex.IGNORECASE)


def sentence_bounds(text: str, start: int, end: int, *, reach: int | None = None) -> tuple[int, int]:
    """From just after the last sentence edge before `start` to the first one at or after `end` (or the
    text's ends); with `reach`, the left bound is at most that many characters before `start`."""
    floor = 0 if reach is None else max(0, start - reach)
    # str.rfind per edge character: the same bound as walking back one character at a time, in C.
    left = max(floor, max(text.rfind(edge, floor, start) for edge in SENTENCE_EDGES) + 1)
    right = _SENTENCE_EDGE.search(text, end)
    return left, right.start() if right else len(text)


def fold(text: str) -> str:
    """Lower case without diacritics, typographic apostrophes made straight: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def non_overlapping(items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """Keep the earliest-starting, then longest, of overlapping items; result in text order."""
    ordered = sorted(items, key=lambda it: (span(it)[0], -(span(it)[1] - span(it)[0])))
    kept: list[T] = []
    last_end = -1
    for item in ordered:
        start, end = span(item)
        if start >= last_end:
            kept.append(item)
            last_end = end
    return kept


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside_any(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


_PLACEHOLDER = re.compile(r"⟨(\w+)⟩")


def rx(template: str, **fragments: str) -> str:
    """Regex source from a template: ⟨s⟩ is one horizontal space (no-break ones included), ⟨a⟩ an
    apostrophe (straight or typographic), ⟨name⟩ the fragment passed as `name`. Templates keep long
    patterns readable on a few lines instead of long chains of string concatenation."""

    def expand(match: re.Match) -> str:
        key = match.group(1)
        if key == "s":
            return HSPACE
        if key == "a":
            return APOS
        return fragments[key]

    return _PLACEHOLDER.sub(expand, template)
