"""Language detection for pasted articles: which language the extractors should read the text in.

py3langid ships its model inside the package, so detection works offline; the model is loaded on the
first call (about a second), not at import.
"""

from __future__ import annotations

import regex

_LETTER = regex.compile(r"\p{L}")
_WORD = regex.compile(r"\p{L}{2,}")

# Below this, py3langid's guesses on news fragments ("OpenAI", "2027", a byline) are noise.
MIN_LETTERS = 12
MIN_WORDS = 3


def _classify(text: str) -> str:
    # Imported here: py3langid decompresses its model on first use, which callers that only split
    # sentences or find amounts should not pay for.
    import py3langid

    language, _score = py3langid.classify(text)
    return language


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ("fr", "en", or another code py3langid knows), or
    None when the text has too few words to judge."""
    if len(_LETTER.findall(text)) < MIN_LETTERS or len(_WORD.findall(text)) < MIN_WORDS:
        return None
    return _classify(text)
