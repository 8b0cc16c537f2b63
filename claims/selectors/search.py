"""Full-text search over claims: the words as stated (`text`), the English rendering (`text_en`) and
the `summary`.

What a query means, on SQLite and on PostgreSQL alike:
- The query is cut into words: runs of letters and digits. Everything else (spaces, punctuation,
  apostrophes, quotes, hyphens, FTS operators such as AND, OR, NOT, NEAR, *, ^, :, parentheses) only
  separates words; it is never read as syntax. "jusqu’à" is the two words "jusqu" and "a".
- Case and diacritics do not matter: "Démarre", "demarre" and "DÉMARRÉ" are the same word.
- Every word must occur (AND), in any of the three fields; order and distance do not matter.
- Each word also finds the longer words it begins: "gigawatt" finds "gigawatts", "milliard" finds
  "milliards". There is no stemming in either language, so this prefix rule is what finds plurals.
- A query with no word in it (empty, blanks, punctuation only) leaves the queryset unchanged.
- Results are not ranked: the caller's ordering stands.

How: SQLite uses the FTS5 table `claims_claim_fts` (migration 0003) and PostgreSQL the stored column
`search_document = claims_search_document(text, text_en, summary)` with its GIN index (migration 0005).
The function, from migration 0003, folds case, diacritics and punctuation with a table that makes
PostgreSQL cut and fold words as SQLite's unicode61 tokenizer does; the query's words are folded here
with that same table. Letters outside the Latin, Greek and Cyrillic blocks are lower-cased but not
folded; emoji and rare symbols may split words differently on the two databases.
"""

from __future__ import annotations

import importlib
import re
import unicodedata

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from claims.models import Claim

_migration = importlib.import_module("claims.migrations.0003_claim_search")
# The index and the query must fold words identically: read the table the index was built with.
_FOLD = str.maketrans(_migration.FOLD_FROM, _migration.FOLD_TO)
_WORD = re.compile(r"[^\W_]+")
# A reader's query is a few words; a pasted page is not a query. Bounds keep the SQL small.
MAX_WORDS = 16
MAX_WORD_LENGTH = 64


def fold_words(text: str) -> list[str]:
    """Every word of `text`, cut and folded as both databases index it."""
    return _WORD.findall(unicodedata.normalize("NFC", text or "").translate(_FOLD).lower())


def query_words(query: str) -> list[str]:
    """The words a query searches for: folded, without duplicates, in order, within the bounds."""
    words: list[str] = []
    for word in fold_words(query):
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def search_claims(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow a Claim queryset to the claims matching every word of `query` (see the module docstring).

    The result is still a queryset: filter, order, paginate and count it as usual.
    """
    words = query_words(query)
    if not words:
        return queryset
    if queryset.model is not Claim:
        raise TypeError("search_claims() searches a Claim queryset.")
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        # Words hold letters and digits only, so ':*' (prefix) and '&' are the only operators present.
        tsquery = " & ".join(f"{word}:*" for word in words)
        # The stored document (migration 0005): computed on write, read here at the cost of a column.
        matches = RawSQL(
            """"claims_claim"."search_document" @@ to_tsquery('simple'::regconfig, %s)""",
            [tsquery],
            output_field=BooleanField(),
        )
        return queryset.filter(matches)
    if vendor == "sqlite":
        # Each word quoted as an FTS5 string, so nothing in it can be read as an operator.
        match = " AND ".join(f'"{word}"*' for word in words)
        return queryset.filter(
            pk__in=RawSQL("SELECT rowid FROM claims_claim_fts WHERE claims_claim_fts MATCH %s", [match])
        )
    raise NotImplementedError(f"Full-text search is implemented for SQLite and PostgreSQL, not {vendor}.")


def claims_sharing_rare_words(words: list[str], *, per_word: int, using: str = "default") -> dict[int, int]:
    """For the words of `words` that at most `per_word` claims hold (drafts included: callers narrow them),
    how many of those words each such claim holds. A word more claims hold is left out: it says little about
    which claim this is, and ranking every claim that holds a common word is what makes a search slow. One
    query; each word reads at most `per_word` + 1 entries of the full-text index."""
    words = [word for word in dict.fromkeys(fold_words(" ".join(words))) if word][:MAX_WORDS]
    if not words:
        return {}
    vendor = connections[using].vendor
    if vendor == "postgresql":
        # Each word alone, quoted as a plain lexeme: it holds letters and digits only.
        part = (
            "(SELECT id, %s AS word FROM claims_claim"
            " WHERE search_document @@ to_tsquery('simple'::regconfig, %s) LIMIT %s)"
        )
        params = [value for i, word in enumerate(words) for value in (i, word, per_word + 1)]
    elif vendor == "sqlite":
        part = (
            "SELECT * FROM (SELECT rowid AS id, %s AS word FROM claims_claim_fts"
            " WHERE claims_claim_fts MATCH %s LIMIT %s)"
        )
        params = [value for i, word in enumerate(words) for value in (i, f'"{word}"', per_word + 1)]
    else:
        raise NotImplementedError(f"Full-text search is implemented for SQLite and PostgreSQL, not {vendor}.")
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join([part] * len(words)), params)
        rows = cursor.fetchall()
    by_word: dict[int, list[int]] = {}
    for claim_id, word in rows:
        by_word.setdefault(word, []).append(claim_id)
    shared: dict[int, int] = {}
    for ids in by_word.values():
        if len(ids) <= per_word:
            for claim_id in ids:
                shared[claim_id] = shared.get(claim_id, 0) + 1
    return shared
