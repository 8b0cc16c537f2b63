"""Sentence splitting with exact offsets, for French and English news text.

A blank line always ends a sentence. A line without final punctuation followed by a line break is a
heading and is a sentence of its own; other single line breaks inside a paragraph are read as spaces
(hard-wrapped text). Inside a paragraph a sentence ends at . ! ? … (and any closing quotes or brackets
after them) followed by white space and a capital, a digit or an opening quote, except after
abbreviations ("M.", "Mr.", "Dr.", "Sept."), after initials ("U.S.", "J.") unless the next word is a
usual sentence opener ("The", "Le"), and inside a quotation that closes in the same paragraph
(« … », “ … ”, "…"). Decimals ("4,5", "4.5") never split because no space follows the mark.
"""

from __future__ import annotations

import regex

from claims.language._common import HSPACE, words

_BLANK_LINE = regex.compile(r"\n" + HSPACE + r"*\n\s*")
_LINE_BREAK = regex.compile(r"\n")
# Closing marks after the final punctuation; only French guillemets and curly closers may follow a
# space, because a straight quote after a space opens the next sentence.
_TERMINATOR = regex.compile(r"(?:\.{3}|[.!?…])+(?:[”\"’')\]]|" + HSPACE + r"*[»”])*")
_FINAL_PUNCTUATION = regex.compile(r"[.!?…:;»”\"’')\]]$")
_NEXT_START = regex.compile(r"\s+(?=[\p{Lu}\p{N}«“\"'‘(\[—–-])")
_TOKEN_BEFORE_DOT = regex.compile(r"([\p{L}\p{N}.’'-]+)\.$")
_INITIALISM = regex.compile(r"^(?:\p{L}\.-?)*\p{L}$")
_NEXT_WORD = regex.compile(r"\s*[«“\"'‘(]?\s*([\p{L}’']+)")

# Abbreviations that are followed by a name or a number and practically never end a sentence.
_NEVER_FINAL = frozenset(
    words("""M MM Mme Mmes Mlle Mlles Mgr Me Pr Dr Drs Mr Mrs Ms Messrs Prof St Ste Sr Jr Gen Gov Sen Rep Lt Col
    Capt Sgt Hon Rev Fr vs cf p pp n No no Nos nos art av bd env approx ca fig vol chap éd ed op ibid al
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec janv févr avr juil sept oct nov déc e.g i.e
    ex réf tél""")
)
# Abbreviations that may end a sentence: split only before a usual sentence opener.
_MAYBE_FINAL = frozenset(words("Inc Corp Ltd Co Cie Bros Plc plc LLC Ltée"))
_OPENERS = frozenset(
    words("""The A An It Its He She They We I This That These Those There In On At For But And However Yet
    So Still After Before While When Meanwhile According Le La Les L’ L' Un Une Des Il Elle Ils Elles
    On Ce Cette Ces Cet Mais En Dans Pour Selon Depuis Après Avant Avec Pourtant Toutefois Enfin
    Ainsi Son Sa Ses Leur Leurs""")
)
_OPEN_CLOSE = {"«": "»", "“": "”"}
# A quotation longer than this is probably unbalanced or multi-paragraph: split inside it as usual.
_MAX_QUOTE = 600


def split_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of text, in order, without surrounding white space.

    `language` is accepted for symmetry with the other extractors; the rules cover French and English
    together because pasted articles mix them (quotes, names)."""
    spans: list[tuple[int, int]] = []
    for seg_start, seg_end in _segments(text):
        spans.extend(_split_segment(text, seg_start, seg_end))
    return spans


def _segments(text: str) -> list[tuple[int, int]]:
    """Stretches that no sentence crosses: paragraphs, cut further after headings and after lines
    that end with final punctuation."""
    segments: list[tuple[int, int]] = []
    para_start = 0
    for blank in [*_BLANK_LINE.finditer(text), None]:
        para_end = blank.start() if blank else len(text)
        segments.extend(_lines(text, para_start, para_end))
        if blank:
            para_start = blank.end()
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in segments) if e > s]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for br in _LINE_BREAK.finditer(text, start, end):
        line = text[piece_start : br.start()].rstrip()
        following = text[br.end() : end].lstrip()
        if not line or not following:
            continue
        last_line = line.rsplit("\n", 1)[-1]
        ends_sentence = bool(_FINAL_PUNCTUATION.search(last_line))
        heading = not ends_sentence and not last_line.endswith((",", "-", "–", "—")) and _starts_sentence(following)
        if ends_sentence or heading:
            pieces.append((piece_start, br.start()))
            piece_start = br.end()
    pieces.append((piece_start, end))
    return pieces


def _starts_sentence(fragment: str) -> bool:
    first = fragment[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "«“\"'‘([—–-•*")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quoted_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inner ranges of quotations that open and close inside the segment."""
    ranges: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight_open: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN_CLOSE:
            stack.append((_OPEN_CLOSE[ch], i))
        elif stack and ch == stack[-1][0]:
            _closer, opened = stack.pop()
            if i - opened <= _MAX_QUOTE:
                ranges.append((opened + 1, i))
        elif ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                if i - straight_open <= _MAX_QUOTE:
                    ranges.append((straight_open + 1, i))
                straight_open = None
    return ranges


def _split_segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    quoted = _quoted_ranges(text, start, end)
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for term in _TERMINATOR.finditer(text, start, end):
        boundary = term.end()
        gap = _NEXT_START.match(text, boundary, end)
        if not gap:
            continue
        mark_end = term.start() + len(term.group().rstrip("»”\"’')] \u00a0\u202f\t"))
        if any(q_start <= term.start() < q_end and boundary <= q_end for q_start, q_end in quoted):
            continue
        if not _is_final(text, sentence_start, term.start(), mark_end, gap.end()):
            continue
        spans.append(_strip(text, sentence_start, boundary))
        sentence_start = gap.end()
    spans.append(_strip(text, sentence_start, end))
    return [s for s in spans if s[1] > s[0]]


def _is_final(text: str, sentence_start: int, mark_start: int, mark_end: int, next_start: int) -> bool:
    mark = text[mark_start:mark_end]
    if mark != ".":
        return True  # ! ? … and "..." before a capital end the sentence
    token_match = _TOKEN_BEFORE_DOT.search(text, sentence_start, mark_end)
    if not token_match:
        return True
    token = token_match.group(1).lstrip("’'-")
    if token in _NEVER_FINAL:
        return False
    if token in _MAYBE_FINAL or _INITIALISM.match(token):
        following = _NEXT_WORD.match(text, next_start)
        return bool(following) and following.group(1) in _OPENERS
    return True
