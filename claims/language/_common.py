"""Small helpers shared by the extractors: character classes for the typography of pasted news
text, regex templates (`rx`), word lists, accent folding for matching names, and overlap resolution
between found spans."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

# Pasted articles mix straight and typographic apostrophes; French puts (narrow) no-break spaces
# before % ; : ? ! » and inside large numbers. Patterns use these classes instead of normalizing the
# text, so that match offsets are offsets into the caller's text.
APOS = "['’ʼ]"
HSPACE = r"[^\S\n]"  # any horizontal white space, no-break ones included; never a line break

T = TypeVar("T")


def words(text: str) -> list[str]:
    """The words of a whitespace-separated list: long word lists read better as one string."""
    return text.split()


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
