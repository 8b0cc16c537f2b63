"""Known names in a text: which of the sources a newsroom already recorded (outlets, companies, people) a
passage names, found word by word against an index of their folded names, so that the cost grows with the
text and not with the number of sources."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from claims.language._common import fold

# A name of a source is matched as whole words: "Oracle" in "Oracle's", never in "Oracles". An apostrophe
# separates words ("l'OpenAI", "Oracle's"), as it does in the names themselves ("O'Neil" is "O" "Neil").
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[&.-][\p{L}\p{N}]+)*")
_LEADING_ARTICLES = frozenset({"the", "le", "la", "les", "l"})
MAX_NAME_WORDS = 6


def _key(words: Sequence[str]) -> tuple[str, ...]:
    folded = [fold(word) for word in words]
    while folded and folded[0] in _LEADING_ARTICLES:
        folded = folded[1:]
    return tuple(folded)


class NameIndex:
    """Names of known sources, each mapped to its key (a slug). Names shorter than three letters are left
    out: "AI" or "GE" would be found in too many passages to mean anything."""

    def __init__(self, names: Sequence[tuple[str, str]]):
        self._names: dict[tuple[str, ...], str] = {}
        for key, name in names:
            words = _key(_WORD.findall(name))
            if words and len("".join(words)) >= 3 and len(words) <= MAX_NAME_WORDS:
                self._names.setdefault(words, key)

    def __len__(self) -> int:
        return len(self._names)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every known name in `text`, longest first where names overlap, in text order."""
        tokens = list(_WORD.finditer(text))
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(tokens):
            if fold(tokens[i].group()) in _LEADING_ARTICLES:
                i += 1  # names are indexed without their article: a match starts at the name itself
                continue
            for size in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
                key = self._names.get(_key([t.group() for t in tokens[i : i + size]]))
                if key is not None:
                    found.append((tokens[i].start(), tokens[i + size - 1].end(), key))
                    i += size
                    break
            else:
                i += 1
        return found
